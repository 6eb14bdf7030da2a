/** Shared pieces of the benchmarks: the full-Checklist database, results files, statistics. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bundle } from '../src/contract/bundle.js';
import { runImport } from '../src/importers/index.js';
import { BUILTIN_SEED_FILE } from '../src/paths.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CACHE = join(ROOT, 'bench', '.cache');
export const RESULTS = join(ROOT, 'bench', 'results');
const DATA = process.env.CITES_SHARED_DATA ?? join(ROOT, '..', 'shared', 'data');

export const SHARED_FILES = {
  parties: join(DATA, 'parties', 'CITES_Parties_chronological_2017-10-19.csv'),
  index: join(DATA, 'checklist_index_2017', 'Index_of_CITES_Species_2017-04-21.csv.gz'),
  reservations: join(DATA, 'sapi_current', 'reservations.csv'),
  quotas: join(DATA, 'sapi_current', 'quotas.csv'),
  suspensions: join(DATA, 'sapi_current', 'exemptions.csv'),
};

/**
 * A SQLite file holding the real 2017 Checklist (38,079 taxa) with the built-in code lists
 * and Parties, and the Species+ reservations, quotas and suspensions. Built once and kept
 * in bench/.cache (not committed: the data is test data only).
 */
export async function fullChecklistDatabase(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, 'checklist-2017.db');
  if (existsSync(file)) return file;
  if (!existsSync(SHARED_FILES.index)) throw new Error(`the benchmarks need the real Checklist at ${SHARED_FILES.index}`);
  const building = `${file}.building`;
  const store = SqliteStore.open(building);
  // The code lists and Parties of the built-in seed; the listings all come from the Checklist.
  const seed = JSON.parse(readFileSync(BUILTIN_SEED_FILE, 'utf8')) as Record<string, unknown>;
  await store.importBundle(Bundle.parse({ format: seed.format, asOf: seed.asOf, codes: seed.codes, parties: seed.parties }), {
    mode: 'merge',
    actor: 'bench',
    origin: 'seed',
  });
  for (const kind of ['index', 'reservations', 'quotas', 'suspensions'] as const) {
    await runImport(store, kind, createReadStream(SHARED_FILES[kind]), { actor: 'bench', asOf: '2017-04-21' });
  }
  await store.close();
  renameSync(building, file);
  return file;
}

export function machine() {
  return { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
}

export function writeResult(name: string, result: unknown): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify({ at: new Date().toISOString(), machine: machine(), ...(result as object) }, null, 2)}\n`);
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Runs a command pinned to one core (taskset), so server and load generator do not share one.
 * `stdout`: a file descriptor to write its output to instead of a pipe. A pipe is drained only
 * while this process's event loop runs, and spawnSync(wrk) blocks it: the server's logger then
 * finds the pipe full and sleeps (pino's atomic-sleep), which measures the pipe, not the server.
 */
export function pinned(core: number, cmd: string, args: string[], env: Record<string, string> = {}, stdout?: number): ChildProcess {
  const hasTaskset = existsSync('/usr/bin/taskset');
  return spawn(hasTaskset ? 'taskset' : cmd, hasTaskset ? ['-c', String(core), cmd, ...args] : args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout ?? 'pipe', 'pipe'],
  });
}

export async function waitFor(url: string, init?: RequestInit, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const res = await fetch(url, init);
      if (res.ok) {
        await res.arrayBuffer();
        return performance.now() - started;
      }
    } catch {
      // not up yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}
