/** GET /v1/dataset: what the listings data is, how current, and where it comes from. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Provenance } from '../contract/bundle.js';
import { IsoDate } from '@cites-permit-check/engine/contract/common';
import { syncStatus } from '../application/sync.js';

export const DatasetView = z
  .object({
    version: z.string().describe('Stamped on every decision (datasetVersion)'),
    asOf: IsoDate.nullable().describe('The date the data describes: changes to the Appendices after it are not in it'),
    source: z.string().nullable(),
    updatedAt: z.string().describe('When the data last changed here (import or officer edit)'),
    updatedBy: z.string(),
    horizon: z.object({
      days: z.number().int(),
      until: IsoDate.nullable().describe('Trades dated after this get a warning that the listings may have changed since'),
    }),
    provenance: Provenance.nullable(),
    counts: z.object({
      taxa: z.number().int(),
      listingEntries: z.number().int().describe('Dated entries, past and present'),
      listingEntriesInForce: z.number().int().describe('Entries in force today'),
      parties: z.number().int(),
      reservations: z.number().int(),
      quotas: z.number().int(),
      suspensions: z.number().int(),
    }),
    sync: z
      .object({
        lastSuccess: z
          .object({ at: z.string(), via: z.string(), source: z.string(), actor: z.string(), datasetVersion: z.number().int().nullable() })
          .nullable()
          .describe('The last sync from Species+ that succeeded (null: none yet)'),
        lastFailure: z
          .object({ at: z.string(), via: z.string(), source: z.string(), actor: z.string(), reason: z.string() })
          .nullable()
          .describe('The last sync that failed, and why (the data stayed as it was)'),
        running: z.boolean().describe('A sync is running in this server process'),
      })
      .describe('Syncs from Species+ (POST /v1/syncs, `npm run sync`, SYNC_SCHEDULE)'),
  })
  .meta({ id: 'Dataset' });

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export default async function datasetRoutes(app: FastifyInstance, opts: { horizonDays: number }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/dataset',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Reference data'],
        operationId: 'getDataset',
        summary: 'The listings data: as-of date, sources, latest amendment, counts',
        response: { 200: DatasetView },
      },
    },
    async () => {
      const { store, engines, today } = app.services;
      const state = await store.state();
      return {
        version: String(state.version),
        asOf: state.asOf,
        source: state.source,
        updatedAt: state.updatedAt,
        updatedBy: state.updatedBy,
        horizon: { days: opts.horizonDays, until: state.asOf === null ? null : addDays(state.asOf, opts.horizonDays) },
        provenance: state.provenance,
        counts: engines.engine.counts(today()),
        sync: await syncStatus(store),
      };
    },
  );
}
