/**
 * Turns a snapshot (plain JSON) into the indexed, read-only structures the rules walk.
 * Built once per dataset version; every trade check then runs on maps and arrays only.
 */
import type { Appendix, Kingdom, Rank } from './contract/codes.js';
import type { AppliedListing } from './contract/trade-check.js';
import type { Snapshot, SnapshotListing, SnapshotParty, SnapshotQuota, SnapshotReservation, SnapshotSuspension } from './contract/snapshot.js';
import { NameIndex, normaliseName } from './names.js';

export interface Scope {
  include: ReadonlySet<string> | null;
  exclude: ReadonlySet<string> | null;
  /** Countries of which only part of the population is meant: a specimen from them may or may not be in scope. */
  partly: ReadonlySet<string> | null;
  /** The wording in the Appendices; alone (no include or exclude) the scope could not be read as countries. */
  text: string | null;
}

interface TaxonNode {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly rank: Rank;
  readonly kingdom: Kingdom;
  readonly parent: number; // -1 for a root
}

export interface ListingEntry {
  readonly source: SnapshotListing;
  readonly taxon: number;
  readonly appendix: Appendix;
  readonly party: string | null;
  readonly from: string;
  readonly to: string | null;
  /** The entry may have begun as early as this (the source confirms it from `from` only). */
  readonly mayFrom: string | null;
  readonly populations: Scope | null;
  /** Taxa carved out of this entry; the value limits the exception to some populations. */
  readonly excluded: ReadonlyMap<number, Scope | null> | null;
  /** 2 = named populations only, 1 = all but some populations, 0 = the whole taxon. */
  readonly specificity: 0 | 1 | 2;
  /** The entry as decisions show it, per variant (frozen, shared by every decision). */
  readonly views: Map<string, AppliedListing>;
}

export interface EngineData {
  readonly datasetVersion: string;
  readonly asOf: string | null;
  readonly taxa: readonly TaxonNode[];
  readonly taxonById: ReadonlyMap<string, number>;
  readonly names: NameIndex;
  /** Genus name key → genus taxa (one per kingdom that uses the name), for binomials whose species is unknown. */
  readonly genusByKey: ReadonlyMap<string, readonly number[]>;
  readonly listingsByTaxon: ReadonlyMap<number, readonly ListingEntry[]>;
  /** Taxa below each taxon that have listing entries of their own (members a name may cover). */
  readonly listedMembers: ReadonlyMap<number, readonly number[]>;
  /** Distribution (ISO2) of taxa with entries of their own, where known. */
  readonly distribution: readonly (readonly string[] | undefined)[];
  readonly parties: ReadonlyMap<string, SnapshotParty>;
  readonly reservationsByParty: ReadonlyMap<string, readonly (SnapshotReservation & { taxon: number })[]>;
  readonly quotasByTaxon: ReadonlyMap<number, readonly SnapshotQuota[]>;
  readonly suspensionsByCountry: ReadonlyMap<string, readonly (SnapshotSuspension & { taxon: number })[]>;
  readonly terms: ReadonlySet<string>;
  readonly units: ReadonlySet<string>;
  /** Retired term and unit codes (accepted with a warning) and what replaced each. */
  readonly retiredTerms: ReadonlyMap<string, string | null>;
  readonly retiredUnits: ReadonlyMap<string, string | null>;
  /** Memo of the first date any listing covered a taxon (pre-Convention test). */
  readonly firstListed: Map<number, string | null>;
  /** Memo of each taxon's lineage (itself, then its ancestors). */
  readonly lineages: (readonly number[] | undefined)[];
}

function toScope(
  lists: { include?: string[] | undefined; exclude?: string[] | undefined; partly?: string[] | undefined; text?: string | undefined } | null,
): Scope | null {
  if (!lists) return null;
  const include = lists.include?.length ? new Set(lists.include) : null;
  const exclude = lists.exclude?.length ? new Set(lists.exclude) : null;
  const partly = lists.partly?.length ? new Set(lists.partly) : null;
  const text = lists.text ?? null;
  return include || exclude || text !== null ? { include, exclude, partly, text } : null;
}

/** 'maybe': only part of that country's population is meant, or the scope is text only. */
export type ScopeMatch = 'yes' | 'no' | 'maybe';

/** Does a population scope take in specimens originating in `country`? */
export function scopeMatch(scope: Scope | null, country: string): ScopeMatch {
  if (!scope) return 'yes';
  if (scope.partly?.has(country)) return 'maybe';
  if (scope.include) return scope.include.has(country) ? 'yes' : 'no';
  if (scope.exclude) return scope.exclude.has(country) ? 'no' : 'yes';
  return 'maybe';
}

