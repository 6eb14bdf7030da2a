/**
 * API keys and roles. Every route says who may call it (`config.access`): `public`, `read`
 * (trade checks and look-ups: a key is needed only when REQUIRE_KEY_FOR_READS is on),
 * `officer` (listing writes, imports) or `admin` (keys, audit). A key that is sent must be
 * valid even on public routes, so a revoked key is noticed at once.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { bearerKey, hashKey, roleAllows, type Role } from '../auth/keys.js';
import { problem } from '@cites-permit-check/engine/contract/problem';
import { sendProblem } from '../http/reply.js';
import type { ApiKeyRecord, CitesStore } from '../store/types.js';

export type Access = 'public' | 'read' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    apiKeyId?: string;
    role?: Role;
    actor?: string;
  }
}

/**
 * Keys by hash, so a request costs a hash and a map lookup, not a query. An entry is
 * re-read after `maxAgeMs`: a key revoked outside this process (`npm run keys -- revoke`,
 * another instance) stops working within that time; the API's own revocations at once.
 */
export class KeyRing {
  private readonly cache = new Map<string, { record: ApiKeyRecord | null; readAt: number }>();
  /** Reads under way, so a burst of requests with one uncached key asks the store once. */
  private readonly reading = new Map<string, Promise<ApiKeyRecord | null>>();
  /** Bumped by invalidate(): a read that started before a revocation must not be cached after it. */
  private generation = 0;
  private readonly lastUsed = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: CitesStore,
    flushEveryMs = 60_000,
    private readonly maxAgeMs = 5_000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushEveryMs);
    this.timer.unref();
  }

  /**
   * The valid key with this secret, or null. A cached key is answered synchronously (no
   * promise on the hot path); a key read from the store comes as a promise.
   */
  find(key: string, now: string): ApiKeyRecord | null | Promise<ApiKeyRecord | null> {
    const hash = hashKey(key);
    const at = performance.now();
    const entry = this.cache.get(hash);
    if (entry !== undefined && at - entry.readAt <= this.maxAgeMs) return this.use(entry.record, now);
    let reading = this.reading.get(hash);
    if (reading === undefined) {
      const generation = this.generation;
      reading = this.store.apiKeyByHash(hash).finally(() => this.reading.delete(hash));
      this.reading.set(hash, reading);
      void reading.then(
        (record) => {
          if (generation !== this.generation) return;
          if (this.cache.size > 10_000) this.cache.clear();
          this.cache.set(hash, { record, readAt: at });
        },
        () => {},
      );
    }
    return reading.then((record) => this.use(record, now));
  }

  private use(record: ApiKeyRecord | null, now: string): ApiKeyRecord | null {
    if (record === null || record.revokedAt !== null) return null;
    this.lastUsed.set(record.id, now);
    return record;
  }

  /** After a revocation: forget every cached key (they are re-read on next use). */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
    this.reading.clear();
  }

  async flush(): Promise<void> {
    if (this.lastUsed.size === 0) return;
    const batch = new Map(this.lastUsed);
    this.lastUsed.clear();
    try {
      await this.store.touchApiKeys(batch);
    } catch {
      // last-used times are informative; never fail a request or shutdown for them
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

const UNAUTHORIZED = (detail: string) => problem('unauthorized', 401, detail);

function accessOf(req: FastifyRequest): Access {
  const configured = req.routeOptions.config?.access;
  if (configured) return configured;
  // Routes the app does not declare: Swagger UI and the 404 handler are public.
  return req.url.startsWith('/docs') || req.routeOptions.url === undefined ? 'public' : 'read';
}

/**
 * Failed authentications per IP address and minute. The request limiter counts per key, after
 * authentication; without this, made-up keys were answered 401 without limit, each one looked
 * up in the database.
 */
class AuthFailures {
  private readonly windows = new Map<string, { start: number; failures: number }>();
  constructor(private readonly perMinute: number) {}

  /** Seconds to wait when the address has failed too often this minute, else null. */
  blocked(ip: string, now = performance.now()): number | null {
    const w = this.windows.get(ip);
    if (w === undefined || now - w.start >= 60_000 || w.failures < this.perMinute) return null;
    return Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
  }

  record(ip: string, now = performance.now()): void {
    let w = this.windows.get(ip);
    if (w === undefined || now - w.start >= 60_000) {
      if (this.windows.size > 50_000) this.windows.clear();
      w = { start: now, failures: 0 };
      this.windows.set(ip, w);
    }
    w.failures++;
  }
}

export default fp(async function auth(app: FastifyInstance, opts: { keys: KeyRing; requireKeyForReads: boolean; failuresPerMinute: number }) {
  const failures = new AuthFailures(opts.failuresPerMinute);
  const unauthorized = (req: FastifyRequest, reply: FastifyReply, detail: string) => {
    failures.record(req.ip);
    reply.header('www-authenticate', 'Bearer');
    return sendProblem(reply, UNAUTHORIZED(detail));
  };
  app.addHook('onClose', async () => opts.keys.close());
  /**
   * Answers the request (and returns the reply) when it may not go on; undefined when it may.
   * A promise only when the key had to be read from the store.
   */
  const refuse = (req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined | Promise<FastifyReply | undefined> => {
    // A CORS preflight carries no credentials (the browser sends them with the request itself).
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) return;
    const wait = failures.blocked(req.ip);
    if (wait !== null) {
      reply.header('retry-after', String(wait));
      return sendProblem(reply, problem('too-many-requests', 429, `Too many failed authentications from this address; retry in ${wait} s.`));
    }
    const key = bearerKey(req.headers.authorization);
    if (key !== null) {
      const found = opts.keys.find(key, new Date().toISOString());
      return found instanceof Promise ? found.then((record) => withKey(req, reply, record)) : withKey(req, reply, found);
    }
    if (req.headers.authorization !== undefined) return unauthorized(req, reply, 'Send the key as "Authorization: Bearer <key>".');
    return allowed(req, reply);
  };
  const withKey = (req: FastifyRequest, reply: FastifyReply, record: ApiKeyRecord | null): FastifyReply | undefined => {
    if (record === null) return unauthorized(req, reply, 'The API key is unknown or revoked.');
    req.apiKeyId = record.id;
    req.role = record.role;
    req.actor = `${record.name} (${record.id})`;
    return allowed(req, reply);
  };
  const allowed = (req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined => {
    const access = accessOf(req);
    const needed: Role | null = access === 'public' ? null : access === 'read' ? (opts.requireKeyForReads ? 'reader' : null) : access;
    if (needed === null) return;
    if (req.role === undefined) return unauthorized(req, reply, `This operation needs an API key with the ${needed} role.`);
    if (!roleAllows(req.role, needed)) {
      return sendProblem(reply, problem('forbidden', 403, `This operation needs the ${needed} role; the key has ${req.role}.`));
    }
  };
  // Synchronous (callback style): no promise per request. An answered request is not passed on.
  app.addHook('onRequest', (req, reply, done) => {
    const answered = refuse(req, reply);
    if (answered === undefined) done();
    else if (answered instanceof Promise) answered.then((a) => (a === undefined ? done() : undefined), done);
  });
});
