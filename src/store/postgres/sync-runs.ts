/**
 * Syncs from Species+ (issue #20) on PostgreSQL: the record of each run and the mirror of
 * the concepts the runs have read, written straight here by the replica that runs the sync
 * (like the decision log): they are no part of the data a trade check reads, so they stay
 * out of the working copy. Same rules as src/store/sqlite/sync-runs.ts.
 */
import type pg from 'pg';
import type { NewSyncRun, SyncRun, SyncRunChange } from '../types.js';

const RUN_COLUMNS =
  'id::int AS id, via, started_at AS "startedAt", finished_at AS "finishedAt", status, actor, source, api_time AS "apiTime", progress, error, dataset_version AS "datasetVersion", changes';
/** Column of each field a run's change may set. */
const CHANGE_COLUMNS: Record<keyof SyncRunChange, string> = {
  status: 'status',
  finishedAt: 'finished_at',
  apiTime: 'api_time',
  progress: 'progress',
  error: 'error',
  datasetVersion: 'dataset_version',
  changes: 'changes',
};

export class SyncRunTable {
  constructor(private readonly pool: pg.Pool) {}

  async start(run: NewSyncRun, now: string): Promise<SyncRun> {
    const r = await this.pool.query<SyncRun>(
      `INSERT INTO sync_runs (via, started_at, status, actor, source, api_time, progress) VALUES ($1, $2, 'running', $3, $4, $5, $6) RETURNING ${RUN_COLUMNS}`,
      [run.via, now, run.actor, run.source, run.apiTime, run.progress],
    );
    return r.rows[0]!;
  }

  async update(id: number, change: SyncRunChange): Promise<void> {
    const fields = (Object.keys(change) as (keyof SyncRunChange)[]).filter((k) => change[k] !== undefined);
    if (fields.length === 0) return;
    const sets = fields.map((k, i) => `${CHANGE_COLUMNS[k]} = $${i + 2}`);
    await this.pool.query(`UPDATE sync_runs SET ${sets.join(', ')} WHERE id = $1`, [id, ...fields.map((k) => change[k])]);
  }

  async list(limit: number): Promise<SyncRun[]> {
    return (await this.pool.query<SyncRun>(`SELECT ${RUN_COLUMNS} FROM sync_runs ORDER BY id DESC LIMIT $1`, [limit])).rows;
  }

  /** One statement per batch: a concept read again replaces the earlier copy. */
  async stage(runId: number, concepts: ReadonlyArray<{ taxonId: number; concept: string }>): Promise<void> {
    if (concepts.length === 0) return;
    // The last copy of a taxon in the batch wins, as it would row by row.
    const latest = new Map(concepts.map((c) => [c.taxonId, c.concept]));
    await this.pool.query(
      `INSERT INTO sync_staging (run_id, taxon_id, concept) SELECT $1, t, c FROM unnest($2::int[], $3::text[]) AS u(t, c)
       ON CONFLICT (run_id, taxon_id) DO UPDATE SET concept = excluded.concept`,
      [runId, [...latest.keys()], [...latest.values()]],
    );
  }

  /** The newest copy of every concept from the runs that succeeded and from this one, a page at a time. */
  async *mirrored(runId: number): AsyncGenerator<string> {
    for (let after = -1; ; ) {
      const { rows } = await this.pool.query<{ taxonId: number; concept: string }>(
        `SELECT s.taxon_id AS "taxonId", s.concept FROM sync_staging s
         WHERE s.taxon_id > $1 AND s.run_id = (SELECT max(o.run_id) FROM sync_staging o JOIN sync_runs r ON r.id = o.run_id
                           WHERE o.taxon_id = s.taxon_id AND (r.status = 'succeeded' OR r.id = $2))
         ORDER BY s.taxon_id LIMIT 500`,
        [after, runId],
      );
      if (rows.length === 0) return;
      for (const row of rows) yield row.concept;
      after = rows[rows.length - 1]!.taxonId;
    }
  }

  async settle(runId: number, whole: boolean): Promise<void> {
    if (whole) await this.pool.query('DELETE FROM sync_staging WHERE run_id <> $1', [runId]);
    else await this.pool.query('DELETE FROM sync_staging WHERE run_id <> $1 AND taxon_id IN (SELECT taxon_id FROM sync_staging WHERE run_id = $1)', [runId]);
  }

  async drop(runId: number): Promise<void> {
    await this.pool.query('DELETE FROM sync_staging WHERE run_id = $1', [runId]);
  }
}
