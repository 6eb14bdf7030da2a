/**
 * Quotas (R18, Art. IV(3), Res. Conf. 14.7) and trade suspensions (R36, Art. VIII/XIII,
 * Res. Conf. 14.3) that match a trade. Both are keyed by more than the taxon: country,
 * terms, sources, purposes and dates (pitfall 16). An empty filter list means "all".
 */
import type { SnapshotQuota, SnapshotSuspension } from '../contract/snapshot.js';
import { inForce, type EngineData } from './data.js';
import type { Specimen } from './listing.js';

export type FilterMatch = 'yes' | 'no' | 'unknown-term';

/** Does a (terms, sources, purposes) filter take in this specimen? */
export function filterMatches(f: { terms: string[]; sources: string[]; purposes: string[] }, s: Specimen): FilterMatch {
  // A source filter takes in the source as read (an F specimen is read as W, so W covers
  // it) and as declared (a quota or suspension on F specimens still covers them).
  const sourceListed = f.sources.includes(s.source) || (s.declaredSource !== undefined && f.sources.includes(s.declaredSource));
  if (f.sources.length > 0 && !sourceListed) return 'no';
  if (f.purposes.length > 0 && !f.purposes.includes(s.purpose)) return 'no';
  if (f.terms.length === 0) return 'yes';
  if (s.term === undefined) return 'unknown-term';
  return f.terms.includes(s.term) ? 'yes' : 'no';
}

export interface QuotaMatch {
  quota: SnapshotQuota;
  match: FilterMatch;
}

/** Export quotas of `exporter` (or of every exporter) in force on `date` for the taxon. */
export function matchingQuotas(data: EngineData, lineage: readonly number[], exporter: string, s: Specimen, date: string): QuotaMatch[] {
  const out: QuotaMatch[] = [];
  for (const t of lineage) {
    const quotas = data.quotasByTaxon.get(t);
    if (quotas === undefined) continue;
    for (const quota of quotas) {
      if (quota.exporter !== null && quota.exporter !== exporter) continue;
      if (!inForce(quota.effectiveFrom, quota.effectiveTo, date)) continue;
      const match = filterMatches(quota, s);
      if (match !== 'no') out.push({ quota, match });
    }
  }
  return out;
}

export interface SuspensionMatch {
  suspension: SnapshotSuspension;
  match: FilterMatch;
  country: string;
}

/**
 * Suspensions that cover the trade: exports from (or re-exports by) the exporter, and
 * imports into the importer where the recommendation extends to imports.
 */
export function matchingSuspensions(
  data: EngineData,
  lineage: readonly number[],
  exporter: string,
  importer: string,
  s: Specimen,
  date: string,
): SuspensionMatch[] {
  const out: SuspensionMatch[] = [];
  collectSuspensions(data, exporter, false, lineage, s, date, out);
  if (importer !== exporter) collectSuspensions(data, importer, true, lineage, s, date, out);
  return out;
}

function collectSuspensions(
  data: EngineData,
  country: string,
  asImporter: boolean,
  lineage: readonly number[],
  s: Specimen,
  date: string,
  out: SuspensionMatch[],
): void {
  const list = data.suspensionsByCountry.get(country);
  if (list === undefined) return;
  for (const sus of list) {
    if (asImporter && !sus.appliesToImports) continue;
    if (sus.taxon !== -1 && !lineage.includes(sus.taxon)) continue;
    if (!inForce(sus.effectiveFrom, sus.effectiveTo, date)) continue;
    const match = filterMatches(sus, s);
    if (match !== 'no') out.push({ suspension: sus, match, country });
  }
}
