/**
 * Quotas (R18, Art. IV(3), Res. Conf. 14.7) and trade suspensions (R36, Art. VIII/XIII,
 * Res. Conf. 14.3) that match a trade. Both are keyed by more than the taxon: country,
 * terms, sources, purposes and dates (pitfall 16). An empty filter list means "all".
 */
import type { SnapshotQuota, SnapshotSuspension } from './contract/snapshot.js';
import { inForce, type EngineData } from './data.js';
import type { Specimen } from './listing.js';

/** 'uncertain-source': only the source as the rules read it (F as W) is covered, not the one declared. */
type FilterMatch = 'yes' | 'no' | 'unknown-term' | 'uncertain-source';

/**
 * Does a (terms, sources, purposes) filter take in this specimen? A quota takes in the
 * source as read (an F specimen is read as W for permits, Notification 1998/14, so a quota on
 * W covers it) and as declared. A suspension covers what its wording names: a recommendation
 * on "wild-taken specimens" does not say it covers F, so that is flagged, not denied.
 */
function filterMatches(f: { terms: string[]; sources: string[]; purposes: string[] }, s: Specimen, sourceAsDeclared = false): FilterMatch {
  const declared = s.declaredSource ?? s.source;
  let uncertain = false;
  if (f.sources.length > 0 && !f.sources.includes(declared)) {
    if (!f.sources.includes(s.source)) return 'no';
    uncertain = sourceAsDeclared;
  }
  if (f.purposes.length > 0 && !f.purposes.includes(s.purpose)) return 'no';
  if (f.terms.length > 0) {
    if (s.term === undefined) return 'unknown-term';
    if (!f.terms.includes(s.term) && (s.termAlias === undefined || !f.terms.includes(s.termAlias))) return 'no';
  }
  return uncertain ? 'uncertain-source' : 'yes';
}

/**
 * Quantities already exported under export quotas, by the key quotaCount gives, in each
 * quota's unit: what a permit register counts from its endorsed export permits (issue #19).
 * Absent: unknown.
 */
export type QuotaUse = ReadonlyMap<string, number>;

/** The stretch of a quota's validity over which exports are counted against it, for a trade on a date. */
interface QuotaCount {
  key: string;
  from: string;
  to: string | null;
}

/**
 * A quota's identity when exports are counted against it: whose, for which taxon, from
 * when, for which specimens and in which unit, and the year counted (when counted per
 * calendar year). Names, not store ids, so that it survives a re-import of the same quota;
 * a change of its quantity keeps it (Parties often revise a quota upwards during the year),
 * a change of what it covers starts a new count.
 */
function quotaCount(data: EngineData, q: SnapshotQuota, taxon: number, date: string, per: 'calendar-year' | 'quota-period'): QuotaCount {
  const t = data.taxa[taxon]!;
  const base = [t.kingdom, t.name, q.exporter ?? '*', q.effectiveFrom, q.terms.join('+'), q.sources.join('+'), q.purposes.join('+'), q.unit ?? ''].join('|');
  if (per === 'quota-period') return { key: base, from: q.effectiveFrom, to: q.effectiveTo };
  const year = Number(date.slice(0, 4));
  const first = `${year}-01-01`;
  const next = `${year + 1}-01-01`;
  return {
    key: `${base}|${year}`,
    from: q.effectiveFrom > first ? q.effectiveFrom : first,
    to: q.effectiveTo !== null && q.effectiveTo < next ? q.effectiveTo : next,
  };
}

export interface QuotaMatch {
  quota: SnapshotQuota;
  match: FilterMatch;
  /** What exports on this date are counted against (quotaCount). */
  count: QuotaCount;
  /** The taxon the quota is set for (an index into the engine's taxa). */
  taxon: number;
}

/** Export quotas of `exporter` (or of every exporter) in force on `date` for the taxon. */
export function matchingQuotas(
  data: EngineData,
  lineage: readonly number[],
  exporter: string,
  s: Specimen,
  date: string,
  per: 'calendar-year' | 'quota-period',
): QuotaMatch[] {
  const out: QuotaMatch[] = [];
  for (const t of lineage) {
    const quotas = data.quotasByTaxon.get(t);
    if (quotas === undefined) continue;
    for (const quota of quotas) {
      if (quota.exporter !== null && quota.exporter !== exporter) continue;
      if (!inForce(quota.effectiveFrom, quota.effectiveTo, date)) continue;
      const match = filterMatches(quota, s);
      if (match !== 'no') out.push({ quota, match, count: quotaCount(data, quota, t, date, per), taxon: t });
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
    const match = filterMatches(sus, s, true);
    if (match !== 'no') out.push({ suspension: sus, match, country });
  }
}
