/**
 * What makes one record invalid, checked the same way whichever way it arrives (a bundle
 * import or an officer's write). Each check returns the problems with their JSON pointers;
 * an empty list means the record may be written.
 */
import type { BundleListing, SpecimenClause } from '../../contract/bundle.js';
import type { Kingdom } from '@cites-permit-check/engine/contract/codes';
import type { TaxonDirectory } from '../taxon-directory.js';
import type { ImportError } from '../types.js';

/** The codes the store knows: an empty set means none were loaded, so nothing is refused for it. */
export interface KnownCodes {
  terms: Set<string>;
  units: Set<string>;
  parties: Set<string>;
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
