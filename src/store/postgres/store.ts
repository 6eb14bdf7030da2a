/**
 * The PostgreSQL implementation of the repository port (DATABASE_URL=postgres://…), for
 * several replicas on one database. The dataset and the permit register are served from
 * the replica's working copy (replica.ts), where the SQLite store's rules run and from which
 * every change is committed to PostgreSQL under one lock; the decision log, the audit trail
 * and the API keys are written to PostgreSQL directly (log.ts).
 */
import pg from 'pg';
import { keyCreated, keyRevoked } from '../domain/key-audit.js';
import type { Bundle, BundleListing, BundleTaxon } from '../../contract/bundle.js';
import type { Endorsement, NewPermit, PermitRecord, PermitStatusChange } from '../../contract/permits.js';
import type { Snapshot } from '@cites-permit-check/engine/contract/snapshot';
import type {
  ApiKeyRecord,
  AuditRecord,
  CitesStore,
  CodeRecord,
  DatasetState,
  DecisionRecord,
  ImportOptions,
  ImportSummary,
  ListingRecord,
  PartyRecord,
  RecordMeta,
  RestrictionKind,
  RestrictionOf,
  NewSyncRun,
  SyncRun,
  SyncRunChange,
  TaxonDetails,
} from '../types.js';
import { inTransaction, openPool, pgMigrationStatus } from './client.js';
import { DecisionTable, KEY_COLUMNS, readAudit, recordAudit } from './log.js';
import { CHANGES_CHANNEL, WorkingCopy } from './replica.js';
import { SyncRunTable } from './sync-runs.js';
import type { QuotaDraw } from '@cites-permit-check/engine';

