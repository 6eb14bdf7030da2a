/**
 * Reservations, quotas and suspensions of the default dataset, from several sources in order
 * of authority: the amendment records (official tables and Notifications read for this
 * project), the Species+ tables, the 2013 history, the built-in seed. A record that repeats
 * one of a more authoritative source (same natural key) is left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { BundleQuota, BundleReservation, BundleSuspension } from '../contract/bundle.js';
import { APPENDICES, type Appendix } from '@cites-permit-check/engine/contract/codes';
import { parseQuotasFile, parseReservationsFile, parseSuspensionsFile } from '../importers/species-plus.js';
import type { ParseContext } from '../importers/types.js';
import type { AmendmentFile } from './amendments.js';

export interface Restrictions {
  reservations: BundleReservation[];
  quotas: BundleQuota[];
  suspensions: BundleSuspension[];
}

type Keyed<T> = { key: (r: T) => string };

/** Adds the records whose key is not already taken, in the order given (most authoritative first). */
function merge<T>(sources: readonly (readonly T[])[], { key }: Keyed<T>): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const list of sources) {
    for (const r of list) {
      const k = key(r);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(r);
    }
  }
  return out;
}

const sortedJoin = (l: readonly string[]) => [...l].sort().join(',');

const RESERVATION_KEY: Keyed<BundleReservation> = { key: (r) => `${r.party}|${r.taxon}|${r.appendix}|${r.effectiveFrom}` };
const QUOTA_KEY: Keyed<BundleQuota> = {
  key: (q) => `${q.taxon}|${q.exporter ?? ''}|${sortedJoin(q.terms)}|${sortedJoin(q.sources)}|${sortedJoin(q.purposes)}|${q.effectiveFrom}`,
};
/** One recommendation per country, taxon and start date. */
const SUSPENSION_KEY: Keyed<BundleSuspension> = { key: (s) => `${s.country}|${s.taxon ?? ''}|${s.effectiveFrom}` };

const strip = <T extends { source?: unknown; unconfirmed?: unknown; note?: unknown }>(r: T) => {
  const { source: _s, unconfirmed: _u, note: _n, ...rest } = r;
  return rest;
};

export async function readSpeciesPlusTables(sharedDir: string, ctx: ParseContext) {
  const read = (file: string) => Readable.from([readFileSync(join(sharedDir, 'sapi_current', file))]);
  const reservations = await parseReservationsFile(read('reservations.csv'), ctx);
  const quotas = await parseQuotasFile(read('quotas.csv'), ctx);
  const suspensions = await parseSuspensionsFile(read('exemptions.csv'), ctx);
  return { reservations, quotas, suspensions };
}

/**
 * The Species+ reservations table does not say which Appendix a reservation was entered
 * against: it is the Appendix the taxon was in when the reservation began.
 */
export function placeReservations(rows: readonly BundleReservation[], appendixOn: (taxon: string, date: string) => Appendix[]): BundleReservation[] {
  const byRow = new Map<string, BundleReservation>();
  for (const r of rows) byRow.set(`${r.party}|${r.taxon}|${r.effectiveFrom}`, r);
  const out: BundleReservation[] = [];
  for (const r of byRow.values()) {
    const appendices = appendixOn(r.taxon, r.effectiveFrom);
    for (const appendix of appendices.length ? appendices : APPENDICES) out.push({ ...r, appendix });
  }
  return out;
}

export function mergeRestrictions(
  amendments: readonly AmendmentFile[],
  speciesPlus: Restrictions,
  history: Pick<Restrictions, 'reservations'>,
  seed: Restrictions,
): Restrictions {
  const fromAmendments = {
    reservations: amendments.flatMap((f) => f.reservations.map(strip)),
    quotas: amendments.flatMap((f) => f.quotas.map(strip)),
    suspensions: amendments.flatMap((f) => f.suspensions.map(strip)),
  };
  return {
    reservations: merge([fromAmendments.reservations, history.reservations, speciesPlus.reservations, seed.reservations], RESERVATION_KEY),
    quotas: merge([fromAmendments.quotas, speciesPlus.quotas, seed.quotas], QUOTA_KEY),
    suspensions: merge([fromAmendments.suspensions, speciesPlus.suspensions, seed.suspensions], SUSPENSION_KEY),
  };
}
