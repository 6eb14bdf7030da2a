/**
 * npm run data:build: rebuilds the default dataset (dataset/cites-default.bundle.json.gz)
 * from the public files in ../shared/data and the project's records in dataset/, and writes
 * a report of what it could not date or join (dataset/build-report.md) and the list of its
 * sources and unconfirmed records (dataset/SOURCES.md).
 * `--check`: rebuilds and fails if the committed file differs (CI).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Bundle } from '../src/contract/bundle.js';
import { loadAmendments } from '../src/dataset/amendments.js';
import { buildDataset } from '../src/dataset/build.js';
import { sourcesReport } from '../src/dataset/sources-report.js';
import { BUILTIN_SEED_FILE, DATASET_DIR, DEFAULT_DATASET_FILE, PROJECT_ROOT } from '../src/paths.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const SHARED = join(PROJECT_ROOT, '..', 'shared', 'data');
const check = process.argv.includes('--check');

if (!existsSync(SHARED)) {
  const message = `../shared/data is not here: the default dataset cannot be rebuilt (the committed ${DEFAULT_DATASET_FILE} stays as it is)`;
  if (check && process.env.CI === 'true') {
    console.error(message);
    process.exit(1);
  }
  console.log(`SKIPPED: ${message}`);
  process.exit(0);
}

const started = Date.now();
const config = JSON.parse(readFileSync(join(DATASET_DIR, 'dataset.json'), 'utf8')) as { asOf: string; source: string };
const seed = Bundle.parse(JSON.parse(readFileSync(BUILTIN_SEED_FILE, 'utf8')));
const { bundle, notes } = await buildDataset({ sharedDir: SHARED, datasetDir: DATASET_DIR, seed, ...config });

// Through the store and out again: the store checks every reference and overlap, and its export
// is the canonical form (stable order), so the file is the same bytes for the same inputs.
const store = SqliteStore.open(':memory:', () => new Date(`${config.asOf}T00:00:00Z`));
await store.importBundle(Bundle.parse(bundle), { mode: 'merge', actor: 'data:build', origin: 'dataset' });
const text = `${JSON.stringify(await store.exportBundle())}\n`;
await store.close();
const sources = sourcesReport(loadAmendments(join(DATASET_DIR, 'amendments')).files, config.asOf);
const SOURCES_FILE = join(DATASET_DIR, 'SOURCES.md');

if (check) {
  const committed = existsSync(DEFAULT_DATASET_FILE) ? gunzipSync(readFileSync(DEFAULT_DATASET_FILE)).toString('utf8') : '';
  if (committed !== text) {
    console.error(`${DEFAULT_DATASET_FILE} is not what npm run data:build makes from the current inputs: run it and commit the result.`);
    process.exit(1);
  }
  if (!existsSync(SOURCES_FILE) || readFileSync(SOURCES_FILE, 'utf8') !== sources) {
    console.error(`${SOURCES_FILE} is stale: run npm run data:build and commit the result.`);
    process.exit(1);
  }
  console.log(`the default dataset matches its inputs (${Date.now() - started} ms).`);
} else {
  writeFileSync(DEFAULT_DATASET_FILE, gzipSync(text, { level: 9 }));
  writeFileSync(SOURCES_FILE, sources);
  const stats = Object.entries(notes.stats)
    .map(([k, v]) => `| ${k} | ${v} |`)
    .join('\n');
  const warnings = notes.warnings.map((w) => `- ${w}`).join('\n');
  writeFileSync(
    join(DATASET_DIR, 'build-report.md'),
    `# What npm run data:build made, and what it could not do\n\nGenerated; do not edit. As of ${config.asOf}.\n\n| | count |\n|---|---|\n${stats}\n\n## Warnings\n\n${warnings}\n`,
  );
  console.log(
    `wrote ${DEFAULT_DATASET_FILE}: ${bundle.taxa.length} taxa, ${bundle.listings.length} listings, ${(text.length / 1e6).toFixed(1)} MB of JSON (${Date.now() - started} ms)`,
  );
}
