/**
 * Which listing applies to a specimen (cites-rules.md §4.2): walk from the taxon up its
 * classification; the first level with an entry in force that takes in the specimen's
 * population decides (with the origin unknown, a level that names its populations only is
 * weighed against the broader entry above it, and the stricter wins). A named population
 * beats "all populations except…", which beats the whole taxon; an exception on a
 * higher-taxon entry removes the taxon from that entry; the entry's specimen coverage then
 * decides parts, derivatives and deemed-Appendix-I.
 */
import type { Appendix, Purpose, Source } from './contract/codes.js';
import type { SnapshotListing } from './contract/snapshot.js';
import { inForce, namesSomePopulations, scopeMatch, type EngineData, type ListingEntry } from './data.js';

export interface Specimen {
  readonly term: string | undefined;
  /** For a retired term code: the code that replaced it (annotations and quotas may use either). */
  readonly termAlias?: string;
  /** The source the rules read (F counts as W, an inconsistent code as W, ...). */
  readonly source: Source;
  /** The source declared, when the rules read it as another. */
  readonly declaredSource?: Source;
  readonly purpose: Purpose;
}

export type ResolutionNote =
  | 'origin-unknown-split-listing'
  | 'population-partly-listed'
  | 'listing-start-unknown'
  | 'term-needed-for-coverage'
  | 'overlapping-entries'
  | 'exclusion-population-unknown';

export type Resolution =
  | {
      listed: true;
      entry: ListingEntry;
      /** The Appendix whose rules apply (Appendix I when the annotation deems it so). */
      appendix: Appendix;
      deemedAppendixI: boolean;
      inherited: boolean;
      /** Appendix III: listing Parties of every entry that covers the specimen. */
      listingParties: string[];
      notes: ResolutionNote[];
      /** The wording of populations the origin may or may not belong to (with 'population-partly-listed'). */
      populationTexts?: string[];
    }
  | {
      listed: false;
      why: 'no-listing' | 'excluded' | 'not-covered';
      /** The entry that excluded the taxon or did not cover the part. */
      entry: ListingEntry | null;
      notes: ResolutionNote[];
      populationTexts?: string[];
    };

const STRICTNESS: Record<Appendix, number> = { I: 0, II: 1, III: 2 };

type Coverage = 'covered' | 'not-covered' | 'appendix-I';

type Clause = NonNullable<NonNullable<SnapshotListing['specimens']>['only']>[number];

function clauseMatches(c: Clause, s: Specimen): boolean {
  return (
    (c.terms === undefined || (s.term !== undefined && (c.terms.includes(s.term) || (s.termAlias !== undefined && c.terms.includes(s.termAlias))))) &&
    (c.sources === undefined || c.sources.includes(s.source)) &&
    (c.purposes === undefined || c.purposes.includes(s.purpose))
  );
}

/** Art. I(b), Interp. §7, R3, R17: is this part/derivative covered, not covered, or deemed App. I? */
function coverage(specimens: SnapshotListing['specimens'], s: Specimen, notes: ResolutionNote[]): Coverage {
  if (specimens === null) return 'covered';
  const clauses = specimens.only ?? specimens.except ?? [];
  let matched = false;
  let undecided = false;
  for (const c of clauses) {
    if (c.terms !== undefined && s.term === undefined) {
      undecided = true;
      continue;
    }
    if (clauseMatches(c, s)) {
      matched = true;
      break;
    }
  }
  if (specimens.only !== undefined ? matched : !matched) {
    if (undecided && specimens.except !== undefined) notes.push('term-needed-for-coverage');
    return 'covered';
  }
  if (undecided) {
    // Without a term the annotation cannot be applied: take the stricter reading.
    notes.push('term-needed-for-coverage');
    return specimens.otherwise === 'appendix-I' ? 'appendix-I' : 'covered';
  }
  return specimens.otherwise;
}

