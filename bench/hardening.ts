/**
 * `npx tsx bench/hardening.ts`: the attacks of issue #15 that cost time or memory, measured
 * in-process on the default dataset: the longest the event loop is held, total time and peak
 * RSS for (1) a 20,000-item batch of unknown 190-character names, (2) one of unknown
 * ordinary names, (3) a gzip that unpacks to 2 GiB. Baseline in the same run: a batch of
 * 20,000 known names (the work a legitimate shipment costs).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { buildApp } from '../src/app.js';
import { generateKey } from '../src/auth/keys.js';
import { loadConfig } from '../src/config.js';
import { loadDefaultDataset } from '../src/seed/index.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const store = SqliteStore.open(':memory:');
loadDefaultDataset(store);
const app = await buildApp({ config: loadConfig({ LOAD_SHED_EVENT_LOOP_DELAY_MS: '0', RATE_LIMIT_ITEMS_PER_MINUTE: '0' }), store });
await app.ready();
app.services.engines.warmUp(); // as the server does before it listens
const { id, key, hash } = generateKey();
await store.createApiKey({ id, name: 'bench', role: 'officer', hash });

async function measure(label: string, run: () => Promise<{ statusCode: number }>) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  h.enable();
  const started = performance.now();
  const res = await run();
  const ms = performance.now() - started;
  h.disable();
  clearInterval(sampler);
  console.log(
    `${label.padEnd(52)} ${String(res.statusCode).padEnd(4)} ${ms.toFixed(0).padStart(6)} ms total, event loop held ≤ ${(h.max / 1e6).toFixed(0).padStart(4)} ms, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`,
  );
}

const trade = { exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO' };
const batch = (names: (i: number) => string) => () =>
  app.inject({ method: 'POST', url: '/v1/trade-checks/batch', payload: { items: Array.from({ length: 20_000 }, (_, i) => ({ ...trade, taxon: names(i) })) } });

await measure(
  'baseline: 20,000 known names',
  batch(() => 'Panthera pardus'),
);
await measure(
  '20,000 unknown 190-character names',
  batch((i) => `${'Qx'.repeat(94)}${i}`.slice(0, 190)),
);
await measure(
  '20,000 unknown ordinary names',
  batch((i) => `Pantherx pardux${i}`),
);

// A gzip of 2 GiB of zeros, made by streaming (about 2 MB compressed).
const chunks: Buffer[] = [];
const zero = Buffer.alloc(1 << 20);
await new Promise<void>((resolve, reject) => {
  const gz = createGzip({ level: 9 });
  gz.on('data', (c: Buffer) => chunks.push(c));
  gz.on('end', resolve);
  gz.on('error', reject);
  Readable.from(
    (function* () {
      for (let i = 0; i < 2048; i++) yield zero;
    })(),
  ).pipe(gz);
});
const bomb = Buffer.concat(chunks);
console.log(`gzip bomb: ${(bomb.length / 2 ** 20).toFixed(1)} MiB unpacking to 2 GiB; cap ${loadConfig({}).IMPORT_UNPACKED_LIMIT_BYTES / 2 ** 20} MiB`);
await measure('POST /v1/imports of the gzip bomb', () =>
  app.inject({ method: 'POST', url: '/v1/imports?kind=index', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/gzip' }, payload: bomb }),
);
await app.close();
await store.close();
