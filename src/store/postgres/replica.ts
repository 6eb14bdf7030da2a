/**
 * A replica's working copy of the replicated tables (the dataset and the permit register):
 * an in-memory SQLite database where the store's rules run unchanged (validation, merges,
 * revisions, the audit entries they write), kept in step with PostgreSQL.
 *
 * A write takes the dataset lock (pg_advisory_xact_lock), catches up with what other
 * replicas committed, runs on the copy inside a SQLite transaction, and ships the rows it
 * changed (recorded by triggers) to PostgreSQL in the same PostgreSQL transaction, with one
 * store_changes row each and a NOTIFY. Either both commit or the copy rolls back. So one
 * writer at a time across all replicas: an endorsement or an If-Match revision is checked
 * against the latest committed state, and only one of two racing writes can win.
 *
 * A read catches up first (one query when nothing changed), so a replica answers with what
 * any replica committed before the read began.
 */
import type pg from 'pg';
import { openDatabase } from '../../db/client.js';
import { inTransaction } from './client.js';
import { SqliteStore } from '../sqlite/store.js';

/** The replicated tables, parents before children (a full load inserts in this order). */
const TABLES = [
  'dataset_state',
  'parties',
  'code_entries',
  'taxa',
  'taxon_names',
  'listings',
  'listing_exclusions',
  'reservations',
  'quotas',
  'suspensions',
  'permits',
  'endorsements',
  'quota_draws',
] as const;
type Table = (typeof TABLES)[number];

/** The lock every dataset or register write holds, on every replica (an arbitrary constant). */
const DATASET_LOCK = 7_205_002_101;
export const CHANGES_CHANNEL = 'cites_store_changes';
/** Past this many changed rows, reloading everything is cheaper than fetching them one by one. */
const RELOAD_ABOVE = 20_000;
/**
 * store_changes keeps this many of the latest entries (every write prunes older ones): a
 * replica further behind than that reloads, as it would past RELOAD_ABOVE anyway.
 */
