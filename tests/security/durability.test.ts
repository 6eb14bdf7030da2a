/**
 * Issue: security and reliability — a decision id returned to a client is durable, even when
 * the process is killed with SIGKILL mid-load; SIGTERM finishes in-flight work and exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { startServer } from '../helpers/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cites-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const body = JSON.stringify({ taxon: 'Amazona aestiva', exporter: 'AR', importer: 'DE', purpose: 'T', source: 'W', term: 'LIV' });

async function hammer(url: string, until: () => boolean, ids: string[]): Promise<void> {
  const worker = async () => {
    while (!until()) {
      try {
        const res = await fetch(`${url}/v1/trade-checks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        if (res.status === 200) ids.push(((await res.json()) as { decisionId: string }).decisionId);
      } catch {
        return; // the server is gone
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

describe('durability', () => {
  it('every decision id answered before a SIGKILL is in the database afterwards, and the file is intact', async () => {
    const file = join(dir, 'killed.db');
    const server = await startServer({ DATABASE_PATH: file });
    const ids: string[] = [];
    let killed = false;
    const load = hammer(server.url, () => killed, ids);
    await new Promise((r) => setTimeout(r, 1500));
    server.child.kill('SIGKILL');
    killed = true;
    await load;
    expect((await server.exited).signal).toBe('SIGKILL');
    expect(ids.length).toBeGreaterThan(50);

    const store = SqliteStore.open(file);
    expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const missing: string[] = [];
    for (const id of ids) if ((await store.decision(id)) === null) missing.push(id);
    await store.close();
    expect(missing).toEqual([]);
  }, 60_000);

  it('SIGTERM lets in-flight requests finish, flushes the log and exits 0', async () => {
    const file = join(dir, 'terminated.db');
    const server = await startServer({ DATABASE_PATH: file });
    const ids: string[] = [];
    let stop = false;
    const load = hammer(server.url, () => stop, ids);
    await new Promise((r) => setTimeout(r, 800));
    server.child.kill('SIGTERM');
    const started = Date.now();
    const { code } = await server.exited;
    stop = true;
    await load;
    expect(code, server.output()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    const store = SqliteStore.open(file);
    const missing: string[] = [];
    for (const id of ids) if ((await store.decision(id)) === null) missing.push(id);
    expect(missing).toEqual([]);
    await store.close();
  }, 60_000);
});
