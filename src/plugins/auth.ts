/**
 * API keys and roles. Every route says who may call it (`config.access`): `public`, `read`
 * (trade checks and look-ups: a key is needed only when REQUIRE_KEY_FOR_READS is on),
 * `officer` (listing writes, imports) or `admin` (keys, audit). A key that is sent must be
 * valid even on public routes, so a revoked key is noticed at once.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { bearerKey, hashKey, roleAllows, type Role } from '../auth/keys.js';
import { problem } from '../contract/problem.js';
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
  private readonly lastUsed = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: CitesStore,
    flushEveryMs = 60_000,
    private readonly maxAgeMs = 5_000,
  ) {
    this.timer = setInterval(() => this.flush(), flushEveryMs);
    this.timer.unref();
  }

  find(key: string, now: string): ApiKeyRecord | null {
    const hash = hashKey(key);
    const at = performance.now();
    let entry = this.cache.get(hash);
    if (entry === undefined || at - entry.readAt > this.maxAgeMs) {
      entry = { record: this.store.apiKeyByHash(hash), readAt: at };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, entry);
    }
    const record = entry.record;
    if (record === null || record.revokedAt !== null) return null;
    this.lastUsed.set(record.id, now);
    return record;
  }

  /** After a revocation: forget every cached key (they are re-read on next use). */
  invalidate(): void {
    this.cache.clear();
  }

  flush(): void {
    if (this.lastUsed.size === 0) return;
    const batch = new Map(this.lastUsed);
    this.lastUsed.clear();
    try {
      this.store.touchApiKeys(batch);
    } catch {
      // last-used times are informative; never fail a request or shutdown for them
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}

const UNAUTHORIZED = (detail: string) => problem('unauthorized', 401, detail);

function accessOf(req: FastifyRequest): Access {
  const configured = req.routeOptions.config?.access;
  if (configured) return configured;
  // Routes the app does not declare: Swagger UI and the 404 handler are public.
  return req.url.startsWith('/docs') || req.routeOptions.url === undefined ? 'public' : 'read';
}

export default fp(async function auth(app: FastifyInstance, opts: { keys: KeyRing; requireKeyForReads: boolean }) {
  app.addHook('onClose', async () => opts.keys.close());
  app.addHook('onRequest', async (req, reply) => {
    const key = bearerKey(req.headers.authorization);
    if (key !== null) {
      const record = opts.keys.find(key, new Date().toISOString());
      if (record === null) {
        reply.header('www-authenticate', 'Bearer');
        return sendProblem(reply, UNAUTHORIZED('The API key is unknown or revoked.'));
      }
      req.apiKeyId = record.id;
      req.role = record.role;
      req.actor = `${record.name} (${record.id})`;
    } else if (req.headers.authorization !== undefined) {
      return sendProblem(reply, UNAUTHORIZED('Send the key as "Authorization: Bearer <key>".'));
    }
    const access = accessOf(req);
    const needed: Role | null = access === 'public' ? null : access === 'read' ? (opts.requireKeyForReads ? 'reader' : null) : access;
    if (needed === null) return;
    if (req.role === undefined) {
      reply.header('www-authenticate', 'Bearer');
      return sendProblem(reply, UNAUTHORIZED(`This operation needs an API key with the ${needed} role.`));
    }
    if (!roleAllows(req.role, needed)) {
      return sendProblem(reply, problem('forbidden', 403, `This operation needs the ${needed} role; the key has ${req.role}.`));
    }
  });
});
