/**
 * `npm run bench`: every benchmark in one run (same machine, same hour), results in
 * bench/results/*.json and a Markdown table in bench/results/summary.md (also printed).
 * `npm run bench -- engine http` runs only those.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCommits } from './commits.js';
import { benchDocumentsHttp } from './documents-http.js';
import { benchEngine } from './engine.js';
import { benchHttp } from './http.js';
import { benchLoad } from './load.js';
import { benchReplicas } from './replicas.js';
import { benchStartup } from './startup.js';
import { machine, RESULTS, ROOT } from './lib.js';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const run = (name: string) => wanted.length === 0 || wanted.includes(name);
const rows: string[][] = [];
const row = (what: string, value: string, baseline: string, ratio: string, target: string, ok: boolean | null) =>
  rows.push([what, value, baseline, ratio, target, ok === null ? '' : ok ? 'met' : 'NOT met']);
const n = (x: number) => Math.round(x).toLocaleString('en');
const ms = (x: number) => x.toFixed(1);

if (run('engine')) {
  const e = await benchEngine();
  row(
    'Engine, evaluations/s (one core)',
    n(e.engine.evaluationsPerSecond),
    `Map lookup ${n(e.engine.mapLookupsPerSecond)}/s`,
    `${e.engine.ratioToMapLookup}×`,
    '≥ 300,000/s',
    e.engine.evaluationsPerSecond >= 300_000,
  );
  row(
    'Names: exact / synonym / any case & spacing',
    `${n(e.names.exactPerSecond)} / ${n(e.names.synonymPerSecond)} / ${n(e.names.caseAndSpacingPerSecond)} per s`,
    '',
    '',
    '',
    null,
  );
  row('Names: fuzzy (unknown name, suggestions)', `${n(e.names.fuzzyPerSecond)}/s`, '', '', '', null);
}
if (run('http')) {
  const h = await benchHttp();
  const bareProcess = h.bareFastifyProcess;
  const service = h.serviceAlternating;
  row(
    'POST /v1/trade-checks (wrk, 50 conn.)',
    `${n(service.c50.requestsPerSecond)} req/s`,
    `bare Fastify process ${n(bareProcess.c50.requestsPerSecond)} req/s`,
    `${h.ratios.tradeCheckToBareProcess}×`,
    '≥ 0.5×',
    h.ratios.tradeCheckToBareProcess >= 0.5,
  );
  row(
    '  latency p50 / p99 at 10 connections',
    `${ms(service.c10.p50Ms)} / ${ms(service.c10.p99Ms)} ms`,
    `bare ${ms(bareProcess.c10.p50Ms)} / ${ms(bareProcess.c10.p99Ms)} ms`,
    '',
    'p99 ≤ 5 ms',
    service.c10.p99Ms <= 5,
  );
  const b = h.batch10k;
  row(
    'Shipment of 10,000 items, summary view',
    `${n(b.summaryMedianMs)} ms (NDJSON ${n(b.ndjsonSummaryMedianMs)}, full view ${n(b.medianMs)})`,
    `10,000 single checks ${n(b.tenThousandSinglesMs)} ms`,
    `${b.ratioSummaryToSingles}×`,
    '≤ 0.1×',
    b.ratioSummaryToSingles <= 0.1,
  );
  const m20 = h.batch20kMemory;
  row(
    '  20,000 items: peak RSS full / summary / NDJSON',
    `${m20.full.peakRssMb} / ${m20.summary.peakRssMb} / ${m20.ndjsonSummary.peakRssMb} MB`,
    `heap capped at ${m20.heapCapMb} MB`,
    '',
    '',
    null,
  );
}
// Needs PostgreSQL (DATABASE_URL_TEST); asked for by name, or run when it is set.
if (wanted.includes('replicas') || (wanted.length === 0 && process.env.DATABASE_URL_TEST)) {
  const r = await benchReplicas();
  row(
    'Trade checks, two replicas on PostgreSQL (wrk, 2 × 25 conn.)',
    `${n(r.replicas.requestsPerSecond)} req/s, p99 ${ms(r.replicas.p99Ms)} ms`,
    `one SQLite process ${n(r.sqlite.requestsPerSecond)} req/s, p99 ${ms(r.sqlite.p99Ms)} ms`,
    `${r.ratio.toFixed(2)}×`,
    '',
    null,
  );
  row('  one decision, one commit (median)', `PostgreSQL ${r.commits.postgresMs} ms`, `SQLite ${r.commits.sqliteMs} ms`, '', '', null);
}
if (run('documents')) {
  const d = await benchDocumentsHttp();
  row(
    'POST /v1/trade-checks with two documents to verify (wrk, 50 conn.)',
    `${n(d.requestsPerSecondWithTwoDocuments)} req/s; server CPU ${d.cpuMicrosPerRequest.with} µs/request`,
    `same check without ${n(d.requestsPerSecondWithout)} req/s; ${d.cpuMicrosPerRequest.without} µs/request`,
    `${d.ratio}× (pairs ${d.medianPairRatio}×, CPU ${d.cpuRatio}×)`,
    '≥ 0.8×',
    d.ratio >= 0.8,
  );
}
if (run('commits')) {
  const c = await benchCommits();
  const a = c.automaticCheckpoints;
  const w = c.workerCheckpoints;
  row(
    'Decision-log commit, p99.9 / max',
    `${w.p999Ms} / ${w.maxMs} ms (worker checkpoints)`,
    `automatic checkpoints ${a.p999Ms} / ${a.maxMs} ms`,
    `${c.ratios.p999}× / ${c.ratios.max}×`,
    '',
    null,
  );
}
if (run('startup')) {
  const s = await benchStartup();
  row(
    'Start-up to first answer (full Checklist)',
    `${n(s.firstAnswerMs)} ms, ${s.rssMb} MB RSS`,
    `bare Fastify ${n(s.baselineBareFastify.firstAnswerMs)} ms, ${s.baselineBareFastify.rssMb} MB`,
    `${s.ratioToBareFastify}×`,
    '≤ 1,500 ms, ≤ 300 MB',
    s.firstAnswerMs <= 1500 && s.rssMb <= 300,
  );
}
if (run('import')) {
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/import.ts'), '--runs', '3'], { cwd: ROOT, stdio: 'inherit' });
  const i = JSON.parse(readFileSync(join(RESULTS, 'import.json'), 'utf8'));
  row(
    'Import of the full Index (38,079 taxa)',
    `${n(i.median.totalMs)} ms (parse ${n(i.median.parseMs)} + write ${n(i.median.writeMs)}), ${i.peakRssMb} MB peak RSS`,
    '',
    '',
    '< 10 s, < 400 MB',
    i.met,
  );
}
if (run('load')) {
  const l = await benchLoad();
  row(
    `Load: ${n(l.settings.targetRate)} req/s for ${l.settings.seconds} s`,
    `${n(l.achievedRate)} req/s, ${l.errors} errors`,
    '',
    '',
    'held, zero errors',
    l.held,
  );
  row('  latency p50 / p99 (client)', `${l.latencyMs.p50} / ${l.latencyMs.p99} ms`, '', '', '', null);
  row('  server event-loop delay p99 / max', `${l.serverEventLoopDelayMs.p99Ms} / ${l.serverEventLoopDelayMs.maxMs} ms`, '', '', '', null);
}

const m = machine();
const table = [
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}.`,
  '',
  '| measure | result | baseline (same run) | ratio | target | |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
writeFileSync(join(RESULTS, 'summary.md'), `${table}\n`);
console.log(`\n${table}`);
