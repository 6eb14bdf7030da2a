/**
 * Issue 20, part 1: the Species+ bulk download (cites_eu_<lang>.ndjson.gz) imports as one
 * transaction: taxa with their Species+ ids, names, synonyms, common names, distributions,
 * dated listings with Appendix III Parties, reservations, quotas and suspensions; a bad file
 * changes nothing; the same file twice changes nothing the second time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRejected, runImport, type ImportReport } from '../../src/importers/index.js';
import type { TestApp } from '../helpers/app.js';
import { BULK_SAMPLE, bulkGz, partiesOnlyApp } from './helpers.js';

describe('the Species+ bulk file', async () => {
  let t: TestApp;
  let report: ImportReport;

  beforeAll(async () => {
    t = await partiesOnlyApp();
    report = await runImport(t.store, 'species-plus-bulk', bulkGz(), { actor: 'test', asOf: '2026-11-01' });
    t.app.services.engines.refresh();
  });
  afterAll(() => t?.close());

  const check = async (body: Record<string, unknown>) =>
    (
      await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: { importer: 'DE', source: 'W', quantity: 1, date: '2026-10-01', ...body } })
    ).json();

  it('keeps accepted taxa with their Species+ ids and names; synonym lines and deleted concepts are counted, not kept', async () => {
    const names = await t.store.namesByExternalId();
    expect([...names.entries()].sort()).toEqual([
      ['17253', 'Dactylorhiza majalis'],
      ['4521', 'Loxodonta africana'],
      ['8619', 'Panthera pardus'],
      ['9613', 'Mellivora capensis'],
    ]);
    expect(report.stats['synonym and other non-accepted name lines (listed under their accepted taxon)']).toBe(1);
    expect(report.stats['deleted concepts (skipped)']).toBe(1);
    expect(report.stats['EU listings (not kept: the store holds CITES law only)']).toBe(1);
    expect(report.stats['listing changes inherited from a higher taxon (recorded on it)']).toBe(1);
    const elephant = (await t.store.exportBundle()).taxa.find((x) => x.name === 'Loxodonta africana')!;
    expect(elephant).toMatchObject({
      author: '(Blumenbach, 1797)',
      externalId: '4521',
      parent: 'Loxodonta',
      synonyms: [{ name: 'Elephas africanus', author: 'Blumenbach, 1797' }],
      distribution: ['BW', 'KE', 'NA', 'ZW'],
    });
    expect(elephant.commonNames).toContainEqual({ lang: 'fr', name: "Eléphant d'Afrique" });
  });

  it('replays the dated listing changes: the elephant split of 1997, an Appendix III Party deleted and one still listing', async () => {
    const listings = (await t.store.exportBundle()).listings;
    const elephant = listings.filter((l) => l.taxon === 'Loxodonta africana');
    expect(elephant.map((l) => [l.appendix, l.effectiveFrom, l.effectiveTo])).toEqual(
      expect.arrayContaining([
        ['III', '1976-02-26', '1977-02-04'],
        ['II', '1977-02-04', '1990-01-18'],
        ['I', '1990-01-18', '1997-09-18'],
        ['II', '1997-09-18', null],
        ['I', '1997-09-18', null],
      ]),
    );
    expect(elephant.find((l) => l.appendix === 'II' && l.effectiveTo === null)!.populations?.include).toEqual(['BW', 'NA', 'ZW']);
    const badger = listings.filter((l) => l.taxon === 'Mellivora capensis').map((l) => [l.party, l.effectiveFrom, l.effectiveTo]);
    expect(badger).toEqual(
      expect.arrayContaining([
        ['GH', '1976-02-26', '2007-09-13'],
        ['BW', '1976-02-26', null],
      ]),
    );
    const orchid = listings.find((l) => l.taxon === 'Dactylorhiza majalis')!;
    expect(orchid.hashAnnotation).toBe('#4');
  });

  it('keeps reservations, quotas (a past one ending when the next was published) and suspensions, one for every taxon once', async () => {
    const b = await t.store.exportBundle();
    expect(b.reservations).toContainEqual(
      expect.objectContaining({ party: 'BW', taxon: 'Panthera pardus', appendix: 'I', effectiveFrom: '1979-05-01', effectiveTo: '1982-01-01' }),
    );
    const na = b.quotas.filter((q) => q.taxon === 'Panthera pardus' && q.exporter === 'NA').map((q) => [q.quantity, q.effectiveFrom, q.effectiveTo]);
    expect(na.sort()).toEqual([
      [250, '2016-01-01', '2018-01-01'],
      [250, '2018-01-01', null],
    ]);
    expect(b.suspensions.filter((s) => s.country === 'DJ')).toEqual([
      expect.objectContaining({ taxon: null, purposes: ['T'], effectiveFrom: '2016-08-25', notification: '2016/041' }),
    ]);
    expect(b.suspensions.filter((s) => s.country === 'CF')).toEqual([expect.objectContaining({ taxon: 'Panthera pardus' })]);
  });

  it('decides trades on what it brought: a zero quota denies, Appendix III from the listing Party needs its export permit', async () => {
    const leopard = await check({ taxon: 'Panthera pardus', exporter: 'ET', purpose: 'T', term: 'SKI' });
    expect(leopard.decision).toBe('deny');
    const badger = await check({ taxon: 'Mellivora capensis', exporter: 'BW', purpose: 'T', term: 'SKI' });
    expect(badger.documents.map((d: { type: string }) => d.type)).toContain('export-permit');
  });

  it('the same file again changes nothing and keeps the dataset version', async () => {
    const version = (await t.store.state()).version;
    const again = await runImport(t.store, 'species-plus-bulk', bulkGz(), { actor: 'test', asOf: '2026-11-01' });
    expect(again.summary.changed).toBe(false);
    expect((await t.store.state()).version).toBe(version);
  });

  it('a line that is not a taxon concept rejects the whole file, naming the line, and nothing changes', async () => {
    const before = await t.store.exportBundle();
    const bad = `${BULK_SAMPLE.replace('"Panthera pardus"', '"Panthera pardus", "quota": 1')}{"id": "x"}\nnot json\n`;
    const err = await runImport(t.store, 'species-plus-bulk', bulkGz(bad), { actor: 'test', asOf: '2026-11-02' }).catch((e) => e);
    expect(err).toBeInstanceOf(FileRejected);
    expect((err as FileRejected).errors.map((e) => e.line)).toEqual([7, 8]);
    expect(await t.store.exportBundle()).toEqual(before);
  });
});