const KEEP_CHANGES = 50_000;
/** Bound parameters per statement stay well under PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

interface TableShape {
  columns: string[];
  key: string[];
}

type Row = Record<string, unknown>;
type Queryable = Pick<pg.PoolClient, 'query'>;

export class WorkingCopy {
  readonly store: SqliteStore;
  private readonly shapes = new Map<Table, TableShape>();
  private applied = -1;
  /** One user of the copy at a time: a write keeps its SQLite transaction open across awaits. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    clock?: () => Date,
    private readonly keepChanges = KEEP_CHANGES,
  ) {
    this.store = new SqliteStore(openDatabase(':memory:'), clock);
    const sqlite = this.store.sqlite;
    sqlite.exec('CREATE TEMP TABLE changed (table_name TEXT NOT NULL, key TEXT NOT NULL)');
    for (const table of TABLES) {
      const info = sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string; pk: number }[];
      const key = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      this.shapes.set(table, { columns: info.map((c) => c.name), key });
      const of = (row: 'NEW' | 'OLD') => `json_array(${key.map((k) => `${row}.${k}`).join(', ')})`;
      const track = (row: 'NEW' | 'OLD') => `INSERT INTO temp.changed VALUES ('${table}', ${of(row)});`;
      sqlite.exec(`CREATE TEMP TRIGGER track_${table}_insert AFTER INSERT ON main.${table} BEGIN ${track('NEW')} END`);
      sqlite.exec(`CREATE TEMP TRIGGER track_${table}_update AFTER UPDATE ON main.${table} BEGIN ${track('OLD')} ${track('NEW')} END`);
      sqlite.exec(`CREATE TEMP TRIGGER track_${table}_delete AFTER DELETE ON main.${table} BEGIN ${track('OLD')} END`);
    }
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  /** Runs a read on the copy once it has every change committed before now. */
  read<T>(run: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.catchUpAlone();
      return run();
    });
  }

  /** Catches up now (a NOTIFY said something changed), so the next read is served at once. */
  refresh(): Promise<void> {
    return this.exclusive(() => this.catchUpAlone());
  }

  /**
   * Outside a write: one query when the copy is in step; otherwise the changes and their rows
   * are read in one snapshot (REPEATABLE READ), so the rows agree with each other.
   */
  private async catchUpAlone(): Promise<void> {
    if (this.applied >= 0) {
      const latest = await this.pool.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM store_changes');
      if (Number(latest.rows[0]?.seq ?? 0) === this.applied) return;
    }
    await inTransaction(this.pool, (client) => this.catchUp(client), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  /**
   * Runs a write on the copy under the dataset lock and commits it to PostgreSQL; the copy
   * keeps it only when PostgreSQL committed it.
   */
  write<T>(run: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const client = await this.pool.connect();
      const sqlite = this.store.sqlite;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [DATASET_LOCK]);
        await this.catchUp(client);
        const auditFrom = (sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number) + 1;
        sqlite.exec('BEGIN IMMEDIATE');
        let result: T;
        let shipped: number;
        try {
          result = await run();
          shipped = await this.ship(client, auditFrom);
          await client.query('COMMIT');
        } catch (e) {
          // A refused write (412, 400) or a failed commit: the copy drops the write too, and
          // stays in step (what catchUp applied was committed by others).
          try {
            sqlite.exec('ROLLBACK');
          } catch {
            this.applied = -1; // cannot tell what the copy holds: reload it on next use
          }
          throw e;
        }
        sqlite.exec('COMMIT');
        sqlite.exec('DELETE FROM temp.changed');
        // The audit entries now live in PostgreSQL (a replace import's holds a whole store).
        sqlite.prepare('DELETE FROM audit_log WHERE id >= ?').run(auditFrom);
        // Under the lock nobody else wrote: the copy is in step up to this write's own changes.
        if (shipped > 0) this.applied = shipped;
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    });
  }

  /**
   * Sends the rows the write changed, its audit entries and the id counters to PostgreSQL;
   * the last store_changes sequence it wrote (0: none).
   */
  private async ship(client: Queryable, auditFrom: number): Promise<number> {
    const sqlite = this.store.sqlite;
    const changed = sqlite.prepare('SELECT DISTINCT table_name AS t, key FROM temp.changed').all() as { t: Table; key: string }[];
    const byTable = new Map<Table, (string | number)[][]>();
    for (const c of changed) {
      let keys = byTable.get(c.t);
      if (keys === undefined) byTable.set(c.t, (keys = []));
      keys.push(JSON.parse(c.key) as (string | number)[]);
    }
    for (const [table, keys] of byTable) {
      const shape = this.shapes.get(table)!;
      const where = shape.key.map((k) => `${k} = ?`).join(' AND ');
      const select = sqlite.prepare(`SELECT * FROM ${table} WHERE ${where}`);
      const present: Row[] = [];
      const gone: (string | number)[][] = [];
      for (const key of keys) {
        const row = select.get(...key) as Row | undefined;
        if (row === undefined) gone.push(key);
        else present.push(row);
      }
      await deleteKeys(client, table, shape, gone);
      await upsertRows(client, table, shape, present);
      await insertChanges(client, table, keys);
    }
    const audit = sqlite.prepare('SELECT at, actor, action, entity, entity_id, before, after FROM audit_log WHERE id >= ? ORDER BY id').all(auditFrom) as Row[];
    await insertRows(client, 'audit_log', ['at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after'], audit);
    const counters = sqlite.prepare('SELECT name AS table_name, seq FROM sqlite_sequence').all() as Row[];
    if (counters.length > 0) {
      await insertRows(client, 'id_counters', ['table_name', 'seq'], counters, 'ON CONFLICT (table_name) DO UPDATE SET seq = excluded.seq');
    }
    if (byTable.size === 0) return 0;
    await client.query(`NOTIFY ${CHANGES_CHANNEL}`);
    const last = Number((await client.query<{ seq: string }>('SELECT max(seq) AS seq FROM store_changes')).rows[0]!.seq);
    await client.query('DELETE FROM store_changes WHERE seq <= $1', [last - this.keepChanges]);
    return last;
  }

  /** Applies what other replicas committed since the copy was last in step (inside the caller's transaction). */
  private async catchUp(db: Queryable): Promise<void> {
    if (this.applied < 0) return this.reload(db);
    const pending = await db.query<{ seq: string; table_name: Table; key: (string | number)[] }>(
      'SELECT seq, table_name, key FROM store_changes WHERE seq > $1 ORDER BY seq',
      [this.applied],
    );
    if (pending.rows.length === 0) return;
    if (pending.rows.length > RELOAD_ABOVE) return this.reload(db);
    // A gap after the last entry applied: entries this copy never saw were pruned, and only a
    // reload is sure to be whole. (A write rolled back after taking a sequence number leaves a
    // gap too: at worst that costs one reload.)
    if (Number(pending.rows[0]!.seq) > this.applied + 1) return this.reload(db);
    const byTable = new Map<Table, Map<string, (string | number)[]>>();
    for (const c of pending.rows) {
      let keys = byTable.get(c.table_name);
      if (keys === undefined) byTable.set(c.table_name, (keys = new Map()));
      keys.set(JSON.stringify(c.key), c.key);
    }
    const fetched = new Map<Table, { rows: Row[]; gone: (string | number)[][] }>();
    for (const [table, keys] of byTable) {
      const shape = this.shapes.get(table)!;
      const rows = await selectKeys(db, table, shape, [...keys.values()]);
      const found = new Set(rows.map((r) => JSON.stringify(shape.key.map((k) => r[k]))));
      fetched.set(table, { rows, gone: [...keys.values()].filter((k) => !found.has(JSON.stringify(k))) });
    }
    const counters = await db.query<Row>('SELECT table_name, seq FROM id_counters');
    const sqlite = this.store.sqlite;
    sqlite.transaction(() => {
      // Rows arrive in no particular order: references are checked at commit, when all are in.
      sqlite.pragma('defer_foreign_keys = ON');
      for (const table of [...TABLES].reverse()) {
        const f = fetched.get(table);
        if (f === undefined) continue;
        const shape = this.shapes.get(table)!;
        const del = sqlite.prepare(`DELETE FROM ${table} WHERE ${shape.key.map((k) => `${k} = ?`).join(' AND ')}`);
        for (const key of f.gone) del.run(...key);
      }
      for (const table of TABLES) {
        const f = fetched.get(table);
        if (f !== undefined) upsertLocal(sqlite, table, this.shapes.get(table)!, f.rows);
      }
      setCounters(sqlite, counters.rows);
      sqlite.exec('DELETE FROM temp.changed');
    })();
    this.applied = Number(pending.rows[pending.rows.length - 1]!.seq);
  }

  /** Replaces the copy with everything in PostgreSQL (the caller holds one transaction). */
  private async reload(db: Queryable): Promise<void> {
    {
      const seq = await db.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM store_changes');
      const tables = new Map<Table, Row[]>();
      for (const table of TABLES) {
        const shape = this.shapes.get(table)!;
        tables.set(table, (await db.query<Row>(`SELECT ${shape.columns.join(', ')} FROM ${table}`)).rows);
      }
      const counters = await db.query<Row>('SELECT table_name, seq FROM id_counters');
      const sqlite = this.store.sqlite;
      sqlite.transaction(() => {
        sqlite.pragma('defer_foreign_keys = ON');
        for (const table of [...TABLES].reverse()) if (table !== 'dataset_state' || tables.get(table)!.length > 0) sqlite.exec(`DELETE FROM ${table}`);
        for (const table of TABLES) upsertLocal(sqlite, table, this.shapes.get(table)!, tables.get(table)!);
        setCounters(sqlite, counters.rows);
        sqlite.exec('DELETE FROM temp.changed');
      })();
      this.applied = Number(seq.rows[0]?.seq ?? 0);
    }
  }

  close(): void {
    this.store.sqlite.close();
  }
}

