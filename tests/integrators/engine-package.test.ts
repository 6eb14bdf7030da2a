/**
 * Issue: for integrators — the engine as a package export, fed by GET /v1/snapshot,
 * answering exactly as the server; also bundled for a browser.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, TEST_NOW, type TestApp } from '../helpers/app.js';

let t: TestApp;
let snapshotJson: string;
type EngineModule = typeof import('../../src/engine/index.js');
let pkg: EngineModule;

beforeAll(async () => {
  t = await testApp({ data: 'seed' });
  // dist/ is built by tests/global-setup.ts (npm run build). Through the package's own name and its "exports" map, as an integrator imports it.
  pkg = (await import('cites-permit-check/engine' as string)) as EngineModule;
  snapshotJson = (await t.app.inject('/v1/snapshot')).body;
}, 60_000);
afterAll(() => t.close());

const withoutId = (r: Record<string, unknown>) => {
  const { decisionId: _drop, ...rest } = r;
  return rest;
};
const today = () => TEST_NOW.toISOString().slice(0, 10);

const request = fc.record(
  {
    taxon: fc.constantFrom(
      'Loxodonta africana',
      'Psittacus erithacus',
      'Amazona aestiva',
      'budgerigar',
      'Panthera pardus',
      'Odobenus rosmarus',
      'Saiga tatarica',
      'Orchidaceae',
      'Cedrela odorata',
      'Panthera tigirs',
      'Crocodylus niloticus',
      'Vicugna vicugna',
    ),
    exporter: fc.constantFrom('BW', 'KE', 'ZA', 'NA', 'CA', 'US', 'DE', 'CN', 'AE', 'AF', 'TW', 'EG'),
    importer: fc.constantFrom('DE', 'CN', 'JP', 'US', 'SA'),
    origin: fc.option(fc.constantFrom('BW', 'KE', 'XX'), { nil: undefined }),
    purpose: fc.constantFrom('T', 'H', 'S', 'P', 'Z'),
    source: fc.constantFrom('W', 'C', 'D', 'A', 'O', 'F', 'R', 'X'),
    term: fc.option(fc.constantFrom('LIV', 'TRO', 'SKI', 'TUS', 'SAW', 'SEE'), { nil: undefined }),
    date: fc.option(fc.constantFrom('1985-01-01', '2000-01-01', '2016-06-01', '2020-01-01'), { nil: undefined }),
  },
  { requiredKeys: ['taxon', 'exporter', 'importer', 'purpose', 'source'] },
);

describe('createEngine from the package export', () => {
  it('fed GET /v1/snapshot, answers exactly as POST /v1/trade-checks (minus the decision id)', async () => {
    const engine = pkg.createEngine(JSON.parse(snapshotJson), { today });
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const server = await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: req });
        expect(engine.check(req)).toEqual(withoutId(server.json()));
      }),
      { numRuns: 200 },
    );
  });

  it('ships type declarations next to the module', () => {
    const types = readFileSync(new URL('../../dist/types/engine/index.d.ts', import.meta.url), 'utf8');
    expect(types).toMatch(/export declare function createEngine\(snapshot: Snapshot, options\?: EngineOptions\): Engine;/);
  });

  it('bundles for the browser and runs with no Node globals', async () => {
    const entry = `
      import { createEngine } from 'cites-permit-check/engine';
      const engine = createEngine(SNAPSHOT, { today: () => '2026-11-01' });
      result = engine.check({ taxon: 'African elephant', exporter: 'BW', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO' });`;
    const out = await build({
      stdin: { contents: entry, resolveDir: new URL('../..', import.meta.url).pathname, loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    const sandbox: { SNAPSHOT: unknown; result: unknown } = { SNAPSHOT: JSON.parse(snapshotJson), result: null };
    runInNewContext(code, sandbox); // no process, require, Buffer or fs in here
    expect(sandbox.result).toMatchObject({ decision: 'needs-permit', appendix: 'II', documents: [{ type: 'export-permit', issuer: 'BW' }] });
  });
});

describe('GET /v1/snapshot', () => {
  it('has an ETag and answers 304 while the dataset is unchanged', async () => {
    const first = await t.app.inject('/v1/snapshot');
    expect(first.headers.etag).toBe('"dataset-1"');
    const again = await t.app.inject({ url: '/v1/snapshot', headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('is served compressed with brotli or gzip when accepted', async () => {
    const br = await t.app.inject({ url: '/v1/snapshot', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(snapshotJson);
    const gz = await t.app.inject({ url: '/v1/snapshot', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(snapshotJson);
    expect(gz.rawPayload.length).toBeLessThan(snapshotJson.length / 4);
  });

  it('moves on when the data changes', async () => {
    const { Bundle } = await import('../../src/contract/bundle.js');
    t.store.importBundle(
      Bundle.parse({ format: 'cites-bundle/1', asOf: '2026-11-01', parties: [{ code: 'VA', name: 'Holy See', entryIntoForce: '2030-01-01' }] }),
      { mode: 'merge', actor: 'test', origin: 'test' },
    );
    const res = await t.app.inject({ url: '/v1/snapshot', headers: { 'if-none-match': '"dataset-1"' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"dataset-2"');
  });
});
