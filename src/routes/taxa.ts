/** GET /v1/taxa, /v1/taxa/{id}, /v1/taxa/{id}/history: look species up. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kingdom, Rank } from '@cites-permit-check/engine/contract/codes';
import { problem, Problem } from '@cites-permit-check/engine/contract/problem';
import { TaxonHistory, TaxonQuery, TaxonSearchQuery, TaxonSearchResult, TaxonView } from '../contract/taxa.js';
import { sendProblem } from '../http/reply.js';
import { etagOf } from '../http/revisions.js';

const IdParams = z.strictObject({ id: z.string().min(1).max(40) });

export default async function taxaRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/taxa',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Taxa'],
        operationId: 'searchTaxa',
        summary: 'Search taxa by scientific name, synonym or common name',
        description: 'Case-, space- and accent-insensitive; exact matches first, then names starting with the query, then names containing it.',
        querystring: TaxonSearchQuery,
        response: { 200: TaxonSearchResult, 400: Problem },
      },
    },
    async (req) => {
      const { q, rank, appendix, date, page, pageSize } = req.query;
      const found = app.services.engines.engine.catalog.search({ q, rank, appendix, date: date ?? app.services.today() }, page, pageSize);
      return { total: found.total, page, pageSize, items: found.items };
    },
  );

  r.get(
    '/v1/taxa/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Taxa'],
        operationId: 'getTaxon',
        summary: 'A taxon: names, classification and the listing in force, and why',
        description:
          'Give `origin` (and `term`, `source`, `purpose`) to see which entry applies to a specimen: split listings are decided by the country of origin, annotations by the specimen type.',
        params: IdParams,
        querystring: TaxonQuery,
        response: { 200: TaxonView, 400: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      const { store, engines, today } = app.services;
      const details = await store.taxon(req.params.id);
      const date = req.query.date ?? today();
      const { origin, term, source, purpose } = req.query;
      const listing = engines.engine.catalog.taxon(req.params.id, date, { origin: origin ?? null, term, source: source ?? 'W', purpose: purpose ?? 'T' });
      if (details === null || listing === null) return sendProblem(reply, problem('not-found', 404, `No taxon ${req.params.id}`));
      reply.header('etag', etagOf(details.revision)); // what PATCH /v1/taxa/{id} wants in If-Match
      return {
        id: details.id,
        name: details.name,
        rank: details.rank as Rank,
        kingdom: details.kingdom as Kingdom,
        author: details.author,
        externalId: details.externalId,
        classification: listing.classification,
        synonyms: details.synonyms,
        commonNames: details.commonNames,
        distribution: details.distribution,
        date,
        listings: listing.listings,
        exceptedBy: listing.exceptedBy,
        resolution: listing.resolution,
        revision: details.revision,
      };
    },
  );

  r.get(
    '/v1/taxa/:id/history',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Taxa'],
        operationId: 'getTaxonHistory',
        summary: 'Every listing change that applied to a taxon, with dates',
        params: IdParams,
        response: { 200: TaxonHistory, 404: Problem },
      },
    },
    async (req, reply) => {
      const history = app.services.engines.engine.catalog.history(req.params.id);
      if (history === null) return sendProblem(reply, problem('not-found', 404, `No taxon ${req.params.id}`));
      return { id: req.params.id, ...history };
    },
  );
}
