/**
 * Issue 4: importing a newer Index updates what changed, ends what disappeared and bumps
 * the dataset version; entries that did not change keep the date they started. The files
 * are made in memory from real rows of the 2017 Index, the newer one edited by hand.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runImport } from '../../src/importers/index.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { indexFile, indexRecord } from './index-extract.js';
import { describeWithData } from './shared-data.js';

describeWithData('a newer Index of CITES Species', ['index'], () => {
  let t: TestApp;
  let older: Buffer;
  let newer: Buffer;

  beforeAll(async () => {
    t = await testApp({ data: 'empty' });
    const names = ['Psittaciformes', 'Melopsittacus undulatus', 'Amazona aestiva', 'Saiga tatarica', 'Loxodonta africana'];
    older = Buffer.from(indexFile(names.map(indexRecord)));
    // Six months on: the saiga moved to Appendix I, the elephant is gone, the budgerigar renamed.
    const saiga = indexRecord('Saiga tatarica').replace(',SPECIES,II,', ',SPECIES,I,').replaceAll('Appendix II:', 'Appendix I:');
    const budgerigar = indexRecord('Melopsittacus undulatus').replace(',Budgerigar,', ',Budgie,');
    newer = Buffer.from(indexFile([indexRecord('Psittaciformes'), budgerigar, indexRecord('Amazona aestiva'), saiga]));
    await runImport(t.store, 'index', older, { actor: 'test', asOf: '2017-04-21' });
  }, 60_000);
  afterAll(() => t?.close());

  const appendix = async (taxon: string, exporter: string, date: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: { taxon, exporter, importer: 'DE', purpose: 'T', source: 'W', date } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().appendix;
  };

  it('updates what changed, ends what disappeared, keeps what stayed, and bumps the version', async () => {
    const version = (await t.store.state()).version;
    const r = await runImport(t.store, 'index', newer, { actor: 'test', asOf: '2017-10-01' });
    expect(r.summary).toMatchObject({
      changed: true,
      datasetVersion: version + 1,
      created: { listings: 1 },
      ended: { listings: 3 },
      updated: { taxa: 1 },
    });
    const listings = (await t.store.exportBundle()).listings;
    const of = (taxon: string) => listings.filter((l) => l.taxon === taxon).map((l) => [l.appendix, l.effectiveFrom, l.effectiveTo]);
    expect(of('Psittaciformes')).toEqual([['II', '2017-04-21', null]]);
    expect(of('Saiga tatarica')).toEqual(
      expect.arrayContaining([
        ['II', '2017-04-21', '2017-10-01'],
        ['I', '2017-10-01', null],
      ]),
    );
    expect(of('Loxodonta africana')).toEqual([
      ['I', '2017-04-21', '2017-10-01'],
      ['II', '2017-04-21', '2017-10-01'],
    ]);

    await t.app.services.engines.refresh();
    // The older file confirms Appendix II on its date; the newer one Appendix I on its own. In
    // between the change could have come any day: the stricter reading, flagged for review.
    expect(await appendix('Saiga tatarica', 'KZ', '2017-04-21')).toBe('II');
    expect(await appendix('Saiga tatarica', 'KZ', '2017-06-01')).toBe('I');
    const between = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { taxon: 'Saiga tatarica', exporter: 'KZ', importer: 'DE', purpose: 'T', source: 'W', date: '2017-06-01' },
    });
    expect(between.json()).toMatchObject({ reviewRequired: true });
    expect(between.json().warnings.map((w: { code: string }) => w.code)).toContain('LISTING_START_UNKNOWN');
    expect(await appendix('Saiga tatarica', 'KZ', '2017-12-01')).toBe('I');
    expect(await appendix('Loxodonta africana', 'ZW', '2017-06-01')).toBe('II');
    expect(await appendix('Loxodonta africana', 'ZW', '2017-12-01')).toBeNull();
    expect(await appendix('Budgie', 'AU', '2017-12-01')).toBeNull();
  });

  it('importing the newer file again changes nothing', async () => {
    const version = (await t.store.state()).version;
    const r = await runImport(t.store, 'index', newer, { actor: 'test', asOf: '2017-10-01' });
    expect(r.summary.changed).toBe(false);
    expect((await t.store.state()).version).toBe(version);
  });
});
