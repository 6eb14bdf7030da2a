/** Liveness and readiness for orchestrators (docker compose healthcheck uses /ready). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({
  status: z.enum(['ready', 'not-ready']),
  database: z.object({ open: z.boolean(), migrationsApplied: z.number(), migrationsExpected: z.number() }),
  dataset: z.object({ version: z.string(), asOf: z.string().nullable(), taxa: z.number(), listings: z.number(), parties: z.number() }),
});

export default async function healthRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/health', { config: { access: 'public' }, schema: { tags: ['Health'], security: [], summary: 'The process is alive', response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
  }));

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
        database = store.health();
      } catch {
        // reported as not ready below
      }
      const data = engines.engine.data;
      const ok = database.open && database.migrationsApplied === database.migrationsExpected;
      const body = {
        status: ok ? ('ready' as const) : ('not-ready' as const),
        database,
        dataset: {
          version: data.datasetVersion,
          asOf: data.asOf,
          taxa: data.taxa.length,
          listings: [...data.listingsByTaxon.values()].reduce((n, l) => n + l.length, 0),
          parties: data.parties.size,
        },
      };
      return reply.code(ok ? 200 : 503).send(body);
    },
  );
}