function upsertLocal(sqlite: SqliteStore['sqlite'], table: Table, shape: TableShape, rows: readonly Row[]): void {
  if (rows.length === 0) return;
  const cols = shape.columns;
  const updates = cols.filter((c) => !shape.key.includes(c)).map((c) => `${c} = excluded.${c}`);
  const insert = sqlite.prepare(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (${shape.key.join(', ')}) ${
      updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'
    }`,
  );
  for (const row of rows) insert.run(...cols.map((c) => row[c] ?? null));
}

function setCounters(sqlite: SqliteStore['sqlite'], counters: readonly Row[]): void {
  for (const c of counters) {
    sqlite.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(c.table_name);
    sqlite.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(c.table_name, c.seq);
  }
}

function chunks<T>(items: readonly T[], perItem: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / perItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function keyList(key: readonly string[], count: number, offset = 0): string {
  const tuples: string[] = [];
  for (let i = 0; i < count; i++) tuples.push(`(${key.map((_, j) => `$${offset + i * key.length + j + 1}`).join(', ')})`);
  return tuples.join(', ');
}

async function selectKeys(db: Queryable, table: Table, shape: TableShape, keys: (string | number)[][]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const part of chunks(keys, shape.key.length)) {
    const r = await db.query<Row>(
      `SELECT ${shape.columns.join(', ')} FROM ${table} WHERE (${shape.key.join(', ')}) IN (${keyList(shape.key, part.length)})`,
      part.flat(),
    );
    rows.push(...r.rows);
  }
  return rows;
}

async function deleteKeys(db: Queryable, table: Table, shape: TableShape, keys: (string | number)[][]): Promise<void> {
  for (const part of chunks(keys, shape.key.length)) {
    await db.query(`DELETE FROM ${table} WHERE (${shape.key.join(', ')}) IN (${keyList(shape.key, part.length)})`, part.flat());
  }
}

/** Multi-row INSERT, in as few statements as the parameter limit allows. */
export async function insertRows(db: Queryable, table: string, columns: readonly string[], rows: readonly Row[], conflict = ''): Promise<void> {
  for (const part of chunks(rows, columns.length)) {
    const values = part.flatMap((row) => columns.map((c) => row[c] ?? null));
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${keyList(columns, part.length)} ${conflict}`, values);
  }
}

async function upsertRows(db: Queryable, table: Table, shape: TableShape, rows: readonly Row[]): Promise<void> {
  const updates = shape.columns.filter((c) => !shape.key.includes(c)).map((c) => `${c} = excluded.${c}`);
  const conflict = `ON CONFLICT (${shape.key.join(', ')}) ${updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'}`;
  await insertRows(db, table, shape.columns, rows, conflict);
}

async function insertChanges(db: Queryable, table: Table, keys: readonly (string | number)[][]): Promise<void> {
  await insertRows(
    db,
    'store_changes',
    ['table_name', 'key'],
    keys.map((key) => ({ table_name: table, key: JSON.stringify(key) })),
  );
}
