/**
 * Requests per minute per API key (RATE_LIMIT_PER_MINUTE) and per IP address for callers
 * without one (ANONYMOUS_RATE_LIMIT_PER_MINUTE); the probes /health and /ready are never
 * limited. Over the limit: 429 problem with Retry-After. Every answer carries the
 * X-RateLimit-Limit, -Remaining and -Reset headers.
 *
 * Registered after the auth plugin (the key decides the budget). Written here rather than
 * with @fastify/rate-limit: its hook awaited five promises per request, a measurable share of
 * a trade check (bench/http.ts), for a fixed window this service keeps in memory anyway.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { problem } from '@cites-permit-check/engine/contract/problem';
import { sendProblem } from '../http/reply.js';
import { MinuteLimiter } from '../services/minute-limiter.js';

interface RequestLimitOptions {
  perKey: number;
  perAddress: number;
}

const PROBES = new Set(['/health', '/ready']);

export default fp(async function requestLimit(app: FastifyInstance, opts: RequestLimitOptions) {
  const limiter = new MinuteLimiter(opts.perKey);
  app.addHook('onRequest', (req, reply, done) => {
    if (PROBES.has(req.url)) return done();
    const keyed = req.apiKeyId !== undefined;
    const caller = keyed ? (req.apiKeyId as string) : `ip:${req.ip}`;
    const max = keyed ? opts.perKey : opts.perAddress;
    const wait = limiter.take(caller, 1, max);
    const { remaining, resetSeconds } = limiter.left(caller, max);
    reply.header('x-ratelimit-limit', max);
    reply.header('x-ratelimit-remaining', remaining);
    reply.header('x-ratelimit-reset', resetSeconds);
    if (wait === null) return done();
    reply.header('retry-after', String(wait));
    sendProblem(reply, problem('too-many-requests', 429, `Rate limit of ${max} requests a minute exceeded; retry in ${wait} s.`));
  });
});
