/**
 * Checks shared by bundle imports and officers' single-record writes, so a listing is
 * held to the same rules whichever way it arrives.
 */
import type Database from 'better-sqlite3';
import type { BundleListing, SpecimenClause } from '../../contract/bundle.js';
import type { Kingdom } from '@cites-permit-check/engine/contract/codes';
import type { TaxonDirectory } from '../taxon-directory.js';
import type { ImportError } from '../types.js';
import { canonicalPopulations, naturalKey } from './canonical.js';
import { readListingRows, type ListingRow } from './rows.js';

export interface KnownCodes {
  terms: Set<string>;
  units: Set<string>;
  parties: Set<string>;
}

export function knownCodes(sqlite: Database.Database): KnownCodes {
  const rows = sqlite.prepare('SELECT kind, code FROM code_entries').all() as { kind: string; code: string }[];
  const of = (kind: string) => new Set(rows.filter((r) => r.kind === kind).map((r) => r.code));
  const parties = new Set((sqlite.prepare('SELECT code FROM parties').all() as { code: string }[]).map((r) => r.code));
  return { terms: of('terms'), units: of('units'), parties };
}

export function dateProblems(pointer: string, from: string, to: string | null): ImportError[] {
  return to !== null && to <= from ? [{ pointer: `${pointer}/effectiveTo`, detail: 'must be after effectiveFrom' }] : [];
}

export function termProblems(pointer: string, terms: readonly string[], known: KnownCodes): ImportError[] {
  if (known.terms.size === 0) return [];
  return terms.flatMap((t, k) => (known.terms.has(t) ? [] : [{ pointer: `${pointer}/${k}`, detail: `unknown term code ${t}` }]));
}

export function unitProblems(pointer: string, unit: string | null, known: KnownCodes): ImportError[] {
  return unit !== null && known.units.size > 0 && !known.units.has(unit) ? [{ pointer, detail: `unknown unit code ${unit}` }] : [];
}

/** Resolves taxon references (see TaxonDirectory). */
export type TaxonLookup = Pick<TaxonDirectory, 'resolve' | 'idOf' | 'entry'>;

export function taxonProblems(pointer: string, ref: string, taxa: TaxonLookup, context: Kingdom | null = null): ImportError[] {
  const r = taxa.resolve(ref, context);
  return 'error' in r ? [{ pointer, detail: r.error }] : [];
}

/** Everything about one listing that can be checked without the other listings. */
export function listingProblems(l: BundleListing, pointer: string, known: KnownCodes, taxa: TaxonLookup): ImportError[] {
  const id = taxa.idOf(l.taxon);
  const kingdom = id === undefined ? null : (taxa.entry(id)?.kingdom ?? null);
  const clauses = (at: string, list: SpecimenClause[] | undefined) =>
    (list ?? []).flatMap((c, j) => termProblems(`${pointer}/specimens/${at}/${j}/terms`, c.terms ?? [], known));
  return [
    ...taxonProblems(`${pointer}/taxon`, l.taxon, taxa),
    ...(l.party !== null && l.appendix !== 'III' ? [{ pointer: `${pointer}/party`, detail: 'only Appendix III entries have a listing Party' }] : []),
    ...(l.party !== null && !known.parties.has(l.party) ? [{ pointer: `${pointer}/party`, detail: `unknown party ${l.party}` }] : []),
    ...dateProblems(pointer, l.effectiveFrom, l.effectiveTo),
    ...l.excludedTaxa.flatMap((x, j) => taxonProblems(`${pointer}/excludedTaxa/${j}`, typeof x === 'string' ? x : x.taxon, taxa, kingdom)),
    ...clauses('only', l.specimens?.only),
    ...clauses('except', l.specimens?.except),
  ];
}

export interface Overlap {
  earlier: ListingRow;
  later: ListingRow;
}

/** Entries of one taxon with the same scope (party, populations) that overlap in time. */
export function findOverlaps(sqlite: Database.Database, taxonIds?: ReadonlySet<number>): Overlap[] {
  const rows = readListingRows(sqlite).filter((r) => taxonIds === undefined || taxonIds.has(r.taxon_id));
  const groups = new Map<string, ListingRow[]>();
  for (const r of rows) {
    const key = naturalKey.scope(r.taxon_id, r.party_code, canonicalPopulations(r.populations));
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const out: Overlap[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => (a.effective_from < b.effective_from ? -1 : a.effective_from > b.effective_from ? 1 : 0));
    for (let i = 1; i < list.length; i++) {
      const earlier = list[i - 1]!;
      const later = list[i]!;
      if (earlier.effective_to === null || earlier.effective_to > later.effective_from) out.push({ earlier, later });
    }
  }
  return out;
}

export function describeOverlap(o: Overlap, taxon: string, pointerOf: (r: ListingRow) => string): ImportError {
  const e = o.earlier;
  return {
    pointer: pointerOf(o.later),
    detail: `overlaps ${pointerOf(e)} (${taxon}, Appendix ${e.appendix} from ${e.effective_from}${e.effective_to ? ` to ${e.effective_to}` : ''}): entries for the same taxon and population scope must not overlap in time`,
  };
}
