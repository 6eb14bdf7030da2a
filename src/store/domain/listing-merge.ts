/**
 * How the listings of an imported bundle meet the stored ones. An entry is the same entry
 * when its taxon, Appendix, listing Party, population scope and start date agree (its
 * natural key). A file that gives only the current state (the Index of CITES Species)
 * carries no start dates: with `continueOpenEntries`, an entry continues the open one of the
 * same origin, scope and Appendix, keeping the date it started.
 */
import type { BundleListing } from '../../contract/bundle.js';
import { type DatedEntry, narrowStart } from '../listing-start.js';
import { canonicalListing, canonicalPopulations, type ExcludedOut, naturalKey } from './canonical.js';
import { NaturalKeyMerge, sameRecord } from './merge.js';
import type { ListingSpan } from './overlaps.js';

export type CanonicalListing = ReturnType<typeof canonicalListing>;

export interface StoredListing extends ListingSpan {
  id: number;
  origin: string;
  mayStartFrom: string | null;
}

/** A bundle entry whose taxon resolved to `taxonId`, with its references written as the store names them. */
export type IncomingListing = Omit<BundleListing, 'excludedTaxa'> & { excludedTaxa: ExcludedOut[] };

export interface ListingMergeOptions {
  /** The import's origin: only its own open entries are continued. */
  origin: string;
  continueOpenEntries?: boolean | undefined;
  /** Taxa that already have listings of these origins keep them; the bundle's are skipped. */
  yieldsListingsTo?: readonly string[] | undefined;
}

export type ListingStep<T> =
  | { action: 'left to another source' }
  | { action: 'duplicate'; of: string }
  | { action: 'unchanged'; existing: T }
  | { action: 'update'; existing: T; record: CanonicalListing }
  | { action: 'create'; record: CanonicalListing };

export class ListingMerge<T extends StoredListing> {
  private readonly byKey = new Map<string, T>();
  private readonly openByScope = new Map<string, T>();
  /** What the store knew of each taxon before the import: when an official file's entry began. */
  private readonly knownByTaxon = new Map<number, DatedEntry[]>();
  private readonly yielding: Set<number>;
  private readonly keys = new NaturalKeyMerge(new Map());
  private readonly matched = new Set<number>();

  /** `canonicalOf` gives a stored entry in the form an incoming one is compared with. */
  constructor(
    stored: readonly T[],
    private readonly opts: ListingMergeOptions,
    private readonly canonicalOf: (stored: T) => CanonicalListing,
  ) {
    for (const row of stored) {
      const populations = canonicalPopulations(row.populations);
      this.byKey.set(naturalKey.listing(row.taxonId, row.appendix, row.partyCode, populations, row.effectiveFrom), row);
      if (row.effectiveTo === null && row.origin === opts.origin)
        this.openByScope.set(this.scopeKey(row.taxonId, row.partyCode, populations, row.appendix), row);
      const known = this.knownByTaxon.get(row.taxonId) ?? [];
      known.push({ appendix: row.appendix, party: row.partyCode, populations, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo });
      this.knownByTaxon.set(row.taxonId, known);
    }
    const yieldTo = new Set(opts.yieldsListingsTo ?? []);
    this.yielding = new Set(stored.filter((r) => yieldTo.has(r.origin)).map((r) => r.taxonId));
  }

  private scopeKey(taxonId: number, party: string | null, populations: ListingSpan['populations'], appendix: string) {
    return `${naturalKey.scope(taxonId, party, populations)}|${appendix}`;
  }

  /** What to do with the bundle's entry at `pointer`, in bundle order. */
  step(taxonId: number, l: IncomingListing, pointer: string): ListingStep<T> {
    if (this.yielding.has(taxonId)) return { action: 'left to another source' };
    const populations = canonicalPopulations(l.populations);
    const twin = this.keys.claim(naturalKey.listing(taxonId, l.appendix, l.party, populations, l.effectiveFrom), pointer);
    if (twin !== undefined) return { action: 'duplicate', of: twin };

    let existing = this.byKey.get(naturalKey.listing(taxonId, l.appendix, l.party, populations, l.effectiveFrom));
    let effectiveFrom = l.effectiveFrom;
    let mayStartFrom = l.mayStartFrom;
    if (this.opts.continueOpenEntries) {
      if (!existing) {
        const open = this.openByScope.get(this.scopeKey(taxonId, l.party, populations, l.appendix));
        if (open && open.effectiveFrom <= l.effectiveFrom && !this.matched.has(open.id)) {
          existing = open;
          effectiveFrom = open.effectiveFrom; // the entry continues: keep the date it started
        }
      }
      // An entry the store has keeps what it knew of its start; a new one starts after the
      // last change known for the taxon (listing-start.ts).
      mayStartFrom = existing ? existing.mayStartFrom : narrowStart({ ...l, populations }, this.knownByTaxon.get(taxonId) ?? []);
    }
    const record = canonicalListing({ ...l, effectiveFrom, mayStartFrom });
    if (!existing) return { action: 'create', record };
    this.matched.add(existing.id);
    return sameRecord(this.canonicalOf(existing), record) ? { action: 'unchanged', existing } : { action: 'update', existing, record };
  }
}
