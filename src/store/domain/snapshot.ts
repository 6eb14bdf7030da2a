/**
 * The engine's snapshot of the stored data: ids instead of names, and only what the engine
 * reads. Pure, so that any store gives the engine the same snapshot for the same data.
 */
import type { Kingdom, Rank } from '@cites-permit-check/engine/contract/codes';
import type {
  Snapshot,
  SnapshotListing,
  SnapshotParty,
  SnapshotQuota,
  SnapshotReservation,
  SnapshotSuspension,
} from '@cites-permit-check/engine/contract/snapshot';
import type { ListingSpan } from './overlaps.js';

interface SnapshotTaxonSource {
  id: number;
  name: string;
  rank: Rank;
  kingdom: Kingdom;
  author: string | null;
  parentId: number | null;
  distribution: string[];
}

export interface TaxonNames {
  synonyms: { name: string; author: string | null }[];
  commonNames: { lang: string; name: string }[];
}

interface SnapshotListingSource extends ListingSpan {
  id: number;
  appendix: SnapshotListing['appendix'];
  mayStartFrom: string | null;
  exclusions: { taxonId: number; populations: SnapshotListing['populations'] }[];
  annotation: SnapshotListing['annotation'];
  hashAnnotation: string | null;
  specimens: SnapshotListing['specimens'];
}

/** Everything the snapshot is made of, each list in id order (codes by kind and code). */
export interface SnapshotSource {
  version: number;
  asOf: string | null;
  parties: SnapshotParty[];
  taxa: SnapshotTaxonSource[];
  names: ReadonlyMap<number, TaxonNames>;
  listings: SnapshotListingSource[];
  reservations: SnapshotReservation[];
  quotas: SnapshotQuota[];
  suspensions: SnapshotSuspension[];
  codes: { kind: string; code: string; retired: boolean; replacedBy: string | null }[];
}

export function snapshotOf(s: SnapshotSource): Snapshot {
  // Distributions matter to the engine only for taxa with entries of their own (a member of a
  // higher taxon that cannot be the wild specimen from a given country): keep the snapshot small.
  const listed = new Set(s.listings.map((l) => l.taxonId));
  const taxa = s.taxa.map((t) => {
    const n = s.names.get(t.id);
    const distribution = listed.has(t.id) ? t.distribution : [];
    return {
      id: String(t.id),
      name: t.name,
      rank: t.rank,
      kingdom: t.kingdom,
      author: t.author,
      parentId: t.parentId === null ? null : String(t.parentId),
      synonyms: n?.synonyms.map((x) => x.name) ?? [],
      commonNames: n?.commonNames ?? [],
      ...(distribution.length ? { distribution } : {}),
    };
  });
  const listings = s.listings.map((l) => ({
    id: String(l.id),
    taxonId: String(l.taxonId),
    appendix: l.appendix,
    party: l.partyCode,
    effectiveFrom: l.effectiveFrom,
    effectiveTo: l.effectiveTo,
    ...(l.mayStartFrom ? { mayStartFrom: l.mayStartFrom } : {}),
    populations: l.populations,
    excludedTaxa: l.exclusions.map((x) => ({ taxonId: String(x.taxonId), populations: x.populations })),
    annotation: l.annotation,
    hashAnnotation: l.hashAnnotation,
    specimens: l.specimens,
  }));
  const codes = (kind: string) => s.codes.filter((c) => c.kind === kind).map((c) => c.code);
  const retired = (kind: string) => Object.fromEntries(s.codes.filter((c) => c.kind === kind && c.retired).map((c) => [c.code, c.replacedBy]));
  return {
    format: 'cites-snapshot/1',
    datasetVersion: String(s.version),
    asOf: s.asOf,
    parties: s.parties,
    taxa,
    listings,
    reservations: s.reservations,
    quotas: s.quotas,
    suspensions: s.suspensions,
    codes: { terms: codes('terms'), units: codes('units'), retired: { terms: retired('terms'), units: retired('units') } },
  };
}
