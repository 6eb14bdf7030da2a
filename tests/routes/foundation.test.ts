/** Issue: service foundation — health, readiness, docs, OpenAPI 3.1, problem+json, logging. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '@cites-permit-check/engine/contract/problem';
import { ConfigError, loadConfig } from '../../src/config.js';
import { conforms, testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('health and readiness', () => {
  it('GET /health answers while the process is alive', async () => {
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready reports the database migrated and the dataset loaded', async () => {
    const res = await t.app.inject('/ready');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ready');
    expect(body.database.migrationsApplied).toBe(body.database.migrationsExpected);
    expect(body.dataset.taxa).toBeGreaterThan(10);
    expect(body.dataset.version).toBe('1');
  });
});

describe('documentation', () => {
  it('Swagger UI answers at /docs', async () => {
    const res = await t.app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('/docs/json is a valid OpenAPI 3.1 document with every operation tagged and summarised', async () => {
    const doc = (await t.app.inject('/docs/json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const [path, ops] of Object.entries<Record<string, { tags?: string[]; summary?: string }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.tags?.length, `${method} ${path} has a tag`).toBeGreaterThan(0);
        expect(op.summary, `${method} ${path} has a summary`).toBeTruthy();
      }
    }
  });
});

describe('errors are RFC 9457 problem+json', () => {
  it('a malformed body gets 400 naming each bad field and why', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { taxon: 'Panthera tigris', exporter: 'India', importer: 'DE', purpose: 'K', source: 'W', quantity: -1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = conforms(Problem, res.json());
    expect(p.type).toBe('/problems/validation-error');
    const pointers = p.errors!.map((e) => e.pointer).sort();
    expect(pointers).toEqual(['#/exporter', '#/purpose', '#/quantity']);
    expect(p.errors!.find((e) => e.pointer === '#/exporter')!.detail).toMatch(/country code/);
  });

  it('a body that is not JSON gets 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/trade-checks', headers: { 'content-type': 'application/json' }, payload: '{"taxon": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().type).toBe('/problems/validation-error');
  });

  it('an unknown field is rejected rather than ignored (a typo must not change a decision silently)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { taxon: 'Panthera tigris', exporter: 'IN', importer: 'DE', purpose: 'T', source: 'W', orgin: 'CN' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].detail).toMatch(/orgin/);
  });

  it('unknown routes get 404 problem+json', async () => {
    const res = await t.app.inject('/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it('a URL that cannot be decoded gets 400 problem+json too', async () => {
    const res = await t.app.inject('/v1/taxa/%');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/validation-error', status: 400 });
  });

  it('problem types are documented at their URI', async () => {
    const res = await t.app.inject('/problems/unknown-taxon');
    expect(res.json()).toEqual({ type: '/problems/unknown-taxon', title: 'No taxon matches this name' });
  });
});

describe('logging', () => {
  it('writes one line per request carrying the request id', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(...String(chunk).trim().split('\n'));
        cb();
      },
    });
    const logged = await testApp({ logger: { level: 'info', stream } });
    const res = await logged.app.inject({ url: '/health', headers: { 'x-request-id': 'req-42' } });
    await logged.close();
    expect(res.headers['x-request-id']).toBe('req-42');
    const requestLines = lines.map((l) => JSON.parse(l)).filter((l) => l.reqId === 'req-42');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ msg: 'request', status: 200, url: '/health' });
  });
});

describe('configuration', () => {
  it('has the contract defaults', () => {
    const c = loadConfig({});
    expect([c.PORT, c.HOST, c.DATABASE_PATH, c.SEED, c.LOG_LEVEL]).toEqual([3000, '127.0.0.1', './data/cites.db', 'builtin', 'info']);
  });
  it('a bad value stops start-up with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ SEED: 'maybe' })).toThrow(/SEED/);
  });
});
