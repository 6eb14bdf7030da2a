/**
 * A taxon is its Checklist TaxonId (or its classification), never its bare name: the 2017
 * Index uses one name in both kingdoms, Pholidota, the order of the pangolins (Animalia)
 * and an orchid genus (Plantae, TaxonId 13153). Real rows of the Index, imported over the
 * built-in seed, must keep them apart everywhere: classification, look-ups, exports.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Bundle } from '../../src/contract/bundle.js';
import { runImport } from '../../src/importers/index.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { indexFile, indexRecord } from './index-extract.js';
import { describeWithData } from './shared-data.js';

const ROWS = ['Manis', 'Manis javanica', 'Manis temminckii', 'Orchidaceae', 'Pholidota', 'Pholidota articulata'];

describeWithData('homonyms of the Index (Pholidota) stay apart', ['index'], () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ data: 'seed' });
    await runImport(t.store, 'index', Buffer.from(indexFile(ROWS.map(indexRecord))), { actor: 'test', asOf: '2017-04-21' });
    await t.app.services.engines.refresh();
  });
  afterAll(() => t?.close());

  const get = async (url: string) => (await t.app.inject({ method: 'GET', url })).json();
  const check = async (body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { exporter: 'ID', importer: 'CN', purpose: 'T', source: 'W', date: '2018-03-01', ...body },
    });

  it('keeps the pangolin order and the orchid genus as two taxa', async () => {
    const hits = (await get('/v1/taxa?q=Pholidota&pageSize=50')).items as { name: string; rank: string; kingdom: string }[];
    const exact = hits
      .filter((h) => h.name === 'Pholidota')
      .map((h) => `${h.kingdom} ${h.rank}`)
      .sort();
    expect(exact).toEqual(['Animalia ORDER', 'Plantae GENUS']);
  });

  it('classifies the pangolins under the mammal order and the orchid under its family', async () => {
    const pangolin = (await get('/v1/taxa?q=Manis%20javanica')).items[0];
    const lineage = ((await get(`/v1/taxa/${pangolin.id}`)).classification as { name: string; rank: string }[]).map((c) => `${c.rank} ${c.name}`);
    expect(lineage).toEqual(expect.arrayContaining(['CLASS Mammalia', 'ORDER Pholidota', 'FAMILY Manidae', 'GENUS Manis']));
    expect(lineage.join(' ')).not.toMatch(/Orchid/);
    const orchid = (await get('/v1/taxa?q=Pholidota%20articulata')).items[0];
    const orchidLineage = ((await get(`/v1/taxa/${orchid.id}`)).classification as { name: string; rank: string }[]).map((c) => `${c.rank} ${c.name}`);
    expect(orchidLineage).toEqual(expect.arrayContaining(['FAMILY Orchidaceae', 'GENUS Pholidota']));
    expect(orchidLineage.join(' ')).not.toMatch(/Mammalia|Manidae/);
  });

  it('decides a pangolin species as Appendix I (Art. III(3)(c): commercial import refused)', async () => {
    const r = (await check({ taxon: 'Manis javanica' })).json();
    expect(r).toMatchObject({ decision: 'deny', appendix: 'I' });
  });

  it('asks which taxon a bare homonym means, and follows the kingdom when given', async () => {
    const bare = await check({ taxon: 'Pholidota' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().type).toBe('/problems/ambiguous-taxon');
    expect((bare.json().suggestions as { kingdom: string }[]).map((s) => s.kingdom).sort()).toEqual(['Animalia', 'Plantae']);
    const orchid = (await check({ taxon: 'Pholidota', kingdom: 'Plantae', exporter: 'TH' })).json();
    expect(orchid).toMatchObject({ appendix: 'II', taxon: { name: 'Pholidota', rank: 'GENUS' } });
    const order = (await check({ taxon: 'pholidota', kingdom: 'animalia' })).json();
    expect(order).toMatchObject({ taxon: { name: 'Pholidota', rank: 'ORDER' } });
  });

  it('exports the homonym with its kingdom, and the export imports back into an empty store unchanged', async () => {
    const exported = await t.store.exportBundle();
    const manidae = exported.taxa.find((x) => x.name === 'Manidae')!;
    expect(manidae.parent).toBe('Pholidota [Animalia]');
    const text = JSON.stringify(exported);
    const copy = SqliteStore.open(':memory:');
    try {
      await copy.importBundle(Bundle.parse(JSON.parse(text)), { mode: 'merge', actor: 'test', origin: 'bundle' });
      expect(JSON.stringify({ ...(await copy.exportBundle()), source: exported.source })).toBe(text);
    } finally {
      await copy.close();
    }
  });
});
