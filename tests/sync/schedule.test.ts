/**
 * Issue 20, part 5: SYNC_SCHEDULE is off unless set, and checked at start-up; when on, the
 * server runs the command-line sync in a child process, so /ready keeps answering while it
 * runs, and the server then serves the new data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { runSyncProcess, schedulePeriodMs, scheduleSyncs } from '../../src/services/sync-schedule.js';
import { testApp } from '../helpers/app.js';
import { FakeSpeciesPlus, TOKEN } from './fake-species-plus.js';
import { sampleConcepts } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

it('is off by default; a period is 30m, 24h or 7d; anything else stops start-up naming the variable', () => {
  expect(schedulePeriodMs(loadConfig({}).SYNC_SCHEDULE)).toBeNull();
  expect(schedulePeriodMs(loadConfig({ SYNC_SCHEDULE: '24h' }).SYNC_SCHEDULE)).toBe(86_400_000);
  expect(schedulePeriodMs('30m')).toBe(1_800_000);
  expect(() => loadConfig({ SYNC_SCHEDULE: 'weekly' })).toThrow(ConfigError);
  expect(() => loadConfig({ SYNC_SCHEDULE: '0h' })).toThrow(/SYNC_SCHEDULE/);
});

it('runs once per period and never starts a sync while the last one is still running', async () => {
  vi.useFakeTimers();
  let finish: () => void = () => undefined;
  const run = vi.fn(() => new Promise<void>((r) => (finish = r)));
  const stop = scheduleSyncs(60_000, run);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(run).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(120_000); // still running: not doubled
  expect(run).toHaveBeenCalledTimes(1);
  finish();
  await vi.advanceTimersByTimeAsync(60_000);
  expect(run).toHaveBeenCalledTimes(2);
  stop();
});

it('the scheduled sync runs in a child process: /ready stays green meanwhile, and the server then serves the new data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cites-schedule-'));
  const fake = new FakeSpeciesPlus(sampleConcepts());
  await fake.start();
  const env = { DATABASE_PATH: join(dir, 'cites.db'), SPECIES_PLUS_TOKEN: TOKEN, SPECIES_PLUS_URL: fake.url, SPECIES_PLUS_INTERVAL_MS: '0', SEED: 'builtin' };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const t = await testApp({ file: env.DATABASE_PATH, data: 'seed', env: { DATASET_POLL_MS: '50' } });
  try {
    const errors: unknown[] = [];
    const log = { info: () => undefined, error: (o: unknown) => errors.push(o) } as never;
    const sync = runSyncProcess(log);
    let readyChecks = 0;
    let done = false;
    void sync.then(() => (done = true));
    while (!done) {
      expect((await t.app.inject('/ready')).statusCode).toBe(200);
      readyChecks++;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await sync).toBe(0);
    expect(errors).toEqual([]);
    expect(readyChecks).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 200)); // the server's poll picks the new version up
    const d = (await t.app.inject('/v1/dataset')).json();
    expect(d.sync.lastSuccess).toMatchObject({ via: 'api', actor: expect.stringContaining('cli') });
    const badger = (await t.app.inject('/v1/taxa?q=Mellivora%20capensis')).json();
    expect(badger.items[0].name).toBe('Mellivora capensis');
  } finally {
    process.env = saved;
    await t.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
