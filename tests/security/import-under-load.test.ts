/**
 * Issue #15.3: `npm run import` of the full Index into the database a running server is
 * answering trade checks from (~20 a second): before, the import failed with "database is
 * locked" and a second writer got a bare 500. Now write transactions begin IMMEDIATE and
 * wait their turn; what cannot wait is a 503 with Retry-After.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { FileRejected, runImport } from '../../src/importers/index.js';
import { testApp } from '../helpers/app.js';
import { dataFile, describeWithData } from '../importers/shared-data.js';
import { startServer } from '../helpers/server-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cites-import-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeWithData('an import from the command line while the server answers trade checks', ['index'], () => {
  it('the import succeeds, and no trade check is answered 500', async () => {
    const file = join(dir, 'cites.db');
    const server = await startServer({ DATABASE_PATH: file, DATASET_POLL_MS: '500' });
    const statuses = new Map<number, number>();
    let stop = false;
    const body = JSON.stringify({ taxon: 'Amazona aestiva', exporter: 'AR', importer: 'DE', purpose: 'T', source: 'W', term: 'LIV' });
    const load = (async () => {
      while (!stop) {
        const res = await fetch(`${server.url}/v1/trade-checks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 503) expect(res.headers.get('retry-after')).not.toBeNull();
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    // The default dataset is as of 2026-12-03: the Index is imported as a newer one (as an
    // officer would import the current Checklist), so that it replaces the listings it gives.
    const cli = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', 'index', dataFile('index'), '--as-of', '2026-12-04'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: file, SEED: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    cli.stdout!.on('data', (d) => (output += d));
    cli.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
    stop = true;
    await load;
    server.child.kill('SIGTERM');
    await server.exited;
    expect(code, output.slice(-3000)).toBe(0);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(10);
  }, 240_000);

  it('an Index older than the default dataset is refused, naming why, and nothing changes', async () => {
    const t = await testApp({ data: 'dataset' });
    const before = (await t.store.state()).version;
    const attempt = runImport(t.store, 'index', readFileSync(dataFile('index')), { actor: 'test', asOf: '2017-04-21' });
    await expect(attempt).rejects.toThrow(FileRejected);
    await attempt.catch((e: FileRejected) => expect(e.errors[0]!.detail).toMatch(/describes 2017-04-21, but the data held has listings from as late as 2026/));
    expect((await t.store.state()).version).toBe(before);
    await t.close();
  }, 120_000);
});
