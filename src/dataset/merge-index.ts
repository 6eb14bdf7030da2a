/**
 * The Checklist Index (2017-04-21) gives the listings in force on its date, without dates.
 * Merged into the dated timeline on that day: an Index entry that matches an entry already
 * in force (same Appendix, Party and countries) continues it, keeping the date it started,
 * and takes the Index's wording, annotation and coverage (the newer statement of it); an
 * Appendix III entry without a Party (the Index does not name it) takes the Parties of the
 * entries in force. An Index entry with no match starts on the Index date (its real date is
 * unknown: reported); an entry in force that the Index no longer has ends on that date.
 */
import type { BundleListing } from '../contract/bundle.js';
import { narrowStart } from '../store/listing-start.js';
import type { TaxonBook } from './taxon-book.js';
import { sameCountries, type Entry, type Timeline } from './timeline.js';

export interface MergeStats {
  continued: number;
  startedOnIndexDate: string[];
  endedOnIndexDate: string[];
}

const sameParty = (a: BundleListing, b: BundleListing) => (a.party ?? null) === (b.party ?? null);

function takeContent(o: Entry, i: Entry): void {
  o.populations = i.populations ?? o.populations;
  o.excludedTaxa = i.excludedTaxa;
  o.annotation = i.annotation ?? o.annotation;
  o.hashAnnotation = i.hashAnnotation ?? o.hashAnnotation;
  o.hashAnnotationText = i.hashAnnotationText ?? o.hashAnnotationText;
  o.specimens = i.specimens ?? o.specimens;
}

/**
 * `index` holds the Index's own entries per taxon key. Taxa that only inherit their listing in
 * the Index (no own entry) but had own entries in force keep the higher taxon's listing: their
 * own entries end quietly when an ancestor lists them in the same Appendix.
 */
export function mergeIndex(
  timeline: Timeline,
  book: TaxonBook,
  index: Map<string, Entry[]>,
  date: string,
  listedThroughAncestor: (key: string, appendix: string) => boolean,
  /** The day up to which the dated history knows a taxon's listings (null: it does not know the taxon). */
  knownUntil: (key: string) => string | null,
): MergeStats {
  const stats: MergeStats = { continued: 0, startedOnIndexDate: [], endedOnIndexDate: [] };
  const keys = new Set([...index.keys(), ...timeline.taxa()]);
  for (const key of keys) {
    const incoming = index.get(key) ?? [];
    // What was known before the merge (an entry in force has no end yet: its end is not known).
    const known = timeline.entries(key).map((e) => ({ ...e }));
    const open = timeline.openOn(key, date);
    const matched = new Set<Entry>();
    const fresh: Entry[] = [];
    // Entries that name their Party first; an Appendix III entry without one takes the Parties left.
    const ordered = [...incoming].sort((a, b) => Number(a.appendix === 'III' && a.party === null) - Number(b.appendix === 'III' && b.party === null));
    for (const i of ordered) {
      if (i.appendix === 'III' && i.party === null) {
        const parties = open.filter((o) => o.appendix === 'III' && !matched.has(o));
        for (const o of parties) {
          matched.add(o);
          takeContent(o, i);
        }
        if (parties.length) stats.continued += parties.length;
        else fresh.push(i);
        continue;
      }
      const sameAppendix = open.filter((o) => !matched.has(o) && o.appendix === i.appendix && sameParty(o, i));
      // The same countries; or the one entry of that Appendix on each side (a wording refined).
      const o =
        sameAppendix.find((x) => sameCountries(x.populations, i.populations)) ??
        (sameAppendix.length === 1 && incoming.filter((x) => x.appendix === i.appendix).length === 1 ? sameAppendix[0] : undefined);
      if (o) {
        matched.add(o);
        if (!sameCountries(o.populations, i.populations)) {
          // The scope changed on a date the sources do not give: the old one runs to the Index date.
          timeline.cut(key, date, (x) => x === o);
          fresh.push(i);
        } else {
          takeContent(o, i);
          stats.continued++;
        }
      } else fresh.push(i);
    }
    for (const o of open) {
      if (matched.has(o)) continue;
      timeline.cut(key, date, (x) => x === o);
      if (!listedThroughAncestor(key, o.appendix)) stats.endedOnIndexDate.push(`${book.refOf(key)} (Appendix ${o.appendix}${o.party ? `, ${o.party}` : ''})`);
    }
    const horizon = knownUntil(key);
    for (const i of fresh) {
      // It began after the last state the sources confirm for the taxon (its history's horizon at least).
      let mayStartFrom = narrowStart({ ...i, effectiveFrom: date, mayStartFrom: i.mayStartFrom ?? '1975-07-01' }, known);
      if (mayStartFrom !== null && horizon !== null && mayStartFrom <= horizon) mayStartFrom = horizon < date ? horizon : null;
      timeline.add(key, { ...i, effectiveFrom: date, effectiveTo: null, mayStartFrom });
      stats.startedOnIndexDate.push(`${book.refOf(key)} (Appendix ${i.appendix}${i.party ? `, ${i.party}` : ''})`);
    }
  }
  return stats;
}
