/** Officers add taxa and correct them (names, classification, nomenclature changes). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BundleTaxon } from '../../contract/bundle.js';
import { applyPatch, IfMatchHeaders, TaxonPatch, TaxonRecord } from '../../contract/records.js';
import { sendProblem } from '../../http/reply.js';
import { answerWrite, ifMatchRevision } from '../../http/revisions.js';
import { CREATE_ERRORS, IdParams, WRITE_ERRORS } from './listings.js';

export default async function taxonWriteRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, engines } = app.services;
  const actor = (req: { actor?: string }) => req.actor ?? 'anonymous';

  r.post(
    '/v1/taxa',
    {
      config: { access: 'officer' },
      schema: {
        tags: ['Listings'],
        operationId: 'createTaxon',
        summary: 'Add a taxon',
        description: 'Give `parent`, or `higher` (kingdom … genus) from which missing ancestors are created.',
        security: [{ apiKey: [] }],
        body: BundleTaxon,
        response: { 201: TaxonRecord, ...CREATE_ERRORS },
      },
    },
    async (req, reply) => {
      const res = answerWrite(reply, () => store.createTaxon(req.body, actor(req)), '', 201);
      engines.refresh();
      return res;
    },
  );

  r.patch(
    '/v1/taxa/:id',
    {
      config: { access: 'officer' },
      schema: {
        tags: ['Listings'],
        operationId: 'updateTaxon',
        summary: 'Change a taxon (send If-Match with its revision)',
        description:
          'Give only the fields to change; a new `name` renames the taxon (a nomenclature change): it keeps its id and its listings. GET /v1/taxa/{id} first and send its `ETag` in `If-Match`: without it the answer is 428, and 412 when someone else changed the taxon since.',
        security: [{ apiKey: [] }],
        headers: IfMatchHeaders,
        params: IdParams,
        body: TaxonPatch,
        response: { 200: TaxonRecord, ...WRITE_ERRORS },
      },
    },
    async (req, reply) => {
      const revision = ifMatchRevision(req);
      if (typeof revision !== 'number') return sendProblem(reply, revision);
      const res = answerWrite(reply, () => store.updateTaxon(req.params.id, (t) => applyPatch(t, req.body), revision, actor(req)), `No taxon ${req.params.id}`);
      engines.refresh();
      return res;
    },
  );
}
