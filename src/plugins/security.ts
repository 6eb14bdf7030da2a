/**
 * Security headers, CORS (closed unless configured), rate limits per key (and per IP for
 * anonymous callers) and load shedding: when the event loop is saturated the service
 * answers 503 with Retry-After at once instead of letting requests time out.
 */
import cors from '@fastify/cors';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.js';
import { problem } from '@cites-permit-check/engine/contract/problem';
import { sendProblem } from '../http/reply.js';
import requestLimit from './request-limit.js';

/**
 * Helmet's headers, computed once. The headers do not depend on the request, but the
 * Fastify plugin rebuilt them (parsing the CSP directives) on every request: it was the
 * largest cost of a bare route in the profile.
 */
function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | string[]) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  // Swagger UI's scripts are external ('self'); plain-http deployments must not be upgraded.
  helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } })({} as IncomingMessage, res, () => undefined);
  return headers;
}

/**
 * The security headers and the request id on every answer, the authentication's
 * 400/401/403/429 included: registered before the auth plugin, whose hook may answer first.
 */
export const securityHeadersPlugin = fp(async function securityHeadersHook(app: FastifyInstance) {
  const headers = securityHeaders();
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', req.id);
    done();
  });
});

export default fp(async function security(app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts;
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  // CORS closed (the default): no plugin, so no per-request hook; browsers on other origins
  // get no Access-Control-Allow-Origin and cannot read the answers.
  if (origins.length > 0)
    await app.register(cors, {
      origin: origins,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      exposedHeaders: ['etag', 'x-request-id', 'retry-after'],
    });
  await app.register(requestLimit, { perKey: config.RATE_LIMIT_PER_MINUTE, perAddress: config.ANONYMOUS_RATE_LIMIT_PER_MINUTE });
  if (config.LOAD_SHED_EVENT_LOOP_DELAY_MS === 0) return; // load shedding off
  await app.register(underPressure, {
    maxEventLoopDelay: config.LOAD_SHED_EVENT_LOOP_DELAY_MS,
    retryAfter: 5,
    exposeStatusRoute: false,
    pressureHandler: (_req, reply) => {
      reply.header('retry-after', '5');
      sendProblem(reply, problem('service-unavailable', 503, 'The service is overloaded; retry shortly.'));
    },
  });
});
