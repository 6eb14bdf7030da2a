/** Liveness and readiness for orchestrators (docker compose healthcheck uses /ready). */
import type { FastifyInstance } from 'fastify';
import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({
  status: z.enum(['ready', 'not-ready']),
  database: z.object({ open: z.boolean(), migrationsApplied: z.number(), migrationsExpected: z.number() }),
  storage: z.object({
    freeBytes: z.number().nullable().describe('Free space on the database disk (null: in memory, or unknown)'),
    writable: z.boolean().describe('Enough free space, and no write failed for want of it in the last minute'),
  }),
  dataset: z.object({ version: z.string(), asOf: z.string().nullable(), taxa: z.number(), listings: z.number(), parties: z.number() }),
});

/** Below this, writes (the decision log first) are about to fail: not ready. */
const MIN_FREE_BYTES = 64 * 1024 * 1024;

function storageState(app: FastifyInstance): { freeBytes: number | null; writable: boolean } {
  const { config, storage } = app.services;
  let freeBytes: number | null = null;
  if (config.DATABASE_PATH !== ':memory:') {
    try {
      const fs = statfsSync(dirname(resolve(config.DATABASE_PATH)));
      freeBytes = fs.bavail * fs.bsize;
    } catch {
      // unknown: judged by write failures only
    }
  }
  const failedRecently = storage.fullAt !== null && Date.now() - storage.fullAt < 60_000;
  return { freeBytes, writable: !failedRecently && (freeBytes === null || freeBytes >= MIN_FREE_BYTES) };
}

export default async function healthRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/health',
    { config: { access: 'public' }, schema: { tags: ['Health'], security: [], summary: 'The process is alive', response: { 200: Health } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  r.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Health'],
        security: [],
        summary: 'Database open, migrations applied and the engine snapshot loaded',
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_req, reply) => {
      const { store, engines } = app.services;
      let database = { open: false, migrationsApplied: 0, migrationsExpected: 0 };
      try {
        database = await store.health();
      } catch {
        // reported as not ready below
      }
      const engine = engines.engine;
      const counts = engine.counts(app.services.today());
      const storage = storageState(app);
      const ok = database.open && database.migrationsApplied === database.migrationsExpected && storage.writable;
      const body = {
        status: ok ? ('ready' as const) : ('not-ready' as const),
        database,
        storage,
        dataset: {
          version: engine.datasetVersion,
          asOf: engine.asOf,
          taxa: counts.taxa,
          listings: counts.listingEntries,
          parties: counts.parties,
        },
      };
      return reply.code(ok ? 200 : 503).send(body);
    },
  );
}
