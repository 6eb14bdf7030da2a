/**
 * The permit register in SQLite: one row per document, its endorsements, every change in the
 * audit trail. Endorsing is one conditional UPDATE (status issued, not used yet): of two
 * border posts endorsing the same permit at once exactly one changes the row, the other is
 * told the document is used (Art. VI(5): one document, one consignment).
 */
import { and, asc, eq, getTableName, isNull, sql } from 'drizzle-orm';
import { DEFAULT_POLICY, type QuotaDraw } from '@cites-permit-check/engine';
import { documentKey } from '@cites-permit-check/engine/contract/documents';
import type { Endorsement, NewPermit, PermitRecord, PermitStatusChange } from '../../contract/permits.js';
import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.js';
import { endorsements, permits, quotaDraws } from '../../db/schema.js';
import { DocumentInUse, StaleRevision } from '../types.js';
import { recordAudit } from './dataset.js';

type PermitRow = typeof permits.$inferSelect;
type Traders = Pick<NewPermit, 'exporterParty' | 'importerParty'>;

/** Documents a border post may use more than once within their validity: the engine's validity table says which (Res. Conf. 12.3). */
const multipleUse = (type: string) => DEFAULT_POLICY.documentValidity[type as keyof typeof DEFAULT_POLICY.documentValidity]?.multipleUse === true;

/**
 * The two reads a trade check with documents makes, prepared once per connection: drizzle
 * builds and prepares its SQL on every call otherwise, which cost about 0.5 ms per check
 * (bench/documents.ts).
 */
function preparedReads(db: Db) {
  let reads = PREPARED.get(db);
  if (reads === undefined) {
    reads = { byKey: byKeyQuery(db), uses: usesQuery(db) };
    PREPARED.set(db, reads);
  }
  return reads;
}
const byKeyQuery = (db: Db) =>
  db
    .select()
    .from(permits)
    .where(eq(permits.key, sql.placeholder('key')))
    .prepare();
const usesQuery = (db: Db) =>
  db
    .select()
    .from(endorsements)
    .where(eq(endorsements.permitId, sql.placeholder('permitId')))
    .orderBy(asc(endorsements.id))
    .prepare();
const PREPARED = new WeakMap<Db, { byKey: ReturnType<typeof byKeyQuery>; uses: ReturnType<typeof usesQuery> }>();

