/**
 * Issue #13: what a fresh install serves. The default dataset (dataset/, npm run data:build)
 * is the Checklist brought to its as-of date by dated amendment records: each Conference of
 * the Parties since 2017 is in force from its date (delayed entries from theirs), and not a
 * day before; the dataset says what it is (GET /v1/dataset) and warns when a trade is dated
 * past what it can know.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '@cites-permit-check/engine';
import { DatasetView } from '../../src/routes/dataset.js';
import { conforms, testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let engine: Engine;

beforeAll(async () => {
  t = await testApp({ data: 'dataset' });
  engine = createEngine(await t.store.snapshot(), { today: () => '2026-12-03' });
}, 120_000);
afterAll(() => t?.close());

type Trade = { taxon: string; exporter?: string; origin?: string; term?: string; source?: string; purpose?: string };

const tradeOn = (trade: Trade, date: string) => engine.check({ exporter: 'ID', importer: 'JP', purpose: 'T', source: 'W', ...trade, date });

function check(trade: Trade, date: string) {
  const r = tradeOn(trade, date);
  if (!('decision' in r)) throw new Error(`${trade.taxon}: ${r.title} ${r.detail}`);
  return r;
}

/**
 * The Appendix applied; 'none' when the specimen is not listed on that date; 'unknown name'
 * when the Checklist does not know the species and its genus was not listed yet (the name
 * then means nothing the service can vouch for: a 422, not an allow).
 */
function appendixOn(trade: Trade, date: string): string {
  const r = tradeOn(trade, date);
  if (!('decision' in r)) return r.status === 422 && r.type.endsWith('/unknown-taxon') ? 'unknown name' : `${r.status}`;
  return r.appendix ?? 'none';
}

describe('each Conference of the Parties takes effect on its date', () => {
  // [trade, the day before, the day it took effect, appendix before, appendix after]
  const cases: [string, Trade, string, string, string][] = [
    // CoP17 (Johannesburg 2016): in force 2 January 2017; sharks and mobulas delayed.
    ['CoP17 pangolins to Appendix I', { taxon: 'Manis gigantea', exporter: 'CM' }, '2017-01-02', 'II', 'I'],
    ['CoP17 grey parrot to Appendix I', { taxon: 'Psittacus erithacus', exporter: 'CM' }, '2017-01-02', 'II', 'I'],
    ['CoP17 Barbary macaque to Appendix I', { taxon: 'Macaca sylvanus', exporter: 'MA' }, '2017-01-02', 'II', 'I'],
    ['CoP17 nautiluses listed', { taxon: 'Nautilus pompilius', exporter: 'PH' }, '2017-01-02', 'none', 'II'],
    ['CoP17 devil rays, delayed 3 months', { taxon: 'Mobula tarapacana', exporter: 'LK' }, '2017-04-04', 'none', 'II'],
    ['CoP17 silky shark, delayed 12 months', { taxon: 'Carcharhinus falciformis', exporter: 'LK' }, '2017-10-04', 'none', 'II'],
    ['CoP17 thresher sharks, delayed 12 months', { taxon: 'Alopias vulpinus', exporter: 'LK' }, '2017-10-04', 'none', 'II'],
    // CoP18 (Geneva 2019): in force 26 November 2019; sea cucumbers and cedars delayed.
    ['CoP18 Indian star tortoise to Appendix I', { taxon: 'Geochelone elegans', exporter: 'LK' }, '2019-11-26', 'II', 'I'],
    ['CoP18 giraffe listed', { taxon: 'Giraffa camelopardalis', exporter: 'ZA' }, '2019-11-26', 'none', 'II'],
    ['CoP18 ornamental tarantulas listed', { taxon: 'Poecilotheria metallica', exporter: 'IN' }, '2019-11-26', 'none', 'II'],
    ['CoP18 teatfish, delayed 12 months', { taxon: 'Holothuria nobilis', exporter: 'AU' }, '2020-08-28', 'none', 'II'],
    // CoP19 (Panama 2022): in force 23 February 2023; requiem sharks and ipê delayed.
    ['CoP19 common snapping turtle, from Appendix III to II', { taxon: 'Chelydra serpentina', exporter: 'US' }, '2023-02-23', 'III', 'II'],
    ['CoP19 pygmy blue-tongue skink listed in Appendix I', { taxon: 'Tiliqua adelaidensis', exporter: 'AU' }, '2023-02-23', 'none', 'I'],
    ['CoP19 requiem sharks, delayed 12 months', { taxon: 'Carcharhinus obscurus', exporter: 'LK' }, '2023-11-25', 'none', 'II'],
    ['CoP19 ipê, delayed 24 months', { taxon: 'Handroanthus serratifolius', exporter: 'BR', term: 'SAW' }, '2024-11-25', 'none', 'II'],
    [
      'CoP19 requiem sharks: the blue shark, a member the 2017 Checklist did not know',
      { taxon: 'Prionace glauca', exporter: 'ES' },
      '2023-11-25',
      'none',
      'II',
    ],
    // CoP20 (Samarkand 2025): in force 5 March 2026.
    ['CoP20 okapi listed in Appendix I', { taxon: 'Okapia johnstoni', exporter: 'CD' }, '2026-03-05', 'none', 'I'],
    ['CoP20 white-backed vulture to Appendix I', { taxon: 'Gyps africanus', exporter: 'KE' }, '2026-03-05', 'II', 'I'],
    ['CoP20 marine iguana to Appendix I', { taxon: 'Amblyrhynchus cristatus', exporter: 'EC' }, '2026-03-05', 'II', 'I'],
  ];
  const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

  it.each(cases)('%s', (_label, trade, from, before, after) => {
    expect(appendixOn(trade, dayBefore(from))).toBe(before);
    expect(appendixOn(trade, from)).toBe(after);
  });
});

