/**
 * Trade checks through two replicas on PostgreSQL against one process on SQLite, in the same
 * run (issue #21). Both serve the default dataset (SEED=builtin) from the bundled server
 * (dist/server.js as built), with info logging and every decision stored.
 *
 * - SQLite: one server pinned to CPU 0; wrk (50 connections) pinned to CPU 1.
 * - PostgreSQL: two replicas, both pinned to CPU 0 (the same compute as the one SQLite
 *   process), two wrk processes of 25 connections each, one per replica, on CPU 1; the
 *   PostgreSQL server itself is not pinned (it shares the two cores with everything else).
 * Where the time goes: CPU time per request of the servers, of wrk and of the rest of the
 * machine (PostgreSQL's backends, the kernel: /proc/stat minus the processes measured), and
 * the decision log's commit (one decision, one transaction) on each store, measured alone.
 *
 * Needs Debian's wrk and PostgreSQL: DATABASE_URL_TEST (as the tests), e.g. through
 * `bash -c 'source scripts/test-postgres.sh && start_test_postgres && npx tsx bench/replicas.ts'`.
 * `npx tsx bench/replicas.ts [--seconds 6] [--rounds 4]`
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildServer } from '../scripts/build.js';
import { newDecisionId } from '../src/services/decision-log.js';
import { PostgresStore } from '../src/store/postgres/store.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import type { CitesStore } from '../src/store/types.js';
import { freePort } from '../tests/helpers/server-process.js';
import { parseWrk, type WrkResult } from './http.js';
import { CACHE, median, pinned, ROOT, waitFor, writeResult } from './lib.js';
import { TRADE_MIX } from './mix.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU time of a process, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** CPU time of every PostgreSQL process on the machine (the server and its backends), in ms. */
function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes(' (postgres) ')) total += cpuMs(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Busy CPU time of the whole machine, in ms. */
function machineBusyMs(): number {
  const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = v.map(Number);
  return (n[0]! + n[1]! + n[2]! + n[5]! + n[6]! + n[7]!) * TICK_MS; // user nice system irq softirq steal
}

function serverEnv(port: number, store: Record<string, string>): Record<string, string> {
  return {
    ...store,
    PORT: String(port),
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    SEED: 'builtin',
    REQUIRE_KEY_FOR_READS: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1000000000',
    RATE_LIMIT_ITEMS_PER_MINUTE: '0',
  };
}

async function start(entry: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = pinned(0, process.execPath, [entry], serverEnv(port, env));
  child.stdout!.resume();
  child.stderr!.resume();
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/ready`, undefined, 180_000);
  return { url, child };
}

/** wrk processes run together (one per URL), pinned to CPU 1; their results and CPU time. */
async function wrkTogether(urls: string[], connections: number, seconds: number, bodies: string): Promise<{ runs: WrkResult[]; cpuMs: number }> {
  const runs = await Promise.all(
    urls.map(
      (url) =>
        new Promise<{ out: string; cpu: number }>((resolve, reject) => {
          const args = [
            '-c',
            '1',
            'wrk',
            '-t1',
            `-c${connections}`,
            `-d${seconds}s`,
            '--latency',
            '-s',
            join(ROOT, 'bench/wrk/mix.lua'),
            `${url}/v1/trade-checks`,
          ];
          const child = spawn('taskset', args, { env: { ...process.env, WRK_BODIES: bodies } });
          let out = '';
          let cpu = 0;
          child.stdout.on('data', (d) => (out += d));
          // wrk's own CPU time, read just before it exits (its last second is missed: small).
          const sampler = setInterval(() => {
            try {
              cpu = cpuMs(child.pid!);
            } catch {
              // exited
            }
          }, 200);
          child.once('exit', (code) => {
            clearInterval(sampler);
            if (code === 0) resolve({ out, cpu });
            else reject(new Error(`wrk failed (${code})`));
          });
        }),
    ),
  );
  return { runs: runs.map((r) => parseWrk(r.out)), cpuMs: runs.reduce((n, r) => n + r.cpu, 0) };
}

interface Measured {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** CPU time per trade check, µs: the API processes, PostgreSQL, wrk, and everything else on the (shared) machine. */
  cpuPerCheckUs: { servers: number; postgres: number; wrk: number; rest: number };
}

async function measure(urls: string[], pids: number[], seconds: number, bodies: string): Promise<Measured> {
  const serversBefore = pids.reduce((n, p) => n + cpuMs(p), 0);
  const postgresBefore = postgresCpuMs();
  const busyBefore = machineBusyMs();
  const { runs, cpuMs: wrkCpu } = await wrkTogether(urls, Math.round(50 / urls.length), seconds, bodies);
  const servers = pids.reduce((n, p) => n + cpuMs(p), 0) - serversBefore;
  const busy = machineBusyMs() - busyBefore;
  const postgres = postgresCpuMs() - postgresBefore;
  const requests = runs.reduce((n, r) => n + r.requestsPerSecond, 0) * seconds;
  const per = (ms: number) => Math.round((ms * 1000) / requests);
  return {
    requestsPerSecond: runs.reduce((n, r) => n + r.requestsPerSecond, 0),
    p50Ms: Math.round(Math.max(...runs.map((r) => r.p50Ms)) * 10) / 10,
    p99Ms: Math.round(Math.max(...runs.map((r) => r.p99Ms)) * 10) / 10,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    // Backends that ended during the run take their CPU time with them: never below zero.
    cpuPerCheckUs: {
      servers: per(servers),
      postgres: per(Math.max(0, postgres)),
      wrk: per(wrkCpu),
      rest: per(Math.max(0, busy - servers - Math.max(0, postgres) - wrkCpu)),
    },
  };
}

/** One decision per transaction, as the decision log writes under a light load: ms per commit. */
async function commitMs(store: CitesStore, n = 300): Promise<number> {
  const record = (id: string) => ({
    id,
    createdAt: new Date().toISOString(),
    datasetVersion: '1',
    decision: 'needs-permit',
    apiKeyId: null,
    request: JSON.stringify(TRADE_MIX[0]),
    result: `{"decision":"needs-permit","pad":"${'x'.repeat(900)}"}`,
  });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await store.saveDecisions([record(newDecisionId())]);
    times.push(performance.now() - started);
  }
  return Math.round(median(times) * 1000) / 1000;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

export async function benchReplicas(seconds = arg('seconds', 6), rounds = arg('rounds', 4)) {
  if (spawnSync('which', ['wrk']).status !== 0) throw new Error("install Debian's wrk: apt-get install wrk");
  const admin = process.env.DATABASE_URL_TEST;
  if (!admin) throw new Error('set DATABASE_URL_TEST to a PostgreSQL server (scripts/test-postgres.sh starts a throwaway one)');
  const work = mkdtempSync(join(tmpdir(), 'bench-replicas-'));
  const dbName = `cites_bench_${Date.now()}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${dbName}`);
  const pgUrl = new URL(admin);
  pgUrl.pathname = `/${dbName}`;
  const entry = join(CACHE, 'replica-server.js');
  await buildServer(entry, join(ROOT, 'src/server.ts'));
  const bodies = join(work, 'bodies.jsonl');
  writeFileSync(bodies, `${TRADE_MIX.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const children: ChildProcess[] = [];
  try {
    const sqlite = await start(entry, { DATABASE_PATH: join(work, 'cites.db') });
    children.push(sqlite.child);
    // The first replica loads the default dataset into PostgreSQL; the second finds it there.
    const a = await start(entry, { DATABASE_URL: pgUrl.toString() });
    const b = await start(entry, { DATABASE_URL: pgUrl.toString() });
    children.push(a.child, b.child);
    await wrkTogether([sqlite.url], 50, 2, bodies); // warm-up (JIT, caches)
    await wrkTogether([a.url, b.url], 25, 2, bodies);
    const runs = { sqlite: [] as Measured[], replicas: [] as Measured[] };
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so drift in the machine's speed favours neither.
      const order = round % 2 === 0 ? (['sqlite', 'replicas'] as const) : (['replicas', 'sqlite'] as const);
      for (const which of order) {
        runs[which].push(
          which === 'sqlite'
            ? await measure([sqlite.url], [sqlite.child.pid!], seconds, bodies)
            : await measure([a.url, b.url], [a.child.pid!, b.child.pid!], seconds, bodies),
        );
      }
    }
    for (const c of children.splice(0)) await stop(c);

    const sqliteStore = SqliteStore.open(join(work, 'commits.db'));
    const pgStore = await PostgresStore.open(pgUrl.toString());
    const commits = { sqliteMs: await commitMs(sqliteStore), postgresMs: await commitMs(pgStore) };
    await sqliteStore.close();
    await pgStore.close();

    const summary = (list: Measured[]) => ({
      requestsPerSecond: Math.round(median(list.map((x) => x.requestsPerSecond))),
      p50Ms: Math.round(median(list.map((x) => x.p50Ms)) * 10) / 10,
      p99Ms: Math.round(median(list.map((x) => x.p99Ms)) * 10) / 10,
      errors: list.reduce((n, x) => n + x.errors, 0),
      cpuPerCheckUs: {
        servers: median(list.map((x) => x.cpuPerCheckUs.servers)),
        postgres: median(list.map((x) => x.cpuPerCheckUs.postgres)),
        wrk: median(list.map((x) => x.cpuPerCheckUs.wrk)),
        rest: median(list.map((x) => x.cpuPerCheckUs.rest)),
      },
      runs: list,
    });
    const result = {
      seconds,
      rounds,
      sqlite: summary(runs.sqlite),
      replicas: summary(runs.replicas),
      commits,
    };
    // The machine is shared: its speed swings between rounds far more than within one. The
    // ratio is taken per round (the two runs back to back) and the median of those reported.
    const perRound = runs.sqlite.map((s, i) => Math.round((runs.replicas[i]!.requestsPerSecond / s.requestsPerSecond) * 100) / 100);
    const ratio = median(perRound);
    writeResult('replicas', { ...result, ratio, ratioPerRound: perRound });
    return { ...result, ratio, ratioPerRound: perRound };
  } finally {
    for (const c of children) await stop(c);
    await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await adminClient.end();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchReplicas();
  const row = (name: string, m: typeof r.sqlite) =>
    `| ${name} | ${m.requestsPerSecond.toLocaleString('en')} req/s | p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms | ${m.errors} | ${m.cpuPerCheckUs.servers} / ${m.cpuPerCheckUs.postgres} / ${m.cpuPerCheckUs.wrk} / ${m.cpuPerCheckUs.rest} µs |`;
  console.log('| setup | trade checks | latency (client) | errors | CPU per check: API / PostgreSQL / wrk / rest of the machine |');
  console.log('|---|---|---|---|---|');
  console.log(row('one process, SQLite', r.sqlite));
  console.log(row('two replicas, PostgreSQL', r.replicas));
  console.log(`ratio (replicas / SQLite), median of the rounds: ${r.ratio.toFixed(2)}× (rounds: ${r.ratioPerRound.join(', ')})`);
  console.log(`one decision, one commit (median): SQLite ${r.commits.sqliteMs} ms, PostgreSQL ${r.commits.postgresMs} ms`);
}
