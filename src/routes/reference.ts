/** GET /v1/parties and GET /v1/codes/{kind}: the Parties and the CITES code lists. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '@cites-permit-check/engine/contract/common';
import { Problem } from '@cites-permit-check/engine/contract/problem';
import { CodeKindParams, CodeView, PartyView } from '../contract/taxa.js';

export default async function referenceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/parties',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Reference data'],
        operationId: 'listParties',
        summary: 'Parties to the Convention (and the territories they answer for)',
        querystring: z.strictObject({ date: IsoDate.optional().describe('Party status on this date; default today') }),
        response: { 200: z.object({ date: z.string(), items: z.array(PartyView) }), 400: Problem },
      },
    },
    async (req) => {
      const { store, engines, today } = app.services;
      const date = req.query.date ?? today();
      return { date, items: (await store.parties()).map((p) => ({ ...p, isParty: engines.engine.isParty(p.code, date) })) };
    },
  );

  r.get(
    '/v1/codes/:kind',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Reference data'],
        operationId: 'listCodes',
        summary: 'A CITES code list (sources, purposes, terms or units) in English, Spanish and French',
        params: CodeKindParams,
        response: { 200: z.object({ kind: z.string(), items: z.array(CodeView) }), 400: Problem },
      },
    },
    async (req) => ({ kind: req.params.kind, items: await app.services.store.codes(req.params.kind) }),
  );
}
