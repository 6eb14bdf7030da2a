/** Issue: security — every route with no key, a revoked key and each role gets the expected answer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/auth/keys.js';
import { bearer, keyFor, testApp, type TestApp } from '../helpers/app.js';

type Access = 'public' | 'read' | 'customs' | 'officer' | 'admin';

/** Who may call what: a new route must be classified here before the test passes. */
const ACCESS: Record<string, Access> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /problems/{type}': 'public',
  'POST /v1/trade-checks': 'read',
  'POST /v1/trade-checks/batch': 'read',
  'GET /v1/decisions/{id}': 'read',
  'GET /v1/taxa': 'read',
  'GET /v1/taxa/{id}': 'read',
  'GET /v1/taxa/{id}/history': 'read',
  'GET /v1/parties': 'read',
  'GET /v1/codes/{kind}': 'read',
  'GET /v1/exports/bundle': 'read',
  'GET /v1/snapshot': 'read',
  'GET /v1/dataset': 'read',
  'GET /v1/listings/{id}': 'read',
  'GET /v1/reservations': 'read',
  'GET /v1/reservations/{id}': 'read',
  'GET /v1/quotas': 'read',
  'GET /v1/quotas/{id}': 'read',
  'GET /v1/suspensions': 'read',
  'GET /v1/suspensions/{id}': 'read',
  'POST /v1/imports': 'officer',
  'POST /v1/taxa': 'officer',
  'PATCH /v1/taxa/{id}': 'officer',
  'POST /v1/listings': 'officer',
  'PATCH /v1/listings/{id}': 'officer',
  'POST /v1/listings/{id}/end': 'officer',
  'POST /v1/reservations': 'officer',
  'PATCH /v1/reservations/{id}': 'officer',
  'POST /v1/reservations/{id}/end': 'officer',
  'POST /v1/quotas': 'officer',
  'PATCH /v1/quotas/{id}': 'officer',
  'POST /v1/quotas/{id}/end': 'officer',
  'POST /v1/suspensions': 'officer',
  'PATCH /v1/suspensions/{id}': 'officer',
  'POST /v1/suspensions/{id}/end': 'officer',
  'POST /v1/permits': 'officer',
  'POST /v1/permits/{id}/status': 'officer',
  'POST /v1/permits/imports': 'officer',
  'GET /v1/permits': 'customs',
  'GET /v1/permits/{id}': 'customs',
  'POST /v1/permits/{id}/endorsements': 'customs',
  'POST /v1/api-keys': 'admin',
  'GET /v1/api-keys': 'admin',
  'DELETE /v1/api-keys/{id}': 'admin',
  'GET /v1/decisions': 'admin',
  'GET /v1/audit': 'admin',
  'POST /v1/syncs': 'admin',
  'GET /v1/syncs': 'admin',
};

const SAMPLE_PARAMS: Record<string, string> = { '{id}': '1', '{type}': 'not-found', '{kind}': 'terms' };
const IDENTITIES = ['none', 'revoked', 'reader', 'customs', 'officer', 'admin'] as const;
const RANK = { none: 0, revoked: 0, reader: 1, customs: 2, officer: 3, admin: 4 } as const;
const NEEDED = { customs: 2, officer: 3, admin: 4 } as const;

