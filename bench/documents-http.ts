/**
 * `npx tsx bench/documents-http.ts [--seconds 5] [--rounds 6]`: issue #19's goal over HTTP, as
 * a customs system sees it: POST /v1/trade-checks with two presented documents to verify
 * (both in the register) against the same trade check without them, on one server, measured
 * alternately in the same run (ABBA rounds, so drift in the machine's speed favours neither).
 * The service as bench/http.ts runs it: bundled like dist/server.js, full Checklist, info
 * logging, decision storage on, pinned to CPU 0; Debian's wrk on CPU 1, 50 connections.
 * Goal: with documents ≥ 0.8× the throughput without. The in-process figure is bench/documents.ts.
 */
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { freePort } from '../tests/helpers/server-process.js';
import { bundleServer, serverEnv, type WrkResult, wrkAt } from './http.js';
import { CACHE, fullChecklistDatabase, median, pinned, waitFor, writeResult } from './lib.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

// A leopard hunting trophy, Namibia to Germany (Appendix I): the import permit granted first, then the export permit.
const TRADE = { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', quantity: 1, date: '2026-11-01' };
const PRESENTED = [
  { type: 'import-permit', number: 'DE-E-2026-1187', issuer: 'DE' },
  { type: 'export-permit', number: 'NA 2026/0412', issuer: 'NA' },
];

type Run = WrkResult & { cpuMicrosPerRequest: number };

/** User and system CPU time a process has used (Linux: /proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The two permits, registered in the database the server opens. */
function registerPermits(db: string): void {
  const store = SqliteStore.open(db);
  const boxes = {
    exporter: 'NA',
    importer: 'DE',
    purpose: 'H' as const,
    items: [{ taxon: 'Panthera pardus', term: 'TRO', quantity: 1, source: 'W' as const }],
  };
  store.createPermit({ ...boxes, ...PRESENTED[0]!, type: 'import-permit', issuedOn: '2026-10-01', registeredAs: 'received' }, 'bench');
  store.createPermit({ ...boxes, ...PRESENTED[1]!, type: 'export-permit', issuedOn: '2026-10-20', registeredAs: 'issued' }, 'bench');
  store.close();
}

export async function benchDocumentsHttp(seconds = arg('seconds', 5), rounds = arg('rounds', 6)) {
  const work = mkdtempSync(join(tmpdir(), 'bench-documents-'));
  const db = join(work, 'cites.db');
  copyFileSync(await fullChecklistDatabase(), db);
  registerPermits(db);
  const entry = await bundleServer();
  const port = await freePort();
  // The log to a file, as a collector would drain it (see pinned).
  const log = openSync(join(work, 'server.log'), 'w');
  const server = pinned(0, process.execPath, [entry], serverEnv(db, port, 'info'), log);
  const url = `http://127.0.0.1:${port}/v1/trade-checks`;
  try {
    await waitFor(`http://127.0.0.1:${port}/ready`);
    const bodies = { without: join(work, 'without.jsonl'), with: join(work, 'with.jsonl') };
    writeFileSync(bodies.without, `${JSON.stringify(TRADE)}\n`);
    writeFileSync(bodies.with, `${JSON.stringify({ ...TRADE, presented: PRESENTED })}\n`);
    // The documents must clear the trade, or the benchmark would measure a refusal.
    const first = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...TRADE, presented: PRESENTED }),
    });
    const answer = (await first.json()) as { decision: string; documentChecks?: { verdict: string }[] };
    if (answer.decision !== 'allow' || answer.documentChecks?.some((c) => c.verdict !== 'valid')) {
      throw new Error(`the documents do not clear the trade: ${JSON.stringify(answer)}`);
    }
    wrkAt(url, bodies.without, 3, 50); // warm-up (JIT, caches)
    wrkAt(url, bodies.with, 3, 50);
    const runs = { without: [] as Run[], with: [] as Run[] };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const);
      for (const name of order) {
        const cpuBefore = cpuSeconds(server.pid!);
        const r = wrkAt(url, bodies[name], seconds, 50);
        runs[name].push({ ...r, cpuMicrosPerRequest: ((cpuSeconds(server.pid!) - cpuBefore) * 1e6) / (r.requestsPerSecond * seconds) });
      }
    }
    const errors = [...runs.without, ...runs.with].reduce((n, r) => n + r.errors, 0);
    if (errors > 0) throw new Error(`${errors} requests failed`);
    const rate = (list: Run[]) => Math.round(median(list.map((r) => r.requestsPerSecond)));
    const cpu = (list: Run[]) => Number(median(list.map((r) => r.cpuMicrosPerRequest)).toFixed(1));
    const result = {
      settings: { seconds, rounds, connections: 50, serverCpu: 0, loadCpu: 1, logLevel: 'info', decisionStorage: true, dataset: 'full Checklist 2017' },
      requestsPerSecondWithout: rate(runs.without),
      requestsPerSecondWithTwoDocuments: rate(runs.with),
      ratio: Number((rate(runs.with) / rate(runs.without)).toFixed(3)),
      // Each round's pair measured back to back: the ratio least moved by other load on the machine.
      medianPairRatio: Number(median(runs.with.map((w, i) => w.requestsPerSecond / runs.without[i]!.requestsPerSecond)).toFixed(3)),
      // The server's own CPU time per request: what its throughput is on a core of its own, whoever else shares the machine.
      cpuMicrosPerRequest: { without: cpu(runs.without), with: cpu(runs.with) },
      cpuRatio: Number((cpu(runs.without) / cpu(runs.with)).toFixed(3)),
      goal: 0.8,
      p50Ms: { without: median(runs.without.map((r) => r.p50Ms)), with: median(runs.with.map((r) => r.p50Ms)) },
      p99Ms: { without: median(runs.without.map((r) => r.p99Ms)), with: median(runs.with.map((r) => r.p99Ms)) },
      runs: runs.without.map((w, i) => ({
        without: w.requestsPerSecond,
        with: runs.with[i]!.requestsPerSecond,
        cpuMicrosWithout: Math.round(w.cpuMicrosPerRequest),
        cpuMicrosWith: Math.round(runs.with[i]!.cpuMicrosPerRequest),
      })),
    };
    writeResult('documents-http', result);
    return result;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    closeSync(log);
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(CACHE, { recursive: true });
  console.log(JSON.stringify(await benchDocumentsHttp(), null, 2));
}
