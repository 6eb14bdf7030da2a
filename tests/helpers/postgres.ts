/**
 * PostgreSQL for the store tests: DATABASE_URL_TEST names a server (npm test starts a
 * throwaway cluster when none is reachable: scripts/test-postgres.sh). Each test file gets
 * databases of its own, dropped at the end. Without DATABASE_URL_TEST the PostgreSQL suites
 * are skipped with the reason, except under CI=true, where they fail.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

const ADMIN_URL = process.env.DATABASE_URL_TEST;
const SKIPPED = 'no PostgreSQL: set DATABASE_URL_TEST, or install PostgreSQL (initdb) so that npm test starts a throwaway cluster';

export const havePostgres = ADMIN_URL !== undefined && ADMIN_URL !== '';

/** `describe` for a suite that needs PostgreSQL (see the module comment). */
export function describeWithPostgres(title: string, body: () => void): void {
  if (havePostgres) describe(title, body);
  else if (process.env.CI === 'true') {
    describe(title, () => {
      it('has PostgreSQL', () => {
        throw new Error(`DATABASE_URL_TEST is not set (required when CI=true: .ci/run starts a cluster): ${SKIPPED}`);
      });
    });
  } else describe.skip(`${title} — SKIPPED: ${SKIPPED}`, body);
}

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server; `drop` removes it (and ends its connections). */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cites_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}
