/**
 * The server checkpoints the WAL from a worker thread (src/db/checkpointer.ts), so no
 * commit on the event loop pays for a checkpoint. These tests check what an operator
 * relies on: committed data still reaches the database file, and stopping the worker
 * gives the connection its automatic checkpoints back.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCheckpointer } from '../../src/db/checkpointer.js';
import { newDecisionId } from '../../src/services/decision-log.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function storeOnDisk() {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  dirs.push(dir);
  const file = join(dir, 'cites.db');
  return { file, store: SqliteStore.open(file) };
}

const decisions = (n: number) =>
  Array.from({ length: n }, () => ({
    id: newDecisionId(),
    createdAt: '2026-11-01T12:00:00.000Z',
    datasetVersion: '1',
    decision: 'allow',
    apiKeyId: null,
    request: JSON.stringify({ taxon: 'Melopsittacus undulatus' }),
    result: `{"decision":"allow","pad":"${'x'.repeat(900)}"}`,
  }));

describe('WAL checkpoints in a worker thread', () => {
  it('moves committed decisions into the database file while the connection itself never checkpoints', async () => {
    const { file, store } = storeOnDisk();
    const checkpointer = startCheckpointer(store.sqlite, 100);
    expect(checkpointer).not.toBeNull();
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    await store.saveDecisions(decisions(3000)); // about 3 MB, three times the automatic threshold
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 2_000_000), { timeout: 10_000, interval: 50 });
    await checkpointer!.stop();
    await store.close();
    const reopened = SqliteStore.open(file);
    expect(reopened.sqlite.prepare('SELECT count(*) FROM decisions').pluck().get()).toBe(3000);
    expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await reopened.close();
  });

  it('gives the connection its automatic checkpoints back when stopped', async () => {
    const { store } = storeOnDisk();
    const checkpointer = startCheckpointer(store.sqlite, 100);
    await checkpointer!.stop();
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.close();
  });

  it('keeps a process alive until its connection is closed, so a shutdown reaches store.close()', async () => {
    const { file, store } = storeOnDisk();
    await store.close();
    const script = `
      import { startCheckpointer } from './src/db/checkpointer.ts';
      import { SqliteStore } from './src/store/sqlite/store.ts';
      const store = SqliteStore.open(${JSON.stringify(file)});
      const checkpointer = startCheckpointer(store.sqlite);
      await checkpointer.stop();
      (await store.close());
      console.log('closed');`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('closed');
    expect(run.status).toBe(0);
  });

  it('is not started for an in-memory store', async () => {
    const store = SqliteStore.open(':memory:');
    expect(startCheckpointer(store.sqlite)).toBeNull();
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.close();
  });
});
