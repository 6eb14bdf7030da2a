/**
 * Issue 4, kinds `reservations`, `quotas`, `suspensions`: the Species+ tables import after
 * the Index, join to its taxa by Species+ id, report the rows that do not join, and act on
 * trade checks; a newer table ends what it no longer holds.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runImport, type ImportReport } from '../../src/importers/index.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { dataFile, describeWithData } from './shared-data.js';

describeWithData('the Species+ reservations, quotas and suspensions tables', ['index', 'parties', 'reservations', 'quotas', 'suspensions'], () => {
  let t: TestApp;
  const reports: Record<string, ImportReport> = {};

  beforeAll(async () => {
    t = await testApp({ data: 'empty' });
    await runImport(t.store, 'index', readFileSync(dataFile('index')), { actor: 'test', asOf: '2017-04-21' });
    await runImport(t.store, 'parties', readFileSync(dataFile('parties')), { actor: 'test' });
    for (const kind of ['reservations', 'quotas', 'suspensions'] as const) {
      reports[kind] = await runImport(t.store, kind, readFileSync(dataFile(kind)), { actor: 'test' });
    }
    await t.app.services.engines.refresh();
  }, 120_000);
  afterAll(() => t?.close());

  const check = async (body: Record<string, unknown>) => (await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: body })).json();

  it('reservations join to the Index taxa; rows that do not join are reported with their line', async () => {
    const r = reports.reservations!;
    expect(r.stats.reservations).toBeGreaterThan(300);
    expect(r.stats['rows not joined to a taxon (skipped)']).toBe(47);
    expect(r.warnings).toContain(
      'line 79: taxon_concept_id "5102" (Coregonus alpenae) is not a taxon in the store (no imported Index row has this TaxonId); row skipped',
    );
    const id = (await t.app.inject('/v1/taxa?q=Megaptera%20novaeangliae')).json().items[0].id;
    const history = (await t.app.inject(`/v1/taxa/${id}/history`)).json();
    expect(history.reservations).toContainEqual({
      party: 'IS',
      taxon: 'Megaptera novaeangliae',
      appendix: 'I',
      effectiveFrom: '2000-04-02',
      effectiveTo: null,
    });
    expect(history.reservations).toContainEqual({
      party: 'CA',
      taxon: 'Megaptera novaeangliae',
      appendix: 'I',
      effectiveFrom: '1975-07-09',
      effectiveTo: '1978-08-11',
    });
  });

  it('quotas join and bind: the zero quota on wild Nile crocodiles from Egypt denies commercial exports', async () => {
    expect(reports.quotas!.stats.quotas).toBe(66);
    expect(reports.quotas!.stats['rows not joined to a taxon (skipped)']).toBe(6);
    const quotas = (await t.store.exportBundle()).quotas;
    const leopard = quotas.find((q) => q.taxon === 'Panthera pardus' && q.exporter === 'NA');
    expect(leopard).toMatchObject({ quantity: 250, terms: ['SKI', 'TRO'], purposes: ['H', 'P'], effectiveFrom: '1997-06-10', effectiveTo: null });
    // Species+ gives the last day a quota applies (25/11/2019, the eve of CoP18's changes):
    // stored as ending the day after, so the last day is still covered.
    const rhino = quotas.find((q) => q.taxon === 'Diceros bicornis' && q.exporter === 'ZA' && q.effectiveFrom === '2004-10-14');
    expect(rhino).toMatchObject({ quantity: 5, effectiveTo: '2019-11-26' });
    const trade = { taxon: 'Crocodylus niloticus', exporter: 'EG', importer: 'DE', source: 'W', term: 'SKI', quantity: 1, date: '2020-01-01' };
    const res = await check({ ...trade, purpose: 'T' });
    expect(res.decision).toBe('deny');
    expect(res.reasons.map((x: { code: string }) => x.code)).toContain('ZERO_QUOTA');
    const scientific = await check({ ...trade, purpose: 'S' });
    expect(scientific.reasons.map((x: { code: string }) => x.code)).not.toContain('ZERO_QUOTA');
  });

  // R36 (Art. VIII, XIII; Res. Conf. 14.3): a suspension covers what its Notification names.
  // The table's code columns list what the compliance tool exempts (Z, G, Q, S for "all
  // commercial trade"), not what is suspended: the wording decides.
  const reasonsOf = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

  it('suspensions of "commercial trade" cover purpose T only, not personal effects, trophies or zoos', async () => {
    const s = reports.suspensions!;
    expect(s.stats.suspensions).toBeGreaterThan(40);
    expect(s.stats['rows not joined to a taxon (skipped)']).toBe(2);
    // Afghanistan, from 19/09/2005: "The export of CITES-listed species for commercial purposes."
    const afghanistan = (await t.store.exportBundle()).suspensions.find((x) => x.country === 'AF' && x.taxon === null && x.effectiveFrom === '2005-09-19');
    expect(afghanistan).toMatchObject({ effectiveTo: null, purposes: ['T'], sources: [], terms: [], review: false });
    const trade = { taxon: 'Falco cherrug', exporter: 'AF', importer: 'DE', source: 'W', term: 'LIV', quantity: 1, date: '2020-01-01' };
    const commercial = await check({ ...trade, purpose: 'T' });
    expect(commercial.decision).toBe('deny');
    expect(reasonsOf(commercial)).toContain('SC_TRADE_SUSPENSION');
    for (const purpose of ['P', 'H', 'Z']) {
      const other = await check({ ...trade, purpose, term: purpose === 'H' ? 'TRO' : 'LIV' });
      expect(reasonsOf(other), purpose).not.toContain('SC_TRADE_SUSPENSION');
    }
  });

  it('the Indian suspension of wild-taken specimens for commercial purposes leaves a captive-born zoo lion alone', async () => {
    const india = (await t.store.exportBundle()).suspensions.filter((x) => x.country === 'IN' && x.taxon === null);
    expect(india.length).toBeGreaterThan(0);
    for (const x of india) expect(x).toMatchObject({ purposes: ['T'], sources: ['W'] });
    const zoo = await check({ taxon: 'Panthera leo', exporter: 'IN', importer: 'DE', purpose: 'Z', source: 'F', term: 'LIV', date: '2024-01-01' });
    expect(reasonsOf(zoo)).not.toContain('SC_TRADE_SUSPENSION');
    const wild = await check({ taxon: 'Naja naja', exporter: 'IN', importer: 'DE', purpose: 'T', source: 'W', term: 'SKI', date: '2024-01-01' });
    expect(reasonsOf(wild)).toContain('SC_TRADE_SUSPENSION');
    // F is read as W for permits (Notification 1998/14) but is not "wild-taken": flagged, not denied.
    const captiveBorn = await check({ taxon: 'Naja naja', exporter: 'IN', importer: 'DE', purpose: 'T', source: 'F', term: 'SKI', date: '2024-01-01' });
    expect(reasonsOf(captiveBorn)).not.toContain('SC_TRADE_SUSPENSION');
    expect(captiveBorn.warnings.map((w: { code: string }) => w.code)).toContain('SUSPENSION_SCOPE_UNCERTAIN');
    expect(captiveBorn.reviewRequired).toBe(true);
  });

  it('rows naming a species the recommendation exempts ("All exports, except Calumma …") suspend nothing', async () => {
    const s = reports.suspensions!;
    expect(s.stats['rows naming a taxon the recommendation exempts (no suspension)']).toBeGreaterThan(60);
    const calumma = (await t.store.exportBundle()).suspensions.filter((x) => x.taxon?.startsWith('Calumma ') || x.taxon?.startsWith('Furcifer '));
    expect(calumma).toEqual([]);
    const chameleon = await check({ taxon: 'Furcifer pardalis', exporter: 'MG', importer: 'DE', purpose: 'T', source: 'W', term: 'LIV', date: '2013-01-01' });
    expect(reasonsOf(chameleon)).not.toContain('SC_TRADE_SUSPENSION');
  });

  it('a recommendation limited to "Appendix II species" cannot be mapped to codes: it is kept for review, not as a ban', async () => {
    const paraguay = (await t.store.exportBundle()).suspensions.find((x) => x.country === 'PY' && x.taxon === null)!;
    expect(paraguay).toMatchObject({ purposes: ['T'], review: true, effectiveFrom: '2011-01-19', effectiveTo: '2014-02-10' });
    expect(paraguay.notes).toMatch(/Appendix II species/);
    // Its rows for Eira barbara (Appendix III, outside it) and Bulnesia sarmientoi (named as an exception) suspend nothing.
    expect((await t.store.exportBundle()).suspensions.filter((x) => x.country === 'PY' && x.taxon !== null)).toEqual([]);
  });

  it('re-importing each table changes nothing', async () => {
    for (const kind of ['reservations', 'quotas', 'suspensions'] as const) {
      const again = await runImport(t.store, kind, readFileSync(dataFile(kind)), { actor: 'test' });
      expect(again.summary.changed, kind).toBe(false);
    }
  });

  it('a newer quotas table updates what changed and ends what it no longer holds', async () => {
    const version = (await t.store.state()).version;
    const lines = readFileSync(dataFile('quotas'), 'utf8').split('\n');
    const edited = lines
      .filter((l) => !l.includes('Panthera pardus,8619,SPECIES,NA,'))
      .map((l) => l.replace('Capra falconeri,3780,SPECIES,PK,12,', 'Capra falconeri,3780,SPECIES,PK,14,'));
    const dir = mkdtempSync(join(tmpdir(), 'quotas-'));
    writeFileSync(join(dir, 'quotas.csv'), edited.join('\n'));
    const r = await runImport(t.store, 'quotas', readFileSync(join(dir, 'quotas.csv')), { actor: 'test', asOf: '2024-01-01' });
    expect(r.summary).toMatchObject({ changed: true, datasetVersion: version + 1, updated: { quotas: 1 }, ended: { quotas: 1 } });
    const quotas = (await t.store.exportBundle()).quotas;
    expect(quotas.find((q) => q.taxon === 'Panthera pardus' && q.exporter === 'NA')?.effectiveTo).toBe('2024-01-01');
    expect(quotas.find((q) => q.taxon === 'Capra falconeri')?.quantity).toBe(14);
    const again = await runImport(t.store, 'quotas', readFileSync(join(dir, 'quotas.csv')), { actor: 'test', asOf: '2024-01-01' });
    expect(again.summary.changed).toBe(false);
  });
});
