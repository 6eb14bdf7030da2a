/** The examples Swagger UI offers must be true: each leads to the decision its summary states. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRADE_CHECK_EXAMPLES } from '../../src/plugins/openapi-examples.js';
import { testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ data: 'seed' });
});
afterAll(() => t.close());

describe('Swagger UI trade-check examples, on the built-in seed', () => {
  it('are published in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/docs/json')).json();
    const examples = doc.paths['/v1/trade-checks'].post.requestBody.content['application/json'].examples;
    expect(Object.keys(examples)).toEqual(Object.keys(TRADE_CHECK_EXAMPLES));
    expect(Object.keys(examples).length).toBeGreaterThanOrEqual(6);
  });

  for (const [name, example] of Object.entries(TRADE_CHECK_EXAMPLES)) {
    it(`${name}: ${example.summary}`, async () => {
      const res = await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: example.value as object });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.decision).toBe(example.expect!.decision);
      if (example.expect!.documents) {
        expect(body.documents.map((d: { type: string; issuer: string }) => `${d.type}@${d.issuer}`).sort()).toEqual([...example.expect!.documents].sort());
      }
    });
  }
});

describe('every operation has an example', () => {
  it('each request body has named examples (file uploads excepted) and each required parameter an example', async () => {
    const doc = (await t.app.inject('/docs/json')).json();
    const missing: string[] = [];
    for (const [path, ops] of Object.entries<
      Record<
        string,
        {
          parameters?: { name: string; in: string; required?: boolean; example?: unknown; schema?: Record<string, unknown> }[];
          requestBody?: { content: Record<string, { examples?: unknown; schema?: { format?: string } }> };
        }
      >
    >(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) {
          // If-Match has no example on purpose: the ETag comes from reading the record.
          if (!p.required || p.in === 'header') continue;
          if (p.example === undefined && p.schema?.enum === undefined) missing.push(`${method} ${path} ${p.in} ${p.name}`);
        }
        for (const [type, content] of Object.entries(op.requestBody?.content ?? {})) {
          if (content.schema?.format === 'binary') continue; // a file chosen in the browser
          if (content.examples === undefined) missing.push(`${method} ${path} body ${type}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('optional parameters carry no example or default: Swagger UI leaves their fields empty', async () => {
    const doc = (await t.app.inject('/docs/json')).json();
    const prefilled: string[] = [];
    for (const [path, ops] of Object.entries<
      Record<string, { parameters?: { name: string; required?: boolean; example?: unknown; examples?: unknown; schema?: unknown }[] }>
    >(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) {
          if (p.required) continue;
          if (p.example !== undefined || p.examples !== undefined || /"(default|example|examples)":/.test(JSON.stringify(p.schema ?? {})))
            prefilled.push(`${method} ${path} ?${p.name}`);
        }
      }
    }
    expect(prefilled).toEqual([]);
    // What used to be pre-filled is now said in words.
    const taxa = doc.paths['/v1/taxa'].get.parameters as { name: string; description?: string }[];
    expect(taxa.find((p) => p.name === 'q')?.description).toContain('elephant');
    expect(taxa.find((p) => p.name === 'pageSize')?.description).toContain('Default: `20`');
  });

  it('the seed ids in the examples name what they say', async () => {
    const { SEED_IDS } = await import('../../src/plugins/openapi-examples.js');
    const name = async (id: string) => (await t.app.inject(`/v1/taxa/${id}`)).json().name;
    expect(await name(SEED_IDS.elephant)).toBe('Loxodonta africana');
    expect(await name(SEED_IDS.greyParrot)).toBe('Psittacus erithacus');
    expect(await name(SEED_IDS.leopard)).toBe('Panthera pardus');
    expect(await name(SEED_IDS.emperorScorpion)).toBe('Pandinus imperator');
    expect((await t.app.inject(`/v1/listings/${SEED_IDS.elephantAppendixI}`)).json()).toMatchObject({
      taxon: 'Loxodonta africana',
      appendix: 'I',
      effectiveTo: null,
    });
    expect((await t.app.inject(`/v1/reservations/${SEED_IDS.greyParrotReservationAE}`)).json()).toMatchObject({ taxon: 'Psittacus erithacus', party: 'AE' });
    expect((await t.app.inject(`/v1/quotas/${SEED_IDS.leopardQuotaNA}`)).json()).toMatchObject({ taxon: 'Panthera pardus', exporter: 'NA' });
    expect((await t.app.inject(`/v1/suspensions/${SEED_IDS.suspensionAF}`)).json()).toMatchObject({ country: 'AF', taxon: null });
  });
});