for (const requireKeyForReads of [true, false]) {
  describe(`role matrix with REQUIRE_KEY_FOR_READS=${requireKeyForReads}`, () => {
    let t: TestApp;
    const keys: Record<string, string> = {};
    beforeAll(async () => {
      // The matrix sends hundreds of unauthenticated requests from one address on purpose.
      t = await testApp({ env: { REQUIRE_KEY_FOR_READS: String(requireKeyForReads), AUTH_FAILURES_PER_MINUTE: '100000' } });
      for (const role of ['reader', 'customs', 'officer', 'admin'] as const) keys[role] = await keyFor(t, role);
      const revoked = generateKey();
      await t.store.createApiKey({ id: revoked.id, name: 'revoked', role: 'admin', hash: revoked.hash });
      await t.store.revokeApiKey(revoked.id, 'test');
      keys.revoked = revoked.key;
    });
    afterAll(() => t.close());

    it('classifies every operation of the OpenAPI document', async () => {
      const doc = (await t.app.inject('/docs/json')).json();
      const operations = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      expect(operations.sort()).toEqual(Object.keys(ACCESS).sort());
    });

    for (const [operation, access] of Object.entries(ACCESS)) {
      it(`${operation} (${access})`, async () => {
        const [method, path] = operation.split(' ') as [string, string];
        const url = path.replace(/\{\w+\}/g, (p) => SAMPLE_PARAMS[p]!);
        const needed = access === 'public' ? 0 : access === 'read' ? (requireKeyForReads ? 1 : 0) : NEEDED[access as keyof typeof NEEDED];
        for (const who of IDENTITIES) {
          const res = await t.app.inject({
            method: method as 'GET',
            url,
            headers: who === 'none' ? {} : bearer(keys[who]!),
            ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
          });
          const denied = who === 'revoked' || RANK[who] < needed;
          if (denied) {
            const expected = who === 'revoked' || who === 'none' ? 401 : 403;
            expect(res.statusCode, `${who} → ${operation}`).toBe(expected);
            expect(res.headers['content-type']).toContain('application/problem+json');
          } else {
            expect([401, 403], `${who} → ${operation} got ${res.statusCode}`).not.toContain(res.statusCode);
            expect(res.statusCode).toBeLessThan(500);
          }
        }
      });
    }
  });
}

describe('keys', () => {
  it('are created by an admin, shown once, listed without the secret, and revocation is immediate', async () => {
    const t = await testApp();
    const admin = await keyFor(t, 'admin');
    const created = await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: bearer(admin), payload: { name: 'customs gateway', role: 'reader' } });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json();
    expect(key).toMatch(/^cpk_[0-9a-f]{12}_/);
    const listed = (await t.app.inject({ url: '/v1/api-keys', headers: bearer(admin) })).json().items;
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(t.store.sqlite.prepare('SELECT count(*) FROM api_keys WHERE secret_hash = ?').pluck().get(key)).toBe(0);
    expect((await t.app.inject({ url: '/v1/parties', headers: bearer(key) })).statusCode).toBe(200);
    await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${id}`, headers: bearer(admin) });
    expect((await t.app.inject({ url: '/v1/parties', headers: bearer(key) })).statusCode).toBe(401);
    await t.close();
  });

  it('a key revoked outside the server (npm run keys -- revoke) stops working once its cached entry is API_KEY_CACHE_MS old', async () => {
    const t = await testApp({ env: { API_KEY_CACHE_MS: '0' } });
    const key = await keyFor(t, 'officer');
    expect((await t.app.inject({ url: '/v1/parties', headers: bearer(key) })).statusCode).toBe(200);
    const id = t.store.sqlite.prepare("SELECT id FROM api_keys WHERE role = 'officer'").pluck().get() as string;
    await t.store.revokeApiKey(id, 'cli'); // what the CLI does, beside the server
    expect((await t.app.inject({ url: '/v1/parties', headers: bearer(key) })).statusCode).toBe(401);
    await t.close();
  });

  it('a malformed Authorization header is refused, and keys never reach the logs', async () => {
    const lines: string[] = [];
    const { Writable } = await import('node:stream');
    const stream = new Writable({
      write(c, _e, cb) {
        lines.push(String(c));
        cb();
      },
    });
    const t = await testApp({ logger: { level: 'trace', stream } });
    const key = await keyFor(t, 'reader');
    expect((await t.app.inject({ url: '/v1/parties', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    await t.app.inject({ url: '/v1/parties', headers: bearer(key) });
    await t.close();
    expect(lines.join('\n')).not.toContain(key);
  });
});