function isExcluded(e: ListingEntry, below: readonly number[], country: string | null, notes: ResolutionNote[]): boolean {
  for (const t of below) {
    if (!e.excluded!.has(t)) continue;
    const scope = e.excluded!.get(t)!;
    if (scope === null) return true;
    const match = country === null ? 'maybe' : scopeMatch(scope, country);
    if (match === 'maybe') {
      notes.push('exclusion-population-unknown');
      return false; // the origin may be outside the exception: stay within the listing
    }
    return match === 'yes';
  }
  return false;
}

function choose(
  candidates: ListingEntry[],
  taxon: number,
  country: string | null,
  s: Specimen,
  notes: ResolutionNote[],
  /** Weigh every candidate (strictest wins) although the origin is known: some may not apply. */
  weighAll = false,
): Resolution {
  if (candidates.length === 1 && candidates[0]!.appendix !== 'III') return decideEntry(candidates[0]!, taxon, s, notes);
  let pool = candidates.filter((e) => e.appendix !== 'III');
  if (pool.length === 0) {
    // Appendix III: every listing Party's entry that covers the specimen counts (Art. V, Interp. §6).
    const covering = candidates.filter((e) => coverage(e.source.specimens, s, notes) !== 'not-covered');
    if (covering.length === 0) return { listed: false, why: 'not-covered', entry: candidates[0]!, notes };
    const parties = [...new Set(covering.flatMap((e) => (e.party === null ? [] : [e.party])))].sort();
    const entry = covering[0]!;
    return { listed: true, entry, appendix: 'III', deemedAppendixI: false, inherited: entry.taxon !== taxon, listingParties: parties, notes };
  }
  if (country === null || weighAll) {
    if (!weighAll && pool.some((e) => e.populations !== null) && new Set(pool.map((e) => e.appendix)).size > 1) {
      notes.push('origin-unknown-split-listing');
    }
  } else {
    const best = Math.max(...pool.map((e) => e.specificity));
    pool = pool.filter((e) => e.specificity === best);
  }
  if (pool.length > 1) {
    if (country !== null && new Set(pool.map((e) => e.appendix)).size > 1) notes.push('overlapping-entries');
    pool.sort((a, b) => STRICTNESS[a.appendix] - STRICTNESS[b.appendix]);
  }
  return decideEntry(pool[0]!, taxon, s, notes);
}

/** The chosen entry's verdict on this specimen: covered, deemed Appendix I, or not covered. */
function decideEntry(entry: ListingEntry, taxon: number, s: Specimen, notes: ResolutionNote[]): Resolution {
  const cov = coverage(entry.source.specimens, s, notes);
  if (cov === 'not-covered') return { listed: false, why: 'not-covered', entry, notes };
  return {
    listed: true,
    entry,
    appendix: cov === 'appendix-I' ? 'I' : entry.appendix,
    deemedAppendixI: cov === 'appendix-I' && entry.appendix !== 'I',
    inherited: entry.taxon !== taxon,
    listingParties: [],
    notes,
  };
}

/**
 * Resolves the listing of `taxon` for a specimen originating in `country` (null when the
 * origin is unknown: split listings then take their strictest entry) on `date`.
 */
export function resolveListing(data: EngineData, taxon: number, country: string | null, s: Specimen, date: string): Resolution {
  const texts: string[] = [];
  const r = resolveFrom(data, taxon, taxon, [], country, s, date, [], texts);
  if (texts.length) r.populationTexts = [...new Set(texts)];
  return r;
}

/** How a partly-listed population is worded, for the warning. */
function populationWording(e: ListingEntry, country: string): string {
  const text = e.populations?.text;
  const scope = text ?? `only part of the population of ${country}`;
  return `${e.appendix === 'III' ? 'Appendix III' : `Appendix ${e.appendix}`}: ${scope}`;
}

/** How strict a resolution is: Appendix I first, not listed last. */
const strictness = (r: Resolution) => (r.listed ? STRICTNESS[r.appendix] : 3);

/** Whether every entry names the populations it takes in (so others fall to a broader entry). */
const onlyNamedPopulations = (entries: readonly ListingEntry[]) => entries.every((e) => namesSomePopulations(e.populations));

