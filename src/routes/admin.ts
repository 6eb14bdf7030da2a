/** Admin: API keys (created once, shown once), the decision log and the audit trail. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { generateKey } from '../auth/keys.js';
import { ApiKey, AuditEntry, NewApiKey, ROLES } from '../contract/admin.js';
import { IsoDate } from '@cites-permit-check/engine/contract/common';
import { DECISIONS } from '@cites-permit-check/engine/contract/codes';
import { problem, Problem } from '@cites-permit-check/engine/contract/problem';
import { callerOf } from '../http/caller.js';
import { sendJsonText, sendProblem } from '../http/reply.js';
import type { KeyRing } from '../plugins/auth.js';

const Errors = { 400: Problem, 401: Problem, 403: Problem };

export default async function adminRoutes(app: FastifyInstance, opts: { keys: KeyRing }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.services;

  r.post(
    '/v1/api-keys',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        operationId: 'createApiKey',
        summary: 'Create an API key (the key is shown once)',
        security: [{ apiKey: [] }],
        body: z.strictObject({ name: z.string().trim().min(1).max(100), role: z.enum(ROLES) }),
        response: { 201: NewApiKey, ...Errors },
      },
    },
    async (req, reply) => {
      const { id, key, hash } = generateKey();
      const record = await store.createApiKey({ id, name: req.body.name, role: req.body.role, hash });
      return reply.code(201).send({ ...record, key });
    },
  );

  r.get(
    '/v1/api-keys',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        operationId: 'listApiKeys',
        summary: 'API keys (never the keys themselves)',
        security: [{ apiKey: [] }],
        response: { 200: z.object({ items: z.array(ApiKey) }), ...Errors },
      },
    },
    async () => ({ items: await store.apiKeys() }),
  );

  r.delete(
    '/v1/api-keys/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key (effective at once)',
        security: [{ apiKey: [] }],
        params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{12}$/, 'must be a key id') }),
        response: { 200: ApiKey, 404: Problem, ...Errors },
      },
    },
    async (req, reply) => {
      const record = await store.revokeApiKey(req.params.id, callerOf(req).actor);
      opts.keys.invalidate();
      if (record === null) return sendProblem(reply, problem('not-found', 404, `No API key ${req.params.id}`));
      return record;
    },
  );

  r.get(
    '/v1/decisions',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        operationId: 'listDecisions',
        summary: 'Stored decisions, newest first, with filters',
        security: [{ apiKey: [] }],
        querystring: z.strictObject({
          from: IsoDate.optional().describe('Answered on or after this date'),
          to: IsoDate.optional().describe('Answered before this date'),
          decision: z.enum(DECISIONS).optional().describe('Only decisions with this outcome'),
          apiKeyId: z.string().max(20).optional().describe('Only decisions made with this API key (its id, as GET /v1/api-keys lists it)'),
          before: z
            .string()
            .regex(/^[0-9a-f]{32}$/)
            .optional()
            .describe('Page: decisions older than this id'),
          limit: z.coerce.number().int().min(1).max(500).default(50).describe('At most this many decisions (1–500)'),
        }),
        response: { 200: z.object({ items: z.array(z.unknown()) }), ...Errors },
      },
    },
    async (req, reply) => {
      const { from, to, decision, apiKeyId, before, limit } = req.query;
      const filter: Parameters<typeof store.decisions>[0] = { limit };
      if (from) filter.from = from;
      if (to) filter.to = to;
      if (decision) filter.decision = decision;
      if (apiKeyId) filter.apiKeyId = apiKeyId;
      if (before) filter.before = before;
      const items = (await store.decisions(filter)).map(
        (d) =>
          `{"id":${JSON.stringify(d.id)},"createdAt":${JSON.stringify(d.createdAt)},"datasetVersion":${JSON.stringify(d.datasetVersion)},"decision":${JSON.stringify(d.decision)},"apiKeyId":${JSON.stringify(d.apiKeyId)},"request":${d.request},"result":${d.result}}`,
      );
      return sendJsonText(reply, `{"items":[${items.join(',')}]}`);
    },
  );

  r.get(
    '/v1/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        operationId: 'listAudit',
        summary: 'Who changed what and when, with the record before and after',
        security: [{ apiKey: [] }],
        querystring: z.strictObject({
          entity: z
            .string()
            .max(40)
            .optional()
            .describe('Only changes to this kind of record: taxon, listing, reservation, quota, suspension, api-key, or bundle (imports)'),
          entityId: z.string().max(40).optional().describe('Only changes to the record with this id'),
          before: z.coerce.number().int().optional().describe('Page: entries older than this entry id'),
          limit: z.coerce.number().int().min(1).max(500).default(50).describe('At most this many entries (1–500)'),
        }),
        response: { 200: z.object({ items: z.array(AuditEntry) }), ...Errors },
      },
    },
    async (req) => {
      const { entity, entityId, before, limit } = req.query;
      const filter: Parameters<typeof store.audit>[0] = { limit };
      if (entity) filter.entity = entity;
      if (entityId) filter.entityId = entityId;
      if (before) filter.before = before;
      return { items: await store.audit(filter) };
    },
  );
}
