/**
 * The permit register in SQLite: one row per document, its endorsements, every change in the
 * audit trail. Endorsing is one conditional UPDATE (status issued, not used yet): of two
 * border posts endorsing the same permit at once exactly one changes the row, the other is
 * told the document is used (Art. VI(5): one document, one consignment).
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { DEFAULT_POLICY } from '@cites-permit-check/engine';
import { documentKey } from '@cites-permit-check/engine/contract/documents';
import type { Endorsement, NewPermit, PermitRecord, PermitStatusChange } from '../../contract/permits.js';
import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.js';
import { endorsements, permits } from '../../db/schema.js';
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
 * Every check reads each document's id and revision afresh (one indexed read of two integers);
 * only the parsed record is reused, and only while both are unchanged. Every write to a permit
 * or its endorsements bumps its revision (the If-Match of status changes rests on it too), and
 * a permit registered anew under the same key gets a new id, so a status change or an
 * endorsement, made by this process or another on the same file, is seen by the next check:
 * a used document never looks unused. Reading and parsing the whole row and its endorsements
 * on every check was most of what two documents cost (bench/documents.ts).
 */
export function permitsByKeys(db: Db, keys: readonly string[]): PermitRecord[] {
  const found: PermitRecord[] = [];
  for (const key of keys) {
    const record = currentPermit(db, key);
    if (record !== null) found.push(record);
  }
  return found;
}

interface CachedPermit {
  id: number;
  revision: number;
  record: PermitRecord;
}

/** Parsed records by key, per connection; a few thousand documents at most are in use at a border at once. */
const CACHE = new WeakMap<Db, Map<string, CachedPermit>>();
const CACHE_MAX = 10_000;
const VERSIONS = new WeakMap<Db, Database.Statement<[string], [number, number]>>();

function currentPermit(db: Db, key: string): PermitRecord | null {
  let version = VERSIONS.get(db);
  if (version === undefined) {
    // The SQL drizzle writes for the schema, run on the driver directly: drizzle's row mapping cost more than the read.
    const query = db
      .select({ id: permits.id, revision: permits.revision })
      .from(permits)
      .where(eq(permits.key, sql.placeholder('key')));
    version = db.$client.prepare<[string], [number, number]>(query.toSQL().sql).raw();
    VERSIONS.set(db, version);
  }
  const now = version.get(key);
  let cache = CACHE.get(db);
  if (now === undefined) {
    cache?.delete(key);
    return null;
  }
  const hit = cache?.get(key);
  if (hit !== undefined && hit.id === now[0] && hit.revision === now[1]) return hit.record;
  const row = preparedReads(db).byKey.get({ key });
  if (row === undefined) return null;
  const record = frozen(recordOf(db, row));
  if (cache === undefined) CACHE.set(db, (cache = new Map()));
  if (cache.size >= CACHE_MAX) cache.clear();
  // The revision of the row read, not of the first read: a change in between is caught by the next check.
  cache.set(key, { id: row.id, revision: row.revision, record });
  return record;
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
export function endorsePermit(db: Db, id: string, e: Endorsement, meta: { actor: string; now: string }): PermitRecord | null {
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
      tx.insert(endorsements)
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
        .run();
      const after = readPermit(tx as unknown as Db, id)!;
      recordAudit(tx as unknown as Db, {
        at: meta.now,
        actor: meta.actor,
        action: 'endorse',
        entity: 'permit',
        entityId: id,
        before: { status: row.status },
        after: { status: after.status, endorsement: e },
      });
      return after;
    },
    { behavior: 'immediate' },
  );
}
