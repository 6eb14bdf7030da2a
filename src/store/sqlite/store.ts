/** The SQLite implementation of the repository port. */
import { keyCreated, keyRevoked } from '../domain/key-audit.js';
import type { Bundle } from '../../contract/bundle.js';
import type { Snapshot } from '@cites-permit-check/engine/contract/snapshot';
import type { Kingdom } from '@cites-permit-check/engine/contract/codes';
import type { QuotaDraw } from '@cites-permit-check/engine';
import { migrationStatus, openDatabase, type Db } from '../../db/client.js';
import type {
  ApiKeyRecord,
  AuditRecord,
  CitesStore,
  ListingRecord,
  NewSyncRun,
  RecordMeta,
  SyncRun,
  SyncRunChange,
  RestrictionKind,
  RestrictionOf,
  CodeRecord,
  DatasetState,
  DecisionRecord,
  ImportOptions,
  ImportSummary,
  PartyRecord,
  TaxonDetails,
} from '../types.js';
import type { BundleListing, BundleTaxon } from '../../contract/bundle.js';
import { formatTaxonRef } from '../../contract/taxon-ref.js';
import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, max } from 'drizzle-orm';
import { apiKeys, auditLog, decisions as decisionsTable, listings, parties, snapshotCache, taxa } from '../../db/schema.js';
import { importBundle } from './bundle-import.js';
import { QUOTAS, RESERVATIONS, SUSPENSIONS } from './restriction-kinds.js';
import { canonicalTaxon } from '../domain/canonical.js';
import {
  createDated,
  createListing,
  createTaxon,
  listDated,
  readDated,
  readListing,
  taxonDirectory,
  updateDated,
  updateListing,
  updateTaxon,
} from './records.js';
import { ensureDatasetState, readDatasetState, recordAudit } from './dataset.js';
import { buildSnapshot, exportBundle } from './export.js';
import { codeRecordOf, codeRows, namesByTaxon, partyRecordOf, partyRows, readTaxonRows } from './rows.js';
import { expandStored } from '../decision-parts.js';
import type { Endorsement, NewPermit, PermitRecord, PermitStatusChange } from '../../contract/permits.js';
import { changePermitStatus, createPermit, createPermits, endorsePermit, findPermits, permitsByKeys, quotaUse, readPermit } from './permits.js';
import { dropStaged, listSyncRuns, mirroredConcepts, settleMirror, stageConcepts, startSyncRun, updateSyncRun } from './sync-runs.js';

