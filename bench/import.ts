/**
 * `npx tsx bench/import.ts [file] [--runs N]`: times the import of the full Index of CITES
 * Species into a fresh SQLite file, split into reading/parsing the file and writing it to the
 * store, and reports the peak resident memory. Each run is a fresh process, as an import by
 * `npm run import` is, so one run's garbage does not count against the next. Targets
 * (issue 4): under 10 s and under 400 MB on a 2-core machine. Writes
 * bench/results/import.json and one line on stdout.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { runImport } from '../src/importers/index.js';
import { openImportFile } from '../src/importers/file-input.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const file =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ?? '../shared/data/checklist_index_2017/Index_of_CITES_Species_2017-04-21.csv.gz';
const TARGET_MS = 10_000;
const TARGET_RSS_MB = 400;

interface Run {
  parseMs: number;
  writeMs: number;
  totalMs: number;
  taxa: number;
  listings: number;
  peakRssMb: number;
}

async function once(): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const store = SqliteStore.open(join(dir, 'cites.db'));
  try {
    const input = await openImportFile(file);
    const started = performance.now();
    let writing = started;
    const report = await runImport(store, 'index', input.stream, {
      actor: 'bench',
      asOf: '2017-04-21',
      progress: (p) => {
        if (p.phase === 'writing') writing = performance.now();
      },
    });
    const ended = performance.now();
    return {
      // The kernel's high-water mark for this process (KiB).
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      parseMs: Math.round(writing - started),
      writeMs: Math.round(ended - writing),
      totalMs: Math.round(ended - started),
      taxa: report.stats.taxa ?? 0,
      listings: report.summary.created.listings ?? 0,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.includes('--child')) {
  process.stdout.write(JSON.stringify(await once()));
  process.exit(0);
}

const results: Run[] = [];
for (let i = 0; i < runs; i++) {
  const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, file, '--child'], { encoding: 'utf8' });
  results.push(JSON.parse(out) as Run);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const peakRssMb = Math.max(...results.map((r) => r.peakRssMb));
const summary = {
  file,
  runs: results,
  median: { parseMs: median(results.map((r) => r.parseMs)), writeMs: median(results.map((r) => r.writeMs)), totalMs: median(results.map((r) => r.totalMs)) },
  peakRssMb,
  targets: { totalMs: TARGET_MS, peakRssMb: TARGET_RSS_MB },
  met: median(results.map((r) => r.totalMs)) < TARGET_MS && peakRssMb < TARGET_RSS_MB,
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryMb: Math.round(totalmem() / 1048576), node: process.version },
  at: new Date().toISOString(),
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/import.json', import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(
  `import index: ${results[0]!.taxa} taxa, ${results[0]!.listings} listings; median of ${runs}: parse ${summary.median.parseMs} ms + write ${summary.median.writeMs} ms = ${summary.median.totalMs} ms (target < ${TARGET_MS}); peak RSS ${peakRssMb} MB (target < ${TARGET_RSS_MB}) — ${summary.met ? 'met' : 'NOT met'}\n`,
);
