/** Listing entries: read one, create, change (If-Match), end. Writes need the officer role. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BundleListing } from '../../contract/bundle.js';
import { problem, Problem } from '@cites-permit-check/engine/contract/problem';
import { applyPatch, EndRequest, IfMatchHeaders, ListingPatch, ListingRecord } from '../../contract/records.js';
import { edit } from '../../application/edit-records.js';
import { callerOf } from '../../http/caller.js';
import { sendProblem } from '../../http/reply.js';
import { answerWrite, etagOf, ifMatchRevision } from '../../http/revisions.js';

export const IdParams = z.strictObject({ id: z.string().regex(/^\d+$/, 'must be a record id') });
/** What a create can answer besides its record (401, 403, 429 and 503 are added for every write when the document is published). */
export const CREATE_ERRORS = { 400: Problem, 401: Problem, 403: Problem };
/** What a conditional write (If-Match) can answer besides its record. */
export const WRITE_ERRORS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 412: Problem, 428: Problem };

export default async function listingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.services;

  r.get(
    '/v1/listings/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Listings'],
        operationId: 'getListing',
        summary: 'A listing entry, with its ETag',
        description: 'The `ETag` response header is what a change (`PATCH`, `/end`) must send back in `If-Match`.',
        params: IdParams,
        response: { 200: ListingRecord, 400: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      const record = await store.listing(req.params.id);
      if (record === null) return sendProblem(reply, problem('not-found', 404, `No listing ${req.params.id}`));
      return reply.header('etag', etagOf(record.revision)).send(record);
    },
  );

  r.post(
    '/v1/listings',
    {
      config: { access: 'officer' },
      schema: {
        tags: ['Listings'],
        operationId: 'createListing',
        summary: 'Add a listing entry',
        description:
          'Checked like an import (known taxon and Party, no overlap with an entry of the same scope), audited, and in force for trade checks at once.',
        security: [{ apiKey: [] }],
        body: BundleListing,
        response: { 201: ListingRecord, ...CREATE_ERRORS },
      },
    },
    async (req, reply) => {
      return answerWrite(reply, () => edit(app.services, () => store.createListing(req.body, callerOf(req).actor)), '', 201);
    },
  );

  r.patch(
    '/v1/listings/:id',
    {
      config: { access: 'officer' },
      schema: {
        tags: ['Listings'],
        operationId: 'updateListing',
        summary: 'Change a listing entry (send If-Match)',
        description:
          'Give only the fields to change. GET the entry first and send its `ETag` in `If-Match`: without it the answer is 428, and 412 when someone else changed the entry since. Audited; in force for trade checks at once.',
        security: [{ apiKey: [] }],
        headers: IfMatchHeaders,
        params: IdParams,
        body: ListingPatch,
        response: { 200: ListingRecord, ...WRITE_ERRORS },
      },
    },
    async (req, reply) => {
      const revision = ifMatchRevision(req);
      if (typeof revision !== 'number') return sendProblem(reply, revision);
      return answerWrite(
        reply,
        () => edit(app.services, () => store.updateListing(req.params.id, (l) => applyPatch(l, req.body), revision, callerOf(req).actor)),
        `No listing ${req.params.id}`,
      );
    },
  );

  r.post(
    '/v1/listings/:id/end',
    {
      config: { access: 'officer' },
      schema: {
        tags: ['Listings'],
        operationId: 'endListing',
        summary: 'End a listing entry on a date (send If-Match)',
        description:
          'Sets effectiveTo: the entry stays in the history and applies to trades dated before. Send the `ETag` of the entry in `If-Match` (428 without it, 412 when stale).',
        security: [{ apiKey: [] }],
        headers: IfMatchHeaders,
        params: IdParams,
        body: EndRequest,
        response: { 200: ListingRecord, ...WRITE_ERRORS },
      },
    },
    async (req, reply) => {
      const revision = ifMatchRevision(req);
      if (typeof revision !== 'number') return sendProblem(reply, revision);
      return answerWrite(
        reply,
        () => edit(app.services, () => store.updateListing(req.params.id, (l) => ({ ...l, effectiveTo: req.body.date }), revision, callerOf(req).actor)),
        `No listing ${req.params.id}`,
      );
    },
  );
}