describe('where the sources disagree, the official record wins', () => {
  it('Poicephalus robustus is in Appendix II as the Index of CITES Species has it (the hand-written seed had Appendix I)', () => {
    expect(appendixOn({ taxon: 'Poicephalus robustus', exporter: 'ZA' }, '2026-06-01')).toBe('II');
  });

  it('Poecilotheria was not listed in 2018: its listing dates from CoP18, not 2013 as the seed had it', () => {
    expect(appendixOn({ taxon: 'Poecilotheria regalis', exporter: 'IN' }, '2018-06-01')).toBe('none');
    expect(appendixOn({ taxon: 'Poecilotheria regalis', exporter: 'IN' }, '2020-06-01')).toBe('II');
  });

  it('a listing annotation that includes a synonym covers it: Pachypodium windsorii is in Appendix I with P. baronii', () => {
    expect(appendixOn({ taxon: 'Pachypodium windsorii', exporter: 'MG', source: 'A' }, '2026-06-01')).toBe('I');
  });
});

describe('names as traders write them, on the real listings', () => {
  it('a name renamed by a CoP still resolves: Manta birostris is Mobula birostris', () => {
    const r = check({ taxon: 'Manta birostris', exporter: 'LK' }, '2024-06-01');
    expect(r.taxon.name).toBe('Mobula birostris');
    expect(r.appendix).toBe('II');
  });

  it('a subspecies the Checklist folds into its species takes the species listing, naming the listed subspecies for review', () => {
    const r = check({ taxon: 'Caiman crocodilus fuscus', exporter: 'CO', source: 'C' }, '2021-07-01');
    expect(r.appendix).toBe('II');
    expect(r.warnings.find((w) => w.code === 'OTHER_SUBSPECIES_LISTED')?.message).toMatch(/Caiman crocodilus apaporiensis/);
    expect(r.reviewRequired).toBe(true);
  });

  it('a captive-bred specimen from outside the range of a split-listed species takes the strictest population (Caracal bred in Austria)', () => {
    const r = check({ taxon: 'Caracal caracal', exporter: 'AT', source: 'C', purpose: 'Z' }, '2020-07-01');
    expect(r.appendix).toBe('I');
    expect(r.warnings.map((w) => w.code)).toContain('ORIGIN_OUTSIDE_RANGE');
    // From a range State of the African population, Appendix II.
    expect(appendixOn({ taxon: 'Caracal caracal', exporter: 'NA', source: 'W', purpose: 'H' }, '2020-07-01')).toBe('II');
  });

  it('a boa bred in Colombia is not the Argentine subspecies in Appendix I; a wild one from Argentina may be', () => {
    const bred = check({ taxon: 'Boa constrictor', exporter: 'CO', source: 'C' }, '2022-07-01');
    expect(bred.appendix).toBe('II');
    expect(bred.warnings.find((w) => w.code === 'MEMBER_OUTSIDE_RANGE')?.message).toMatch(/Boa constrictor occidentalis/);
    expect(appendixOn({ taxon: 'Boa constrictor', exporter: 'AR' }, '2022-07-01')).toBe('I');
  });

  it('guaiac wood oil is an extract under annotation #11; a carving is not covered', () => {
    expect(check({ taxon: 'Bulnesia sarmientoi', exporter: 'PY', term: 'OIL' }, '2022-07-01').decision).toBe('needs-permit');
    const carving = check({ taxon: 'Bulnesia sarmientoi', exporter: 'PY', term: 'CAR' }, '2022-07-01');
    expect(carving.decision).toBe('allow');
    expect(carving.reasons.map((r) => r.code)).toContain('PART_NOT_COVERED');
  });

  it('American crocodiles from Colombia: only the Cispatá Bay population is in Appendix II, so Appendix I applies and is flagged', () => {
    const r = check({ taxon: 'Crocodylus acutus', exporter: 'CO', source: 'C', term: 'SKI' }, '2021-07-01');
    expect(r.appendix).toBe('I');
    expect(r.warnings.map((w) => w.code)).toContain('POPULATION_PARTLY_LISTED');
    expect(appendixOn({ taxon: 'Crocodylus acutus', exporter: 'CU', source: 'C', term: 'SKI' }, '2021-07-01')).toBe('II');
  });
});

