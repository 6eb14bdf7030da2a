/** The SQLite implementation of the repository port. */
import type { Bundle } from '../../contract/bundle.js';
import type { Snapshot } from '../../contract/snapshot.js';
import { migrationStatus, openDatabase, type Db } from '../../db/client.js';
import type {
  CitesStore,
  CodeRecord,
  DatasetState,
  DecisionRecord,
  ImportOptions,
  ImportSummary,
  PartyRecord,
  TaxonDetails,
} from '../types.js';
import { importBundle } from './bundle-import.js';
import { ensureDatasetState, readDatasetState } from './dataset.js';
import { buildSnapshot, exportBundle } from './export.js';

export class SqliteStore implements CitesStore {
  private readonly insertDecision;
  private readonly selectDecision;

  constructor(
    readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    ensureDatasetState(this.sqlite, this.now());
    this.insertDecision = this.sqlite.prepare(
      'INSERT INTO decisions (id, created_at, dataset_version, decision, api_key_id, request, result) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectDecision = this.sqlite.prepare(
      'SELECT id, created_at AS createdAt, dataset_version AS datasetVersion, decision, api_key_id AS apiKeyId, request, result FROM decisions WHERE id = ?',
    );
  }

  static open(file: string, clock?: () => Date): SqliteStore {
    return new SqliteStore(openDatabase(file), clock);
  }

  get sqlite() {
    return this.db.$client;
  }

  private now(): string {
    return this.clock().toISOString();
  }

  state(): DatasetState {
    return readDatasetState(this.sqlite);
  }

  isEmpty(): boolean {
    return this.sqlite.prepare('SELECT (SELECT count(*) FROM taxa) + (SELECT count(*) FROM parties) AS n').pluck().get() === 0;
  }

  importBundle(bundle: Bundle, opts: ImportOptions): ImportSummary {
    return importBundle(this.sqlite, bundle, opts, this.now());
  }

  exportBundle(): Bundle {
    return exportBundle(this.sqlite, this.now().slice(0, 10)) as Bundle;
  }

  snapshot(): Snapshot {
    return buildSnapshot(this.sqlite);
  }

  taxon(id: string): TaxonDetails | null {
    if (!/^\d+$/.test(id)) return null;
    const row = this.sqlite.prepare('SELECT * FROM taxa WHERE id = ?').get(Number(id)) as Record<string, unknown> | undefined;
    if (!row) return null;
    const names = this.sqlite.prepare('SELECT kind, name, lang, author FROM taxon_names WHERE taxon_id = ? ORDER BY id').all(Number(id)) as {
      kind: string; name: string; lang: string | null; author: string | null;
    }[];
    return {
      id,
      name: row.name as string,
      rank: row.rank as string,
      kingdom: row.kingdom as string,
      author: row.author as string | null,
      externalId: row.external_id as string | null,
      parentId: row.parent_id === null ? null : String(row.parent_id),
      distribution: JSON.parse(row.distribution as string) as string[],
      synonyms: names.filter((n) => n.kind === 'synonym').map((n) => ({ name: n.name, author: n.author })),
      commonNames: names.filter((n) => n.kind === 'common').map((n) => ({ lang: n.lang ?? 'en', name: n.name })),
      revision: row.revision as number,
      updatedAt: row.updated_at as string,
      updatedBy: row.updated_by as string,
    };
  }

  parties(): PartyRecord[] {
    return this.sqlite
      .prepare('SELECT code, name, entry_into_force AS entryIntoForce, left_on AS "left", territory_of AS territoryOf FROM parties ORDER BY code')
      .all() as PartyRecord[];
  }

  codes(kind: 'sources' | 'purposes' | 'terms' | 'units'): CodeRecord[] {
    return this.sqlite
      .prepare('SELECT code, name_en AS en, name_es AS es, name_fr AS fr FROM code_entries WHERE kind = ? ORDER BY code')
      .all(kind) as CodeRecord[];
  }

  saveDecisions(records: readonly DecisionRecord[]): void {
    this.sqlite.transaction(() => {
      for (const r of records) this.insertDecision.run(r.id, r.createdAt, r.datasetVersion, r.decision, r.apiKeyId, r.request, r.result);
    })();
  }

  decision(id: string): DecisionRecord | null {
    return (this.selectDecision.get(id) as DecisionRecord | undefined) ?? null;
  }

  health() {
    const status = migrationStatus(this.db);
    return { open: this.sqlite.open, migrationsApplied: status.applied, migrationsExpected: status.expected };
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
  }
}
