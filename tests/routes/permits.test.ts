/**
 * The permit register (issue #19): officers register documents, customs read and endorse
 * them; a document covers one consignment (Art. VI(5)), so it is endorsed once, even when
 * two border posts try at the same moment; traders' names are personal data.
 */
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, keyFor, testApp, type TestApp } from '../helpers/app.js';

const PERMIT = {
  type: 'export-permit',
  number: 'NA 2026/0412',
  issuer: 'NA',
  issuedOn: '2026-10-20',
  validUntil: '2027-04-19',
  exporter: 'NA',
  importer: 'DE',
  purpose: 'H',
  items: [{ taxon: 'Panthera pardus', term: 'TRO', quantity: 1, source: 'W', appendix: 'I' }],
  exporterParty: { name: 'Otjimbondona Hunting Safaris', address: 'Windhoek' },
  importerParty: { name: 'K. Weber', address: 'Hamburg' },
};
const AT_EXPORT = { date: '2026-11-02', port: 'Hosea Kutako International Airport', quantity: 1 };

let t: TestApp;
let other: TestApp | undefined;
const files: string[] = [];
afterEach(async () => {
  await other?.close();
  other = undefined;
  await t?.close();
  for (const f of files.splice(0)) rmSync(f, { force: true });
});

async function register(app: TestApp, body: object = PERMIT) {
  return app.app.inject({ method: 'POST', url: '/v1/permits', headers: bearer(await keyFor(app, 'officer')), payload: body });
}

