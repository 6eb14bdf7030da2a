/**
 * What a sync would change, before anything changes: the data held (an exported bundle)
 * against the incoming one, with no store involved. Listings and restrictions are compared
 * as in force on the incoming data's date, which is what a reviewer asks ("what is listed
 * differently from tomorrow?"); the dated history is counted as a whole.
 *
 * The comparison is with everything held, whatever its source: on a store kept by syncs it
 * is exactly what the next sync does; over other data (the default dataset) it also shows
 * where that data and Species+ differ, and records of other sources that a sync leaves in
 * place (a quota the default dataset holds) still show as "ended".
 */
import type { Bundle, BundleListing, BundleQuota, BundleSuspension, Populations } from '../contract/bundle.js';
import type { SyncDiff } from '../contract/syncs.js';
import { canonicalPopulations } from '../store/domain/canonical.js';

/** Items listed per kind of change (the counts are always complete). */
const DIFF_ITEMS = 200;

const inForce = (r: { effectiveFrom: string; effectiveTo: string | null }, on: string) =>
  r.effectiveFrom <= on && (r.effectiveTo === null || r.effectiveTo > on);

function populationWords(p: Populations | null): string | null {
  const c = canonicalPopulations(p);
  if (c === null) return null;
  if (c.include) return `only ${c.include.join(', ')}`;
  if (c.exclude) return `all except ${c.exclude.join(', ')}`;
  return c.text ?? null;
}

const listingScope = (l: BundleListing) => `${l.taxon}|${l.appendix}|${l.party ?? ''}|${JSON.stringify(canonicalPopulations(l.populations))}`;
const listingRef = (l: BundleListing) => ({
  taxon: l.taxon,
  appendix: l.appendix,
  party: l.party,
  populations: populationWords(l.populations),
  effectiveFrom: l.effectiveFrom,
});
const quotaKey = (q: BundleQuota) => `${q.taxon}|${q.exporter ?? ''}|${q.effectiveFrom}|${q.quantity}|${q.unit ?? ''}|${q.terms.join(',')}`;
const quotaRef = (q: BundleQuota) => ({
  taxon: q.taxon,
  country: q.exporter,
  effectiveFrom: q.effectiveFrom,
  detail: `${q.quantity}${q.unit ? ` ${q.unit}` : ''}${q.terms.length ? ` (${q.terms.join(', ')})` : ''}`,
});
const suspensionKey = (s: BundleSuspension) =>
  `${s.country}|${s.taxon ?? ''}|${s.effectiveFrom}|${s.purposes.join(',')}|${s.sources.join(',')}|${s.terms.join(',')}`;
const suspensionRef = (s: BundleSuspension) => ({
  taxon: s.taxon,
  country: s.country,
  effectiveFrom: s.effectiveFrom,
  detail: s.purposes.length ? `purposes ${s.purposes.join(', ')}` : 'all purposes',
});

function list<T>(items: T[]): { count: number; items: T[]; truncated: boolean } {
  return { count: items.length, items: items.slice(0, DIFF_ITEMS), truncated: items.length > DIFF_ITEMS };
}

/** Records of `a` (in force on `on`) whose key `b` lacks. */
function missingFrom<T extends { effectiveFrom: string; effectiveTo: string | null }>(
  a: readonly T[],
  b: readonly T[],
  key: (r: T) => string,
  on: string,
): T[] {
  const keys = new Set(b.filter((r) => inForce(r, on)).map(key));
  return a.filter((r) => inForce(r, on) && !keys.has(key(r)));
}

export function diffBundles(current: Bundle, incoming: Bundle): SyncDiff {
  const on = incoming.asOf;
  const byExternal = new Map(current.taxa.filter((t) => t.externalId !== null).map((t) => [t.externalId!, t.name]));
  const names = new Set(current.taxa.map((t) => t.name));
  const taxaAdded = incoming.taxa.filter((t) => !names.has(t.name) && (t.externalId === null || !byExternal.has(t.externalId)));
  const namesChanged = incoming.taxa
    .filter((t) => t.externalId !== null && byExternal.has(t.externalId) && byExternal.get(t.externalId) !== t.name)
    .map((t) => ({ externalId: t.externalId!, from: byExternal.get(t.externalId!)!, to: t.name }));

  // Listings: only the taxa the incoming data lists are taken over by it.
  const covered = new Set(incoming.listings.map((l) => l.taxon));
  const held = current.listings.filter((l) => covered.has(l.taxon));
  const added = missingFrom(incoming.listings, held, listingScope, on);
  const ended = missingFrom(held, incoming.listings, listingScope, on);
  const appendicesOf = (ls: readonly BundleListing[]) => {
    const out = new Map<string, Set<string>>();
    for (const l of ls) if (inForce(l, on)) (out.get(l.taxon) ?? out.set(l.taxon, new Set()).get(l.taxon)!).add(l.appendix);
    return out;
  };
  const before = appendicesOf(held);
  const after = appendicesOf(incoming.listings);
  const sortedSet = (s: Set<string> | undefined) => [...(s ?? [])].sort() as ('I' | 'II' | 'III')[];
  const moved = [...new Set([...before.keys(), ...after.keys()])]
    .filter((taxon) => sortedSet(before.get(taxon)).join('/') !== sortedSet(after.get(taxon)).join('/'))
    .sort()
    .map((taxon) => ({ taxon, from: sortedSet(before.get(taxon)), to: sortedSet(after.get(taxon)) }));
  const dated = (l: BundleListing) => `${listingScope(l)}|${l.effectiveFrom}|${l.effectiveTo ?? ''}`;
  const heldDated = new Set(held.map(dated));
  const incomingDated = new Set(incoming.listings.map(dated));
  const historyChanged = [...incomingDated].filter((k) => !heldDated.has(k)).length + [...heldDated].filter((k) => !incomingDated.has(k)).length;

  const diff: SyncDiff = {
    asOf: on,
    source: incoming.source,
    taxaAdded: list(taxaAdded.map((t) => ({ name: t.name, externalId: t.externalId }))),
    namesChanged: list(namesChanged),
    appendixChanges: list(moved),
    listingsAdded: list(added.map(listingRef)),
    listingsEnded: list(ended.map(listingRef)),
    listingHistoryChanged: historyChanged,
    quotasAdded: list(missingFrom(incoming.quotas, current.quotas, quotaKey, on).map(quotaRef)),
    quotasEnded: list(missingFrom(current.quotas, incoming.quotas, quotaKey, on).map(quotaRef)),
    suspensionsAdded: list(missingFrom(incoming.suspensions, current.suspensions, suspensionKey, on).map(suspensionRef)),
    suspensionsEnded: list(missingFrom(current.suspensions, incoming.suspensions, suspensionKey, on).map(suspensionRef)),
    unchanged: false,
  };
  diff.unchanged =
    historyChanged === 0 &&
    [
      diff.taxaAdded,
      diff.namesChanged,
      diff.appendixChanges,
      diff.listingsAdded,
      diff.listingsEnded,
      diff.quotasAdded,
      diff.quotasEnded,
      diff.suspensionsAdded,
      diff.suspensionsEnded,
    ].every((c) => c.count === 0);
  return diff;
}
