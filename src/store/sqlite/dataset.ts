/** The dataset version every decision is stamped with, and the audit trail of writes. */
import type Database from 'better-sqlite3';
import type { AuditRecord, DatasetState } from '../types.js';

export function ensureDatasetState(sqlite: Database.Database, now: string): void {
  sqlite
    .prepare(`INSERT OR IGNORE INTO dataset_state (id, version, as_of, source, updated_at, updated_by) VALUES (1, 0, NULL, NULL, ?, 'system')`)
    .run(now);
}

export function readDatasetState(sqlite: Database.Database): DatasetState {
  const row = sqlite
    .prepare('SELECT version, as_of AS asOf, source, updated_at AS updatedAt, updated_by AS updatedBy FROM dataset_state WHERE id = 1')
    .get() as DatasetState | undefined;
  return row ?? { version: 0, asOf: null, source: null, updatedAt: '', updatedBy: 'system' };
}

/** Bumps the version after a change; an import may also move the as-of date. */
export function bumpVersion(
  sqlite: Database.Database,
  change: { now: string; actor: string; asOf?: string; source?: string | null; replace?: boolean },
): number {
  const current = readDatasetState(sqlite);
  let asOf = current.asOf;
  let source = current.source;
  if (change.asOf !== undefined) {
    if (change.replace || asOf === null || change.asOf > asOf) asOf = change.asOf;
    if (change.replace || source === null) source = change.source ?? source;
  }
  sqlite
    .prepare('UPDATE dataset_state SET version = version + 1, as_of = ?, source = ?, updated_at = ?, updated_by = ? WHERE id = 1')
    .run(asOf, source, change.now, change.actor);
  return current.version + 1;
}

export type AuditEntry = Omit<AuditRecord, 'id'>;

export function recordAudit(sqlite: Database.Database, e: AuditEntry): void {
  sqlite
    .prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(e.at, e.actor, e.action, e.entity, e.entityId, e.before === null ? null : JSON.stringify(e.before), e.after === null ? null : JSON.stringify(e.after));
}
