/** Officers add taxa and correct them (names, classification, nomenclature changes). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BundleTaxon } from '../../contract/bundle.js';
import { applyPatch, IfMatchHeaders, TaxonPatch, TaxonRecord } from '../../contract/records.js';
import { edit } from '../../application/edit-records.js';
import { callerOf } from '../../http/caller.js';
import { sendProblem } from '../../http/reply.js';
import { answerWrite, ifMatchRevision } from '../../http/revisions.js';
import { CREATE_ERRORS, IdParams, WRITE_ERRORS } from './listings.js';

export default async function taxonWriteRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.services;

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
      return answerWrite(reply, () => edit(app.services, () => store.createTaxon(req.body, callerOf(req).actor)), '', 201);
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
      return answerWrite(
        reply,
        () => edit(app.services, () => store.updateTaxon(req.params.id, (t) => applyPatch(t, req.body), revision, callerOf(req).actor)),
        `No taxon ${req.params.id}`,
      );
    },
  );
}
