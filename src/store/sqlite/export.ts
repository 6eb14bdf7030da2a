/**
 * Whole-store reads: the bundle export (canonical, deterministic order) and the engine
 * snapshot (ids instead of names, only what the engine reads).
 */
import type Database from 'better-sqlite3';
import type { Snapshot } from '@cites-permit-check/engine/contract/snapshot';
import { canonicalListing, canonicalParty, canonicalTaxon } from './canonical.js';
import { QUOTAS, RESERVATIONS, SUSPENSIONS } from './restriction-kinds.js';
import { TaxonDirectory } from '../taxon-directory.js';
import { readDatasetState } from './dataset.js';
import { listingRowToBundle, readListingRows, type TaxonRow } from './rows.js';

interface NameRow {
  taxon_id: number;
  kind: 'synonym' | 'common';
  name: string;
  lang: string | null;
  author: string | null;
}

function namesByTaxon(sqlite: Database.Database) {
  const out = new Map<number, { synonyms: { name: string; author: string | null }[]; commonNames: { lang: string; name: string }[] }>();
  for (const r of sqlite.prepare('SELECT taxon_id, kind, name, lang, author FROM taxon_names ORDER BY id').all() as NameRow[]) {
    let e = out.get(r.taxon_id);
    if (!e) out.set(r.taxon_id, (e = { synonyms: [], commonNames: [] }));
    if (r.kind === 'synonym') e.synonyms.push({ name: r.name, author: r.author });
    else e.commonNames.push({ lang: r.lang ?? 'en', name: r.name });
  }
  return out;
}

// Rows read by column name; the canonical helpers give the result its type.
// biome-ignore lint/suspicious/noExplicitAny: rows of SELECT * are read by column name and typed by the mappers
type Row = Record<string, any>;
const byJson = <T>(list: T[]): T[] =>
  list
    .map((r) => [JSON.stringify(r), r] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, r]) => r);

export function exportBundle(sqlite: Database.Database, today: string) {
  const state = readDatasetState(sqlite);
  const taxa = sqlite.prepare('SELECT * FROM taxa').all() as TaxonRow[];
  const directory = new TaxonDirectory(taxa);
  const refOf = (id: number) => directory.refOf(id);
  const names = namesByTaxon(sqlite);
  const codeRows = sqlite.prepare('SELECT * FROM code_entries ORDER BY kind, code').all() as {
    kind: string;
    code: string;
    name_en: string;
    name_es: string | null;
    name_fr: string | null;
    retired: number;
    replaced_by: string | null;
  }[];
  const codes = (kind: string) =>
    codeRows
      .filter((c) => c.kind === kind)
      .map((c) => ({ code: c.code, en: c.name_en, es: c.name_es, fr: c.name_fr, retired: c.retired === 1, replacedBy: c.replaced_by }));
  const parties = (
    sqlite.prepare('SELECT * FROM parties ORDER BY code').all() as {
      code: string;
      name: string;
      entry_into_force: string | null;
      left_on: string | null;
      territory_of: string | null;
    }[]
  ).map((p) => canonicalParty({ code: p.code, name: p.name, entryIntoForce: p.entry_into_force, left: p.left_on, territoryOf: p.territory_of }));

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
          parent: t.parent_id === null ? null : refOf(t.parent_id),
          externalId: t.external_id,
          synonyms: names.get(t.id)?.synonyms ?? [],
          commonNames: names.get(t.id)?.commonNames ?? [],
          distribution: JSON.parse(t.distribution) as string[],
        }),
      )
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.parent! < b.parent! ? -1 : a.parent! > b.parent! ? 1 : 0)),
    listings: byJson(readListingRows(sqlite).map((r) => canonicalListing(listingRowToBundle(r, directory)))),
    reservations: byJson((sqlite.prepare('SELECT * FROM reservations').all() as Row[]).map((r) => RESERVATIONS.fromRow(r, refOf))),
    quotas: byJson((sqlite.prepare('SELECT * FROM quotas').all() as Row[]).map((q) => QUOTAS.fromRow(q, refOf))),
    suspensions: byJson((sqlite.prepare('SELECT * FROM suspensions').all() as Row[]).map((x) => SUSPENSIONS.fromRow(x, refOf))),
  };
}

export function buildSnapshot(sqlite: Database.Database): Snapshot {
  const state = readDatasetState(sqlite);
  const names = namesByTaxon(sqlite);
  // Distributions matter to the engine only for taxa with entries of their own (a member of a
  // higher taxon that cannot be the wild specimen from a given country): keep the snapshot small.
  const listed = new Set(sqlite.prepare('SELECT DISTINCT taxon_id FROM listings').pluck().all() as number[]);
  const taxa = (sqlite.prepare('SELECT id, name, rank, kingdom, author, parent_id, distribution FROM taxa ORDER BY id').all() as TaxonRow[]).map((t) => {
    const n = names.get(t.id);
    const distribution = listed.has(t.id) ? (JSON.parse(t.distribution) as string[]) : [];
    return {
      id: String(t.id),
      name: t.name,
      rank: t.rank,
      kingdom: t.kingdom,
      author: t.author,
      parentId: t.parent_id === null ? null : String(t.parent_id),
      synonyms: n?.synonyms.map((s) => s.name) ?? [],
      commonNames: n?.commonNames ?? [],
      ...(distribution.length ? { distribution } : {}),
    };
  });
  const listings = readListingRows(sqlite, 'ORDER BY id').map((r) => ({
    id: String(r.id),
    taxonId: String(r.taxon_id),
    appendix: r.appendix,
    party: r.party_code,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    ...(r.may_start_from ? { mayStartFrom: r.may_start_from } : {}),
    populations: r.populations,
    excludedTaxa: r.exclusions.map((x) => ({ taxonId: String(x.taxon_id), populations: x.populations })),
    annotation: r.annotation,
    hashAnnotation: r.hash_annotation,
    specimens: r.specimens,
  }));
  const rows = (sql: string) => sqlite.prepare(sql).all() as Row[];
  const codes = (kind: string) => sqlite.prepare('SELECT code FROM code_entries WHERE kind = ? ORDER BY code').pluck().all(kind) as string[];
  const retired = (kind: string) =>
    Object.fromEntries(
      (
        sqlite.prepare('SELECT code, replaced_by FROM code_entries WHERE kind = ? AND retired = 1 ORDER BY code').all(kind) as {
          code: string;
          replaced_by: string | null;
        }[]
      ).map((r) => [r.code, r.replaced_by]),
    );
  return {
    format: 'cites-snapshot/1',
    datasetVersion: String(state.version),
    asOf: state.asOf,
    parties: rows('SELECT * FROM parties ORDER BY code').map((p) => ({
      code: p.code,
      name: p.name,
      entryIntoForce: p.entry_into_force,
      left: p.left_on,
      territoryOf: p.territory_of,
    })),
    taxa,
    listings,
    reservations: rows('SELECT * FROM reservations ORDER BY id').map(RESERVATIONS.snapshotOf),
    quotas: rows('SELECT * FROM quotas ORDER BY id').map(QUOTAS.snapshotOf),
    suspensions: rows('SELECT * FROM suspensions ORDER BY id').map(SUSPENSIONS.snapshotOf),
    codes: { terms: codes('terms'), units: codes('units'), retired: { terms: retired('terms'), units: retired('units') } },
  };
}
