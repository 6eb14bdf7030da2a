/**
 * Names as traders write them, decided on the real 2017 Index (issues: data integrity and
 * real names). A name that covers listed members (a higher taxon, a species listed through
 * some subspecies only) takes the strictest member that may be the specimen, flagged; an
 * unknown subspecies is read as its species, never as its genus. None may become `allow`
 * while a member is listed (Art. II; cites-rules §4.2).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runImport } from '../../src/importers/index.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { dataFile, describeWithData } from './shared-data.js';

describeWithData('real names on the 2017 Index', ['index', 'parties'], () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ data: 'empty' });
    await runImport(t.store, 'parties', readFileSync(dataFile('parties')), { actor: 'test' });
    await runImport(t.store, 'index', readFileSync(dataFile('index')), { actor: 'test', asOf: '2017-04-21' });
    await t.app.services.engines.refresh();
  }, 120_000);
  afterAll(() => t?.close());

  const check = async (body: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { importer: 'DE', purpose: 'T', source: 'W', date: '2018-06-01', ...body },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const warningCodes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

  it.each([
    ['Panthera pardus orientalis', 'RU', 'SKI'],
    ['Panthera tigris sumatrae', 'ID', 'SKI'],
    ['Ara macao cyanopterus', 'HN', 'LIV'],
  ])('an unknown subspecies (%s) is decided as its species: Appendix I, flagged (Art. III)', async (taxon, exporter, term) => {
    const r = await check({ taxon, exporter, term });
    expect(r).toMatchObject({ decision: 'deny', appendix: 'I', reviewRequired: true, taxon: { matchedAs: 'species' } });
    expect(warningCodes(r)).toContain('SPECIES_INFERRED');
  });

  it('a known subspecies keeps its own listing (Caiman crocodilus yacare, Appendix II)', async () => {
    const r = await check({ taxon: 'Caiman crocodilus yacare', exporter: 'BO', term: 'SKI', source: 'R' });
    expect(r).toMatchObject({ appendix: 'II', decision: 'needs-permit' });
  });

  it.each([
    ['Manis spp.', 'ID', 'SCA'],
    ['Osteolaemus spp.', 'CM', 'SKI'],
    ['Elephantidae spp.', 'KE', 'IVC'],
  ])('a higher taxon (%s) whose members are in Appendix I is decided as Appendix I, with the members named', async (taxon, exporter, term) => {
    const r = await check({ taxon, exporter, term });
    expect(r).toMatchObject({ decision: 'deny', appendix: 'I', reviewRequired: true });
    expect(r.warnings.find((w: { code: string }) => w.code === 'MEMBER_DECIDES').message).toMatch(/Deciding: /);
  });

  it.each([
    ['Odocoileus virginianus', 'GT', 'III', 'mayensis'],
    ['Nasua nasua', 'AR', 'III', 'solitaria'],
    ['Damaliscus pygargus', 'ZA', 'II', 'pygargus'],
    ['Hippotragus niger', 'AO', 'I', 'variani'],
    ['Dama dama', 'IR', 'I', 'mesopotamica'],
    ['Mazama temama', 'GT', 'III', 'cerasina'],
  ])('a species listed through a subspecies only (%s) is listed where that subspecies may be the specimen', async (taxon, exporter, appendix, subspecies) => {
    const r = await check({ taxon, exporter, term: 'TRO', purpose: 'H' });
    expect(r).toMatchObject({ appendix, reviewRequired: true });
    expect(r.decision).not.toBe('allow');
    expect(r.warnings.find((w: { code: string }) => w.code === 'MEMBER_DECIDES').message).toContain(subspecies);
  });

  it('... but not where the listed subspecies does not live: a wild fallow deer from Germany is not listed', async () => {
    const r = await check({ taxon: 'Dama dama', exporter: 'PL', term: 'TRO', purpose: 'H' });
    expect(r).toMatchObject({ decision: 'allow', appendix: null });
  });

  it('the lion: Indian (Asiatic) lions are Appendix I, African lions Appendix II', async () => {
    expect(await check({ taxon: 'Panthera leo', exporter: 'IN', term: 'LIV', purpose: 'Z' })).toMatchObject({ appendix: 'I' });
    expect(await check({ taxon: 'Panthera leo', exporter: 'TZ', term: 'TRO', purpose: 'H' })).toMatchObject({ appendix: 'II', decision: 'needs-permit' });
  });
});
