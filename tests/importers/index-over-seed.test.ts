/**
 * A deployment starts on the built-in seed, then loads the official Checklist: the Index
 * takes over the listings of the taxa it lists from its own date, and the seed's dated
 * history before that date stays (pre-2017 trades are still judged on it).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runImport, type ImportReport } from '../../src/importers/index.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { dataFile, describeWithData } from './shared-data.js';

describeWithData('the Index imported over the built-in seed', ['index'], () => {
  let t: TestApp;
  let report: ImportReport;
  beforeAll(async () => {
    t = await testApp({ data: 'seed' });
    report = await runImport(t.store, 'index', readFileSync(dataFile('index')), { actor: 'test', asOf: '2017-04-21' });
    await t.app.services.engines.refresh();
  }, 120_000);
  afterAll(() => t?.close());

  const check = async (body: Record<string, unknown>) =>
    (await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: { importer: 'DE', source: 'W', purpose: 'T', ...body } })).json();

  it('is accepted: seed entries of the taxa the Index lists end on its date', () => {
    expect(report.summary.ended['listings (superseded)']).toBeGreaterThan(100);
    // Seed entries that only start after the file's date are dropped for those taxa: the
    // official file describes them from its date on (load a newer Checklist for later changes).
    expect(report.summary.ended['listings (replaced)'] ?? 0).toBeLessThan(10);
    expect(report.summary.created.listings).toBeGreaterThan(1_000);
  });

  it('judges trades after the Index date on the Index', async () => {
    const r = await check({ taxon: 'Loxodonta africana', exporter: 'ZW', purpose: 'H', term: 'TRO', date: '2018-01-01' });
    expect(r).toMatchObject({ appendix: 'II', listing: { effectiveFrom: '2017-04-21' } });
  });

  it("judges earlier trades on the seed's history: the grey parrot was Appendix II in 2016", async () => {
    const r = await check({ taxon: 'Psittacus erithacus', exporter: 'CM', date: '2016-06-01' });
    expect(r).toMatchObject({ decision: 'needs-permit', appendix: 'II', listing: { taxon: 'Psittaciformes' } });
    const later = await check({ taxon: 'Psittacus erithacus', exporter: 'CM', date: '2018-06-01' });
    expect(later).toMatchObject({ decision: 'deny', appendix: 'I' });
  });
});
