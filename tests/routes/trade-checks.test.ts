import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchResult, TradeCheckResult } from '@cites-permit-check/engine/contract/trade-check';
import { conforms, testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object });
const leopardTrophy = { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', quantity: 1 };

describe('POST /v1/trade-checks', () => {
  it('answers with the documented shape, the dataset version and a decision id', async () => {
    const res = await post('/v1/trade-checks', leopardTrophy);
    expect(res.statusCode).toBe(200);
    const r = conforms(TradeCheckResult, res.json());
    expect(r.decision).toBe('needs-permit');
    expect(r.documents).toEqual([
      { type: 'import-permit', issuer: 'DE', order: 1 },
      { type: 'export-permit', issuer: 'NA', order: 2 },
    ]);
    expect(r.taxon).toMatchObject({ name: 'Panthera pardus', matchedAs: 'accepted', input: 'Panthera pardus' });
    expect(r.datasetVersion).toBe('1');
    expect(r.decisionId).toMatch(/^[0-9a-f]{32}$/);
    expect(r.date).toBe('2026-11-01');
  });

  it('stores every decision with its request for the audit trail (GET /v1/decisions/{id})', async () => {
    const r = (await post('/v1/trade-checks', { ...leopardTrophy, exporter: 'na' })).json();
    const stored = await t.app.inject(`/v1/decisions/${r.decisionId}`);
    expect(stored.statusCode).toBe(200);
    const body = stored.json();
    expect(body.result).toEqual(r);
    expect(body.request).toMatchObject({ taxon: 'Panthera pardus', exporter: 'NA' });
    expect(body.datasetVersion).toBe('1');
  });

  it('keeps shared parts once and gives back, byte for byte, the answer that was sent', async () => {
    const res = await post('/v1/trade-checks', { taxon: 'Loxodonta africana', exporter: 'BW', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO' });
    const id = res.json().decisionId as string;
    const row = t.store.sqlite.prepare('SELECT result FROM decisions WHERE id = ?').get(id) as { result: string };
    expect(row.result).toMatch(/\{"\$ref":"[0-9a-f]{16}"\}/);
    expect(row.result.length).toBeLessThan(res.body.length);
    const stored = (await t.app.inject(`/v1/decisions/${id}`)).body;
    expect(stored).toContain(`"result":${res.body}}`);
  });

  it('an unknown decision id is 404, a malformed one 400', async () => {
    expect((await t.app.inject('/v1/decisions/0123456789abcdef0123456789abcdef')).statusCode).toBe(404);
    expect((await t.app.inject('/v1/decisions/nope')).statusCode).toBe(400);
  });

  it('a name that matches nothing is 422 unknown-taxon with suggestions', async () => {
    const res = await post('/v1/trade-checks', { ...leopardTrophy, taxon: 'Panthera pardis' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().type).toMatch(/unknown-taxon$/);
    expect(res.json().suggestions[0].name).toBe('Panthera pardus');
  });
});

describe('POST /v1/trade-checks/batch', () => {
  it('answers every item in order; one bad item does not fail the others', async () => {
    const res = await post('/v1/trade-checks/batch', {
      items: [leopardTrophy, { ...leopardTrophy, purpose: 'nope' }, { ...leopardTrophy, taxon: 'Unknownia' }, { ...leopardTrophy, taxon: 'Budgerigar' }],
    });
    expect(res.statusCode).toBe(200);
    const body = conforms(BatchResult, res.json());
    expect(body.results).toHaveLength(4);
    expect(body.results[0]).toMatchObject({ decision: 'needs-permit' });
    expect(body.results[1]).toMatchObject({ status: 400, errors: [{ pointer: '#/items/1/purpose' }] });
    expect(body.results[2]).toMatchObject({ status: 422, type: '/problems/unknown-taxon' });
    expect(body.results[3]).toMatchObject({ decision: 'allow' });
    expect(body.summary).toEqual({ allow: 1, 'needs-permit': 1, deny: 0, invalid: 2 });
  });

  it('gives the same results as single checks (property)', async () => {
    const item = fc.record({
      taxon: fc.constantFrom('Panthera pardus', 'Amazona aestiva', 'Loxodonta africana', 'Odobenus rosmarus', 'Saiga tatarica', 'Budgerigar'),
      exporter: fc.constantFrom('NA', 'BW', 'KE', 'CA', 'US', 'AR', 'DE'),
      importer: fc.constantFrom('DE', 'CN', 'JP', 'US'),
      purpose: fc.constantFrom('T', 'H', 'S', 'P'),
      source: fc.constantFrom('W', 'C', 'F'),
      term: fc.constantFrom('LIV', 'TRO', 'SKI', 'TUS'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 20 }), async (items) => {
        const batch = (await post('/v1/trade-checks/batch', { items })).json().results as { decisionId?: string }[];
        for (let i = 0; i < items.length; i++) {
          const single = (await post('/v1/trade-checks', items[i])).json();
          expect({ ...batch[i], decisionId: undefined }).toEqual({ ...single, decisionId: undefined });
        }
      }),
      { numRuns: 15 },
    );
  });

  it('the same misspelled name in several items points at each item, and leaves single checks alone', async () => {
    const typo = { ...leopardTrophy, taxon: 'Panthra pardus' };
    for (let round = 0; round < 2; round++) {
      const results = (await post('/v1/trade-checks/batch', { items: [leopardTrophy, typo, typo] })).json().results;
      expect(results[1]).toMatchObject({ status: 422, errors: [{ pointer: '#/items/1/taxon' }] });
      expect(results[2]).toMatchObject({ status: 422, errors: [{ pointer: '#/items/2/taxon' }] });
    }
    const single = await post('/v1/trade-checks', typo);
    expect(single.statusCode).toBe(422);
    expect(single.json().errors).toEqual([expect.objectContaining({ pointer: '#/taxon' })]);
  });

  it('refuses more items than the configured cap, with a clear error', async () => {
    const small = await testApp({ env: { BATCH_MAX_ITEMS: '3' } });
    const res = await small.app.inject({
      method: 'POST',
      url: '/v1/trade-checks/batch',
      payload: { items: [leopardTrophy, leopardTrophy, leopardTrophy, leopardTrophy] },
    });
    await small.close();
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/at most 3 items/);
  });

  it('an empty batch is a 400', async () => {
    expect((await post('/v1/trade-checks/batch', { items: [] })).statusCode).toBe(400);
  });
});

describe('the reply text', () => {
  it('is exactly JSON.stringify of the result (the serialiser reuses cached reason texts)', async () => {
    const { tradeCheckResultJson } = await import('../../src/application/trade-check-json.js');
    const { rulesEngine } = await import('../helpers/engine.js');
    const engine = rulesEngine();
    const trades = fc.record({
      taxon: fc.constantFrom('Panthera pardus', 'Amazona aestiva', 'Loxodonta africana', 'Odobenus rosmarus', 'Budgerigar', 'Cedrela odorata'),
      exporter: fc.constantFrom('NA', 'BW', 'KE', 'CA', 'AF', 'TW', 'DE'),
      importer: fc.constantFrom('DE', 'CN', 'US'),
      origin: fc.option(fc.constantFrom('KE', 'XX'), { nil: undefined }),
      purpose: fc.constantFrom('T', 'H', 'S', 'P'),
      source: fc.constantFrom('W', 'C', 'O', 'A', 'X'),
      term: fc.option(fc.constantFrom('LIV', 'TRO', 'SAW'), { nil: undefined }),
    });
    // Documents presented: the verdicts are written by hand too (numbers are the trader's text, quotes and all).
    const presented = fc.option(
      fc.array(
        fc.record(
          {
            type: fc.constantFrom('export-permit', 'import-permit', 're-export-certificate', 'certificate-of-origin'),
            number: fc.string({ minLength: 1, maxLength: 12 }).filter((n) => n.trim().length > 0),
            issuer: fc.constantFrom('NA', 'DE', 'KE'),
            issuedOn: fc.constantFrom('2026-01-10', '2026-12-01'),
            items: fc.constant([{ taxon: 'Panthera pardus', quantity: 1 }]),
          },
          { requiredKeys: ['type', 'number', 'issuer'] },
        ),
        { maxLength: 3 },
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(trades, presented, fc.option(fc.constant('0123456789abcdef0123456789abcdef'), { nil: undefined }), (trade, docs, id) => {
        const req = docs === undefined ? trade : { ...trade, presented: docs };
        const r = engine.check(req);
        if ('status' in r) return;
        if (id !== undefined) r.decisionId = id;
        expect(tradeCheckResultJson(r)).toBe(JSON.stringify(r));
      }),
      { numRuns: 500 },
    );
  });
});