describe('GET /v1/dataset and the dataset date on every decision', () => {
  it('says what the data is, how current, and where it comes from', async () => {
    const res = await t.app.inject({ url: '/v1/dataset' });
    expect(res.statusCode).toBe(200);
    const body = conforms(DatasetView, res.json());
    expect(body.asOf).toBe('2026-12-03');
    expect(body.horizon).toEqual({ days: 730, until: '2028-12-02' });
    expect(body.provenance!.sources.map((s) => s.title).join('\n')).toMatch(/Index of CITES Species[\s\S]*listing history[\s\S]*Amendment records/);
    expect(body.provenance!.latestAmendment!.effectiveFrom >= '2026-03-05').toBe(true);
    expect(body.counts.taxa).toBeGreaterThan(38_000);
    expect(body.counts.listingEntriesInForce).toBeGreaterThan(1_300);
    expect(body.counts.listingEntries).toBeGreaterThan(body.counts.listingEntriesInForce);
    expect(body.counts.parties).toBeGreaterThanOrEqual(184);
  });

  it('stamps the data date on each decision and warns past the horizon', async () => {
    const trade = { taxon: 'Psittacus erithacus', exporter: 'CM', importer: 'US', purpose: 'T', source: 'C' };
    const near = await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: { ...trade, date: '2027-06-01' } });
    expect(near.json().datasetAsOf).toBe('2026-12-03');
    expect(near.json().warnings.map((w: { code: string }) => w.code)).not.toContain('BEYOND_DATASET_HORIZON');
    const far = await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: { ...trade, date: '2029-01-15' } });
    expect(far.json().warnings.find((w: { code: string }) => w.code === 'BEYOND_DATASET_HORIZON').message).toMatch(/data as of 2026-12-03/);
  });
});