function recordOf(db: Db, row: PermitRow): PermitRecord {
  const uses = preparedReads(db).uses.all({ permitId: row.id });
  const traders = row.traders as Traders;
  const record: PermitRecord = {
    id: String(row.id),
    type: row.type as PermitRecord['type'],
    number: row.number,
    issuer: row.issuer,
    registeredAs: row.registeredAs,
    issuedOn: row.issuedOn,
    items: row.items as PermitRecord['items'],
    status: row.status as PermitRecord['status'],
    replacedBy: row.replacedBy,
    usedOn: row.usedOn,
    endorsements: uses.map((u) => ({
      date: u.date,
      port: u.port,
      ...(u.quantity === null ? {} : { quantity: u.quantity }),
      ...(u.unit === null ? {} : { unit: u.unit }),
      ...(u.note === null ? {} : { note: u.note }),
      by: u.by,
      at: u.at,
    })),
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
  // Optional boxes are left out when empty, as the request that created them left them out.
  if (row.validUntil !== null) record.validUntil = row.validUntil;
  if (row.exporter !== null) record.exporter = row.exporter;
  if (row.importer !== null) record.importer = row.importer;
  if (row.purpose !== null) record.purpose = row.purpose as NonNullable<PermitRecord['purpose']>;
  if (row.securityStamp !== null) record.securityStamp = row.securityStamp;
  if (row.conditions !== null) record.conditions = row.conditions;
  if (traders.exporterParty) record.exporterParty = traders.exporterParty;
  if (traders.importerParty) record.importerParty = traders.importerParty;
  return record;
}

export function readPermit(db: Db, id: string): PermitRecord | null {
  if (!/^\d+$/.test(id)) return null;
  const row = db
    .select()
    .from(permits)
    .where(eq(permits.id, Number(id)))
    .get();
  return row === undefined ? null : recordOf(db, row);
}

/**
 * The registered documents with these keys (documentKey), for a trade check's verification.
 * The parsed records are reused while the register cannot have changed, and that is asked
 * afresh on every check: `PRAGMA data_version` moves when another connection (another server
 * on the same file) commits, and `localWrites` when this connection writes a permit or an
 * endorsement (temporary triggers, so whatever code makes the write). When either moved, the
 * version of every presented document (versionOf) is read again, in one statement, and a
 * record is parsed again when it differs: every write to a permit or its endorsements bumps
 * its revision, and a permit registered anew under the same key gets a new id. So a status
 * change or an endorsement is seen by the next check: a used document never looks unused.
 * Reading and parsing every row and its endorsements on every check, in one read transaction
 * each, was most of what two documents cost (bench/documents.ts, bench/documents-http.ts).
 */
export function permitsByKeys(db: Db, keys: readonly string[]): PermitRecord[] {
  const watch = watchOf(db);
  // The read point of this check: taken before anything is looked at.
  const dataVersion = watch.dataVersion.get()!;
  const { localWrites, cache } = watch;
  const found: PermitRecord[] = [];
  for (const key of keys) {
    const held = cache.get(key);
    if (held === undefined || held.dataVersion !== dataVersion || held.localWrites !== localWrites) return revalidated(db, watch, keys, dataVersion);
    if (held.record !== null) found.push(held.record);
  }
  return found;
}

/** What this connection knows of the register, and how it learns the register changed. */
interface RegisterWatch {
  dataVersion: Database.Statement<[], number>;
  localWrites: number;
  /** Parsed records (null: not registered) by key, with the id, revision and read point they were checked at. */
  cache: Map<string, HeldPermit>;
}
interface HeldPermit {
  /** id, revision, status and day of use as read, joined: what tells whether the row changed. */
  version: string;
  record: PermitRecord | null;
  dataVersion: number;
  localWrites: number;
}
/** By driver connection, not by drizzle wrapper: the SQL function and triggers belong to the connection. */
const WATCHES = new WeakMap<Database.Database, RegisterWatch>();
/** A few thousand documents at most are in use at a border at once. */
const CACHE_MAX = 10_000;

function watchOf(db: Db): RegisterWatch {
  let watch = WATCHES.get(db.$client);
  if (watch === undefined) {
    const client = db.$client;
    const created: RegisterWatch = { dataVersion: client.prepare<[], number>('PRAGMA data_version').pluck(), localWrites: 0, cache: new Map() };
    client.function('cites_register_written', { deterministic: false }, () => {
      created.localWrites++;
      return null;
    });
    for (const table of [getTableName(permits), getTableName(endorsements)]) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        client.exec(
          `CREATE TEMP TRIGGER IF NOT EXISTS "${table}_${event.toLowerCase()}_watched" AFTER ${event} ON main."${table}" BEGIN SELECT cites_register_written(); END`,
        );
      }
    }
    WATCHES.set(db.$client, created);
    watch = created;
  }
  return watch;
}

/** The records of `keys` after reading their versions again (versionOf); a record whose version is unchanged is kept. */
function revalidated(db: Db, watch: RegisterWatch, keys: readonly string[], dataVersion: number): PermitRecord[] {
  const { cache, localWrites } = watch;
  const found: PermitRecord[] = [];
  for (let from = 0; from < keys.length; from += VERSION_READ_MAX) {
    const chunk = keys.slice(from, from + VERSION_READ_MAX);
    const now: (string | undefined)[] = new Array(chunk.length);
    for (const [i, version] of versionRead(db, chunk.length).all(...chunk)) now[i] = version;
    for (let i = 0; i < chunk.length; i++) {
      const key = chunk[i]!;
      const version = now[i];
      let held = cache.get(key);
      if (held === undefined || held.version !== (version ?? '')) {
        const row = version === undefined ? undefined : preparedReads(db).byKey.get({ key });
        // The version of the row read, not of the first read: a change in between is caught by the next check.
        held =
          row === undefined
            ? { version: '', record: null, dataVersion, localWrites }
            : { version: versionOf(row.id, row.revision, row.status, row.usedOn), record: frozen(recordOf(db, row)), dataVersion, localWrites };
        if (cache.size >= CACHE_MAX) cache.clear();
        cache.set(key, held);
      } else {
        held.dataVersion = dataVersion;
        held.localWrites = localWrites;
      }
      if (held.record !== null) found.push(held.record);
    }
  }
  return found;
}

