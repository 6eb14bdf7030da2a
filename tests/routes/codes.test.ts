/**
 * The code lists follow the current annual-report guidelines (Notification 2021/044, as the
 * CITES Trade Database Guide v9 reproduces them): codes traders use today are accepted;
 * retired codes are read with a warning that names their replacement, never a 400; the
 * Trade Database's own country codes (XV various, HS high seas) are read as XX and ZZ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.js';

describe('code lists', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ data: 'seed' });
  });
  afterAll(() => t?.close());

  const check = (body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { taxon: 'Loxodonta africana', exporter: 'ZW', importer: 'DE', purpose: 'P', source: 'W', date: '2024-05-01', ...body },
    });

  it('lists the current terms, and the retired ones with what replaced them', async () => {
    const terms = (await t.app.inject({ method: 'GET', url: '/v1/codes/terms' })).json().items as {
      code: string;
      retired: boolean;
      replacedBy: string | null;
    }[];
    const byCode = new Map(terms.map((x) => [x.code, x]));
    for (const code of ['JWL', 'IJW', 'KEY', 'RUG', 'FPS', 'WPR', 'PRL']) expect(byCode.get(code), code).toMatchObject({ retired: false });
    expect(byCode.get('SHO')).toMatchObject({ retired: true, replacedBy: 'LPS' });
    expect(byCode.get('TIC')).toMatchObject({ retired: true, replacedBy: 'WPR' });
    const units = (await t.app.inject({ method: 'GET', url: '/v1/codes/units' })).json().items as {
      code: string;
      retired: boolean;
      replacedBy: string | null;
    }[];
    expect(units.find((u) => u.code === 'KGM')).toMatchObject({ retired: false });
    expect(units.find((u) => u.code === 'KIL')).toMatchObject({ retired: true, replacedBy: 'KGM' });
  });

  it.each(['JWL', 'IJW', 'KEY', 'RUG', 'FPS'])('accepts the current term %s', async (term) => {
    const res = await check({ term });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warnings.map((w: { code: string }) => w.code)).not.toContain('RETIRED_CODE');
  });

  it('reads a retired term as given, with a warning naming its replacement', async () => {
    const res = await check({ taxon: 'Crocodylus niloticus', exporter: 'ZA', term: 'SHO', source: 'R', purpose: 'T' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warnings.find((w: { code: string }) => w.code === 'RETIRED_CODE').message).toMatch(/term SHO: now LPS/);
  });

  it('reads the retired unit KIL as kilograms, compared with a quota in any mass unit', async () => {
    const res = await check({ taxon: 'Acipenser baerii', exporter: 'RU', importer: 'FR', purpose: 'P', source: 'W', term: 'CAV', quantity: 0.2, unit: 'KIL' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warnings.find((w: { code: string }) => w.code === 'RETIRED_CODE').message).toMatch(/unit KIL: now KGM/);
  });

  it('reads the Trade Database code XV (various) as an unknown origin', async () => {
    const res = await check({ exporter: 'BE', origin: 'XV', term: 'IVC', purpose: 'T' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.movement).toBe('re-export');
    expect(r.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(['COUNTRY_CODE_READ_AS', 'RE_EXPORT_ORIGIN_UNKNOWN']));
  });

  it('still rejects a code that is in no list, current or retired', async () => {
    const res = await check({ term: 'ZZZ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ pointer: '#/term' });
  });
});
