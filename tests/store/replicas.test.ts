/**
 * Two server processes on one PostgreSQL database, as two replicas behind a load balancer:
 * an edit on one is answered by the other within a second (LISTEN/NOTIFY; polling is off
 * here, so it cannot be what delivers it), two edits from the same ETag on the two replicas
 * at once: exactly one wins; a replica killed with SIGKILL under load loses no decision
 * whose id it returned, and the other keeps serving.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateKey } from '../../src/auth/keys.js';
import { Bundle } from '../../src/contract/bundle.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { RULES_BUNDLE } from '../fixtures/rules-bundle.js';
import { describeWithPostgres, freshDatabase } from '../helpers/postgres.js';
import { type ServerProcess, startServer } from '../helpers/server-process.js';

const TRADE = { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', quantity: 1 };

async function check(server: ServerProcess): Promise<{ decision: string; decisionId: string; datasetVersion: string }> {
  const res = await fetch(`${server.url}/v1/trade-checks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TRADE) });
  expect(res.status).toBe(200);
  return (await res.json()) as { decision: string; decisionId: string; datasetVersion: string };
}

describeWithPostgres('two replicas on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let officer: Record<string, string>;
  let admin: Record<string, string>;
  const reader = generateKey();

  beforeAll(async () => {
    db = await freshDatabase();
    const store = await PostgresStore.open(db.url);
    await store.importBundle(Bundle.parse(RULES_BUNDLE), { mode: 'merge', actor: 'test', origin: 'test' });
    const key = generateKey();
    await store.createApiKey({ id: key.id, name: 'officer', role: 'officer', hash: key.hash });
    const adminKey = generateKey();
    await store.createApiKey({ id: adminKey.id, name: 'admin', role: 'admin', hash: adminKey.hash });
    await store.createApiKey({ id: reader.id, name: 'gateway', role: 'reader', hash: reader.hash });
    await store.close();
    officer = { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' };
    admin = { authorization: `Bearer ${adminKey.key}` };
    // The load below is anonymous, from one address: the per-address limits must not be what stops it.
    const env = {
      DATABASE_URL: db.url,
      SEED: 'none',
      DATASET_POLL_MS: '0',
      API_KEY_CACHE_MS: '500',
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_ITEMS_PER_MINUTE: '0',
    };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  }, 120_000);

  afterAll(async () => {
    for (const s of [a, b]) if (s && s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await Promise.all([a?.exited, b?.exited]);
    await db?.drop();
  });

  it('a suspension entered on one replica decides trade checks on the other within a second', async () => {
    expect((await check(b)).decision).toBe('needs-permit');
    const suspension = { country: 'NA', taxon: 'Panthera pardus', effectiveFrom: '2026-01-01', notes: 'replica test' };
    const created = await fetch(`${a.url}/v1/suspensions`, { method: 'POST', headers: officer, body: JSON.stringify(suspension) });
    expect(created.status).toBe(201);
    const entered = Date.now();
    let answer = await check(b);
    while (answer.decision !== 'deny' && Date.now() - entered < 5000) {
      await new Promise((r) => setTimeout(r, 25));
      answer = await check(b);
    }
    expect(answer.decision).toBe('deny');
    expect(Date.now() - entered).toBeLessThan(1000);
    expect(answer.datasetVersion).toBe((await check(a)).datasetVersion);
  });

  it('two edits from the same ETag, one on each replica at the same moment: exactly one wins', async () => {
    const body = JSON.stringify({ country: 'NA', taxon: 'Panthera leo', effectiveFrom: '2026-02-01', notes: 'race' });
    const created = await fetch(`${a.url}/v1/suspensions`, { method: 'POST', headers: officer, body });
    const { id } = (await created.json()) as { id: string };
    const etag = created.headers.get('etag')!;
    const edit = (s: ServerProcess, notes: string) =>
      fetch(`${s.url}/v1/suspensions/${id}`, { method: 'PATCH', headers: { ...officer, 'if-match': etag }, body: JSON.stringify({ notes }) });
    const statuses = (await Promise.all([edit(a, 'edited on A'), edit(b, 'edited on B')])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412]);
    const read = await fetch(`${b.url}/v1/suspensions/${id}`, { headers: officer });
    expect(read.headers.get('etag')).toBe('"2"');
  });

  it('a key revoked on one replica stops working on the other within API_KEY_CACHE_MS', async () => {
    const gateway = { authorization: `Bearer ${reader.key}` };
    expect((await fetch(`${b.url}/v1/dataset`, { headers: gateway })).status).toBe(200);
    expect((await fetch(`${a.url}/v1/api-keys/${reader.id}`, { method: 'DELETE', headers: admin })).status).toBe(200);
    expect((await fetch(`${a.url}/v1/dataset`, { headers: gateway })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 600));
    expect((await fetch(`${b.url}/v1/dataset`, { headers: gateway })).status).toBe(401);
  });

  it('SIGKILL of one replica under load: every decision id either returned is stored, and the other keeps serving', async () => {
    const ids: string[] = [];
    let stop = false;
    const hammer = (s: ServerProcess) => async () => {
      while (!stop) {
        try {
          const res = await fetch(`${s.url}/v1/trade-checks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TRADE) });
          if (res.status === 200) ids.push(((await res.json()) as { decisionId: string }).decisionId);
        } catch {
          if (s === a) return; // the killed replica is gone
        }
      }
    };
    const load = Promise.all([...Array.from({ length: 8 }, hammer(a)), ...Array.from({ length: 8 }, hammer(b))]);
    await new Promise((r) => setTimeout(r, 1500));
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    const killedAt = ids.length;
    await new Promise((r) => setTimeout(r, 1000));
    stop = true;
    await load;
    expect(ids.length).toBeGreaterThan(killedAt); // the other replica went on answering
    expect((await check(b)).decision).toBe('deny');

    const store = await PostgresStore.open(db.url);
    try {
      const missing: string[] = [];
      for (const id of ids) if ((await store.decision(id)) === null) missing.push(id);
      expect(ids.length).toBeGreaterThan(100);
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
