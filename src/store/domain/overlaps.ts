/**
 * A taxon cannot be in two Appendices at once for the same scope: entries of one taxon with
 * the same listing Party and population scope must follow each other in time. (Different
 * scopes may run side by side: Loxodonta africana is in Appendix II for four countries'
 * populations and in Appendix I for the rest.)
 */
import type { Populations } from '../../contract/bundle.js';
import type { ImportError } from '../types.js';
import { canonicalPopulations, naturalKey } from './canonical.js';

/** What of a listing the overlap rule reads. */
export interface ListingSpan {
  taxonId: number;
  appendix: string;
  partyCode: string | null;
  populations: Populations | null;
  effectiveFrom: string;
  /** The first day the entry no longer applies; null while it is in force. */
  effectiveTo: string | null;
}

export interface Overlap<T extends ListingSpan> {
  earlier: T;
  later: T;
}

/** Pairs of entries of one taxon and scope where the earlier has not ended when the later begins. */
export function findOverlaps<T extends ListingSpan>(listings: readonly T[]): Overlap<T>[] {
  const groups = new Map<string, T[]>();
  for (const l of listings) {
    const key = naturalKey.scope(l.taxonId, l.partyCode, canonicalPopulations(l.populations));
    const list = groups.get(key);
    if (list) list.push(l);
    else groups.set(key, [l]);
  }
  const out: Overlap<T>[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
    for (let i = 1; i < list.length; i++) {
      const earlier = list[i - 1]!;
      const later = list[i]!;
      if (earlier.effectiveTo === null || earlier.effectiveTo > later.effectiveFrom) out.push({ earlier, later });
    }
  }
  return out;
}

/** The error reported on the later entry; `pointerOf` names an entry (a bundle position or a stored id). */
export function describeOverlap<T extends ListingSpan>(o: Overlap<T>, taxon: string, pointerOf: (l: T) => string): ImportError {
  const e = o.earlier;
  return {
    pointer: pointerOf(o.later),
    detail: `overlaps ${pointerOf(e)} (${taxon}, Appendix ${e.appendix} from ${e.effectiveFrom}${e.effectiveTo ? ` to ${e.effectiveTo}` : ''}): entries for the same taxon and population scope must not overlap in time`,
  };
}
