/** GET /v1/taxa, /v1/taxa/{id}, /v1/taxa/{id}/history: look species up. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kingdom, Rank } from '../contract/codes.js';
import { problem, Problem } from '../contract/problem.js';
import { TaxonHistory, TaxonQuery, TaxonSearchQuery, TaxonSearchResult, TaxonView } from '../contract/taxa.js';
import { classification, listingHistory, listingInForce, listingView, searchTaxa } from '../engine/catalog.js';
import type { EngineData } from '../engine/data.js';
import { resolveListing } from '../engine/listing.js';
import { sendProblem } from '../http/reply.js';
import { etagOf } from '../http/revisions.js';

const IdParams = z.strictObject({ id: z.string().min(1).max(40) });

function explain(data: EngineData, r: ReturnType<typeof resolveListing>): string {
  if (!r.listed) {
    if (r.why === 'excluded')
      return `Excepted from the listing of ${data.taxa[r.entry!.taxon]!.name} (Appendix ${r.entry!.appendix}): not included in the Appendices.`;
    if (r.why === 'not-covered') return `Listed under ${data.taxa[r.entry!.taxon]!.name}, but this specimen type is not covered by the annotation.`;
    return 'No listing in force on this date covers this taxon (or this population).';
  }
  const e = r.entry;
  const where = r.inherited ? `as part of ${data.taxa[e.taxon]!.name} (inherited)` : 'in its own right';
  const pops = e.populations?.include
    ? ` for the populations of ${[...e.populations.include].join(', ')}`
    : e.populations?.exclude
      ? `, all populations except ${[...e.populations.exclude].join(', ')}`
      : '';
  const deemed = r.deemedAppendixI ? ` The specimen is outside the annotation and deemed Appendix I.` : '';
  const parties = r.listingParties.length ? ` Listing Parties: ${r.listingParties.join(', ')}.` : '';
  return `Listed in Appendix ${e.appendix} ${where}${pops}, in force since ${e.from}.${deemed}${parties}`;
}

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
      const data = app.services.engines.engine.data;
      const found = searchTaxa(data, { q, rank, appendix, date: date ?? app.services.today() }, page, pageSize);
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
      const details = store.taxon(req.params.id);
      const data = engines.engine.data;
      const index = data.taxonById.get(req.params.id);
      if (details === null || index === undefined) return sendProblem(reply, problem('not-found', 404, `No taxon ${req.params.id}`));
      const date = req.query.date ?? today();
      const inForce = listingInForce(data, index, date);
      const resolution = resolveListing(
        data,
        index,
        req.query.origin ?? null,
        { term: req.query.term, source: req.query.source ?? 'W', purpose: req.query.purpose ?? 'T' },
        date,
      );
      const entry = resolution.entry === null ? null : listingView(data, resolution.entry, index);
      reply.header('etag', etagOf(details.revision)); // what PATCH /v1/taxa/{id} wants in If-Match
      return {
        id: details.id,
        name: details.name,
        rank: details.rank as Rank,
        kingdom: details.kingdom as Kingdom,
        author: details.author,
        externalId: details.externalId,
        classification: classification(data, index),
        synonyms: details.synonyms,
        commonNames: details.commonNames,
        distribution: details.distribution,
        date,
        listings: inForce.entries,
        exceptedBy: inForce.exceptedBy,
        resolution: {
          listed: resolution.listed,
          appendix: resolution.listed ? resolution.appendix : null,
          deemedAppendixI: resolution.listed && resolution.deemedAppendixI,
          entry,
          why: explain(data, resolution),
          notes: resolution.notes,
        },
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
      const data = app.services.engines.engine.data;
      const index = data.taxonById.get(req.params.id);
      if (index === undefined) return sendProblem(reply, problem('not-found', 404, `No taxon ${req.params.id}`));
      const chain = new Set<number>();
      for (let t = index; t !== -1; t = data.taxa[t]!.parent) chain.add(t);
      const reservations = [...data.reservationsByParty.values()]
        .flat()
        .filter((x) => chain.has(x.taxon))
        .map((x) => ({ party: x.party, taxon: data.taxa[x.taxon]!.name, appendix: x.appendix, effectiveFrom: x.effectiveFrom, effectiveTo: x.effectiveTo }))
        .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
      return { id: req.params.id, name: data.taxa[index]!.name, listings: listingHistory(data, index), reservations };
    },
  );
}
