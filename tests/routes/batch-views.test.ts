/**
 * Issue #17: a shipment in the compact view and streamed as NDJSON. The whole result of every
 * item stays available from GET /v1/decisions/{id}; every decision is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchSummaryResult } from '@cites-permit-check/engine/contract/trade-check';
import { conforms, testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const leopard = { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO' };
const items = [leopard, { ...leopard, purpose: 'T' }, { ...leopard, purpose: 'nope' }];

describe('POST /v1/trade-checks/batch?view=summary', () => {
  it('answers each item with its decision, documents, Appendix, review flag and decision id; the whole result is stored', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/trade-checks/batch?view=summary', payload: { items } });
    expect(res.statusCode).toBe(200);
    const body = conforms(BatchSummaryResult, res.json());
    expect(body.summary).toEqual({ allow: 0, 'needs-permit': 1, deny: 1, invalid: 1 });
    const [first, second, third] = body.results as unknown as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    expect(Object.keys(first).sort()).toEqual(['appendix', 'decision', 'decisionId', 'documents', 'reviewRequired']);
    expect(first).toMatchObject({ decision: 'needs-permit', appendix: 'I' });
    expect(second).toMatchObject({ decision: 'deny', documents: [] });
    expect(third).toMatchObject({ status: 400, errors: [expect.objectContaining({ pointer: '#/items/2/purpose' })] });
    const stored = (await t.app.inject({ url: `/v1/decisions/${first.decisionId}` })).json();
    expect(stored.result.reasons.map((r: { code: string }) => r.code)).toEqual(['APP_I_EXPORT', 'APP_I_IMPORT']);
  });
});

describe('Accept: application/x-ndjson', () => {
  it('streams one line per item, then the counts; each decision id is stored', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks/batch?view=summary',
      headers: { accept: 'application/x-ndjson' },
      payload: { items },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toEqual({ summary: { allow: 0, 'needs-permit': 1, deny: 1, invalid: 1 } });
    for (const line of lines.slice(0, 2)) expect((await t.app.inject({ url: `/v1/decisions/${line.decisionId}` })).statusCode).toBe(200);
  });

  it('the full view streams whole results', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks/batch',
      headers: { accept: 'application/x-ndjson' },
      payload: { items: [leopard] },
    });
    const [result] = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(result.reasons.map((r: { code: string }) => r.code)).toEqual(['APP_I_EXPORT', 'APP_I_IMPORT']);
  });
});