/** An API key as the API shows it (never its hash). */
const KEY_COLUMNS = {
  id: apiKeys.id,
  name: apiKeys.name,
  role: apiKeys.role,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

export class SqliteStore implements CitesStore {
  // The decision log is written on every trade check and read back on every lookup: plain
  // better-sqlite3 statements, prepared once, cost a bound run per decision, where drizzle
  // would build its SQL and map the row on every call.
  private readonly insertDecision;
  private readonly selectDecision;
  private readonly insertPart;
  private readonly selectPart;

  constructor(
    readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    ensureDatasetState(this.db, this.now());
    this.insertDecision = this.sqlite.prepare(
      'INSERT INTO decisions (id, created_at, dataset_version, decision, api_key_id, request, result) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertPart = this.sqlite.prepare('INSERT OR IGNORE INTO decision_parts (key, json) VALUES (?, ?)');
    this.selectPart = this.sqlite.prepare('SELECT json FROM decision_parts WHERE key = ?').pluck();
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

  async state(): Promise<DatasetState> {
    return readDatasetState(this.db);
  }

  async isEmpty(): Promise<boolean> {
    const anyTaxon = this.db.select({ id: taxa.id }).from(taxa).limit(1).get();
    const anyParty = this.db.select({ code: parties.code }).from(parties).limit(1).get();
    return anyTaxon === undefined && anyParty === undefined;
  }

  async importBundle(bundle: Bundle, opts: ImportOptions): Promise<ImportSummary> {
    return importBundle(this.db, bundle, opts, this.now());
  }

  async latestListingStart(origins: readonly string[]): Promise<string | null> {
    if (origins.length === 0) return null;
    const row = this.db
      .select({ latest: max(listings.effectiveFrom) })
      .from(listings)
      .where(inArray(listings.origin, [...origins]))
      .get();
    return row?.latest ?? null;
  }

  async exportBundle(): Promise<Bundle> {
    return exportBundle(this.db, this.now().slice(0, 10)) as Bundle;
  }

  async snapshot(): Promise<Snapshot> {
    return JSON.parse(this.snapshotText()) as Snapshot;
  }

  /** The snapshot as JSON text, built once per dataset version and kept in the database. */
  async snapshotJson(): Promise<string> {
    return this.snapshotText();
  }

  private snapshotText(): string {
    const version = readDatasetState(this.db).version;
    const cached = this.db.select({ json: snapshotCache.json }).from(snapshotCache).where(eq(snapshotCache.version, version)).get();
    if (cached !== undefined) return cached.json;
    const json = JSON.stringify(buildSnapshot(this.db));
    this.sqlite
      .transaction(() => {
        this.db.delete(snapshotCache).run();
        this.db.insert(snapshotCache).values({ version, json }).run();
      })
      .immediate();
    return json;
  }

  async taxon(id: string): Promise<TaxonDetails | null> {
    return this.taxonNow(id);
  }

  /** Synchronous, so the officers' writes can read a taxon inside their transaction. */
  private taxonNow(id: string): TaxonDetails | null {
    if (!/^\d+$/.test(id)) return null;
    const row = readTaxonRows(this.db, { id: Number(id) })[0];
    if (!row) return null;
    const names = namesByTaxon(this.db, { taxonId: row.id }).get(row.id);
    return {
      id,
      name: row.name,
      rank: row.rank,
      kingdom: row.kingdom,
      author: row.author,
      externalId: row.externalId,
      parentId: row.parentId === null ? null : String(row.parentId),
      distribution: row.distribution,
      synonyms: names?.synonyms ?? [],
      commonNames: names?.commonNames ?? [],
      revision: row.revision,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    };
  }

  async namesByExternalId(): Promise<Map<string, string>> {
    const directory = taxonDirectory(this.db);
    const rows = this.db.select({ ext: taxa.externalId, id: taxa.id }).from(taxa).where(isNotNull(taxa.externalId)).all();
    return new Map(rows.map((r) => [r.ext!, directory.refOf(r.id)]));
  }

  async parties(): Promise<PartyRecord[]> {
    return partyRows(this.db).map(partyRecordOf);
  }

  async codes(kind: 'sources' | 'purposes' | 'terms' | 'units'): Promise<CodeRecord[]> {
    return codeRows(this.db, kind).map(codeRecordOf);
  }

  async saveDecisions(records: readonly DecisionRecord[]): Promise<void> {
    const known = this.knownParts();
    this.sqlite
      .transaction(() => {
        for (const r of records) {
          for (const part of r.parts ?? []) {
            if (known.has(part.key)) continue;
            this.insertPart.run(part.key, part.text);
            known.add(part.key);
          }
          this.insertDecision.run(r.id, r.createdAt, r.datasetVersion, r.decision, r.apiKeyId, r.request, r.result);
        }
      })
      .immediate();
  }

  private parts: Set<string> | null = null;

  private knownParts(): Set<string> {
    // Raw and plucked: the log may hold hundreds of thousands of parts, read as plain strings
    // without a row object each.
    this.parts ??= new Set(this.sqlite.prepare('SELECT key FROM decision_parts').pluck().all() as string[]);
    return this.parts;
  }

  /** A stored answer with its shared parts put back. */
  private expanded(d: DecisionRecord): DecisionRecord {
    return { ...d, result: expandStored(d.result, (key) => this.selectPart.get(key) as string | undefined) };
  }

  async decision(id: string): Promise<DecisionRecord | null> {
    const d = this.selectDecision.get(id) as DecisionRecord | undefined;
    return d === undefined ? null : this.expanded(d);
  }

  async decisions(filter: { from?: string; to?: string; decision?: string; apiKeyId?: string; limit: number; before?: string }): Promise<DecisionRecord[]> {
    // Ids begin with the time in hex (decision-log.ts): a date range is an id range.
    const idAt = (date: string) => Date.parse(`${date}T00:00:00Z`).toString(16).padStart(12, '0');
    const d = decisionsTable;
    const rows = this.db
      .select({
        id: d.id,
        createdAt: d.createdAt,
        datasetVersion: d.datasetVersion,
        decision: d.decision,
        apiKeyId: d.apiKeyId,
        request: d.request,
        result: d.result,
      })
      .from(d)
      .where(
        and(
          filter.from ? gte(d.id, idAt(filter.from)) : undefined,
          filter.to ? lt(d.id, idAt(filter.to)) : undefined,
          filter.decision ? eq(d.decision, filter.decision) : undefined,
          filter.apiKeyId ? eq(d.apiKeyId, filter.apiKeyId) : undefined,
          filter.before ? lt(d.id, filter.before) : undefined,
        ),
      )
      .orderBy(desc(d.id))
      .limit(filter.limit)
      .all();
    return rows.map((r) => this.expanded(r));
  }

  async audit(filter: { entity?: string; entityId?: string; limit: number; before?: number }): Promise<AuditRecord[]> {
    const rows = this.db
      .select()
      .from(auditLog)
      .where(
        and(
          filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
          filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
          filter.before ? lt(auditLog.id, filter.before) : undefined,
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(filter.limit)
      .all();
    return rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
  }

  async createApiKey(key: { id: string; name: string; role: ApiKeyRecord['role']; hash: string }): Promise<ApiKeyRecord> {
    const at = this.now();
    this.sqlite
      .transaction(() => {
        this.db.insert(apiKeys).values({ id: key.id, name: key.name, role: key.role, secretHash: key.hash, createdAt: at }).run();
        recordAudit(this.db, keyCreated(key, at));
      })
      .immediate();
    return { id: key.id, name: key.name, role: key.role, createdAt: at, revokedAt: null, lastUsedAt: null };
  }

  async apiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    return this.db.select(KEY_COLUMNS).from(apiKeys).where(eq(apiKeys.secretHash, hash)).get() ?? null;
  }

  async apiKeys(): Promise<ApiKeyRecord[]> {
    return this.db.select(KEY_COLUMNS).from(apiKeys).orderBy(apiKeys.createdAt).all();
  }

  async revokeApiKey(id: string, actor: string): Promise<ApiKeyRecord | null> {
    const at = this.now();
    return this.sqlite
      .transaction(() => {
        const done = this.db
          .update(apiKeys)
          .set({ revokedAt: at })
          .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
          .run();
        if (done.changes > 0) recordAudit(this.db, keyRevoked(id, actor, at));
        return this.db.select(KEY_COLUMNS).from(apiKeys).where(eq(apiKeys.id, id)).get() ?? null;
      })
      .immediate();
  }

  async touchApiKeys(lastUsed: ReadonlyMap<string, string>): Promise<void> {
    this.sqlite
      .transaction(() => {
        // A handful of keys a minute: built per call.
        for (const [id, at] of lastUsed) this.db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id)).run();
      })
      .immediate();
  }

  async syncRuns(limit: number): Promise<SyncRun[]> {
    return listSyncRuns(this.db, limit);
  }

  async startSyncRun(run: NewSyncRun): Promise<SyncRun> {
    return startSyncRun(this.db, run, this.now());
  }

  async updateSyncRun(id: number, change: SyncRunChange): Promise<void> {
    updateSyncRun(this.db, id, change);
  }

  async stageConcepts(runId: number, concepts: ReadonlyArray<{ taxonId: number; concept: string }>): Promise<void> {
    stageConcepts(this.db, runId, concepts);
  }

  mirroredConcepts(runId: number): AsyncIterable<string> {
    return mirroredConcepts(this.db, runId);
  }

  async settleMirror(runId: number, whole: boolean): Promise<void> {
    settleMirror(this.db, runId, whole);
  }

  async dropStaged(runId: number): Promise<void> {
    dropStaged(this.db, runId);
  }

  async permit(id: string): Promise<PermitRecord | null> {
    return readPermit(this.db, id);
  }

  async permits(filter: { number?: string | undefined; issuer?: string | undefined; limit: number }): Promise<PermitRecord[]> {
    return findPermits(this.db, filter);
  }

  async permitsByKeys(keys: readonly string[]): Promise<PermitRecord[]> {
    return permitsByKeys(this.db, keys);
  }

  async createPermit(p: NewPermit, actor: string): Promise<PermitRecord | null> {
    return createPermit(this.db, p, { actor, now: this.now() });
  }

  async createPermits(list: readonly NewPermit[], actor: string): Promise<(PermitRecord | null)[]> {
    return createPermits(this.db, list, { actor, now: this.now() });
  }

  async changePermitStatus(id: string, change: PermitStatusChange, revision: number, actor: string): Promise<PermitRecord | null> {
    return changePermitStatus(this.db, id, change, revision, { actor, now: this.now() });
  }

  async endorsePermit(id: string, e: Endorsement, actor: string, draws: readonly QuotaDraw[] = []): Promise<PermitRecord | null> {
    return endorsePermit(this.db, id, e, draws, { actor, now: this.now() });
  }

  async quotaUse(keys: readonly string[]): Promise<Map<string, number>> {
    return keys.length === 0 ? new Map() : quotaUse(this.db, keys);
  }

  async health() {
    const status = migrationStatus(this.db);
    return { open: this.sqlite.open, migrationsApplied: status.applied, migrationsExpected: status.expected };
  }

  // ── officers' writes (each audited, each bumps the dataset version) ──

  async listing(id: string): Promise<ListingRecord | null> {
    return readListing(this.db, id);
  }

  async createListing(l: BundleListing, actor: string): Promise<ListingRecord> {
    return createListing(this.db, l, { actor, now: this.now() });
  }

  async updateListing(id: string, change: (l: BundleListing) => BundleListing, revision: number, actor: string): Promise<ListingRecord | null> {
    return updateListing(this.db, id, change, revision, { actor, now: this.now() });
  }

  readonly restrictions = {
    reservations: RESERVATIONS,
    quotas: QUOTAS,
    suspensions: SUSPENSIONS,
  } as const;

  async restriction<K extends RestrictionKind>(kind: K, id: string) {
    return readDated(this.db, this.restrictions[kind] as never, id) as (RestrictionOf<K> & RecordMeta) | null;
  }

  async restrictionList<K extends RestrictionKind>(kind: K, filter: { taxonId?: number; activeOn?: string }) {
    return listDated(this.db, this.restrictions[kind] as never, filter) as (RestrictionOf<K> & RecordMeta)[];
  }

  async createRestriction<K extends RestrictionKind>(kind: K, r: RestrictionOf<K>, actor: string) {
    return createDated(this.db, this.restrictions[kind] as never, r, { actor, now: this.now() }) as RestrictionOf<K> & RecordMeta;
  }

  async updateRestriction<K extends RestrictionKind>(kind: K, id: string, change: (r: RestrictionOf<K>) => RestrictionOf<K>, revision: number, actor: string) {
    return updateDated(this.db, this.restrictions[kind] as never, id, change as never, revision, { actor, now: this.now() }) as
      | (RestrictionOf<K> & RecordMeta)
      | null;
  }

  /** A taxon in the bundle's shape (for updates). */
  async taxonAsBundle(id: string): Promise<BundleTaxon | null> {
    return this.taxonAsBundleNow(id);
  }

  private taxonAsBundleNow(id: string): BundleTaxon | null {
    const t = this.taxonNow(id);
    if (t === null) return null;
    // The parent is in the taxon's kingdom: name it with the kingdom so that a homonym
    // (Pholidota) cannot be read as the other one.
    const parent = t.parentId === null ? null : formatTaxonRef(this.taxonNow(t.parentId)!.name, t.kingdom as Kingdom, true);
    const c = canonicalTaxon({ ...t, parent });
    return {
      name: c.name,
      rank: t.rank as BundleTaxon['rank'],
      author: c.author,
      parent: c.parent,
      externalId: c.externalId,
      synonyms: t.synonyms.map((s) => (s.author ? { name: s.name, author: s.author } : s.name)),
      commonNames: c.commonNames,
      distribution: c.distribution,
    };
  }

  async createTaxon(t: BundleTaxon, actor: string): Promise<TaxonDetails> {
    return createTaxon(this.db, t, { actor, now: this.now() }, (id) => this.taxonNow(id));
  }

  async updateTaxon(id: string, change: (t: BundleTaxon) => BundleTaxon, revision: number, actor: string): Promise<TaxonDetails | null> {
    return updateTaxon(
      this.db,
      id,
      change,
      revision,
      { actor, now: this.now() },
      (x) => this.taxonNow(x),
      (x) => this.taxonAsBundleNow(x),
    );
  }

  async close(): Promise<void> {
    if (this.sqlite.open) this.sqlite.close();
  }
}
