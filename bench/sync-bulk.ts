/**
 * `npx tsx bench/sync-bulk.ts [--runs N]`: times a sync from a Species+ bulk download of
 * realistic size (about 90,000 lines, 360 MB unpacked, made by species-plus-bulk-file.ts
 * from the 2017 Index) into a fresh SQLite file holding the Parties and code lists, as
 * `npm run sync -- --file` does it (read, mirror kept, diff, one-transaction import), and its
 * peak resident memory; as baseline, in the same run, the import of the Index itself (the
 * same 38,079 taxa from a 98 MB CSV). Each run is a fresh process. Targets (issue 20):
 * within 60 s and 400 MB. Writes bench/results/sync-bulk.json and one line on stdout.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Bundle } from '../src/contract/bundle.js';
import { openImportFile } from '../src/importers/file-input.js';
import { syncFromFile } from '../src/application/sync.js';
import { runImport } from '../src/importers/index.js';
import { BUILTIN_SEED_FILE } from '../src/paths.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { RESULTS, SHARED_FILES } from './lib.js';
import { bulkFile } from './species-plus-bulk-file.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const TARGET_MS = 60_000;
const TARGET_RSS_MB = 400;
/** The heap bounds `npm run sync` runs with (package.json). */
const SYNC_HEAP_MB = 256;
const SYNC_SEMI_SPACE_MB = 4;

interface Run {
  kind: string;
  totalMs: number;
  taxa: number;
  listings: number;
  peakRssMb: number;
}

async function once(kind: 'species-plus-bulk' | 'index', file: string): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const store = SqliteStore.open(join(dir, 'cites.db'));
  try {
    const seed = JSON.parse(readFileSync(BUILTIN_SEED_FILE, 'utf8')) as Record<string, unknown>;
    store.importBundle(Bundle.parse({ format: seed.format, asOf: seed.asOf, codes: seed.codes, parties: seed.parties }), {
      mode: 'merge',
      actor: 'bench',
      origin: 'seed',
    });
    const input = await openImportFile(file);
    const started = performance.now();
    const opts = { actor: 'bench', unpackedLimit: Number.MAX_SAFE_INTEGER };
    const summary =
      kind === 'index'
        ? (await runImport(store, kind, input.stream, { ...opts, asOf: '2017-04-21' })).summary
        : (await syncFromFile(store, input.stream, 'cites_eu_en.ndjson.gz', { ...opts, dryRun: false, today: '2026-12-01', asOf: '2026-12-01' })).summary!;
    return {
      kind,
      // The kernel's high-water mark for this process (KiB).
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      totalMs: Math.round(performance.now() - started),
      taxa: summary.created.taxa ?? 0,
      listings: summary.created.listings ?? 0,
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.includes('--child')) {
  const [kind, file] = args.filter((a) => !a.startsWith('--'));
  process.stdout.write(JSON.stringify(await once(kind as 'index', file!)));
  process.exit(0);
}

const bulk = await bulkFile();
const child = (kind: string, file: string, label = kind, node: string[] = []) => ({
  ...(JSON.parse(execFileSync(process.execPath, [...node, ...process.execArgv, process.argv[1]!, kind, file, '--child'], { encoding: 'utf8' })) as Run),
  kind: label,
});
const results: Run[] = [];
// Alternating, so that all see the same machine load. `npm run sync` bounds the heap (package.json):
// V8 otherwise lets garbage pile up to twice the live size before it collects.
for (let i = 0; i < runs; i++)
  results.push(
    child('species-plus-bulk', bulk, 'species-plus-bulk', [`--max-old-space-size=${SYNC_HEAP_MB}`, `--max-semi-space-size=${SYNC_SEMI_SPACE_MB}`]),
    child('species-plus-bulk', bulk, 'species-plus-bulk, default heap'),
    child('index', SHARED_FILES.index),
  );

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const of = (kind: string) => results.filter((r) => r.kind === kind);
const sync = { totalMs: median(of('species-plus-bulk').map((r) => r.totalMs)), peakRssMb: Math.max(...of('species-plus-bulk').map((r) => r.peakRssMb)) };
const unbounded = {
  totalMs: median(of('species-plus-bulk, default heap').map((r) => r.totalMs)),
  peakRssMb: Math.max(...of('species-plus-bulk, default heap').map((r) => r.peakRssMb)),
};
const index = { totalMs: median(of('index').map((r) => r.totalMs)), peakRssMb: Math.max(...of('index').map((r) => r.peakRssMb)) };
const summary = {
  file: bulk,
  runs: results,
  median: { sync, unbounded, index },
  ratioToIndexImport: Math.round((sync.totalMs / index.totalMs) * 100) / 100,
  target: { totalMs: TARGET_MS, peakRssMb: TARGET_RSS_MB },
  met: sync.totalMs <= TARGET_MS && sync.peakRssMb <= TARGET_RSS_MB,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30) },
};
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'sync-bulk.json'), `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(
  `Species+ bulk file (${of('species-plus-bulk')[0]?.taxa} taxa, ${of('species-plus-bulk')[0]?.listings} listings), heap bounded as npm run sync does (${SYNC_HEAP_MB} MB old, ${SYNC_SEMI_SPACE_MB} MB semi-space): ${sync.totalMs} ms, peak RSS ${sync.peakRssMb} MB ` +
    `(default heap: ${unbounded.totalMs} ms, ${unbounded.peakRssMb} MB) ` +
    `(Index import, same taxa: ${index.totalMs} ms, ${index.peakRssMb} MB; ratio ${summary.ratioToIndexImport}×); target ≤ ${TARGET_MS} ms and ≤ ${TARGET_RSS_MB} MB: ${summary.met ? 'met' : 'NOT met'}\n`,
);
