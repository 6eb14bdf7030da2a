/** Issue: listings store — what a permit officer sees on the built-in seed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxonView } from '../../src/contract/taxa.js';
import { conforms, testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ data: 'seed' });
});
afterAll(() => t.close());

async function taxonId(name: string): Promise<string> {
  const res = await t.app.inject({ url: '/v1/taxa', query: { q: name } });
  const hit = res.json().items.find((i: { name: string }) => i.name === name);
  if (!hit) throw new Error(`${name} not in the seed`);
  return hit.id;
}
const view = async (name: string, query: Record<string, string> = {}) =>
  conforms(TaxonView, (await t.app.inject({ url: `/v1/taxa/${await taxonId(name)}`, query })).json());

describe('the built-in seed', () => {
  it('holds every Party, the code lists and hundreds of listings', async () => {
    const ready = (await t.app.inject('/ready')).json();
    expect(ready.dataset.parties).toBeGreaterThanOrEqual(183);
    expect(ready.dataset.listings).toBeGreaterThanOrEqual(300);
    expect(ready.dataset.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const parties = (await t.app.inject('/v1/parties')).json().items;
    expect(parties.filter((p: { isParty: boolean; territoryOf: string | null }) => p.isParty && !p.territoryOf).length).toBeGreaterThanOrEqual(183);
    expect(parties.find((p: { code: string }) => p.code === 'KE')).toMatchObject({ entryIntoForce: '1979-03-13', isParty: true });
    for (const kind of ['sources', 'purposes', 'terms', 'units']) {
      expect((await t.app.inject(`/v1/codes/${kind}`)).json().items.length).toBeGreaterThan(5);
    }
    const sources = (await t.app.inject('/v1/codes/sources'))
      .json()
      .items.map((c: { code: string }) => c.code)
      .sort();
    expect(sources).toEqual(['A', 'C', 'D', 'F', 'I', 'O', 'R', 'U', 'W', 'X', 'Y']);
  });

  it('Melopsittacus undulatus is not listed although Psittaciformes is in Appendix II', async () => {
    const v = await view('Melopsittacus undulatus');
    expect(v.resolution.listed).toBe(false);
    expect(v.exceptedBy).toMatchObject({ taxon: 'Psittaciformes', appendix: 'II', partial: false });
    expect(v.resolution.why).toMatch(/Excepted from the listing of Psittaciformes/);
    const parrot = await view('Amazona aestiva');
    expect(parrot.resolution).toMatchObject({ listed: true, appendix: 'II' });
    expect(parrot.listings[0]).toMatchObject({ taxon: 'Psittaciformes', inherited: true });
  });

  it('Loxodonta africana from BW is Appendix II with its annotation, from KE Appendix I', async () => {
    const bw = await view('Loxodonta africana', { origin: 'BW', term: 'TRO', purpose: 'H' });
    expect(bw.resolution).toMatchObject({ listed: true, appendix: 'II', deemedAppendixI: false });
    expect(bw.resolution.entry?.populations).toEqual({ include: ['BW'] });
    expect(bw.resolution.entry?.annotation?.en).toBeTruthy();
    const ke = await view('Loxodonta africana', { origin: 'KE' });
    expect(ke.resolution).toMatchObject({ listed: true, appendix: 'I' });
    expect(ke.resolution.entry?.populations?.exclude).toEqual(expect.arrayContaining(['BW', 'NA', 'ZA', 'ZW']));
    // Raw ivory from Botswana is outside the annotation: deemed Appendix I.
    const ivory = await view('Loxodonta africana', { origin: 'BW', term: 'TUS', purpose: 'T' });
    expect(ivory.resolution).toMatchObject({ appendix: 'I', deemedAppendixI: true });
  });

  it('a species listed from a date resolves to "not listed" the day before', async () => {
    const history = (await t.app.inject(`/v1/taxa/${await taxonId('Carcharhinus longimanus')}/history`)).json();
    const first = history.listings[0].effectiveFrom as string;
    expect(first).toBe('2014-09-14');
    expect((await view('Carcharhinus longimanus', { date: first })).resolution).toMatchObject({ listed: true, appendix: 'II' });
    expect((await view('Carcharhinus longimanus', { date: '2014-09-13' })).resolution.listed).toBe(false);
  });

  it('an Appendix III species reports its listing Party', async () => {
    const walrus = await view('Odobenus rosmarus');
    expect(walrus.listings[0]).toMatchObject({ appendix: 'III', party: 'CA' });
    const check = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/trade-checks',
        payload: { taxon: 'Walrus', exporter: 'CA', importer: 'DE', purpose: 'T', source: 'W', term: 'TUS' },
      })
    ).json();
    expect(check.listing).toMatchObject({ appendix: 'III', party: 'CA', listingParties: ['CA'] });
    expect(check.documents).toEqual([{ type: 'export-permit', issuer: 'CA' }]);
  });

  it('the grey parrot moved to Appendix I on 2017-01-02, with reservations', async () => {
    const id = await taxonId('Psittacus erithacus');
    expect((await view('Psittacus erithacus', { date: '2017-01-01' })).resolution.appendix).toBe('II');
    expect((await view('Psittacus erithacus', { date: '2017-01-02' })).resolution.appendix).toBe('I');
    const reservations = (await t.app.inject(`/v1/taxa/${id}/history`))
      .json()
      .reservations.map((r: { party: string }) => r.party)
      .sort();
    expect(reservations).toEqual(expect.arrayContaining(['AE', 'SA']));
  });
});

describe('GET /v1/taxa search', () => {
  const check = async (body: Record<string, unknown>) => (await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: body })).json();

  it('Greenland, not Denmark, holds the porbeagle reservation Denmark entered on its behalf (Art. XXIII)', async () => {
    const porbeagle = { taxon: 'Lamna nasus', importer: 'DE', purpose: 'T', source: 'W', term: 'MEA', date: '2024-01-01' };
    const fromDenmark = await check({ ...porbeagle, exporter: 'DK' });
    expect(fromDenmark.documents).toEqual([{ type: 'export-permit', issuer: 'DK' }]);
    const fromGreenland = await check({ ...porbeagle, exporter: 'GL' });
    expect(fromGreenland.documents).toEqual([{ type: 'comparable-documentation', issuer: 'GL', inLieuOf: 'export-permit' }]);
  });

  it('elephant ivory carvings: non-commercial from Zimbabwe are Appendix II, from Namibia deemed Appendix I (annotation 2)', async () => {
    const carving = { taxon: 'Loxodonta africana', importer: 'DE', purpose: 'P', source: 'W', term: 'IVC', date: '2024-01-01' };
    const zw = await check({ ...carving, exporter: 'ZW' });
    expect(zw).toMatchObject({ appendix: 'II', documents: [{ type: 'export-permit', issuer: 'ZW' }] });
    const na = await check({ ...carving, exporter: 'NA' });
    expect(na).toMatchObject({ appendix: 'I', listing: { deemedAppendixI: true } });
    expect(na.documents.map((d: { type: string }) => d.type).sort()).toEqual(['export-permit', 'import-permit']);
  });

  it('a southern white rhino of unknown origin takes the strictest listing, even one on a higher taxon (cites-rules §4.2)', async () => {
    // Only the populations of South Africa and Eswatini are in Appendix II; any other is
    // Appendix I through Rhinocerotidae. Re-exported live from Germany with origin unknown:
    const rhino = { taxon: 'Ceratotherium simum simum', exporter: 'DE', importer: 'US', purpose: 'T', source: 'W', term: 'LIV' };
    const unknown = await check({ ...rhino, origin: 'XX' });
    expect(unknown).toMatchObject({ decision: 'deny', appendix: 'I', listing: { taxon: 'Rhinocerotidae' }, reviewRequired: true });
    expect(unknown.warnings.map((w: { code: string }) => w.code)).toContain('ORIGIN_UNKNOWN_SPLIT_LISTING');
    expect(await check({ ...rhino, origin: 'ZA' })).toMatchObject({
      decision: 'needs-permit',
      appendix: 'II',
      listing: { taxon: 'Ceratotherium simum simum' },
    });
  });

  it('a misspelled synonym or subspecies is reported with suggestions, never read as its genus', async () => {
    // Read as the genus, both would fall to a broader Appendix-II entry although they are Appendix I.
    for (const [typo, meant] of [
      ['Psittacus timneeh', 'Psittacus erithacus'],
      ['Panthera leo persicca', 'Panthera leo persica'],
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/trade-checks',
        payload: { taxon: typo, exporter: 'CM', importer: 'DE', purpose: 'T', source: 'W', date: '2024-01-01' },
      });
      expect(res.statusCode, typo).toBe(422);
      expect(res.json().suggestions.map((x: { name: string }) => x.name)).toContain(meant);
    }
  });

  it('finds scientific names, synonyms and common names whatever the case, spacing or accents', async () => {
    const first = async (q: string) => (await t.app.inject({ url: '/v1/taxa', query: { q } })).json().items[0];
    expect(await first('LOXODONTA   africana')).toMatchObject({ name: 'Loxodonta africana', matchedAs: 'accepted' });
    expect(await first('loxodonta cyclotis')).toMatchObject({ name: 'Loxodonta africana', matchedAs: 'synonym' });
    expect(await first('african elephant')).toMatchObject({ name: 'Loxodonta africana', matchedAs: 'common-name' });
    expect(await first('vicuna')).toMatchObject({ name: 'Vicugna vicugna' }); // "Vicuña"
  });

  it('paginates with a total count and filters by rank and Appendix', async () => {
    const page1 = (await t.app.inject({ url: '/v1/taxa', query: { q: 'panthera', pageSize: '2' } })).json();
    expect(page1.total).toBeGreaterThan(2);
    expect(page1.items).toHaveLength(2);
    const page2 = (await t.app.inject({ url: '/v1/taxa', query: { q: 'panthera', pageSize: '2', page: '2' } })).json();
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    const families = (await t.app.inject({ url: '/v1/taxa', query: { rank: 'family', appendix: 'II', pageSize: '200' } })).json();
    expect(families.items.length).toBeGreaterThan(5);
    for (const f of families.items) {
      expect(f.rank).toBe('FAMILY');
      expect(f.appendices).toContain('II');
    }
  });

  it('rejects a bad query with a 400 naming the field', async () => {
    const res = await t.app.inject({ url: '/v1/taxa', query: { rank: 'TRIBE' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ pointer: '#/rank', in: 'query' });
  });
});