/** A scope that names some populations only, by country or in words (so others fall to a broader entry). */
export const namesSomePopulations = (scope: Scope | null): boolean => scope !== null && scope.exclude === null;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildEngineData(snapshot: Snapshot): EngineData {
  const taxonById = new Map<string, number>();
  for (const [i, t] of snapshot.taxa.entries()) taxonById.set(t.id, i);
  const indexOf = (id: string, what: string): number => {
    const i = taxonById.get(id);
    if (i === undefined) throw new Error(`snapshot: ${what} refers to unknown taxon id ${id}`);
    return i;
  };

  const names = new NameIndex();
  const genusByKey = new Map<string, number[]>();
  const taxa: TaxonNode[] = snapshot.taxa.map((t, index) => {
    names.add(t.name, index, 'accepted');
    for (const s of t.synonyms) names.add(s, index, 'synonym');
    for (const c of t.commonNames) names.add(c.name, index, 'common-name');
    if (t.rank === 'GENUS') push(genusByKey, normaliseName(t.name), index);
    const parent = t.parentId === null ? -1 : indexOf(t.parentId, `taxon ${t.name}`);
    return { index, id: t.id, name: t.name, rank: t.rank, kingdom: t.kingdom, parent };
  });

  const listingsByTaxon = new Map<number, ListingEntry[]>();
  for (const l of snapshot.listings) {
    const populations = toScope(l.populations);
    const excluded = l.excludedTaxa.length ? new Map(l.excludedTaxa.map((x) => [indexOf(x.taxonId, 'an exclusion'), toScope(x.populations)] as const)) : null;
    const taxon = indexOf(l.taxonId, `listing ${l.id}`);
    push(listingsByTaxon, taxon, {
      source: l,
      taxon,
      appendix: l.appendix,
      party: l.party,
      from: l.effectiveFrom,
      to: l.effectiveTo,
      mayFrom: l.mayStartFrom ?? null,
      populations,
      excluded,
      specificity: populations === null ? 0 : populations.exclude ? 1 : 2,
      views: new Map(),
    });
  }

  const listedMembers = new Map<number, number[]>();
  for (const t of listingsByTaxon.keys()) {
    for (let p = taxa[t]!.parent; p !== -1; p = taxa[p]!.parent) push(listedMembers, p, t);
  }
  const distribution = snapshot.taxa.map((t) => t.distribution);

  const reservationsByParty = new Map<string, (SnapshotReservation & { taxon: number })[]>();
  for (const r of snapshot.reservations) push(reservationsByParty, r.party, { ...r, taxon: indexOf(r.taxonId, 'a reservation') });
  const quotasByTaxon = new Map<number, SnapshotQuota[]>();
  for (const q of snapshot.quotas) push(quotasByTaxon, indexOf(q.taxonId, 'a quota'), q);
  const suspensionsByCountry = new Map<string, (SnapshotSuspension & { taxon: number })[]>();
  for (const s of snapshot.suspensions) {
    push(suspensionsByCountry, s.country, { ...s, taxon: s.taxonId === null ? -1 : indexOf(s.taxonId, 'a suspension') });
  }

  return {
    datasetVersion: snapshot.datasetVersion,
    asOf: snapshot.asOf,
    taxa,
    taxonById,
    names,
    genusByKey,
    listingsByTaxon,
    listedMembers,
    distribution,
    parties: new Map(snapshot.parties.map((p) => [p.code, p])),
    reservationsByParty,
    quotasByTaxon,
    suspensionsByCountry,
    terms: new Set(snapshot.codes.terms),
    units: new Set(snapshot.codes.units),
    retiredTerms: new Map(Object.entries(snapshot.codes.retired?.terms ?? {})),
    retiredUnits: new Map(Object.entries(snapshot.codes.retired?.units ?? {})),
    firstListed: new Map(),
    lineages: new Array<readonly number[] | undefined>(taxa.length),
  };
}

export function inForce(from: string, to: string | null, date: string): boolean {
  return from <= date && (to === null || date < to);
}

/** The taxon and its ancestors, most specific first (shared and memoised: do not modify). */
export function lineage(data: EngineData, taxon: number): readonly number[] {
  let chain = data.lineages[taxon];
  if (chain === undefined) {
    const out: number[] = [];
    for (let t = taxon; t !== -1; t = data.taxa[t]!.parent) out.push(t);
    data.lineages[taxon] = chain = out;
  }
  return chain;
}
