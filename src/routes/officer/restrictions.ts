/** Reservations, quotas and suspensions: list, read, create, change (If-Match), end. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BundleQuota, BundleReservation, BundleSuspension } from '../../contract/bundle.js';
import { IsoDate } from '@cites-permit-check/engine/contract/common';
import { problem, Problem } from '@cites-permit-check/engine/contract/problem';
import {
  applyPatch,
  EndRequest,
  IfMatchHeaders,
  QuotaPatch,
  QuotaRecord,
  ReservationPatch,
  ReservationRecord,
  SuspensionPatch,
  SuspensionRecord,
} from '../../contract/records.js';
import { edit } from '../../application/edit-records.js';
import { callerOf } from '../../http/caller.js';
import { sendProblem } from '../../http/reply.js';
import { answerWrite, etagOf, ifMatchRevision } from '../../http/revisions.js';
import type { RestrictionKind, RestrictionOf } from '../../store/types.js';
import { CREATE_ERRORS, IdParams, WRITE_ERRORS } from './listings.js';

const KINDS = {
  reservations: {
    one: 'reservation',
    title: 'Reservations (Art. XV, XVI, XXIII)',
    create: BundleReservation,
    patch: ReservationPatch,
    record: ReservationRecord,
  },
  quotas: { one: 'quota', title: 'Export quotas (Art. IV(3), Res. Conf. 14.7)', create: BundleQuota, patch: QuotaPatch, record: QuotaRecord },
  suspensions: {
    one: 'suspension',
    title: 'Trade suspensions (Art. XIII, Res. Conf. 14.3)',
    create: BundleSuspension,
    patch: SuspensionPatch,
    record: SuspensionRecord,
  },
} as const;

const ListQuery = z.strictObject({
  taxonId: z.string().regex(/^\d+$/).optional().describe('Only records on this taxon'),
  activeOn: IsoDate.optional().describe('Only records in force on this date'),
});

export default async function restrictionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.services;

  for (const kind of Object.keys(KINDS) as RestrictionKind[]) {
    const k = KINDS[kind];
    const cap = k.one[0]!.toUpperCase() + k.one.slice(1);

    r.get(
      `/v1/${kind}`,
      {
        config: { access: 'read' },
        schema: {
          tags: ['Listings'],
          operationId: `list${cap}s`,
          summary: k.title,
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(k.record) }), 400: Problem },
        },
      },
      async (req) => {
        const filter: { taxonId?: number; activeOn?: string } = {};
        if (req.query.taxonId !== undefined) filter.taxonId = Number(req.query.taxonId);
        if (req.query.activeOn !== undefined) filter.activeOn = req.query.activeOn;
        return { items: await store.restrictionList(kind, filter) };
      },
    );

    r.get(
      `/v1/${kind}/:id`,
      {
        config: { access: 'read' },
        schema: {
          tags: ['Listings'],
          operationId: `get${cap}`,
          summary: `A ${k.one}, with its ETag`,
          description: 'The `ETag` response header is what a change (`PATCH`, `/end`) must send back in `If-Match`.',
          params: IdParams,
          response: { 200: k.record, 400: Problem, 404: Problem },
        },
      },
      async (req, reply) => {
        const record = await store.restriction(kind, req.params.id);
        if (record === null) return sendProblem(reply, problem('not-found', 404, `No ${k.one} ${req.params.id}`));
        return reply.header('etag', etagOf(record.revision)).send(record);
      },
    );

    r.post(
      `/v1/${kind}`,
      {
        config: { access: 'officer' },
        schema: {
          tags: ['Listings'],
          operationId: `create${cap}`,
          summary: `Add a ${k.one}`,
          description: 'Checked like an import (known taxon and Parties), audited, and in force for trade checks at once.',
          security: [{ apiKey: [] }],
          body: k.create,
          response: { 201: k.record, ...CREATE_ERRORS },
        },
      },
      async (req, reply) => {
        return answerWrite(
          reply,
          () => edit(app.services, () => store.createRestriction(kind, req.body as RestrictionOf<typeof kind>, callerOf(req).actor)),
          '',
          201,
        );
      },
    );

    r.patch(
      `/v1/${kind}/:id`,
      {
        config: { access: 'officer' },
        schema: {
          tags: ['Listings'],
          operationId: `update${cap}`,
          summary: `Change a ${k.one} (send If-Match)`,
          description: `Give only the fields to change. GET the ${k.one} first and send its \`ETag\` in \`If-Match\`: without it the answer is 428, and 412 when someone else changed it since.`,
          security: [{ apiKey: [] }],
          headers: IfMatchHeaders,
          params: IdParams,
          body: k.patch,
          response: { 200: k.record, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const revision = ifMatchRevision(req);
        if (typeof revision !== 'number') return sendProblem(reply, revision);
        const patch = req.body as Partial<RestrictionOf<typeof kind>>;
        return answerWrite(
          reply,
          () => edit(app.services, () => store.updateRestriction(kind, req.params.id, (x) => applyPatch(x, patch), revision, callerOf(req).actor)),
          `No ${k.one} ${req.params.id}`,
        );
      },
    );

    r.post(
      `/v1/${kind}/:id/end`,
      {
        config: { access: 'officer' },
        schema: {
          tags: ['Listings'],
          operationId: `end${cap}`,
          summary: `End a ${k.one} on a date (send If-Match)`,
          description: `Sets effectiveTo: the ${k.one} stays in the history and applies to trades dated before. Send its \`ETag\` in \`If-Match\` (428 without it, 412 when stale).`,
          security: [{ apiKey: [] }],
          headers: IfMatchHeaders,
          params: IdParams,
          body: EndRequest,
          response: { 200: k.record, ...WRITE_ERRORS },
        },
      },
      async (req, reply) => {
        const revision = ifMatchRevision(req);
        if (typeof revision !== 'number') return sendProblem(reply, revision);
        return answerWrite(
          reply,
          () =>
            edit(app.services, () =>
              store.updateRestriction(kind, req.params.id, (x) => ({ ...x, effectiveTo: req.body.date }), revision, callerOf(req).actor),
            ),
          `No ${k.one} ${req.params.id}`,
        );
      },
    );
  }
}