function resolveFrom(
  data: EngineData,
  taxon: number,
  start: number,
  below: number[],
  country: string | null,
  s: Specimen,
  date: string,
  notes: ResolutionNote[],
  texts: string[],
): Resolution {
  // An exclusion takes the taxon out of that entry only: a broader entry higher up still
  // applies (cites-rules §4.2); with none, the taxon is not listed, and says which excluded it.
  let excludedBy: ListingEntry | null = null;
  for (let t = start; t !== -1; t = data.taxa[t]!.parent) {
    const entries = data.listingsByTaxon.get(t);
    if (entries !== undefined) {
      let candidates: ListingEntry[] | null = null;
      let maybe: ListingEntry[] | null = null;
      let certain = false;
      for (const e of entries) {
        // An entry whose start the sources do not give may already apply before its date.
        const early = !inForce(e.from, e.to, date) && e.mayFrom !== null && e.mayFrom <= date && date < e.from;
        if (!early && !inForce(e.from, e.to, date)) continue;
        if (e.excluded !== null && isExcluded(e, below, country, notes)) {
          excludedBy ??= e;
          continue;
        }
        let match = e.populations !== null && country !== null ? scopeMatch(e.populations, country) : 'yes';
        if (match === 'no') continue;
        if (early) {
          notes.push('listing-start-unknown');
          texts.push(`Appendix ${e.appendix} of ${data.taxa[e.taxon]!.name}: in force from ${e.from}, may apply from ${e.mayFrom}`);
          match = 'maybe';
        }
        if (match === 'maybe') (maybe ??= []).push(e);
        else certain = true;
        (candidates ??= []).push(e);
      }
      if (candidates !== null) {
        if (maybe !== null) {
          // The origin may or may not belong to a population an entry names (a province, a
          // stock, a region crossing a border, a wording not read as countries), or the entry
          // may not have begun yet: weigh the entries that may apply, and the broader one if
          // none certainly does; the stricter wins.
          for (const e of maybe) {
            if (e.populations === null || country === null || scopeMatch(e.populations, country) !== 'maybe') continue;
            notes.push('population-partly-listed');
            texts.push(populationWording(e, country));
          }
          const here = choose(candidates, taxon, country, s, notes, true);
          if (certain) return here;
          const above = resolveFrom(data, taxon, data.taxa[t]!.parent, [...below, t], country, s, date, notes, texts);
          return strictness(above) < strictness(here) ? above : here;
        }
        const here = choose(candidates, taxon, country, s, notes);
        if (country !== null || !onlyNamedPopulations(candidates)) return here;
        // Origin unknown and this level lists named populations only (e.g. southern white
        // rhino of ZA and SZ in App. II): the specimen may belong to any other population,
        // which a broader entry decides (Rhinocerotidae, App. I). The stricter one applies.
        const above = resolveFrom(data, taxon, data.taxa[t]!.parent, [...below, t], country, s, date, notes, texts);
        if (strictness(above) === strictness(here)) return here;
        notes.push('origin-unknown-split-listing');
        return strictness(above) < strictness(here) ? above : here;
      }
    }
    below.push(t);
  }
  return excludedBy === null ? { listed: false, why: 'no-listing', entry: null, notes } : { listed: false, why: 'excluded', entry: excludedBy, notes };
}

/**
 * Date of the first inclusion of the taxon in any Appendix, through its own entries or
 * a higher taxon's that did not except it (Art. VII(2), Res. Conf. 13.6: the
 * pre-Convention date). Null if it was never listed.
 */
export function firstListedOn(data: EngineData, taxon: number): string | null {
  const memo = data.firstListed.get(taxon);
  if (memo !== undefined) return memo;
  let first: string | null = null;
  const below: number[] = [];
  for (let t = taxon; t !== -1; t = data.taxa[t]!.parent) {
    for (const e of data.listingsByTaxon.get(t) ?? []) {
      const excludedWhole = below.some((b) => e.excluded?.has(b) && e.excluded.get(b) === null);
      const earliest = e.mayFrom ?? e.from; // the earliest it may have begun: the stricter reading
      if (!excludedWhole && (first === null || earliest < first)) first = earliest;
    }
    below.push(t);
  }
  data.firstListed.set(taxon, first);
  return first;
}
