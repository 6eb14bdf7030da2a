/**
 * Issue 4: a malformed file is rejected with every bad line (line, column, why), through the
 * API, the CLI and runImport alike, and the database is left exactly as it was.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FileRejected, runImport } from '../../src/importers/index.js';
import { bearer, keyFor, testApp, type TestApp } from '../helpers/app.js';
import { indexFile, indexRecord, startLines } from './index-extract.js';
import { dataFile, describeWithData } from './shared-data.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function rejection(p: Promise<unknown>): Promise<FileRejected> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(FileRejected);
  return e as FileRejected;
}

describeWithData('malformed files', ['index', 'parties', 'reservations'], () => {
  let t: TestApp;
  let records: string[];
  let lines: number[];
  let malformed: string;

  beforeAll(async () => {
    t = await testApp({ data: 'empty' });
    await runImport(t.store, 'parties', readFileSync(dataFile('parties')), { actor: 'test' });
    await runImport(t.store, 'index', Buffer.from(indexFile([indexRecord('Saiga tatarica')])), { actor: 'test', asOf: '2017-04-21' });
    // Real rows, each spoiled in one way; the first is left intact.
    records = [
      indexRecord('Psittaciformes'),
      indexRecord('Loxodonta africana').replace('"(Blumenbach, 1797)"', '"(Blumenbach, 1797)"x'),
      indexRecord('Melopsittacus undulatus').replace(',SPECIES,', ',SPECIE,'),
      indexRecord('Psittacus erithacus')
        .replace(/^9644,/, 'X9644,')
        .replace(',SPECIES,I,', ',SPECIES,IV,'),
      indexRecord('Orchidaceae').replace('Appendix II:Included in Appendix II, except', 'Appendix 2:Included in Appendix II, except'),
    ];
    lines = startLines(records);
    malformed = indexFile(records);
  }, 60_000);
  afterAll(() => t?.close());

  it('lists every bad line with its column and why, and changes nothing', async () => {
    const before = JSON.stringify(await t.store.exportBundle());
    const version = (await t.store.state()).version;
    const e = await rejection(runImport(t.store, 'index', Buffer.from(malformed), { actor: 'test', asOf: '2017-05-01' }));
    const found = e.errors.map((x) => ({ line: x.line, column: x.column, detail: x.detail }));
    expect(found).toEqual([
      { line: lines[1], column: undefined, detail: expect.stringMatching(/text follows a closing quote/) },
      { line: lines[2], column: 'RankName', detail: expect.stringMatching(/unknown rank "SPECIE"/) },
      { line: lines[3], column: 'TaxonId', detail: expect.stringMatching(/"X9644" is not a Species\+ taxon id/) },
      { line: lines[3], column: 'CurrentListing', detail: expect.stringMatching(/"IV" is not a listing/) },
      { line: lines[4], column: 'FullAnnotationEnglish', detail: expect.stringMatching(/must start with "Appendix I:"/) },
    ]);
    expect(JSON.stringify(await t.store.exportBundle())).toBe(before);
    expect((await t.store.state()).version).toBe(version);
  });

  it('a file of another kind is rejected on its header', async () => {
    const e = await rejection(runImport(t.store, 'index', readFileSync(dataFile('reservations')), { actor: 'test' }));
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toMatchObject({
      line: 1,
      detail: expect.stringMatching(/^this is not the Index of CITES Species: its header must be "TaxonId,Kingdom,/),
    });
  });

  it('a quote never closed is reported where it opens', async () => {
    // The last field of the last row opens a quote that the file never closes.
    const last = indexRecord('Melopsittacus undulatus');
    expect(last.endsWith(',""')).toBe(true);
    const open = [indexRecord('Saiga tatarica'), `${last.slice(0, -2)}"`];
    const e = await rejection(runImport(t.store, 'index', Buffer.from(indexFile(open)), { actor: 'test' }));
    expect(e.errors).toEqual([expect.objectContaining({ line: startLines(open)[1], detail: expect.stringMatching(/never closed/) })]);
  });

  it('a Species+ table with bad dates and codes is rejected with each of them', async () => {
    const good = readFileSync(dataFile('reservations'), 'utf8').split(/\r?\n/).slice(0, 4);
    const bad = [...good, '31/02/2013,,Eubalaena,923,GENUS,CA, ,', '09/07/1975,11/08/1978,Eubalaena,923,GENUS,XY, ,', '28/06/1979,1978,Sousa,1286,GENUS,CA, ,'];
    const before = JSON.stringify(await t.store.exportBundle());
    const e = await rejection(runImport(t.store, 'reservations', Buffer.from(bad.join('\n')), { actor: 'test' }));
    expect(e.errors.map((x) => [x.line, x.column])).toEqual([
      [5, 'start_date'],
      [6, 'iso_code2'],
      [7, 'end_date'],
    ]);
    expect(JSON.stringify(await t.store.exportBundle())).toBe(before);
  });

  it('POST /v1/imports answers 400 with every bad line of a gzip upload', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/imports?kind=index',
      headers: { ...bearer(await keyFor(t, 'officer')), 'content-type': 'application/gzip' },
      payload: gzipSync(malformed),
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errors).toHaveLength(5);
    expect(body.errors[1].detail).toBe(
      `line ${lines[2]}, column RankName: unknown rank "SPECIE" (expected one of KINGDOM, PHYLUM, CLASS, ORDER, FAMILY, SUBFAMILY, GENUS, SPECIES, SUBSPECIES, VARIETY)`,
    );
  });

  it('npm run import exits non-zero and prints every bad line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    const file = join(dir, 'Index_of_CITES_Species_2017-05-01.csv');
    writeFileSync(file, malformed);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', 'index', file], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: join(dir, 'cites.db') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('was rejected, nothing was changed: 5 error(s)');
    for (const line of [lines[1], lines[2], lines[3], lines[4]]) expect(run.stderr).toContain(`line ${line}`);
    expect(run.stderr).toContain(`line ${lines[2]}, column RankName: unknown rank "SPECIE"`);
  }, 30_000);
});
