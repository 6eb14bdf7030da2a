/** Issue: listings store — bundle import/export: round trip, all-or-nothing, every error listed. */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRejected, runImport } from '../../src/importers/index.js';
import { bearer, keyFor, testApp, type TestApp } from '../helpers/app.js';

let seeded: TestApp;
let officer: string;
beforeAll(async () => {
  seeded = await testApp({ data: 'seed' });
  officer = await keyFor(seeded, 'officer');
});
afterAll(() => seeded.close());

const exportText = async (t: TestApp) => (await t.app.inject('/v1/exports/bundle')).body;

describe('bundle export and import', () => {
  it('export → import into an empty store → export is byte-identical', async () => {
    const first = await exportText(seeded);
    const empty = await testApp({ data: 'empty' });
    const key = await keyFor(empty, 'officer');
    const res = await empty.app.inject({ method: 'POST', url: '/v1/imports', headers: { ...bearer(key), 'content-type': 'application/json' }, payload: first });
    expect(res.statusCode).toBe(200);
    expect(res.json().summary.created.listings).toBeGreaterThan(300);
    const second = await exportText(empty);
    await empty.close();
    expect(second).toBe(first);
  });

  it('re-importing the same bundle changes nothing and keeps the dataset version', async () => {
    const before = (await seeded.app.inject('/ready')).json().dataset.version;
    const res = await seeded.app.inject({
      method: 'POST',
      url: '/v1/imports',
      headers: { ...bearer(officer), 'content-type': 'application/json' },
      payload: await exportText(seeded),
    });
    expect(res.json().summary).toMatchObject({ changed: false, created: {}, updated: {} });
    expect((await seeded.app.inject('/ready')).json().dataset.version).toBe(before);
  });

  it('takes a gzip-compressed bundle too', async () => {
    const res = await seeded.app.inject({
      method: 'POST',
      url: '/v1/imports?kind=bundle',
      headers: { ...bearer(officer), 'content-type': 'application/gzip' },
      payload: gzipSync(await exportText(seeded)),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().summary.changed).toBe(false);
  });

  it('an invalid bundle is rejected with every error listed, and the store is unchanged', async () => {
    const before = await exportText(seeded);
    const version = (await seeded.app.inject('/ready')).json().dataset.version;
    const bad = {
      format: 'cites-bundle/1',
      asOf: '2026-01-01',
      parties: [{ code: 'XQ', name: 'Nowhere', entryIntoForce: '2000-01-01' }],
      taxa: [
        { name: 'Testudo imaginaria', rank: 'SPECIES', parent: 'Testudo inexistens' },
        { name: 'Python regius', rank: 'SPECIES', parent: 'Python', distribution: ['GH', 'QQ'] },
      ],
      listings: [
        { taxon: 'Loxodonta africana', appendix: 'I', effectiveFrom: '2010-01-01', populations: { exclude: ['BW', 'NA', 'ZA', 'ZW'] } },
        { taxon: 'Unknownia unknownii', appendix: 'II', effectiveFrom: '2010-01-01' },
      ],
    };
    const res = await seeded.app.inject({ method: 'POST', url: '/v1/imports', headers: bearer(officer), payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const pointers = (res.json().errors as { pointer: string }[]).map((e) => e.pointer);
    // The schema errors come first, all of them:
    expect(pointers).toEqual(expect.arrayContaining(['#/parties/0/code', '#/taxa/1/distribution/1']));
    expect(await exportText(seeded)).toBe(before);
    expect((await seeded.app.inject('/ready')).json().dataset.version).toBe(version);
  });

  it('reference errors and overlapping entries are all listed with their paths', async () => {
    const before = await exportText(seeded);
    const bad = {
      format: 'cites-bundle/1',
      asOf: '2026-01-01',
      taxa: [{ name: 'Testudo imaginaria', rank: 'SPECIES', parent: 'Testudo inexistens' }],
      listings: [
        { taxon: 'Loxodonta africana', appendix: 'I', effectiveFrom: '2010-01-01', populations: { exclude: ['BW', 'NA', 'ZA', 'ZW'] } },
        { taxon: 'Unknownia unknownii', appendix: 'II', effectiveFrom: '2010-01-01' },
        { taxon: 'Odobenus rosmarus', appendix: 'II', party: 'CA', effectiveFrom: '2010-01-01' },
      ],
    };
    const res = await seeded.app.inject({ method: 'POST', url: '/v1/imports', headers: bearer(officer), payload: bad });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as { pointer: string; detail: string }[];
    const at = (p: string) => errors.find((e) => e.pointer === p)?.detail;
    expect(at('#/taxa/0/parent')).toMatch(/unknown parent taxon "Testudo inexistens"/);
    expect(at('#/listings/1/taxon')).toMatch(/unknown taxon "Unknownia unknownii"/);
    expect(at('#/listings/2/party')).toMatch(/only Appendix III/);
    expect(errors.some((e) => e.pointer === '#/listings/0' && /overlaps/.test(e.detail))).toBe(true);
    expect(await exportText(seeded)).toBe(before);
  });

  it("replace mode, an administrator's act, makes the store exactly the bundle", async () => {
    const t = await testApp({ data: 'rules' });
    const key = await keyFor(t, 'admin');
    const seedBundle = await exportText(seeded);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/imports?mode=replace&confirm=true',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      payload: seedBundle,
    });
    expect(res.statusCode).toBe(200);
    expect(await exportText(t)).toBe(seedBundle);
    await t.close();
  });

  it('replace mode is refused for official files, which describe only part of the store', async () => {
    const key = await keyFor(seeded, 'officer');
    const before = await exportText(seeded);
    const parties = 'Country,ISO,Region,Type,date_of_joining,entry_into_force\nKenya,KE,Africa,Ratification,13/12/1978,13/03/1979\n';
    const res = await seeded.app.inject({
      method: 'POST',
      url: '/v1/imports?kind=parties&mode=replace',
      headers: { ...bearer(key), 'content-type': 'text/csv' },
      payload: parties,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().errors).toEqual([expect.objectContaining({ pointer: '#/mode', in: 'query' })]);
    // The same guard for the CLI (npm run import -- parties file.csv --mode replace).
    await expect(runImport(seeded.store, 'parties', Buffer.from(parties), { actor: 'test', mode: 'replace' })).rejects.toThrow(FileRejected);
    expect(await exportText(seeded)).toBe(before);
  });

  it('imports need an officer key', async () => {
    const res = await seeded.app.inject({ method: 'POST', url: '/v1/imports', payload: { format: 'cites-bundle/1', asOf: '2026-01-01' } });
    expect(res.statusCode).toBe(401);
  });
});
