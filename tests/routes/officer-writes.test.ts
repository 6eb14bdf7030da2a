/** Issue: listings store — officers' writes: validated, audited, versioned, safe under concurrency. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListingRecord, QuotaRecord, TaxonRecord } from '../../src/contract/records.js';
import { bearer, conforms, keyFor, testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let officer: string;
let admin: string;
beforeAll(async () => {
  t = await testApp();
  officer = await keyFor(t, 'officer', 'Ana (permit office)');
  admin = await keyFor(t, 'admin');
});
afterAll(() => t.close());

const version = async () => (await t.app.inject('/ready')).json().dataset.version as string;
const check = async (payload: object) => (await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload })).json();
const send = (method: 'POST' | 'PATCH', url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload, headers: { ...bearer(officer), ...headers } });

describe('listings', () => {
  let id: string;
  let etag: string;

  it('an officer adds an Appendix III entry; trade checks see it at once and the version moves', async () => {
    const v0 = await version();
    expect(
      (await check({ taxon: 'Saiga tatarica', exporter: 'KZ', importer: 'CN', purpose: 'T', source: 'W', term: 'SKI', date: '1990-06-01' })).decision,
    ).toBe('allow');
    const res = await send('POST', '/v1/listings', {
      taxon: 'Saiga tatarica',
      appendix: 'III',
      party: 'CN',
      effectiveFrom: '1988-01-01',
      effectiveTo: '1995-02-16',
    });
    expect(res.statusCode).toBe(201);
    const record = conforms(ListingRecord, res.json());
    expect(record).toMatchObject({
      taxon: 'Saiga tatarica',
      appendix: 'III',
      party: 'CN',
      revision: 1,
      origin: 'officer',
      updatedBy: expect.stringContaining('Ana'),
    });
    expect(res.headers.etag).toBe('"1"');
    id = record.id;
    etag = res.headers.etag as string;
    expect(Number(await version())).toBe(Number(v0) + 1);
    const after = await check({ taxon: 'Saiga tatarica', exporter: 'KZ', importer: 'CN', purpose: 'T', source: 'W', term: 'SKI', date: '1990-06-01' });
    // Kazakhstan is not a Party in the fixture: comparable documentation replaces its certificate of origin.
    expect(after).toMatchObject({ appendix: 'III', documents: [{ type: 'comparable-documentation', issuer: 'KZ', inLieuOf: 'certificate-of-origin' }] });
  });

  it('an update needs If-Match: 428 without it, 412 with a stale ETag, 200 with the current one', async () => {
    expect((await send('PATCH', `/v1/listings/${id}`, { annotation: { en: 'test' } })).statusCode).toBe(428);
    expect((await send('PATCH', `/v1/listings/${id}`, { annotation: { en: 'test' } }, { 'if-match': '"7"' })).statusCode).toBe(412);
    // If-Match compares strongly (RFC 9110): the weak form of the current ETag does not match.
    expect((await send('PATCH', `/v1/listings/${id}`, { annotation: { en: 'test' } }, { 'if-match': `W/${etag}` })).statusCode).toBe(412);
    const ok = await send('PATCH', `/v1/listings/${id}`, { annotation: { en: 'Listed by China (test)' } }, { 'if-match': etag });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ revision: 2, annotation: { en: 'Listed by China (test)' }, party: 'CN' });
    expect(ok.headers.etag).toBe('"2"');
    etag = ok.headers.etag as string;
  });

  it('of two concurrent updates with the same ETag exactly one wins', async () => {
    const [a, b] = await Promise.all([
      send('PATCH', `/v1/listings/${id}`, { annotation: { en: 'first' } }, { 'if-match': etag }),
      send('PATCH', `/v1/listings/${id}`, { annotation: { en: 'second' } }, { 'if-match': etag }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    const stored = (await t.app.inject(`/v1/listings/${id}`)).json();
    const winner = a.statusCode === 200 ? 'first' : 'second';
    expect(stored.annotation.en).toBe(winner);
    etag = `"${stored.revision}"`;
  });

  it('ending an entry keeps it in the history', async () => {
    const res = await send('POST', `/v1/listings/${id}/end`, { date: '1992-01-01' }, { 'if-match': etag });
    expect(res.json()).toMatchObject({ effectiveTo: '1992-01-01' });
    expect(
      (await check({ taxon: 'Saiga tatarica', exporter: 'KZ', importer: 'CN', purpose: 'T', source: 'W', term: 'SKI', date: '1993-06-01' })).decision,
    ).toBe('allow');
    expect(
      (await check({ taxon: 'Saiga tatarica', exporter: 'KZ', importer: 'CN', purpose: 'T', source: 'W', term: 'SKI', date: '1991-06-01' })).appendix,
    ).toBe('III');
  });

  it('a write that breaks a rule is refused with every reason and changes nothing', async () => {
    const v = await version();
    const res = await send('POST', '/v1/listings', {
      taxon: 'Panthera tigris',
      appendix: 'II',
      party: 'XX',
      effectiveFrom: '2000-01-01',
      effectiveTo: '1999-01-01',
    });
    expect(res.statusCode).toBe(400);
    const pointers = (res.json().errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['#/effectiveTo', '#/party', '#/party']);
    const overlap = await send('POST', '/v1/listings', { taxon: 'Panthera tigris', appendix: 'II', effectiveFrom: '2000-01-01' });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().errors[0].detail).toMatch(/overlaps/);
    expect(await version()).toBe(v);
  });

  it('every write is in the audit trail with who, when, before and after', async () => {
    const res = await t.app.inject({ url: `/v1/audit?entity=listing&entityId=${id}`, headers: bearer(admin) });
    const items = res.json().items as { action: string; actor: string; before: { revision: number } | null; after: { revision: number } }[];
    expect(items.map((i) => i.action)).toEqual(['update', 'update', 'update', 'create']);
    expect(items.at(-1)!.before).toBeNull();
    expect(items[0]!.before!.revision).toBe(items[0]!.after.revision - 1);
    expect(items.every((i) => i.actor.includes('Ana'))).toBe(true);
  });
});

describe('restrictions and taxa', () => {
  it('an officer sets a zero quota; trade checks deny from then on', async () => {
    const res = await send('POST', '/v1/quotas', {
      taxon: 'Amazona aestiva',
      exporter: 'AR',
      quantity: 0,
      sources: ['W'],
      purposes: ['T'],
      effectiveFrom: '2026-01-01',
    });
    expect(res.statusCode).toBe(201);
    conforms(QuotaRecord, res.json());
    expect((await check({ taxon: 'Amazona aestiva', exporter: 'AR', importer: 'DE', purpose: 'T', source: 'W' })).decision).toBe('deny');
    const list = (await t.app.inject({ url: '/v1/quotas', query: { activeOn: '2026-06-01' } })).json().items;
    expect(list.some((q: { taxon: string }) => q.taxon === 'Amazona aestiva')).toBe(true);
  });

  it('an officer adds a taxon with its classification, then renames it keeping its id', async () => {
    const created = await send('POST', '/v1/taxa', {
      name: 'Strombus gigas',
      rank: 'SPECIES',
      author: 'Linnaeus, 1758',
      higher: { kingdom: 'Animalia', phylum: 'Mollusca', class: 'Gastropoda', order: 'Littorinimorpha', family: 'Strombidae', genus: 'Strombus' },
      commonNames: [{ lang: 'en', name: 'Queen conch' }],
    });
    expect(created.statusCode).toBe(201);
    const taxon = conforms(TaxonRecord, created.json());
    const read = await t.app.inject({ url: `/v1/taxa/${taxon.id}` });
    expect(read.headers.etag).toBe(`"${taxon.revision}"`); // a permit officer reads the ETag to send back
    const renamed = await send(
      'PATCH',
      `/v1/taxa/${taxon.id}`,
      { name: 'Aliger gigas', synonyms: ['Strombus gigas'] },
      { 'if-match': read.headers.etag as string },
    );
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: taxon.id, name: 'Aliger gigas', synonyms: [{ name: 'Strombus gigas', author: null }] });
    const byOldName = await check({ taxon: 'Strombus gigas', exporter: 'BS', importer: 'US', purpose: 'T', source: 'W' });
    expect(byOldName.taxon).toMatchObject({ id: taxon.id, name: 'Aliger gigas', matchedAs: 'synonym' });
  });

  it('a taxon name that exists already is refused', async () => {
    const res = await send('POST', '/v1/taxa', { name: 'Panthera tigris', rank: 'SPECIES', parent: 'Panthera' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ pointer: '#/name' });
  });
});