describe('registering documents', () => {
  it('an officer registers a permit; customs read it with its traders; a reader key may not', async () => {
    t = await testApp({ data: 'seed' });
    const created = await register(t);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: expect.any(String), status: 'issued', registeredAs: 'issued', usedOn: null, revision: 1 });
    expect(created.headers.etag).toBe('"1"');
    const id = created.json().id;
    const customs = await t.app.inject({ url: `/v1/permits/${id}`, headers: bearer(await keyFor(t, 'customs')) });
    expect(customs.json()).toMatchObject({ number: 'NA 2026/0412', importerParty: { name: 'K. Weber' } });
    expect((await t.app.inject({ url: `/v1/permits/${id}`, headers: bearer(await keyFor(t, 'reader')) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/v1/permits/${id}` })).statusCode).toBe(401);
    const found = await t.app.inject({ url: '/v1/permits?number=na2026/0412', headers: bearer(await keyFor(t, 'customs')) });
    expect(found.json().items.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it('the same issuer, type and number cannot be registered twice, whatever the case and spacing (409)', async () => {
    t = await testApp({ data: 'seed' });
    expect((await register(t)).statusCode).toBe(201);
    const again = await register(t, { ...PERMIT, number: 'na2026/0412' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: '/problems/already-registered' });
  });

  it("with AUTHORITY_COUNTRY set, another Party's document is registered as received, not issued", async () => {
    t = await testApp({ data: 'seed', env: { AUTHORITY_COUNTRY: 'DE' } });
    const wrong = await register(t);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ pointer: '#/registeredAs' });
    expect((await register(t, { ...PERMIT, registeredAs: 'received' })).statusCode).toBe(201);
  });
});

describe('endorsement at the border (Art. VI(5): one document, one consignment)', () => {
  it('endorses once; a second endorsement is refused with 409 and the audit trail has both steps', async () => {
    t = await testApp({ data: 'seed' });
    const id = (await register(t)).json().id;
    const customs = bearer(await keyFor(t, 'customs'));
    const first = await t.app.inject({ method: 'POST', url: `/v1/permits/${id}/endorsements`, headers: customs, payload: AT_EXPORT });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'used', usedOn: '2026-11-02', endorsements: [{ port: AT_EXPORT.port, quantity: 1 }] });
    const second = await t.app.inject({
      method: 'POST',
      url: `/v1/permits/${id}/endorsements`,
      headers: customs,
      payload: { ...AT_EXPORT, date: '2026-11-03' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ type: '/problems/document-unusable', detail: expect.stringContaining('Art. VI(5)') });
    const audit = (await t.app.inject({ url: `/v1/audit?entity=permit&entityId=${id}`, headers: bearer(await keyFor(t, 'admin')) })).json().items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'endorse']);
  });

  it('two border posts endorsing the same permit at once: exactly one wins (real sockets, two servers on one database)', async () => {
    const file = join(tmpdir(), `permits-${process.pid}-${Date.now()}.db`);
    files.push(file, `${file}-wal`, `${file}-shm`);
    t = await testApp({ data: 'seed', file });
    other = await testApp({ data: 'empty', file });
    const id = (await register(t)).json().id;
    const urls: string[] = [];
    for (const app of [t, other]) {
      await app.app.listen({ port: 0, host: '127.0.0.1' });
      urls.push(`http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`);
    }
    const key = await keyFor(t, 'customs');
    const attempts = Array.from({ length: 10 }, (_, i) =>
      fetch(`${urls[i % 2]}/v1/permits/${id}/endorsements`, {
        method: 'POST',
        headers: { ...bearer(key), 'content-type': 'application/json' },
        body: JSON.stringify({ ...AT_EXPORT, port: `post ${i}` }),
      }).then((r) => r.status),
    );
    const statuses = await Promise.all(attempts);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    expect((await t.store.permit(id))?.endorsements).toHaveLength(1);
  });

  it('a cancelled permit cannot be endorsed; cancelling needs If-Match', async () => {
    t = await testApp({ data: 'seed' });
    const created = await register(t);
    const id = created.json().id;
    const officer = bearer(await keyFor(t, 'officer'));
    expect((await t.app.inject({ method: 'POST', url: `/v1/permits/${id}/status`, headers: officer, payload: { status: 'cancelled' } })).statusCode).toBe(428);
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/v1/permits/${id}/status`,
      headers: { ...officer, 'if-match': created.headers.etag as string },
      payload: { status: 'cancelled', reason: 'hunt did not take place' },
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', revision: 2 });
    const endorse = await t.app.inject({
      method: 'POST',
      url: `/v1/permits/${id}/endorsements`,
      headers: bearer(await keyFor(t, 'customs')),
      payload: AT_EXPORT,
    });
    expect(endorse.statusCode).toBe(409);
    expect(endorse.json().detail).toContain('cancelled');
  });

  it('a replaced document names its replacement, and only a replaced one does', async () => {
    t = await testApp({ data: 'seed' });
    const created = await register(t);
    const officer = { ...bearer(await keyFor(t, 'officer')), 'if-match': created.headers.etag as string };
    const url = `/v1/permits/${created.json().id}/status`;
    expect((await t.app.inject({ method: 'POST', url, headers: officer, payload: { status: 'replaced' } })).statusCode).toBe(400);
    const replaced = await t.app.inject({ method: 'POST', url, headers: officer, payload: { status: 'replaced', replacedBy: 'NA 2026/0413' } });
    expect(replaced.json()).toMatchObject({ status: 'replaced', replacedBy: 'NA 2026/0413' });
  });

  it('a travelling-exhibition certificate is used at every border within its validity (Res. Conf. 12.3)', async () => {
    t = await testApp({ data: 'seed' });
    const id = (await register(t, { ...PERMIT, type: 'travelling-exhibition-certificate', number: 'DE-TEC-77' })).json().id;
    const customs = bearer(await keyFor(t, 'customs'));
    for (const date of ['2026-11-02', '2026-12-01']) {
      const res = await t.app.inject({ method: 'POST', url: `/v1/permits/${id}/endorsements`, headers: customs, payload: { ...AT_EXPORT, date } });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('issued');
    }
  });
});

describe('a trade check verifies the documents presented against the register (issue #19, item 2)', () => {
  const IMPORT_PERMIT = {
    ...PERMIT,
    type: 'import-permit',
    number: 'DE-E-2026-1187',
    issuer: 'DE',
    issuedOn: '2026-10-01',
    validUntil: '2027-09-30',
    registeredAs: 'received',
  };
  const check = (app: TestApp, presented: object[]) =>
    app.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', quantity: 1, date: '2026-11-01', presented },
    });
  const presented = [
    { type: 'import-permit', number: 'DE-E-2026-1187', issuer: 'DE' },
    { type: 'export-permit', number: 'na 2026/0412', issuer: 'NA' },
  ];

  it('clears a leopard trophy with the import permit granted first and the export permit, both registered (Art. III(2)-(3))', async () => {
    t = await testApp({ data: 'seed' });
    expect((await register(t, IMPORT_PERMIT)).statusCode).toBe(201);
    const exportPermit = (await register(t)).json();
    const res = await check(t, presented);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.documentChecks.map((d: { verdict: string; inRegister: boolean }) => [d.verdict, d.inRegister])).toEqual([
      ['valid', true],
      ['valid', true],
    ]);
    expect(body.decision).toBe('allow');
    // The stored decision keeps the verdicts (the audit trail of what was presented).
    const stored = (await t.app.inject(`/v1/decisions/${body.decisionId}`)).json();
    expect(stored.result.documentChecks).toEqual(body.documentChecks);

    // Once customs endorse the export permit it has covered its consignment: not again (Art. VI(5)).
    await t.app.inject({ method: 'POST', url: `/v1/permits/${exportPermit.id}/endorsements`, headers: bearer(await keyFor(t, 'customs')), payload: AT_EXPORT });
    const again = (await check(t, presented)).json();
    expect(again.decision).toBe('needs-permit');
    expect(again.documentChecks[1]).toMatchObject({ verdict: 'invalid', inRegister: true });
    expect(JSON.stringify(again.documentChecks[1].reasons)).toContain('VI(5)');
  });

  // The register's records are reused between checks (src/store/sqlite/permits.ts): a change must still be seen by the very next check.
  it('a permit cancelled after a check is refused by the next check (the register read is never stale)', async () => {
    t = await testApp({ data: 'seed' });
    await register(t, IMPORT_PERMIT);
    const created = await register(t);
    expect((await check(t, presented)).json().decision).toBe('allow');
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/v1/permits/${created.json().id}/status`,
      headers: { ...bearer(await keyFor(t, 'officer')), 'if-match': created.headers.etag as string },
      payload: { status: 'cancelled' },
    });
    expect(cancelled.statusCode).toBe(200);
    const after = (await check(t, presented)).json();
    expect(after.decision).toBe('needs-permit');
    expect(after.documentChecks[1].reasons.map((r: { code: string }) => r.code)).toContain('DOCUMENT_CANCELLED');
  });

  it('a permit marked used by a write outside the register code (no new revision) is still seen by the next check', async () => {
    t = await testApp({ data: 'seed' });
    await register(t, IMPORT_PERMIT);
    const id = (await register(t)).json().id;
    expect((await check(t, presented)).json().decision).toBe('allow');
    t.store.sqlite.prepare("UPDATE permits SET status = 'used', used_on = '2026-10-30' WHERE id = ?").run(Number(id));
    const after = (await check(t, presented)).json();
    expect(after.decision).toBe('needs-permit');
    expect(after.documentChecks[1].reasons.map((r: { code: string }) => r.code)).toContain('DOCUMENT_ALREADY_USED');
  });

  it('a permit endorsed through another server on the same database is seen as used by the next check here', async () => {
    const file = join(tmpdir(), `permits-cache-${process.pid}-${Date.now()}.db`);
    files.push(file, `${file}-wal`, `${file}-shm`);
    t = await testApp({ data: 'seed', file });
    other = await testApp({ data: 'empty', file });
    await register(t, IMPORT_PERMIT);
    const id = (await register(t)).json().id;
    expect((await check(t, presented)).json().decision).toBe('allow');
    const endorsed = await other.app.inject({
      method: 'POST',
      url: `/v1/permits/${id}/endorsements`,
      headers: bearer(await keyFor(other, 'customs')),
      payload: AT_EXPORT,
    });
    expect(endorsed.statusCode).toBe(200);
    const after = (await check(t, presented)).json();
    expect(after.decision).toBe('needs-permit');
    expect(after.documentChecks[1]).toMatchObject({ verdict: 'invalid', inRegister: true });
    expect(after.documentChecks[1].reasons.map((r: { code: string }) => r.code)).toContain('DOCUMENT_ALREADY_USED');
  });

  it('a permit the register does not hold is unverified and never clears the trade', async () => {
    t = await testApp({ data: 'seed' });
    const body = (await check(t, presented)).json();
    expect(body.decision).toBe('needs-permit');
    expect(body.reviewRequired).toBe(true);
    expect(body.documentChecks.map((d: { verdict: string }) => d.verdict)).toEqual(['unverified', 'unverified']);
  });
});

describe('endorsed exports count against the exporting Party’s quota (issue #19 item 4; Art. IV(3), Res. Conf. 14.7)', () => {
  // A national quota of 3 leopard trophies for 2026, constructed for this test (the seed also
  // holds the Res. Conf. 10.14 quota of 250: both apply, the smaller decides).
  const QUOTA = { taxon: 'Panthera pardus', exporter: 'NA', quantity: 3, terms: ['TRO'], effectiveFrom: '2026-01-01', effectiveTo: '2027-01-01' };
  const trophies = (quantity: number) => ({
    taxon: 'Panthera pardus',
    exporter: 'NA',
    importer: 'DE',
    purpose: 'H',
    source: 'W',
    term: 'TRO',
    quantity,
    date: '2026-11-05',
  });
  const check = async (quantity: number) => (await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: trophies(quantity) })).json();
  const small = (r: { quotas: { quantity: number; used: number; remaining: number }[] }) => r.quotas.find((q) => q.quantity === 3);
  const endorse = async (id: string, quantity: number) =>
    t.app.inject({ method: 'POST', url: `/v1/permits/${id}/endorsements`, headers: bearer(await keyFor(t, 'customs')), payload: { ...AT_EXPORT, quantity } });

  it('draws down across shipments: each endorsed export counts, a check shows what is left, an export beyond it is denied', async () => {
    t = await testApp({ data: 'seed' });
    const officer = bearer(await keyFor(t, 'officer'));
    expect((await t.app.inject({ method: 'POST', url: '/v1/quotas', headers: officer, payload: QUOTA })).statusCode).toBe(201);
    expect(small(await check(1))).toMatchObject({ used: 0, remaining: 3 });

    // Two trophies leave on the first permit: its endorsement draws them from the quota.
    const first = (await register(t, { ...PERMIT, number: 'NA 2026/0501', items: [{ ...PERMIT.items[0], quantity: 2 }] })).json();
    expect((await endorse(first.id, 2)).statusCode).toBe(200);
    expect(small(await check(1))).toMatchObject({ used: 2, remaining: 1 });
    const over = await check(2);
    expect(over.decision).toBe('deny');
    expect(over.reasons[0]).toMatchObject({ code: 'QUOTA_EXHAUSTED', article: 'Art. IV(3); Res. Conf. 14.7' });
    expect(over.reasons[0].message).toContain('2 already exported, 1 left');

    // A shipment cannot split the overrun into lines: its second trophy is one too many.
    const batch = await t.app.inject({ method: 'POST', url: '/v1/trade-checks/batch', payload: { items: [trophies(1), trophies(1)] } });
    expect(batch.json().results.map((r: { decision: string }) => r.decision)).toEqual(['needs-permit', 'deny']);

    // The second permit's endorsement uses the last one: nothing is left for 2026.
    const second = (await register(t, { ...PERMIT, number: 'NA 2026/0502' })).json();
    expect((await endorse(second.id, 1)).statusCode).toBe(200);
    expect((await check(1)).decision).toBe('deny');
    // The audit trail records what each endorsement drew (here on both quotas); an import permit draws nothing.
    const drawn = async (id: string) =>
      (await t.app.inject({ url: `/v1/audit?entity=permit&entityId=${id}`, headers: bearer(await keyFor(t, 'admin')) }))
        .json()
        .items.find((a: { action: string }) => a.action === 'endorse').after.quotaDraws;
    expect(await drawn(second.id)).toHaveLength(2);
    const importPermit = (await register(t, { ...PERMIT, type: 'import-permit', number: 'DE-E-2026-2001', issuer: 'DE', registeredAs: 'received' })).json();
    expect((await endorse(importPermit.id, 1)).statusCode).toBe(200);
    expect(await drawn(importPermit.id)).toBeUndefined();
    expect(small(await check(1))).toMatchObject({ used: 3, remaining: 0 });
  });
});

describe('loading documents received from other Parties (issue #19 item 1: JSON or CSV, all or nothing)', () => {
  const HEADER =
    'type,number,issuer,issuedOn,validUntil,exporter,importer,purpose,exporterName,importerName,taxon,term,quantity,unit,source,appendix,origin,originPermit,originPermitIssuer,originPermitDate';
  // Real kinds of trade: Cape aloe extract from South Africa (two lines, one document) and
  // alligator leather watch straps re-exported from Switzerland on a US export permit.
  const CSV = [
    HEADER,
    'export-permit,ZA 2026/118734,ZA,2026-10-12,2027-04-11,ZA,DE,T,Cape Aloe Exports,Pharma GmbH,Aloe ferox,EXT,250,KIL,A,II,,,,',
    'export-permit,ZA 2026/118734,ZA,2026-10-12,2027-04-11,ZA,DE,T,Cape Aloe Exports,Pharma GmbH,Aloe ferox,DER,20,KIL,W,II,,,,',
    're-export-certificate,CH 2026/5521,CH,2026-10-20,2027-04-19,CH,DE,T,Uhren AG,Watch Co,Alligator mississippiensis,LPS,40,,C,II,US,US 2026/00871,US,2026-03-02',
  ].join('\n');
  const load = async (app: TestApp, body: string | object, role: 'officer' | 'reader' = 'officer') =>
    app.app.inject({
      method: 'POST',
      url: '/v1/permits/imports',
      headers: { ...bearer(await keyFor(app, role)), 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const held = async (app: TestApp) => (await app.app.inject({ url: '/v1/permits', headers: bearer(await keyFor(app, 'customs')) })).json().items;

  it('a CSV file registers each document once, as received, with all its lines; loading it again changes nothing', async () => {
    t = await testApp({ data: 'seed', env: { AUTHORITY_COUNTRY: 'DE' } });
    const res = await load(t, CSV);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ registered: 2, alreadyRegistered: 0 });
    const items = await held(t);
    expect(items.map((p: { number: string; registeredAs: string; items: unknown[] }) => [p.number, p.registeredAs, p.items.length])).toEqual([
      ['ZA 2026/118734', 'received', 2],
      ['CH 2026/5521', 'received', 1],
    ]);
    expect(items[1].items[0].originDocument).toEqual({ number: 'US 2026/00871', issuer: 'US', issuedOn: '2026-03-02' });
    expect(items[0].exporterParty).toEqual({ name: 'Cape Aloe Exports' });
    expect((await load(t, CSV)).json()).toMatchObject({ registered: 0, alreadyRegistered: 2 });
    expect(await held(t)).toHaveLength(2);

    // A loaded document is verified at the border like one registered by hand.
    const check = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: {
        taxon: 'Aloe ferox',
        exporter: 'ZA',
        importer: 'DE',
        purpose: 'T',
        source: 'A',
        term: 'EXT',
        quantity: 250,
        unit: 'KIL',
        date: '2026-11-01',
        presented: [{ type: 'export-permit', number: 'ZA 2026/118734', issuer: 'ZA' }],
      },
    });
    expect(check.json().documentChecks[0]).toMatchObject({ inRegister: true });
  });

  it('one bad line rejects the whole file, naming the line and the column; nothing is registered', async () => {
    t = await testApp({ data: 'seed' });
    const bad = [CSV, 'export-permit,MG 2026/77,MG,2026-10-01,2027-03-31,MG,FR,T,,,Pachypodium lamerei,LIV,ten,,Q,II,,,,'].join('\n');
    const res = await load(t, bad);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const details = res.json().errors.map((e: { detail: string }) => e.detail);
    expect(details.some((d: string) => d.startsWith('line 5, column quantity'))).toBe(true);
    expect(details.some((d: string) => d.startsWith('line 5, column source'))).toBe(true);
    expect(await held(t)).toHaveLength(0);
    // Boxes of one document that disagree between its lines are an error too.
    const split = [HEADER, CSV.split('\n')[1], CSV.split('\n')[2]!.replace('Pharma GmbH', 'Other GmbH')].join('\n');
    expect((await load(t, split)).json().errors[0].detail).toMatch(/^line 3, column importerName: differs from line 2/);
    expect((await load(t, 'number,issuer\n1,ZA')).json().errors[0].detail).toContain('missing column(s) type, issuedOn, taxon');
  });

  it('takes a JSON list too; a reader key may not load documents', async () => {
    t = await testApp({ data: 'seed' });
    const { exporterParty, importerParty, ...boxes } = PERMIT;
    expect((await load(t, { permits: [boxes] }, 'reader')).statusCode).toBe(403);
    const res = await load(t, { permits: [boxes, { ...boxes, number: 'NA 2026/0413' }] });
    expect(res.json()).toMatchObject({ registered: 2, documents: [{ outcome: 'registered' }, { outcome: 'registered' }] });
    expect((await held(t)).map((p: { registeredAs: string }) => p.registeredAs)).toEqual(['received', 'received']);
    const invalid = await load(t, { permits: [{ ...boxes, issuedOn: '2026-13-01' }] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors[0].pointer).toBe('#/permits/0/issuedOn');
  });
});
