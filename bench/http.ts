/**
 * HTTP benchmarks, measured as ratios against baselines taken in the same run (issue #17):
 * - POST /v1/trade-checks (full Checklist, decision storage on, info logging, the request mix)
 *   against the real ceiling: a bare Fastify process (bench/bare-server.ts) on the same core,
 *   measured alternately with the service at 50 and 10 connections. Server pinned to CPU 0,
 *   Debian's wrk pinned to CPU 1. Goals: ≥ 0.5× the bare process, p99 ≤ 5 ms at 10 connections.
 *   Two in-app routes (fixed JSON; validate-and-echo) are kept as a finer breakdown.
 * - a 10,000-item shipment through POST /v1/trade-checks/batch, per view, against the time of
 *   10,000 single checks at the measured rate (goal ≤ 0.1× for the summary view).
 * - the peak memory of a 20,000-item shipment, per view, on a server with a capped heap.
 * `npx tsx bench/http.ts [--seconds 10] [--rounds 2]`
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../scripts/build.js';
import { CACHE, fullChecklistDatabase, median, pinned, ROOT, rssMb, waitFor, writeResult } from './lib.js';
import { TRADE_MIX } from './mix.js';

const logFile = (path: string) => openSync(path, 'w');
import { freePort } from '../tests/helpers/server-process.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const toMs = (v: string) => {
  const m = /^([\d.]+)(us|ms|s)$/.exec(v.trim());
  if (!m) return NaN;
  return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
};

export function parseWrk(out: string): WrkResult {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p50 = toMs(/\s50%\s+(\S+)/.exec(out)?.[1] ?? '');
  const p99 = toMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0;
  return { requestsPerSecond: Math.round(rps), p50Ms: p50, p99Ms: p99, errors: non2xx + socketErrors };
}

function wrk(url: string, bodiesFile: string, seconds: number): WrkResult {
  const args = ['-c', '1', 'wrk', '-t1', '-c50', `-d${seconds}s`, '--latency', '-s', join(ROOT, 'bench/wrk/mix.lua'), url];
  const res = spawnSync('taskset', args, { env: { ...process.env, WRK_BODIES: bodiesFile }, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`wrk failed: ${res.stderr}`);
  return parseWrk(res.stdout);
}

/** The bench server, bundled exactly as dist/server.js is. */
export async function bundleServer(): Promise<string> {
  const outfile = join(CACHE, 'http-server.js');
  await buildServer(outfile, join(ROOT, 'bench/http-server.ts'));
  return outfile;
}

/** The bare Fastify baseline process (bench/bare-server.ts), bundled the same way. */
async function bundleBareServer(): Promise<string> {
  const outfile = join(CACHE, 'bare-server.js');
  await buildServer(outfile, join(ROOT, 'bench/bare-server.ts'));
  return outfile;
}

