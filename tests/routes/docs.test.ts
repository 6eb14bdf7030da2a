/**
 * Issue #16: the OpenAPI document and Swagger UI serve permit officers — conditional writes
 * declare If-Match, reads declare their ETag, imports take CSV and gzip files, every answer is
 * described with a realistic example, each schema appears once, and /docs is compressed and
 * cacheable. (The browser itself: tests/e2e/officer-day.test.ts.)
 */
import { BULK_SAMPLE } from '../sync/helpers.js';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPERATION_EXAMPLES,
  RESPONSE_EXAMPLES,
  SEED_IDS,
  TRADE_CHECK_ANSWERS,
  TRADE_CHECK_EXAMPLES,
  BATCH_EXAMPLES,
  IMPORT_CSV_EXAMPLE,
} from '../../src/plugins/openapi-examples.js';
import { bearer, keyFor, testApp, type TestApp } from '../helpers/app.js';

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: unknown };
type Response = {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown; example?: unknown; examples?: Record<string, { value: unknown }> }>;
};
type Operation = {
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, Response>;
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> }; info: { description: string } };

let t: TestApp;
let doc: Doc;
let admin: string;
beforeAll(async () => {
  t = await testApp({ data: 'seed' });
  admin = await keyFor(t, 'admin', 'permit office');
  doc = (await t.app.inject('/docs/json')).json();
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method} ${path}`, method, path, op })));

describe('conditional writes in the OpenAPI document', () => {
  const conditional =
    /^(patch \/v1\/(taxa|listings|reservations|quotas|suspensions)\/\{id\}|post \/v1\/(listings|reservations|quotas|suspensions)\/\{id\}\/end)$/;

  it('every PATCH and /end declares a required If-Match header', () => {
    const found = operations().filter((o) => conditional.test(o.key));
    expect(found.length).toBe(9); // taxa, listings, reservations, quotas, suspensions
    for (const { key, op } of found) {
      const ifMatch = op.parameters?.find((p) => p.in === 'header' && p.name === 'If-Match');
      expect(ifMatch, key).toMatchObject({ required: true, schema: { type: 'string' } });
      expect(ifMatch!.description).toMatch(/ETag/);
      expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(['200', '412', '428']));
    }
  });

  it('the reads that give an ETag, and the writes, declare the ETag response header', () => {
    const reads = ['get /v1/taxa/{id}', 'get /v1/listings/{id}', 'get /v1/reservations/{id}', 'get /v1/quotas/{id}', 'get /v1/suspensions/{id}'];
    for (const key of reads) {
      const op = operations().find((o) => o.key === key)!.op;
      expect(op.responses['200']!.headers, key).toHaveProperty('ETag');
    }
    for (const { key, op } of operations().filter((o) => conditional.test(o.key))) expect(op.responses['200']!.headers, key).toHaveProperty('ETag');
  });

  it('still answers 428 without If-Match (not 400) and 412 when stale', async () => {
    const url = `/v1/listings/${SEED_IDS.elephantAppendixI}`;
    const headers = bearer(admin);
    const missing = await t.app.inject({ method: 'PATCH', url, headers, payload: { annotation: { en: 'x' } } });
    expect(missing.statusCode).toBe(428);
    const { etag } = (await t.app.inject({ url, headers })).headers;
    const stale = await t.app.inject({ method: 'POST', url: `${url}/end`, headers: { ...headers, 'if-match': '"999"' }, payload: { date: '2030-01-01' } });
    expect(stale.statusCode).toBe(412);
    expect((await t.app.inject({ url, headers })).headers.etag).toBe(etag);
  });
});

describe('imports', () => {
  it('POST /v1/imports takes a bundle as JSON, or a CSV file plain or gzip-compressed', () => {
    const body = doc.paths['/v1/imports']!.post!.requestBody!.content;
    expect(Object.keys(body)).toEqual(['application/json', 'text/csv', 'application/gzip']);
    expect(body['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Bundle' });
    expect(body['text/csv']!.schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(body['application/gzip']!.schema).toMatchObject({ type: 'string', format: 'binary' });
  });

  it('the three media types are accepted as declared', async () => {
    const headers = bearer(admin);
    const csv = IMPORT_CSV_EXAMPLE.value;
    for (const [type, payload] of [
      ['text/csv', csv],
      ['application/gzip', gzipSync(Buffer.from(csv))],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/imports?kind=parties', headers: { ...headers, 'content-type': type }, payload });
      expect(res.statusCode, type).toBe(200);
      expect(res.json().kind).toBe('parties');
    }
    const bundle = OPERATION_EXAMPLES['post /v1/imports']!.body!.bundle!.value as object;
    expect((await t.app.inject({ method: 'POST', url: '/v1/imports', headers, payload: bundle })).statusCode).toBe(200);
  });
});

describe('responses', () => {
  it('every response has a real description; no "Default Response"', () => {
    expect(JSON.stringify(doc)).not.toContain('Default Response');
    for (const { key, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) expect(response.description.length, `${key} ${status}`).toBeGreaterThan(10);
    }
  });

  it('every operation lists 401, 429 and 503, and 403 where a role is needed; errors are problem+json with an example', () => {
    const roles = /^(post|patch|delete) |^get \/v1\/(api-keys|decisions|audit)$/;
    for (const { key, op } of operations()) {
      const statuses = Object.keys(op.responses);
      expect(statuses, key).toEqual(expect.arrayContaining(['401', '429', '503']));
      if (roles.test(key) && key !== 'post /v1/trade-checks' && key !== 'post /v1/trade-checks/batch') expect(statuses, key).toContain('403');
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400 || key === 'get /ready') continue;
        expect(Object.keys(response.content ?? {}), `${key} ${status}`).toEqual(['application/problem+json']);
        const example = response.content!['application/problem+json']!.example as { status: number; type: string };
        expect(example.status, `${key} ${status}`).toBe(Number(status));
        expect(example.type).toMatch(/^\/problems\//);
      }
      if (op.responses['429']) expect(op.responses['429'].headers).toHaveProperty('Retry-After');
    }
  });

  it('every success answer has an example; none shows ±(2^53 − 1), and no allow carries documents', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain('9007199254740991');
    for (const { key, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        const media = response.content?.['application/json'];
        if (Number(status) >= 300 || media === undefined) continue;
        expect(media.example ?? media.examples, `${key} ${status}`).toBeDefined();
      }
    }
    const results = JSON.stringify(RESPONSE_EXAMPLES).match(/"decision":"allow","documents":\[[^\]]/g);
    expect(results).toBeNull();
  });

  it('each schema appears once, under one name', () => {
    const names = Object.keys(doc.components.schemas);
    expect(names.filter((n) => n.endsWith('Input'))).toEqual([]);
    for (const ref of JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? []) expect(names).toContain(ref.split('/').pop());
    // and every schema listed is used
    const used = new Set((JSON.stringify(doc.paths).match(/#\/components\/schemas\/\w+/g) ?? []).map((r) => r.split('/').pop()));
    for (let grew = true; grew; ) {
      grew = false;
      for (const n of [...used])
        for (const r of JSON.stringify(doc.components.schemas[n!]).match(/#\/components\/schemas\/\w+/g) ?? [])
          if (!used.has(r.split('/').pop())) {
            used.add(r.split('/').pop());
            grew = true;
          }
    }
    expect(names.filter((n) => !used.has(n))).toEqual([]);
  });

  it('no description refers to documents outside the published ones', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/contract(\.md)? ?§|cites-rules|R\d+–R\d+ of/);
    expect(text).toContain('docs/decision-codes.md');
  });
});

/** Where `example` has keys, types or items the real answer `actual` lacks (null matches any type). */
function shapeDiff(example: unknown, actual: unknown, path = '$'): string[] {
  if (example === null || actual === null) return [];
  if (Array.isArray(actual)) {
    if (!Array.isArray(example)) return [`${path}: not an array`];
    if (actual.length === 0) return [];
    return example.flatMap((e, i) => shapeDiff(e, actual[Math.min(i, actual.length - 1)], `${path}[${i}]`));
  }
  if (typeof actual === 'object') {
    if (typeof example !== 'object' || Array.isArray(example)) return [`${path}: not an object`];
    const a = actual as Record<string, unknown>;
    const e = example as Record<string, unknown>;
    // Maps keyed by data (counts by record kind, retired codes): compare the entries both have.
    const keyedByData = /\.(created|updated|ended|unchanged|stats|terms|units)$/.test(path) && !Array.isArray(a);
    const keys = keyedByData ? Object.keys(e).filter((k) => k in a) : new Set([...Object.keys(a), ...Object.keys(e)]);
    return [...keys].flatMap((k) =>
      !(k in e) ? [`${path}.${k}: missing from the example`] : !(k in a) ? [`${path}.${k}: not in the answer`] : shapeDiff(e[k], a[k], `${path}.${k}`),
    );
  }
  return typeof example === typeof actual ? [] : [`${path}: ${typeof example}, answer ${typeof actual}`];
}

describe('the response examples are what the service answers', () => {
  it('the trade-check answers are the decisions of the request examples', async () => {
    for (const [name, answer] of Object.entries(TRADE_CHECK_ANSWERS)) {
      const res = (await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: TRADE_CHECK_EXAMPLES[answer.request]!.value as object })).json();
      const pick = (r: typeof answer.value) => ({
        decision: r.decision,
        documents: r.documents,
        appendix: r.appendix,
        taxon: r.taxon,
        movement: r.movement,
        reasons: r.reasons,
        listing: r.listing,
      });
      expect(pick(answer.value), name).toEqual(pick(res));
      expect(shapeDiff(answer.value, res), name).toEqual([]);
    }
  });

  it('every success example has the shape of the real answer', async () => {
    const headers = bearer(admin);
    const decision = (
      await t.app.inject({ method: 'POST', url: '/v1/trade-checks', headers, payload: TRADE_CHECK_EXAMPLES.appendixIIExport!.value as object })
    ).json().decisionId;
    const spare = (await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers, payload: { name: 'spare', role: 'reader' } })).json().id;
    const query: Record<string, string> = {
      'get /v1/taxa': '?q=elephant',
      'get /v1/taxa/{id}': '?origin=BW&term=TRO',
      'get /v1/audit': '?entity=listing',
      'get /v1/reservations': `?taxonId=${SEED_IDS.greyParrot}`,
      'get /v1/quotas': `?taxonId=${SEED_IDS.leopard}`,
      'get /v1/suspensions': `?taxonId=${SEED_IDS.emperorScorpion}`,
      'post /v1/imports': '?kind=parties',
      'post /v1/syncs': '?dryRun=true&asOf=2026-11-01',
    };
    const ids: Record<string, string> = { 'get /v1/decisions/{id}': decision, 'delete /v1/api-keys/{id}': spare };
    const bodies: Record<string, unknown> = { 'post /v1/trade-checks/batch': BATCH_EXAMPLES.shipment!.value };
    const problems: string[] = [];
    // Writes first (the audit trail then has entries), reads of the same records after.
    const keys = Object.keys(RESPONSE_EXAMPLES)
      .filter((k) => k !== 'post /v1/trade-checks')
      .sort((a, b) => Number(a.startsWith('get')) - Number(b.startsWith('get')));
    for (const key of keys) {
      const [method, path] = key.split(' ') as [string, string];
      const params = OPERATION_EXAMPLES[key]?.params ?? {};
      const url =
        path
          .replace('{id}', ids[key] ?? String(params.id))
          .replace('{kind}', String(params.kind))
          .replace('{type}', String(params.type)) + (query[key] ?? '');
      const body = bodies[key] ?? Object.values(OPERATION_EXAMPLES[key]?.body ?? {})[0]?.value;
      const extra: Record<string, string> = {};
      if (/\{id\}/.test(path) && method !== 'get' && method !== 'delete' && !path.endsWith('/endorsements'))
        extra['if-match'] = (await t.app.inject({ url: url.replace(/\/(end|status)$/, ''), headers })).headers.etag as string;
      const res =
        key === 'post /v1/imports'
          ? await t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'text/csv' }, payload: IMPORT_CSV_EXAMPLE.value })
          : key === 'post /v1/syncs'
            ? await t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-ndjson' }, payload: BULK_SAMPLE })
            : await t.app.inject({
                method: method.toUpperCase() as 'GET',
                url,
                headers: { ...headers, ...extra },
                ...(body === undefined ? {} : { payload: body as object }),
              });
      if (res.statusCode >= 300) {
        problems.push(`${key}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      const example = RESPONSE_EXAMPLES[key]!;
      const values = 'examples' in example ? Object.values(example.examples).map((e) => e.value) : [example.value];
      for (const value of values) problems.push(...shapeDiff(value, res.json()).map((d) => `${key}: ${d}`));
    }
    expect(problems).toEqual([]);
  });
});

describe('/docs assets', () => {
  it('are served compressed and cacheable; the API answers are left alone', async () => {
    const bundle = await t.app.inject({ url: '/docs/static/swagger-ui-bundle.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-encoding']).toBe('br');
    expect(bundle.rawPayload.length).toBeLessThan(600_000); // 1.7 MB uncompressed
    expect(bundle.headers['cache-control']).toBe('public, max-age=86400');
    expect(bundle.headers.etag).toBeTruthy();
    const gz = await t.app.inject({ url: '/docs/static/swagger-ui.css', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const revalidated = await t.app.inject({ url: '/docs/static/swagger-ui-bundle.js', headers: { 'if-none-match': bundle.headers.etag as string } });
    expect(revalidated.statusCode).toBe(304);
    const json = await t.app.inject({ url: '/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(json.headers['content-encoding']).toBe('gzip');
    expect(json.headers['cache-control']).toBe('no-cache');
    const page = await t.app.inject({ url: '/docs/', headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers['cache-control']).toBe('no-cache');
    const api = await t.app.inject({ url: '/v1/dataset', headers: { 'accept-encoding': 'gzip' } });
    expect(api.headers['content-encoding']).toBeUndefined();
  });
});
