/**
 * Whole-store reads: the bundle export (canonical, deterministic order) and the engine
 * snapshot (built by domain/snapshot.ts from the rows read here).
 */
import type { Snapshot } from '@cites-permit-check/engine/contract/snapshot';
import type { Db } from '../../db/client.js';
import { canonicalListing, canonicalParty, canonicalTaxon } from '../domain/canonical.js';
import { snapshotOf } from '../domain/snapshot.js';
import { TaxonDirectory } from '../taxon-directory.js';
import { readDatasetState } from './dataset.js';
import { QUOTAS, RESERVATIONS, SUSPENSIONS } from './restriction-kinds.js';
import { restrictionRows } from './restriction-rows.js';
import { codeRecordOf, codeRows, listingRowToBundle, namesByTaxon, partyRecordOf, partyRows, readListingRows, readTaxonRows } from './rows.js';

const byJson = <T>(list: T[]): T[] =>
  list
    .map((r) => [JSON.stringify(r), r] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, r]) => r);

export function exportBundle(db: Db, today: string) {
  const state = readDatasetState(db);
  const taxa = readTaxonRows(db);
  const directory = new TaxonDirectory(taxa);
  const refOf = (id: number) => directory.refOf(id);
  const names = namesByTaxon(db);
  const allCodes = codeRows(db);
  const codes = (kind: string) => allCodes.filter((c) => c.kind === kind).map(codeRecordOf);
  const parties = partyRows(db).map((p) => canonicalParty(partyRecordOf(p)));

  return {
    format: 'cites-bundle/1' as const,
    asOf: state.asOf ?? today,
    source: state.source,
    provenance: state.provenance,
    codes: { sources: codes('sources'), purposes: codes('purposes'), terms: codes('terms'), units: codes('units') },
    parties,
    taxa: taxa
      .map((t) =>
        canonicalTaxon({
          name: t.name,
          rank: t.rank,
          author: t.author,
          parent: t.parentId === null ? null : refOf(t.parentId),
          externalId: t.externalId,
          synonyms: names.get(t.id)?.synonyms ?? [],
          commonNames: names.get(t.id)?.commonNames ?? [],
          distribution: t.distribution,
        }),
      )
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.parent! < b.parent! ? -1 : a.parent! > b.parent! ? 1 : 0)),
    listings: byJson(readListingRows(db).map((r) => canonicalListing(listingRowToBundle(r, directory)))),
    reservations: byJson(restrictionRows(db, RESERVATIONS).map((r) => RESERVATIONS.fromRow(r, refOf))),
    quotas: byJson(restrictionRows(db, QUOTAS).map((q) => QUOTAS.fromRow(q, refOf))),
    suspensions: byJson(restrictionRows(db, SUSPENSIONS).map((x) => SUSPENSIONS.fromRow(x, refOf))),
  };
}

export function buildSnapshot(db: Db): Snapshot {
  const state = readDatasetState(db);
  return snapshotOf({
    version: state.version,
    asOf: state.asOf,
    parties: partyRows(db).map(partyRecordOf),
    taxa: readTaxonRows(db, { byId: true }),
    names: namesByTaxon(db),
    listings: readListingRows(db, { byId: true }),
    reservations: restrictionRows(db, RESERVATIONS, { byId: true }).map(RESERVATIONS.snapshotOf),
    quotas: restrictionRows(db, QUOTAS, { byId: true }).map(QUOTAS.snapshotOf),
    suspensions: restrictionRows(db, SUSPENSIONS, { byId: true }).map(SUSPENSIONS.snapshotOf),
    codes: codeRows(db),
  });
}
