/** How much the loaded dataset holds (GET /v1/dataset and the readiness probe report it). */
import { inForce, type EngineData } from './data.js';

export interface DatasetCounts {
  taxa: number;
  listingEntries: number;
  /** Entries in force on the date asked about. */
  listingEntriesInForce: number;
  parties: number;
  reservations: number;
  quotas: number;
  suspensions: number;
}

const total = (lists: Iterable<readonly unknown[]>) => {
  let n = 0;
  for (const l of lists) n += l.length;
  return n;
};

export function countDataset(data: EngineData, date: string): DatasetCounts {
  let listingEntriesInForce = 0;
  for (const list of data.listingsByTaxon.values()) for (const e of list) if (inForce(e.from, e.to, date)) listingEntriesInForce++;
  return {
    taxa: data.taxa.length,
    listingEntries: total(data.listingsByTaxon.values()),
    listingEntriesInForce,
    parties: data.parties.size,
    reservations: total(data.reservationsByParty.values()),
    quotas: total(data.quotasByTaxon.values()),
    suspensions: total(data.suspensionsByCountry.values()),
  };
}