/** A trade check presents at most 10 documents (contract): one statement per count, prepared once. */
const VERSION_READ_MAX = 10;
type VersionRead = Database.Statement<string[], [number, string]>;
const VERSION_READS = new WeakMap<Db, VersionRead[]>();

/**
 * A row's version: its id and revision, which every write through this module changes, and
 * its status and day of use, so that even a write that forgot the revision cannot leave a used
 * or cancelled document looking usable.
 */
const versionOf = (id: number, revision: number, status: string, usedOn: string | null) => `${id}|${revision}|${status}|${usedOn ?? ''}`;

/** Rows [position of the key, version (versionOf)] for the keys the register holds, read in one statement. */
function versionRead(db: Db, count: number): VersionRead {
  let reads = VERSION_READS.get(db);
  if (reads === undefined) VERSION_READS.set(db, (reads = []));
  let read = reads[count];
  if (read === undefined) {
    const table = getTableName(permits);
    const [key, id, revision, status, usedOn] = [permits.key, permits.id, permits.revision, permits.status, permits.usedOn].map((c) => `"${c.name}"`);
    const one = (i: number) => `SELECT ${i}, ${id} || '|' || ${revision} || '|' || ${status} || '|' || ifnull(${usedOn}, '') FROM "${table}" WHERE ${key} = ?`;
    read = db.$client.prepare<string[], [number, string]>(Array.from({ length: count }, (_, i) => one(i)).join(' UNION ALL ')).raw();
    reads[count] = read;
  }
  return read;
}

