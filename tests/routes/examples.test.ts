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
