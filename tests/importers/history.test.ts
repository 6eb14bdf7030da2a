/**
 * Issue 4, kind `history`: dated listings, Appendix III listing Parties and reservations
 * from a "History of CITES Listings" file (tests/fixtures/history-sample.csv: real listing
 * facts in the export's format), alone and after the Index, whose undated entries it replaces.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportReport } from '../../src/importers/index.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { indexFile, indexRecord } from './index-extract.js';
import { dataFile, describeWithData } from './shared-data.js';

const HISTORY = readFileSync(new URL('../fixtures/history-sample.csv', import.meta.url));

async function taxonId(t: TestApp, name: string): Promise<string> {
  const found = (await t.app.inject(`/v1/taxa?q=${encodeURIComponent(name)}`)).json();
  return found.items.find((x: { name: string }) => x.name === name).id;
}

describeWithData('the History of CITES Listings, alone', ['parties'], () => {
  let t: TestApp;
  let report: ImportReport;

  beforeAll(async () => {
    t = await testApp({ data: 'empty' });
    await runImport(t.store, 'parties', readFileSync(dataFile('parties')), { actor: 'test' });
    report = await runImport(t.store, 'history', HISTORY, { actor: 'test' });
    await t.app.services.engines.refresh();
  });
  afterAll(() => t?.close());

  const check = async (body: Record<string, unknown>) =>
    (await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: { importer: 'DE', source: 'W', ...body } })).json();

  it('creates the taxa of the file from its classification columns', async () => {
    expect(report.stats['taxa in the file']).toBe(7);
    expect((await t.store.namesByExternalId()).get('9644')).toBe('Psittacus erithacus');
  });

  it('an addition to another Appendix ends the previous entry: Loxodonta africana II → I → split', async () => {
    const trophy = { taxon: 'Loxodonta africana', purpose: 'H', term: 'TRO' };
    expect((await check({ ...trophy, exporter: 'ZW', date: '1985-01-01' })).appendix).toBe('II');
    expect((await check({ ...trophy, exporter: 'ZW', date: '1995-01-01' })).appendix).toBe('I');
    expect((await check({ ...trophy, exporter: 'ZW', date: '1998-01-01' })).appendix).toBe('II');
    expect((await check({ ...trophy, exporter: 'ZA', date: '1998-01-01' })).appendix).toBe('I');
    expect((await check({ ...trophy, exporter: 'ZA', date: '2001-01-01' })).appendix).toBe('II');
    expect((await check({ ...trophy, exporter: 'KE', date: '2001-01-01' })).appendix).toBe('I');
  });

  it('each Appendix III listing Party has its own entry and date', async () => {
    const entries = (await t.store.exportBundle()).listings.filter((l) => l.taxon === 'Cedrela odorata');
    expect(entries.map((l) => [l.party, l.effectiveFrom, l.populations])).toEqual(
      expect.arrayContaining([
        ['PE', '2001-06-12', { include: ['PE'] }],
        ['CO', '2001-10-29', { include: ['CO'] }],
        ['BO', '2010-10-14', null],
      ]),
    );
    expect(
      entries.every((l) => l.hashAnnotation === '#5' && JSON.stringify(l.specimens?.only) === JSON.stringify([{ terms: ['LOG', 'SAW', 'VEN', 'TIM'] }])),
    ).toBe(true);
    const early = await check({ taxon: 'Cedrela odorata', exporter: 'PE', purpose: 'T', term: 'LOG', date: '2001-07-01' });
    expect(early.appendix).toBe('III');
    expect(early.listing.party).toBe('PE');
    // Before Colombia's listing, Colombian timber was not covered.
    expect((await check({ taxon: 'Cedrela odorata', exporter: 'CO', purpose: 'T', term: 'LOG', date: '2001-07-01' })).appendix).toBeNull();
  });

  it('a deletion ends the entry', async () => {
    const krameri = { taxon: 'Psittacula krameri', exporter: 'GH', purpose: 'T', term: 'LIV' };
    expect((await check({ ...krameri, date: '2000-01-01' })).appendix).toBe('III');
    expect((await check({ ...krameri, date: '2008-01-01' })).appendix).toBeNull();
  });

  it('reservations: entered, withdrawn, and lapsed when the taxon leaves the Appendix (R35)', async () => {
    const reservations = (await t.store.exportBundle()).reservations.map((r) => [r.taxon, r.party, r.appendix, r.effectiveFrom, r.effectiveTo]);
    expect(reservations).toEqual(
      expect.arrayContaining([
        ['Psittacus erithacus', 'AE', 'I', '2017-01-02', null],
        ['Psittacus erithacus', 'CD', 'I', '2017-01-02', null],
        ['Psittacus erithacus', 'SA', 'I', '2017-01-02', null],
        ['Loxodonta africana', 'ZW', 'I', '1990-01-18', '1997-09-17'], // withdrawn
        ['Loxodonta africana', 'MW', 'I', '1990-01-18', null], // kept through the population splits
        ['Haliaeetus leucocephalus', 'SA', 'I', '1996-06-10', '2005-01-12'], // lapsed: transferred to II
        ['Haliaeetus leucocephalus', 'SA', 'II', '2005-01-12', null], // entered again on the new listing
        ['Psittacula krameri', 'CH', 'III', '1987-03-20', '2007-03-04'], // lapsed: deleted
      ]),
    );
    expect(report.stats['reservations lapsed on a transfer or deletion (R35)']).toBe(2);
    const history = (await t.app.inject(`/v1/taxa/${await taxonId(t, 'Psittacus erithacus')}/history`)).json();
    // The taxon's history lists the reservations on its lineage: Switzerland's on Psittaciformes too.
    expect(history.reservations.map((r: { party: string; taxon: string }) => `${r.party} ${r.taxon}`).sort()).toEqual([
      'AE Psittacus erithacus',
      'CD Psittacus erithacus',
      'CH Psittaciformes',
      'SA Psittacus erithacus',
    ]);
  });

  it('excluded taxa it does not know are reported, not invented', async () => {
    expect(report.warnings).toContain('line 2: excluded taxon "Melopsittacus undulatus" is neither in the file nor in the store; left out of the exclusions');
    const psittaciformes = (await t.store.exportBundle()).listings.filter((l) => l.taxon === 'Psittaciformes');
    expect(psittaciformes.map((l) => [l.effectiveFrom, l.effectiveTo, l.excludedTaxa])).toEqual([
      ['1981-06-06', '2005-01-12', ['Psittacula krameri']],
      ['2005-01-12', null, ['Psittacula krameri']],
    ]);
  });

  it('re-importing the same history changes nothing', async () => {
    const again = await runImport(t.store, 'history', HISTORY, { actor: 'test' });
    expect(again.summary.changed).toBe(false);
  });
});

describeWithData('the History of CITES Listings after the Index', ['index', 'parties'], () => {
  let t: TestApp;
  let extract: Buffer;

  beforeAll(async () => {
    // Read here, not while collecting: without the data files the suite is skipped.
    extract = Buffer.from(
      indexFile(
        [
          'Psittaciformes',
          'Melopsittacus undulatus',
          'Agapornis roseicollis',
          'Nymphicus hollandicus',
          'Psittacula krameri',
          'Psittacus erithacus',
          'Amazona aestiva',
          'Loxodonta africana',
          'Saiga tatarica',
        ].map(indexRecord),
      ),
    );
    t = await testApp({ data: 'empty' });
    await runImport(t.store, 'parties', readFileSync(dataFile('parties')), { actor: 'test' });
    await runImport(t.store, 'index', extract, { actor: 'test', asOf: '2017-04-21' });
  }, 60_000);
  afterAll(() => t?.close());

  const entriesOf = async (taxon: string) => (await t.store.exportBundle()).listings.filter((l) => l.taxon === taxon);

  describe('in order', () => {
    it('the Index gives undated entries starting on its date', async () => {
      expect((await entriesOf('Loxodonta africana')).map((l) => l.effectiveFrom)).toEqual(['2017-04-21', '2017-04-21']);
    });

    it('the history replaces them with dated ones, and names the taxa it excepts', async () => {
      const r = await runImport(t.store, 'history', HISTORY, { actor: 'test' });
      expect(r.summary.ended['listings (replaced)']).toBeGreaterThanOrEqual(4);
      expect((await entriesOf('Loxodonta africana')).map((l) => l.effectiveFrom).sort()).toEqual([
        '1977-02-04',
        '1990-01-18',
        '1997-09-18',
        '1997-09-18',
        '2000-07-19',
        '2000-07-19',
      ]);
      const current = (await entriesOf('Psittaciformes')).find((l) => l.effectiveTo === null)!;
      expect(current.excludedTaxa).toEqual(['Agapornis roseicollis', 'Melopsittacus undulatus', 'Nymphicus hollandicus', 'Psittacula krameri']);
      await t.app.services.engines.refresh();
      const budgie = (
        await t.app.inject({
          method: 'POST',
          url: '/v1/trade-checks',
          payload: { taxon: 'Melopsittacus undulatus', exporter: 'AU', importer: 'DE', purpose: 'T', source: 'C', date: '2018-01-01' },
        })
      ).json();
      expect(budgie.appendix).toBeNull();
    });

    it("the Index imported again leaves the history's taxa to it and changes nothing", async () => {
      const r = await runImport(t.store, 'index', extract, { actor: 'test', asOf: '2017-04-21' });
      expect(r.summary.changed).toBe(false);
      expect(r.summary.unchanged['listings (left to another source)']).toBeGreaterThan(0);
      expect(await entriesOf('Loxodonta africana')).toHaveLength(6);
    });
  });
});