/** A record shared by every check that reads it is never changed by one of them. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

export function findPermits(db: Db, filter: { number?: string | undefined; issuer?: string | undefined; limit: number }): PermitRecord[] {
  const number = filter.number?.replace(/\s+/g, '').toUpperCase();
  return db
    .select()
    .from(permits)
    .where(and(filter.issuer ? eq(permits.issuer, filter.issuer) : undefined, number ? sql`replace(upper(${permits.number}), ' ', '') = ${number}` : undefined))
    .orderBy(asc(permits.id))
    .limit(filter.limit)
    .all()
    .map((row) => recordOf(db, row));
}

/** Registers a document; null when one with the same issuer, type and number is registered. */
export function createPermit(db: Db, p: NewPermit, meta: { actor: string; now: string }): PermitRecord | null {
  const key = documentKey(p);
  return db.transaction(
    (tx) => {
      if (tx.select({ id: permits.id }).from(permits).where(eq(permits.key, key)).get() !== undefined) return null;
      const row = tx
        .insert(permits)
        .values({
          key,
          type: p.type,
          number: p.number,
          issuer: p.issuer,
          registeredAs: p.registeredAs,
          issuedOn: p.issuedOn,
          validUntil: p.validUntil ?? null,
          exporter: p.exporter ?? null,
          importer: p.importer ?? null,
          purpose: p.purpose ?? null,
          items: p.items ?? [],
          traders: { exporterParty: p.exporterParty, importerParty: p.importerParty },
          securityStamp: p.securityStamp ?? null,
          conditions: p.conditions ?? null,
          createdAt: meta.now,
          updatedAt: meta.now,
          updatedBy: meta.actor,
        })
        .returning()
        .get();
      const record = recordOf(tx as unknown as Db, row);
      recordAudit(tx as unknown as Db, {
        at: meta.now,
        actor: meta.actor,
        action: 'create',
        entity: 'permit',
        entityId: record.id,
        before: null,
        after: record,
      });
      return record;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Registers a file of documents in one transaction: all of them, or none when anything fails.
 * A document already registered (same issuer, type and number) is left as it is, so loading
 * the same file twice changes nothing.
 */
export function createPermits(db: Db, list: readonly NewPermit[], meta: { actor: string; now: string }): (PermitRecord | null)[] {
  return db.transaction((tx) => list.map((p) => createPermit(tx as unknown as Db, p, meta)), { behavior: 'immediate' });
}

/** Cancels or marks replaced, lost or stolen; StaleRevision when someone changed it first. */
export function changePermitStatus(
  db: Db,
  id: string,
  change: PermitStatusChange,
  revision: number,
  meta: { actor: string; now: string },
): PermitRecord | null {
  return db.transaction(
    (tx) => {
      const before = readPermit(tx as unknown as Db, id);
      if (before === null) return null;
      if (before.revision !== revision) throw new StaleRevision(before.revision);
      tx.update(permits)
        .set({ status: change.status, replacedBy: change.replacedBy ?? null, revision: revision + 1, updatedAt: meta.now, updatedBy: meta.actor })
        .where(eq(permits.id, Number(id)))
        .run();
      const after = readPermit(tx as unknown as Db, id)!;
      recordAudit(tx as unknown as Db, {
        at: meta.now,
        actor: meta.actor,
        action: `status:${change.status}`,
        entity: 'permit',
        entityId: id,
        before: { status: before.status },
        after: { status: after.status, replacedBy: after.replacedBy, reason: change.reason ?? null },
      });
      return after;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Endorses a document for one consignment. A single-use document in status issued becomes
 * used (one conditional UPDATE, so concurrent endorsements cannot both succeed); any other
 * status is DocumentInUse. Null when there is no such permit.
 */
export function endorsePermit(db: Db, id: string, e: Endorsement, draws: readonly QuotaDraw[], meta: { actor: string; now: string }): PermitRecord | null {
  return db.transaction(
    (tx) => {
      const row = tx
        .select()
        .from(permits)
        .where(eq(permits.id, Number(id)))
        .get();
      if (row === undefined) return null;
      const singleUse = !multipleUse(row.type);
      const changed = tx
        .update(permits)
        .set({
          ...(singleUse ? { status: 'used', usedOn: e.date } : {}),
          revision: sql`${permits.revision} + 1`,
          updatedAt: meta.now,
          updatedBy: meta.actor,
        })
        .where(and(eq(permits.id, row.id), eq(permits.status, 'issued'), singleUse ? isNull(permits.usedOn) : undefined))
        .run();
      if (changed.changes === 0) throw new DocumentInUse(row.status, row.usedOn);
      const endorsement = tx
        .insert(endorsements)
        .values({
          permitId: row.id,
          date: e.date,
          port: e.port,
          quantity: e.quantity ?? null,
          unit: e.unit ?? null,
          note: e.note ?? null,
          by: meta.actor,
          at: meta.now,
        })
        .returning({ id: endorsements.id })
        .get();
      // The quota use goes in with the endorsement: an export is counted once, and only if endorsed.
      if (draws.length) {
        tx.insert(quotaDraws)
          .values(draws.map((d) => ({ quotaKey: d.key, permitId: row.id, endorsementId: endorsement.id, quantity: d.quantity, drawnOn: e.date })))
          .run();
      }
      const after = readPermit(tx as unknown as Db, id)!;
      recordAudit(tx as unknown as Db, {
        at: meta.now,
        actor: meta.actor,
        action: 'endorse',
        entity: 'permit',
        entityId: id,
        before: { status: row.status },
        after: { status: after.status, endorsement: e, ...(draws.length ? { quotaDraws: draws } : {}) },
      });
      return after;
    },
    { behavior: 'immediate' },
  );
}

/** The sum drawn on one quota, prepared once per connection (a trade check under a quota asks it every time). */
const drawnOn = (db: Db) =>
  db
    .select({ used: sql<number | null>`sum(${quotaDraws.quantity})` })
    .from(quotaDraws)
    .where(eq(quotaDraws.quotaKey, sql.placeholder('key')))
    .prepare();
const DRAWN_ON = new WeakMap<Db, ReturnType<typeof drawnOn>>();

/** What endorsed exports have drawn on each of these quotas (by quotaKey); a quota nothing has drawn on is absent. */
export function quotaUse(db: Db, keys: readonly string[]): Map<string, number> {
  let query = DRAWN_ON.get(db);
  if (query === undefined) DRAWN_ON.set(db, (query = drawnOn(db)));
  const use = new Map<string, number>();
  for (const key of keys) {
    const used = query.get({ key })?.used;
    if (used !== null && used !== undefined) use.set(key, used);
  }
  return use;
}
