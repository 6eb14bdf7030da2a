/**
 * The listing entries of every taxon over time, as the default dataset is composed: the
 * dated history, then each change applied on its date. A change says what a taxon's own
 * entries are from a date on, so applying it cuts every entry of the taxon that runs past
 * that date (changes are applied in date order, so later ones override earlier ones).
 */
import type { BundleListing, Populations } from '../contract/bundle.js';

export type Entry = BundleListing & { provenance: string };

export const inForceOn = (e: Pick<BundleListing, 'effectiveFrom' | 'effectiveTo'>, date: string) =>
  e.effectiveFrom <= date && (e.effectiveTo === null || date < e.effectiveTo);

/** Do two scopes name the same countries (their wording and partly aside)? */
export function sameCountries(a: Populations | null, b: Populations | null): boolean {
  const codes = (p: Populations | null) => JSON.stringify([[...(p?.include ?? [])].sort(), [...(p?.exclude ?? [])].sort()]);
  return codes(a) === codes(b);
}

export class Timeline {
  private readonly byTaxon = new Map<string, Entry[]>();

  entries(taxon: string): Entry[] {
    return this.byTaxon.get(taxon) ?? [];
  }

  taxa(): string[] {
    return [...this.byTaxon.keys()];
  }

  add(taxon: string, e: Entry): void {
    const list = this.byTaxon.get(taxon);
    if (list) list.push(e);
    else this.byTaxon.set(taxon, [e]);
  }

  /**
   * Ends the taxon's entries that `which` selects on `date`: an entry that started before
   * ends that day; one that starts on or after it is dropped (the change supersedes it).
   */
  cut(taxon: string, date: string, which: (e: Entry) => boolean = () => true): Entry[] {
    const list = this.byTaxon.get(taxon);
    if (!list) return [];
    const cut: Entry[] = [];
    const kept = list.filter((e) => {
      if (!which(e) || (e.effectiveTo !== null && e.effectiveTo <= date)) return true;
      cut.push(e);
      if (e.effectiveFrom >= date) return false;
      e.effectiveTo = date;
      return true;
    });
    this.byTaxon.set(taxon, kept);
    return cut;
  }

  /** Moves every entry of a taxon to another key (a rename). */
  rename(from: string, to: string): void {
    const list = this.byTaxon.get(from);
    if (!list) return;
    this.byTaxon.delete(from);
    for (const e of list) this.add(to, e);
  }

  set(taxon: string, entries: Entry[]): void {
    this.byTaxon.set(taxon, entries);
  }

  openOn(taxon: string, date: string): Entry[] {
    return this.entries(taxon).filter((e) => inForceOn(e, date));
  }
}

const STRICTNESS = { I: 0, II: 1, III: 2 } as const;
const scopeOf = (e: Entry) => `${e.party ?? ''}|${JSON.stringify([[...(e.populations?.include ?? [])].sort(), [...(e.populations?.exclude ?? [])].sort()])}`;
const endsAfter = (a: string | null, b: string | null) => (a === null ? b !== null : b !== null && a > b);

/**
 * Entries of one taxon with the same scope (Party, countries) must not overlap (a listing
 * applies once). The sources can disagree (names merged into one taxon, stocks stated only
 * in words): the same Appendix twice is one entry over both periods; two Appendices at once
 * keep the stricter over the overlap. Returns a line per conflict resolved, for the report.
 */
export function resolveOverlaps(taxon: string, list: Entry[]): { entries: Entry[]; resolved: string[] } {
  const resolved: string[] = [];
  let entries = [...list].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  for (let changed = true; changed; ) {
    changed = false;
    outer: for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const a = entries[i]!;
        const b = entries[j]!;
        if (scopeOf(a) !== scopeOf(b)) continue;
        const overlap = b.effectiveFrom < (a.effectiveTo ?? '9999') && a.effectiveFrom < (b.effectiveTo ?? '9999');
        if (!overlap) continue;
        changed = true;
        const what = `${taxon}: Appendix ${a.appendix} ${a.effectiveFrom}..${a.effectiveTo ?? ''} and Appendix ${b.appendix} ${b.effectiveFrom}..${b.effectiveTo ?? ''}`;
        if (a.appendix === b.appendix) {
          if (endsAfter(b.effectiveTo, a.effectiveTo)) a.effectiveTo = b.effectiveTo;
          entries = entries.filter((e) => e !== b);
          resolved.push(`${what}: one entry`);
        } else {
          const [strict, weak] = STRICTNESS[a.appendix] <= STRICTNESS[b.appendix] ? [a, b] : [b, a];
          const pieces: Entry[] = [];
          if (weak.effectiveFrom < strict.effectiveFrom) pieces.push({ ...weak, effectiveTo: strict.effectiveFrom });
          if (strict.effectiveTo !== null && endsAfter(weak.effectiveTo, strict.effectiveTo)) pieces.push({ ...weak, effectiveFrom: strict.effectiveTo });
          entries = [...entries.filter((e) => e !== weak), ...pieces].sort((x, y) =>
            x.effectiveFrom < y.effectiveFrom ? -1 : x.effectiveFrom > y.effectiveFrom ? 1 : 0,
          );
          resolved.push(`${what}: Appendix ${strict.appendix} kept over the overlap`);
        }
        break outer;
      }
    }
  }
  return { entries, resolved };
}
