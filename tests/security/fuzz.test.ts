/**
 * Issue: security — hostile input (random JSON, wrong types, huge strings, unicode, SQL
 * fragments, prototype-pollution keys) on every route: never a 5xx, always problem+json,
 * and the database unchanged by whatever was rejected.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, keyFor, testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: string;
let operations: { method: string; path: string }[];
beforeAll(async () => {
  t = await testApp();
  admin = await keyFor(t, 'admin');
  const doc = (await t.app.inject('/docs/json')).json();
  operations = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
});
afterAll(() => t.close());

const nasty = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE taxa; --",
    '" OR 1=1 --',
    '%00',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '\u0000',
    '𝔓𝔞𝔫𝔱𝔥𝔢𝔯𝔞',
    'Ñandú',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map((n) => 'x'.repeat(Math.abs(n) % 70_000)),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
  node: fc.oneof(
    { maxDepth: 3 },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nasty, fc.constantFrom('taxon', 'exporter', 'items', 'format', '__proto__', 'constructor', 'prototype')), tie('node'), {
      maxKeys: 5,
    }),
  ),
})).node;

/** Bodies a sloppy or hostile client might send to a trade check: right field names, wrong values. */
const tradeLike = fc.record(
  {
    taxon: value,
    exporter: value,
    importer: value,
    origin: value,
    purpose: value,
    source: value,
    term: value,
    quantity: value,
    date: value,
    claims: value,
    __proto__: value,
  },
  { requiredKeys: [] },
);

const changes = () => t.store.sqlite.prepare('SELECT total_changes()').pluck().get() as number;

describe('fuzzing every route', () => {
  it('never answers 5xx; rejections are problem+json and change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1000 }),
        fc.oneof(value, tradeLike),
        fc.dictionary(nasty, nasty, { maxKeys: 3 }),
        fc.constantFrom('1', '999999999', 'abc', '-1', '1e9', '%27%20OR%201%3D1', '0123456789abcdef0123456789abcdef'),
        async (pick, body, query, param) => {
          const op = operations[pick % operations.length]!;
          const url = op.path.replace(/\{\w+\}/g, param);
          const before = changes();
          const res = await t.app.inject({
            method: op.method as 'GET',
            url,
            query: query as Record<string, string>,
            headers: bearer(admin),
            ...(op.method === 'GET' || op.method === 'DELETE'
              ? {}
              : { payload: JSON.stringify(body), headers: { ...bearer(admin), 'content-type': 'application/json' } }),
          });
          expect(res.statusCode, `${op.method} ${url} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers['content-type']).toContain('application/problem+json');
            expect(res.body).not.toMatch(/at .*\.ts:\d+|SQLITE|sqlite/i);
            expect(changes(), `${op.method} ${url} was rejected but changed the database`).toBe(before);
          }
        },
      ),
      { numRuns: 600 },
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 120_000);

  it('prototype-pollution keys do not reach objects', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      headers: { 'content-type': 'application/json' },
      payload:
        '{"taxon":"Panthera tigris","exporter":"IN","importer":"DE","purpose":"S","source":"W","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    });
    expect(res.statusCode).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('limits and headers', () => {
  it('an oversized body is 413 problem+json', async () => {
    const small = await testApp({ env: { BODY_LIMIT_BYTES: '2048' } });
    const res = await small.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { taxon: 'x'.repeat(5000), exporter: 'IN', importer: 'DE', purpose: 'T', source: 'W' },
    });
    await small.close();
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('rate limits answer 429 with Retry-After, per key and per IP for anonymous callers', async () => {
    const limited = await testApp({ env: { ANONYMOUS_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '5' } });
    const key = await keyFor(limited, 'reader');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.app.inject('/v1/parties')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const last = await limited.app.inject('/v1/parties');
    expect(last.headers['retry-after']).toBeDefined();
    expect(last.headers['content-type']).toContain('application/problem+json');
    expect(last.json()).toMatchObject({ status: 429, type: '/problems/too-many-requests' });
    // A key has its own, larger budget.
    const keyed: number[] = [];
    for (let i = 0; i < 6; i++) keyed.push((await limited.app.inject({ url: '/v1/parties', headers: bearer(key) })).statusCode);
    expect(keyed).toEqual([200, 200, 200, 200, 200, 429]);
    // Orchestrators' probes are never limited.
    expect((await limited.app.inject('/ready')).statusCode).toBe(200);
    await limited.close();
  });

  it('sheds load with 503 and Retry-After when the event loop is saturated', async () => {
    const busy = await testApp({ env: { LOAD_SHED_EVENT_LOOP_DELAY_MS: '100' } });
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      // saturate the event loop as a burst of heavy work would
    }
    await new Promise((r) => setTimeout(r, 20)); // let the overdue sampler record the delay
    const res = await busy.app.inject('/v1/parties');
    await busy.close();
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ type: '/problems/service-unavailable' });
  });

  it('sets security headers; CORS is closed unless configured', async () => {
    const res = await t.app.inject('/v1/parties');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['strict-transport-security']).toBeDefined();
    const cors = await t.app.inject({ url: '/v1/parties', headers: { origin: 'https://evil.example' } });
    expect(cors.headers['access-control-allow-origin']).toBeUndefined();
    const open = await testApp({ env: { CORS_ORIGINS: 'https://customs.example' } });
    const allowed = await open.app.inject({ url: '/v1/parties', headers: { origin: 'https://customs.example' } });
    await open.close();
    expect(allowed.headers['access-control-allow-origin']).toBe('https://customs.example');
  });
});
