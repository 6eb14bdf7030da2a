/**
 * The PostgreSQL connection pool, migrated before first use. Replicas starting together all
 * call this: the migrations run under a session advisory lock, so one replica applies them
 * and the others, once they get the lock, find nothing left to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { MIGRATIONS_FOLDER } from '../../paths.js';

const PG_MIGRATIONS_FOLDER = join(MIGRATIONS_FOLDER, 'pg');
/** An arbitrary constant every replica agrees on. */
const MIGRATION_LOCK = 7_205_002_100;

export async function openPool(url: string, max = 10): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that loses its server (a restart) must not crash the process: the next
  // query gets a fresh connection.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_FOLDER });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
  return pool;
}

/**
 * Runs `run` in one transaction on a client of its own: committed when it returns, rolled
 * back when it throws. `begin` may ask for an isolation level.
 */
export async function inTransaction<T>(pool: pg.Pool, run: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await run(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** Migration files committed, and how many the database has applied. */
export async function pgMigrationStatus(pool: pg.Pool): Promise<{ expected: number; applied: number }> {
  const journal = JSON.parse(readFileSync(join(PG_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const r = await pool.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
  return { expected: journal.entries.length, applied: Number(r.rows[0]?.n ?? 0) };
}
