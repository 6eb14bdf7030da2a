/**
 * Issue: for integrators — the engine as its own npm package (packages/engine), fed by
 * GET /v1/snapshot, answering exactly as the server; also bundled for a browser. The package is
 * packed and installed into an empty folder, as an integrator gets it: zod is all it pulls.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, TEST_NOW, type TestApp } from '../helpers/app.js';

const PACKAGE = new URL('../../packages/engine/', import.meta.url).pathname;

let t: TestApp;
let snapshotJson: string;
type EngineModule = typeof import('@cites-permit-check/engine');
let pkg: EngineModule;
/** An empty folder the packed package is installed into. */
let consumer: string;

beforeAll(async () => {
  t = await testApp({ data: 'seed' });
  consumer = mkdtempSync(join(tmpdir(), 'engine-consumer-'));
  // dist/ is built by tests/global-setup.ts; --ignore-scripts skips the prepack rebuild.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', consumer], { cwd: PACKAGE, encoding: 'utf8' }));
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(consumer, packed[0].filename)], { cwd: consumer, stdio: 'pipe' });
  // Through the package's name and its "exports" map, resolved from the consumer's folder.
  const entry = createRequire(join(consumer, 'index.js')).resolve('@cites-permit-check/engine');
  pkg = (await import(pathToFileURL(entry).href)) as EngineModule;
  snapshotJson = (await t.app.inject('/v1/snapshot')).body;
}, 120_000);
afterAll(() => {
  rmSync(consumer, { recursive: true, force: true });
  return t.close();
});

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
        // The server decides with its register's record of quota use: nothing endorsed here, so 0 of every quota.
        expect(engine.check(req, { quotaUse: new Map() })).toEqual(withoutId(server.json()));
      }),
      { numRuns: 200 },
    );
  });

  it('installs from its tarball with zod as its only dependency, and imports in plain Node', () => {
    const installed = readdirSync(join(consumer, 'node_modules')).filter((d) => !d.startsWith('.'));
    expect(installed.sort()).toEqual(['@cites-permit-check', 'zod']);
    const script = `import('@cites-permit-check/engine').then((m) => console.log(typeof m.createEngine, Object.keys(m).length > 3))`;
    expect(execFileSync(process.execPath, ['-e', script], { cwd: consumer, encoding: 'utf8' }).trim()).toBe('function true');
    const contract = `import('@cites-permit-check/engine/contract/trade-check').then((m) => console.log(m.TradeCheckRequest.safeParse({}).success))`;
    expect(execFileSync(process.execPath, ['-e', contract], { cwd: consumer, encoding: 'utf8' }).trim()).toBe('false');
  });

  it('ships type declarations next to the module', () => {
    const types = readFileSync(join(consumer, 'node_modules/@cites-permit-check/engine/dist/types/index.d.ts'), 'utf8');
    expect(types).toMatch(/export declare function createEngine\(snapshot: Snapshot, options\?: EngineOptions\): Engine;/);
    expect(types, 'the engine indexes stay private').not.toMatch(/EngineData/);
  });

  it('bundles for the browser and runs with no Node globals', async () => {
    const entry = `
      import { createEngine } from '@cites-permit-check/engine';
      const engine = createEngine(SNAPSHOT, { today: () => '2026-11-01' });
      result = engine.check({ taxon: 'African elephant', exporter: 'BW', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO' });`;
    const out = await build({
      stdin: { contents: entry, resolveDir: consumer, loader: 'js' },
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
    await t.store.importBundle(
      Bundle.parse({ format: 'cites-bundle/1', asOf: '2026-11-01', parties: [{ code: 'VA', name: 'Holy See', entryIntoForce: '2030-01-01' }] }),
      { mode: 'merge', actor: 'test', origin: 'test' },
    );
    const res = await t.app.inject({ url: '/v1/snapshot', headers: { 'if-none-match': '"dataset-1"' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"dataset-2"');
  });
});
