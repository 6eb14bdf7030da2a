/**
 * SYNC_SCHEDULE (issue 20): the server syncs from Species+ every period by running the
 * command-line `sync` in a child process, as cron would run `npm run sync`. In a child the
 * reading and the import's write never hold the server's event loop: trade checks and /ready
 * go on answering, and the server picks the new data up like any other import
 * (DATASET_POLL_MS). The child records its run; GET /v1/dataset shows how it ended.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { PROJECT_ROOT } from '../paths.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The period SYNC_SCHEDULE names (`30m`, `24h`, `7d`), in ms; null for `off`. */
export function schedulePeriodMs(schedule: string): number | null {
  const m = /^(\d+)([mhd])$/.exec(schedule);
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : null;
}

/** Runs `npx cites-permit-check sync` once, with the server's environment; resolves with its exit code. */
export function runSyncProcess(log: FastifyBaseLogger): Promise<number> {
  return new Promise((resolve) => {
    // The heap bounds of `npm run sync` (package.json): V8 otherwise lets garbage reach twice the live size.
    const child = spawn(process.execPath, ['--max-old-space-size=256', '--max-semi-space-size=4', join(PROJECT_ROOT, 'bin', 'cites-check.mjs'), 'sync'], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => {
      log.error({ err }, 'scheduled sync could not start');
      resolve(1);
    });
    child.on('close', (code) => {
      if (code === 0) log.info({ output }, 'scheduled sync finished');
      else log.error({ code, output }, 'scheduled sync failed (the data stays as it was)');
      resolve(code ?? 1);
    });
  });
}

/** Starts the schedule; the returned function stops it. A sync still running when the next is due is not doubled. */
export function scheduleSyncs(periodMs: number, run: () => Promise<unknown>): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    run().finally(() => {
      busy = false;
    });
  }, periodMs);
  timer.unref();
  return () => clearInterval(timer);
}
