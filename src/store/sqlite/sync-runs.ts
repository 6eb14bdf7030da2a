/**
 * Syncs from Species+ (issue 20): the record of each run, and the taxon concepts an API run
 * has read so far. The concepts are staged in their own small transactions as they arrive, so
 * a run that stops (a crash, a lost connection) keeps what it read; the data itself changes
 * only when the run applies them all in one import.
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { syncRuns, syncStaging } from '../../db/schema.js';
import type { NewSyncRun, SyncRun, SyncRunChange } from '../types.js';

export function startSyncRun(db: Db, run: NewSyncRun, now: string): SyncRun {
  return db
    .insert(syncRuns)
    .values({ ...run, startedAt: now, status: 'running' })
    .returning()
    .get();
}

export function updateSyncRun(db: Db, id: number, change: SyncRunChange): void {
  db.update(syncRuns).set(change).where(eq(syncRuns.id, id)).run();
}

export function listSyncRuns(db: Db, limit: number): SyncRun[] {
  return db.select().from(syncRuns).orderBy(desc(syncRuns.id)).limit(limit).all();
}

/** Stages concepts (JSON text by Species+ taxon id); a concept read again replaces the earlier copy. */
export function stageConcepts(db: Db, runId: number, concepts: ReadonlyArray<{ taxonId: number; concept: string }>): void {
  const upsert = db.$client.prepare(
    'INSERT INTO sync_staging (run_id, taxon_id, concept) VALUES (?, ?, ?) ON CONFLICT (run_id, taxon_id) DO UPDATE SET concept = excluded.concept',
  );
  db.$client.transaction(() => {
    for (const c of concepts) upsert.run(runId, c.taxonId, c.concept);
  })();
}

/** Reads the rows one by one (better-sqlite3 iterates without holding them all). */
/**
 * Read a page at a time (by taxon id): the caller awaits between concepts, and an open
 * better-sqlite3 iterator would keep the connection busy for every other request meanwhile.
 */
export async function* mirroredConcepts(db: Db, runId: number): AsyncGenerator<string> {
  const page = db.$client.prepare(
    `SELECT s.taxon_id AS taxonId, s.concept FROM sync_staging s
     WHERE s.taxon_id > ? AND s.run_id = (SELECT max(o.run_id) FROM sync_staging o JOIN sync_runs r ON r.id = o.run_id
                       WHERE o.taxon_id = s.taxon_id AND (r.status = 'succeeded' OR r.id = ?))
     ORDER BY s.taxon_id LIMIT 500`,
  );
  for (let after = -1; ; ) {
    const rows = page.all(after, runId) as { taxonId: number; concept: string }[];
    if (rows.length === 0) return;
    for (const row of rows) yield row.concept;
    after = rows[rows.length - 1]!.taxonId;
  }
}

export function settleMirror(db: Db, runId: number, whole: boolean): void {
  if (whole) db.$client.prepare('DELETE FROM sync_staging WHERE run_id <> ?').run(runId);
  else db.$client.prepare('DELETE FROM sync_staging WHERE run_id <> ? AND taxon_id IN (SELECT taxon_id FROM sync_staging WHERE run_id = ?)').run(runId, runId);
}

export function dropStaged(db: Db, runId: number): void {
  db.delete(syncStaging).where(eq(syncStaging.runId, runId)).run();
}