export class PostgresStore implements CitesStore {
  private readonly decisionTable: DecisionTable;
  private readonly syncTable: SyncRunTable;
  private listener: pg.Client | null = null;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
    private readonly copy: WorkingCopy,
    private readonly clock: () => Date,
  ) {
    this.decisionTable = new DecisionTable(pool);
    this.syncTable = new SyncRunTable(pool);
  }

  /**
   * Connects and applies the migrations (once across replicas starting together). The working
   * copy is loaded on first use: `keys create` from the command line never needs it.
   */
  static async open(url: string, clock: () => Date = () => new Date(), opts: { keepChanges?: number } = {}): Promise<PostgresStore> {
    const pool = await openPool(url);
    return new PostgresStore(url, pool, new WorkingCopy(pool, clock, opts.keepChanges), clock);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /**
   * Calls `changed` when any replica commits a change to the dataset or the register
   * (LISTEN/NOTIFY), after this replica's copy has caught up with it. A lost connection is
   * opened again; meanwhile DATASET_POLL_MS polling still finds the change.
   */
  async watch(changed: () => void): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', () => {
      this.copy.refresh().then(changed, () => {});
    });
    client.on('error', () => {
      client.end().catch(() => {});
      if (this.listener === client) this.listener = null;
      if (!this.closed) setTimeout(() => void this.watch(changed).catch(() => {}), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    this.listener = client;
  }

  async state(): Promise<DatasetState> {
    const r = await this.pool.query<{
      version: number;
      asOf: string | null;
      source: string | null;
      provenance: string | null;
      updatedAt: string;
      updatedBy: string;
    }>('SELECT version, as_of AS "asOf", source, provenance, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM dataset_state WHERE id = 1');
    const row = r.rows[0];
    if (row === undefined) return this.copy.read(() => this.copy.store.state());
    return { ...row, provenance: row.provenance === null ? null : JSON.parse(row.provenance) };
  }

  // ── the dataset and the register: read from the working copy, written through it ──

  isEmpty(): Promise<boolean> {
    return this.copy.read(() => this.copy.store.isEmpty());
  }

  latestListingStart(origins: readonly string[]): Promise<string | null> {
    return this.copy.read(() => this.copy.store.latestListingStart(origins));
  }

  importBundle(bundle: Bundle, opts: ImportOptions): Promise<ImportSummary> {
    return this.copy.write(() => this.copy.store.importBundle(bundle, opts));
  }

  exportBundle(): Promise<Bundle> {
    return this.copy.read(() => this.copy.store.exportBundle());
  }

  snapshot(): Promise<Snapshot> {
    return this.copy.read(() => this.copy.store.snapshot());
  }

  snapshotJson(): Promise<string> {
    return this.copy.read(() => this.copy.store.snapshotJson());
  }

  taxon(id: string): Promise<TaxonDetails | null> {
    return this.copy.read(() => this.copy.store.taxon(id));
  }

  namesByExternalId(): Promise<Map<string, string>> {
    return this.copy.read(() => this.copy.store.namesByExternalId());
  }

  parties(): Promise<PartyRecord[]> {
    return this.copy.read(() => this.copy.store.parties());
  }

  codes(kind: 'sources' | 'purposes' | 'terms' | 'units'): Promise<CodeRecord[]> {
    return this.copy.read(() => this.copy.store.codes(kind));
  }

  permit(id: string): Promise<PermitRecord | null> {
    return this.copy.read(() => this.copy.store.permit(id));
  }

  permits(filter: { number?: string | undefined; issuer?: string | undefined; limit: number }): Promise<PermitRecord[]> {
    return this.copy.read(() => this.copy.store.permits(filter));
  }

  permitsByKeys(keys: readonly string[]): Promise<PermitRecord[]> {
    return this.copy.read(() => this.copy.store.permitsByKeys(keys));
  }

  createPermit(p: NewPermit, actor: string): Promise<PermitRecord | null> {
    return this.copy.write(() => this.copy.store.createPermit(p, actor));
  }

  changePermitStatus(id: string, change: PermitStatusChange, revision: number, actor: string): Promise<PermitRecord | null> {
    return this.copy.write(() => this.copy.store.changePermitStatus(id, change, revision, actor));
  }

  createPermits(list: readonly NewPermit[], actor: string): Promise<(PermitRecord | null)[]> {
    return this.copy.write(() => this.copy.store.createPermits(list, actor));
  }

  /**
   * Under the dataset lock, after catching up: of two replicas endorsing one document, the
   * second finds it used. The quota draws go in with the endorsement (replicated with it).
   */
  endorsePermit(id: string, e: Endorsement, actor: string, draws: readonly QuotaDraw[] = []): Promise<PermitRecord | null> {
    return this.copy.write(() => this.copy.store.endorsePermit(id, e, actor, draws));
  }

  quotaUse(keys: readonly string[]): Promise<Map<string, number>> {
    return this.copy.read(() => this.copy.store.quotaUse(keys));
  }

  // ── Species+ syncs: written by the replica that runs them, straight to PostgreSQL ──

  syncRuns(limit: number): Promise<SyncRun[]> {
    return this.syncTable.list(limit);
  }

  startSyncRun(run: NewSyncRun): Promise<SyncRun> {
    return this.syncTable.start(run, this.now());
  }

  updateSyncRun(id: number, change: SyncRunChange): Promise<void> {
    return this.syncTable.update(id, change);
  }

  stageConcepts(runId: number, concepts: ReadonlyArray<{ taxonId: number; concept: string }>): Promise<void> {
    return this.syncTable.stage(runId, concepts);
  }

  mirroredConcepts(runId: number): AsyncIterable<string> {
    return this.syncTable.mirrored(runId);
  }

  settleMirror(runId: number, whole: boolean): Promise<void> {
    return this.syncTable.settle(runId, whole);
  }

  dropStaged(runId: number): Promise<void> {
    return this.syncTable.drop(runId);
  }

  listing(id: string): Promise<ListingRecord | null> {
    return this.copy.read(() => this.copy.store.listing(id));
  }

  createListing(l: BundleListing, actor: string): Promise<ListingRecord> {
    return this.copy.write(() => this.copy.store.createListing(l, actor));
  }

  /** The revision is compared under the dataset lock with the latest committed one: of two edits from one ETag, one wins. */
  updateListing(id: string, change: (l: BundleListing) => BundleListing, revision: number, actor: string): Promise<ListingRecord | null> {
    return this.copy.write(() => this.copy.store.updateListing(id, change, revision, actor));
  }

  restriction<K extends RestrictionKind>(kind: K, id: string): Promise<(RestrictionOf<K> & RecordMeta) | null> {
    return this.copy.read(() => this.copy.store.restriction(kind, id));
  }

  restrictionList<K extends RestrictionKind>(kind: K, filter: { taxonId?: number; activeOn?: string }): Promise<(RestrictionOf<K> & RecordMeta)[]> {
    return this.copy.read(() => this.copy.store.restrictionList(kind, filter));
  }

  createRestriction<K extends RestrictionKind>(kind: K, r: RestrictionOf<K>, actor: string): Promise<RestrictionOf<K> & RecordMeta> {
    return this.copy.write(() => this.copy.store.createRestriction(kind, r, actor));
  }

  updateRestriction<K extends RestrictionKind>(
    kind: K,
    id: string,
    change: (r: RestrictionOf<K>) => RestrictionOf<K>,
    revision: number,
    actor: string,
  ): Promise<(RestrictionOf<K> & RecordMeta) | null> {
    return this.copy.write(() => this.copy.store.updateRestriction(kind, id, change, revision, actor));
  }

  taxonAsBundle(id: string): Promise<BundleTaxon | null> {
    return this.copy.read(() => this.copy.store.taxonAsBundle(id));
  }

  createTaxon(t: BundleTaxon, actor: string): Promise<TaxonDetails> {
    return this.copy.write(() => this.copy.store.createTaxon(t, actor));
  }

  updateTaxon(id: string, change: (t: BundleTaxon) => BundleTaxon, revision: number, actor: string): Promise<TaxonDetails | null> {
    return this.copy.write(() => this.copy.store.updateTaxon(id, change, revision, actor));
  }

  // ── written by every replica straight to PostgreSQL ──

  saveDecisions(records: readonly DecisionRecord[]): Promise<void> {
    return this.decisionTable.save(records);
  }

  decision(id: string): Promise<DecisionRecord | null> {
    return this.decisionTable.one(id);
  }

  decisions(filter: { from?: string; to?: string; decision?: string; apiKeyId?: string; limit: number; before?: string }): Promise<DecisionRecord[]> {
    return this.decisionTable.list(filter);
  }

  audit(filter: { entity?: string; entityId?: string; limit: number; before?: number }): Promise<AuditRecord[]> {
    return readAudit(this.pool, filter);
  }

  async createApiKey(key: { id: string; name: string; role: ApiKeyRecord['role']; hash: string }): Promise<ApiKeyRecord> {
    const at = this.now();
    await this.transaction(async (db) => {
      await db.query('INSERT INTO api_keys (id, name, role, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [key.id, key.name, key.role, key.hash, at]);
      await recordAudit(db, keyCreated(key, at));
    });
    return { id: key.id, name: key.name, role: key.role, createdAt: at, revokedAt: null, lastUsedAt: null };
  }

  async apiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    const r = await this.pool.query<ApiKeyRecord>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE secret_hash = $1`, [hash]);
    return r.rows[0] ?? null;
  }

  async apiKeys(): Promise<ApiKeyRecord[]> {
    return (await this.pool.query<ApiKeyRecord>(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY created_at`)).rows;
  }

  revokeApiKey(id: string, actor: string): Promise<ApiKeyRecord | null> {
    const at = this.now();
    return this.transaction(async (db) => {
      // Conditional: of two replicas revoking one key, one records the revocation.
      const done = await db.query('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
      if ((done.rowCount ?? 0) > 0) await recordAudit(db, keyRevoked(id, actor, at));
      return (await db.query<ApiKeyRecord>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = $1`, [id])).rows[0] ?? null;
    });
  }

  async touchApiKeys(lastUsed: ReadonlyMap<string, string>): Promise<void> {
    if (lastUsed.size === 0) return;
    await this.pool.query('UPDATE api_keys SET last_used_at = v.at FROM unnest($1::text[], $2::text[]) AS v(id, at) WHERE api_keys.id = v.id', [
      [...lastUsed.keys()],
      [...lastUsed.values()],
    ]);
  }

  async health(): Promise<{ open: boolean; migrationsApplied: number; migrationsExpected: number }> {
    const status = await pgMigrationStatus(this.pool);
    return { open: !this.closed, migrationsApplied: status.applied, migrationsExpected: status.expected };
  }

  private transaction<T>(run: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, run);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener?.end().catch(() => {});
    await this.pool.end();
    this.copy.close();
  }
}
