/** The dataset version every decision is stamped with, and the audit trail of writes. */
import { eq, sql } from 'drizzle-orm';
import type { Provenance } from '../../contract/bundle.js';
import type { Db } from '../../db/client.js';
import { auditLog, datasetState } from '../../db/schema.js';
import type { AuditRecord, DatasetState } from '../types.js';

export function ensureDatasetState(db: Db, now: string): void {
  db.insert(datasetState).values({ id: 1, version: 0, asOf: null, source: null, updatedAt: now, updatedBy: 'system' }).onConflictDoNothing().run();
}

export function readDatasetState(db: Db): DatasetState {
  const row = db
    .select({
      version: datasetState.version,
      asOf: datasetState.asOf,
      source: datasetState.source,
      provenance: datasetState.provenance,
      updatedAt: datasetState.updatedAt,
      updatedBy: datasetState.updatedBy,
    })
    .from(datasetState)
    .where(eq(datasetState.id, 1))
    .get();
  return row ?? { version: 0, asOf: null, source: null, provenance: null, updatedAt: '', updatedBy: 'system' };
}

/** Bumps the version after a change; an import may also move the as-of date. */
export function bumpVersion(
  db: Db,
  change: { now: string; actor: string; asOf?: string; source?: string | null; provenance?: Provenance | null; replace?: boolean },
): number {
  const current = readDatasetState(db);
  let asOf = current.asOf;
  let source = current.source;
  let provenance = current.provenance;
  if (change.asOf !== undefined) {
    const newer = asOf === null || change.asOf > asOf;
    if (change.replace || newer) asOf = change.asOf;
    if (change.replace || source === null) source = change.source ?? source;
    // A complete dataset says what it was built from; a later partial file does not undo that.
    if (change.provenance && (change.replace || newer || provenance === null)) provenance = change.provenance;
  }
  db.update(datasetState)
    .set({ version: sql`${datasetState.version} + 1`, asOf, source, provenance, updatedAt: change.now, updatedBy: change.actor })
    .where(eq(datasetState.id, 1))
    .run();
  return current.version + 1;
}

export type AuditEntry = Omit<AuditRecord, 'id'>;

export function recordAudit(db: Db, e: AuditEntry): void {
  db.insert(auditLog)
    .values({
      at: e.at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      before: e.before === null ? null : JSON.stringify(e.before),
      after: e.after === null ? null : JSON.stringify(e.after),
    })
    .run();
}
