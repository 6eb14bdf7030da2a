/**
 * Issue #16, newcomer friction and the messages a customs officer reads: `.env` is read, a
 * port in use is one clear line, the reservation reason names the State, a quota condition
 * shows the quota, a search shows the name as the data writes it, and schema and code-list
 * errors of one request come back together.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDotEnv } from '../../src/env-file.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { freePort } from '../helpers/server-process.js';
import { rulesEngine } from '../helpers/engine.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cites-newcomer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('start-up', () => {
  it('reads .env, where the environment does not already set a variable', () => {
    const file = join(dir, '.env');
    writeFileSync(file, 'CITES_TEST_FROM_FILE=file\nCITES_TEST_BOTH=file\n');
    process.env.CITES_TEST_BOTH = 'environment';
    expect(loadDotEnv(file)).toBe(true);
    expect(process.env.CITES_TEST_FROM_FILE).toBe('file');
    expect(process.env.CITES_TEST_BOTH).toBe('environment');
    expect(loadDotEnv(join(dir, 'missing.env'))).toBe(false);
  });

  it('a port already in use stops start-up with one line, before the database is created', async () => {
    const port = await freePort();
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(port, '127.0.0.1', resolve));
    try {
      const database = join(dir, 'never.db');
      const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: database },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(res.status).toBe(2);
      expect(res.stderr.trim().split('\n')).toEqual([
        `Port ${port} on 127.0.0.1 is already in use (another copy of the service?): stop it, or set PORT to a free port.`,
      ]);
      expect(existsSync(database)).toBe(false);
    } finally {
      busy.close();
    }
  }, 60_000);
});

describe('messages a customs officer reads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());
  const check = async (payload: object) => (await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload })).json();

  it('the reservation reason names the State that holds it', async () => {
    const r = await check({ taxon: 'Psittacus erithacus', exporter: 'CM', importer: 'AE', purpose: 'T', source: 'C', term: 'LIV', date: '2020-01-01' });
    expect(r.reasons.find((x: { code: string }) => x.code === 'RESERVATION').message).toMatch(/Reservation held by: AE \(importer\)\./);
  });

  it("a quota condition shows the quota, not the curators' notes", async () => {
    const r = await check({ taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', quantity: 1 });
    const quota = r.conditions.find((c: { code: string }) => c.code === 'WITHIN_QUOTA').message as string;
    expect(quota).toMatch(/Quota: 250 specimens \(SKI, TRO\), purpose H\/P for NA, from 1997-06-10\./);
    expect(quota).not.toMatch(/Res\. Conf\. 10\.14/);
  });

  it('a search shows the name it matched as the data writes it', async () => {
    const res = (await t.app.inject({ url: '/v1/taxa?q=walrus' })).json();
    expect(res.items[0]).toMatchObject({ name: 'Odobenus rosmarus', matchedName: 'Walrus', matchedAs: 'common-name' });
  });

  it('schema errors and unknown codes of one request come back together in one 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'HX', source: 'W', term: 'ZZZ' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/purpose', '#/term']);
  });

  it('the same bad field reads the same from the engine, a single check, a batch item and an officer route', async () => {
    const bad = { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'HX', source: 'W' };
    const single = (await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: bad })).json();
    const item = (await t.app.inject({ method: 'POST', url: '/v1/trade-checks/batch', payload: { items: [bad] } })).json().results[0];
    const engine = rulesEngine().check(bad);
    expect(single.detail).toBe('Invalid body /purpose');
    expect(engine).toMatchObject({ detail: single.detail, errors: single.errors });
    expect(item).toMatchObject({
      detail: 'Invalid body /items/0/purpose',
      errors: [{ pointer: '#/items/0/purpose', in: 'body', detail: single.errors[0].detail }],
    });
    const officer = await t.app.inject({ url: '/v1/taxa?q=elephant&limit=5' });
    expect(officer.json()).toMatchObject({
      status: 400,
      detail: 'Invalid query /limit',
      errors: [{ pointer: '#/limit', in: 'query', detail: 'unknown field "limit"' }],
    });
  });
});
