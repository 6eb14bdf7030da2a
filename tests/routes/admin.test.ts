/** Admins read the decision log by date, decision and key, newest first. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, keyFor, testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: string;
let reader: string;
beforeAll(async () => {
  t = await testApp();
  admin = await keyFor(t, 'admin');
  reader = await keyFor(t, 'reader', 'customs gateway');
  for (const payload of [
    { taxon: 'Panthera tigris', exporter: 'IN', importer: 'DE', purpose: 'T', source: 'W' },
    { taxon: 'Amazona aestiva', exporter: 'AR', importer: 'DE', purpose: 'T', source: 'W' },
  ]) {
    await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload, headers: bearer(reader) });
  }
  await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: { taxon: 'Budgerigar', exporter: 'AU', importer: 'DE', purpose: 'T', source: 'C' } });
});
afterAll(() => t.close());

const list = async (query: Record<string, string>) =>
  (await t.app.inject({ url: '/v1/decisions', query, headers: bearer(admin) })).json().items as {
    decision: string;
    apiKeyId: string | null;
    result: { taxon: { name: string } };
  }[];

describe('GET /v1/decisions', () => {
  it('lists decisions newest first with their request and full result', async () => {
    const items = await list({});
    expect(items.map((d) => d.result.taxon.name)).toEqual(['Melopsittacus undulatus', 'Amazona aestiva', 'Panthera tigris']);
  });

  it('filters by day (answered on 2026-11-01 in the test clock), decision and key', async () => {
    expect(await list({ from: '2026-11-01' })).toHaveLength(3);
    expect(await list({ to: '2026-11-01' })).toHaveLength(0);
    expect(await list({ from: '2026-11-02' })).toHaveLength(0);
    expect((await list({ decision: 'deny' })).map((d) => d.result.taxon.name)).toEqual(['Panthera tigris']);
    const keyId = (await list({}))[1]!.apiKeyId!;
    expect(await list({ apiKeyId: keyId })).toHaveLength(2);
  });
});
