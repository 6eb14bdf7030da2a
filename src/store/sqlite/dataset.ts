/** The dataset version every decision is stamped with, and the audit trail of writes. */
import type Database from 'better-sqlite3';
import type { Provenance } from '../../contract/bundle.js';
import type { AuditRecord, DatasetState } from '../types.js';

export function ensureDatasetState(sqlite: Database.Database, now: string): void {
  sqlite.prepare(`INSERT OR IGNORE INTO dataset_state (id, version, as_of, source, updated_at, updated_by) VALUES (1, 0, NULL, NULL, ?, 'system')`).run(now);
}

export function readDatasetState(sqlite: Database.Database): DatasetState {
  const row = sqlite
    .prepare('SELECT version, as_of AS asOf, source, provenance, updated_at AS updatedAt, updated_by AS updatedBy FROM dataset_state WHERE id = 1')
    .get() as (Omit<DatasetState, 'provenance'> & { provenance: string | null }) | undefined;
  if (!row) return { version: 0, asOf: null, source: null, provenance: null, updatedAt: '', updatedBy: 'system' };
  return { ...row, provenance: row.provenance === null ? null : (JSON.parse(row.provenance) as Provenance) };
}

/** Bumps the version after a change; an import may also move the as-of date. */
export function bumpVersion(
  sqlite: Database.Database,
  change: { now: string; actor: string; asOf?: string; source?: string | null; provenance?: Provenance | null; replace?: boolean },
): number {
  const current = readDatasetState(sqlite);
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
  sqlite
    .prepare('UPDATE dataset_state SET version = version + 1, as_of = ?, source = ?, provenance = ?, updated_at = ?, updated_by = ? WHERE id = 1')
    .run(asOf, source, provenance === null ? null : JSON.stringify(provenance), change.now, change.actor);
  return current.version + 1;
}

export type AuditEntry = Omit<AuditRecord, 'id'>;

export function recordAudit(sqlite: Database.Database, e: AuditEntry): void {
  sqlite
    .prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(e.at, e.actor, e.action, e.entity, e.entityId, e.before === null ? null : JSON.stringify(e.before), e.after === null ? null : JSON.stringify(e.after));
}
