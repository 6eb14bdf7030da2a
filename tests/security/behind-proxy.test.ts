/**
 * Replicas behind a load balancer see every request come from the balancer: with
 * TRUST_PROXY_HOPS the per-address limits count the caller named in X-Forwarded-For instead;
 * without it, the header is ignored (a caller cannot pick its own address).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const from = (ip: string) => ({ url: '/v1/dataset', headers: { 'x-forwarded-for': ip } });

describe('behind a load balancer', () => {
  it('with TRUST_PROXY_HOPS=1, two callers behind one balancer have a request limit each', async () => {
    t = await testApp({ env: { TRUST_PROXY_HOPS: '1', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1' } });
    expect((await t.app.inject(from('203.0.113.7'))).statusCode).toBe(200);
    expect((await t.app.inject(from('198.51.100.4'))).statusCode).toBe(200);
    expect((await t.app.inject(from('203.0.113.7'))).statusCode).toBe(429);
  });

  it('without it, X-Forwarded-For is not believed: one address, one limit', async () => {
    t = await testApp({ env: { ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1' } });
    expect((await t.app.inject(from('203.0.113.7'))).statusCode).toBe(200);
    expect((await t.app.inject(from('198.51.100.4'))).statusCode).toBe(429);
  });
});