export function wrkAt(url: string, bodiesFile: string, seconds: number, connections: number): WrkResult {
  const args = ['-c', '1', 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', join(ROOT, 'bench/wrk/mix.lua'), url];
  const res = spawnSync('taskset', args, { env: { ...process.env, WRK_BODIES: bodiesFile }, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`wrk failed: ${res.stderr}`);
  return parseWrk(res.stdout);
}

/** The service as in production, with limits raised so that the load generator measures work. */
export function serverEnv(db: string, port: number, logLevel: 'info' | 'warn'): Record<string, string> {
  return {
    DATABASE_PATH: db,
    PORT: String(port),
    LOG_LEVEL: logLevel,
    NODE_ENV: 'production',
    REQUIRE_KEY_FOR_READS: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1000000000',
    RATE_LIMIT_ITEMS_PER_MINUTE: '0',
  };
}

/** Peak resident memory since the last reset (Linux: VmHWM, reset through clear_refs). */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/**
 * The memory a 20,000-item shipment needs, per view: a server of its own whose V8 heap is
 * capped (--max-old-space-size=256), so the figure is what the work holds, not how lazily
 * the collector gives memory back on a machine with room (uncapped, V8 lets the heap grow to
 * gigabytes before collecting hard). Peak RSS during the request, after a reset of the peak.
 */
async function batchMemory(entry: string, db: string) {
  const port = await freePort();
  const server = pinned(0, process.execPath, ['--max-old-space-size=256', entry], serverEnv(db, port, 'warn'), logFile(`${db}.memory.log`));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/ready`);
    const payload = JSON.stringify({ items: Array.from({ length: 20_000 }, (_, i) => TRADE_MIX[i % TRADE_MIX.length]) });
    const views = {
      full: ['/v1/trade-checks/batch', 'application/json'],
      summary: ['/v1/trade-checks/batch?view=summary', 'application/json'],
      ndjsonSummary: ['/v1/trade-checks/batch?view=summary', 'application/x-ndjson'],
    } as const;
    const out = {} as Record<keyof typeof views, { ms: number; rssBeforeMb: number; peakRssMb: number }>;
    for (const name of Object.keys(views) as (keyof typeof views)[]) {
      const [path, accept] = views[name];
      for (let i = 0; i < 3; i++) {
        writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
        const rssBeforeMb = rssMb(server.pid!);
        const started = performance.now();
        const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: payload });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`20,000-item batch failed: ${res.status}`);
        out[name] = { ms: Math.round(performance.now() - started), rssBeforeMb, peakRssMb: peakRssMb(server.pid!) };
      }
    }
    return { heapCapMb: 256, items: 20_000, ...out };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

export async function benchHttp(seconds = arg('seconds', 10), rounds = arg('rounds', 2)) {
  if (spawnSync('which', ['wrk']).status !== 0) throw new Error("install Debian's wrk: apt-get install wrk");
  const work = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const db = join(work, 'cites.db');
  copyFileSync(await fullChecklistDatabase(), db);
  const entry = await bundleServer();
  const port = await freePort();
  // The log to a file, as a collector would drain it: a pipe stalls the server while wrk runs (see pinned).
  const server = pinned(0, process.execPath, [entry], serverEnv(db, port, 'info'), logFile(`${db}.server.log`));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/ready`);
    const bodies = join(work, 'bodies.jsonl');
    writeFileSync(bodies, `${TRADE_MIX.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const routes = { bare: '/bench/bare', echo: '/bench/echo', tradeCheck: '/v1/trade-checks' } as const;
    const runs: Record<keyof typeof routes, WrkResult[]> = { bare: [], echo: [], tradeCheck: [] };
    for (const r of Object.values(routes)) wrk(`${url}${r}`, bodies, 2); // warm-up (JIT, caches)
    for (let round = 0; round < rounds; round++) {
      // Rotate the order so drift in the machine's speed does not favour one route.
      const order = (Object.keys(routes) as (keyof typeof routes)[]).map((_, i, all) => all[(i + round) % all.length]!);
      for (const name of order) runs[name].push(wrk(`${url}${routes[name]}`, bodies, seconds));
    }
    const summary = (list: WrkResult[]) => ({
      requestsPerSecond: Math.round(median(list.map((x) => x.requestsPerSecond))),
      p50Ms: median(list.map((x) => x.p50Ms)),
      p99Ms: median(list.map((x) => x.p99Ms)),
      errors: list.reduce((n, x) => n + x.errors, 0),
      runs: list,
    });
    const bare = summary(runs.bare);
    const echo = summary(runs.echo);
    const check = summary(runs.tradeCheck);

    // The real ceiling: a bare Fastify process on the same core, measured alternately with the
    // service (each runs alone on CPU 0 while measured; the other is idle), 50 and 10 connections.
    const barePort = await freePort();
    const bareProcess = pinned(0, process.execPath, [await bundleBareServer()], { PORT: String(barePort) }, logFile(`${db}.bare.log`));
    const bareUrl = `http://127.0.0.1:${barePort}/v1/trade-checks`;
    const processRuns = { bare50: [] as WrkResult[], service50: [] as WrkResult[], bare10: [] as WrkResult[], service10: [] as WrkResult[] };
    try {
      await waitFor(`http://127.0.0.1:${barePort}/v1/trade-checks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      wrkAt(bareUrl, bodies, 2, 50);
      for (let round = 0; round < rounds; round++) {
        processRuns.bare50.push(wrkAt(bareUrl, bodies, seconds, 50));
        processRuns.service50.push(wrkAt(`${url}/v1/trade-checks`, bodies, seconds, 50));
        processRuns.service10.push(wrkAt(`${url}/v1/trade-checks`, bodies, seconds, 10));
        processRuns.bare10.push(wrkAt(bareUrl, bodies, seconds, 10));
      }
    } finally {
      bareProcess.kill('SIGTERM');
      await new Promise((r) => bareProcess.once('exit', r));
    }
    const bareProcess50 = summary(processRuns.bare50);
    const service50 = summary(processRuns.service50);
    const bareProcess10 = summary(processRuns.bare10);
    const service10 = summary(processRuns.service10);

    // A whole shipment: 10,000 items in one batch request.
    const items = Array.from({ length: 10_000 }, (_, i) => TRADE_MIX[i % TRADE_MIX.length]);
    const payload = JSON.stringify({ items });
    const timeBatch = async (path: string, accept = 'application/json') => {
      const ms: number[] = [];
      for (let i = 0; i < 8; i++) {
        const started = performance.now();
        const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: payload });
        const text = await res.text();
        const n = accept === 'application/x-ndjson' ? text.trim().split('\n').length - 1 : (JSON.parse(text) as { results: unknown[] }).results.length;
        if (res.status !== 200 || n !== 10_000) throw new Error(`batch failed: ${res.status}`);
        if (i > 0) ms.push(performance.now() - started);
      }
      return ms;
    };
    const batchMs = await timeBatch('/v1/trade-checks/batch');
    const summaryMs = await timeBatch('/v1/trade-checks/batch?view=summary');
    const ndjsonMs = await timeBatch('/v1/trade-checks/batch?view=summary', 'application/x-ndjson');
    const memory20k = await batchMemory(entry, db);
    // What 10,000 single checks cost at the rate measured with 50 connections.
    const singlesMs = (10_000 / service50.requestsPerSecond) * 1000;
    const result = {
      settings: { seconds, rounds, connections: 50, serverCpu: 0, loadCpu: 1, logLevel: 'info', decisionStorage: true },
      bare,
      validateAndEcho: echo,
      tradeCheck: check,
      bareFastifyProcess: { c50: bareProcess50, c10: bareProcess10 },
      serviceAlternating: { c50: service50, c10: service10 },
      ratios: {
        tradeCheckToValidateAndEcho: Number((check.requestsPerSecond / echo.requestsPerSecond).toFixed(3)),
        tradeCheckToBare: Number((check.requestsPerSecond / bare.requestsPerSecond).toFixed(3)),
        tradeCheckToBareProcess: Number((service50.requestsPerSecond / bareProcess50.requestsPerSecond).toFixed(3)),
      },
      targets: { toBareProcess: 0.5, p99MsAt10Connections: 5, summaryBatchToSingles: 0.1 },
      batch10k: {
        medianMs: Math.round(median(batchMs)),
        runsMs: batchMs.map(Math.round),
        summaryMedianMs: Math.round(median(summaryMs)),
        ndjsonSummaryMedianMs: Math.round(median(ndjsonMs)),
        tenThousandSinglesMs: Math.round(singlesMs),
        ratioSummaryToSingles: Number((median(summaryMs) / singlesMs).toFixed(3)),
        ratioFullToSingles: Number((median(batchMs) / singlesMs).toFixed(3)),
      },
      batch20kMemory: memory20k,
      serverRssMb: rssMb(server.pid!),
    };
    writeResult('http', result);
    return result;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(CACHE, { recursive: true });
  const r = await benchHttp();
  const { runs: _a, ...bare } = r.bare;
  const { runs: _b, ...echo } = r.validateAndEcho;
  const { runs: _c, ...check } = r.tradeCheck;
  const strip = (x: { runs?: unknown }) => {
    const { runs: _r, ...rest } = x;
    return rest;
  };
  console.log(
    JSON.stringify(
      {
        bare,
        echo,
        check,
        bareProcess: { c50: strip(r.bareFastifyProcess.c50), c10: strip(r.bareFastifyProcess.c10) },
        service: { c50: strip(r.serviceAlternating.c50), c10: strip(r.serviceAlternating.c10) },
        ratios: r.ratios,
        batch10k: r.batch10k,
        batch20kMemory: r.batch20kMemory,
        serverRssMb: r.serverRssMb,
      },
      null,
      2,
    ),
  );
}
