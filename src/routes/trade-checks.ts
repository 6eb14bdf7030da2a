/**
 * POST /v1/trade-checks, POST /v1/trade-checks/batch, GET /v1/decisions/{id}: HTTP only.
 * The work is the use cases' (application/check-trade.ts, check-shipment.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problem, Problem } from '@cites-permit-check/engine/contract/problem';
import { BatchRequest, BatchResult, BatchSummaryResult, TradeCheckRequest, TradeCheckResult } from '@cites-permit-check/engine/contract/trade-check';
import { checkShipment } from '../application/check-shipment.js';
import { checkTrade, rejected } from '../application/check-trade.js';
import { callerOf, sendAnswer } from '../http/caller.js';
import { sendJsonText, sendProblem } from '../http/reply.js';
import { schemaIssues } from '../plugins/problems.js';

const BatchQuery = z.strictObject({
  view: z
    .enum(['full', 'summary'])
    .optional()
    .describe(
      'full (the default): every result whole. summary: decision, documents, Appendix, reviewRequired and decision id per item; the whole result of each stays at GET /v1/decisions/{id}',
    ),
});

const DecisionParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/, 'must be a decision id (32 hex digits)') });
const StoredDecision = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    datasetVersion: z.string(),
    decision: z.string(),
    apiKeyId: z.string().nullable(),
    request: z.unknown().describe('The request as validated'),
    result: TradeCheckResult,
  })
  .meta({ id: 'StoredDecision' });

export default async function tradeCheckRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/trade-checks',
    {
      config: { access: 'read' },
      attachValidation: true,
      schema: {
        tags: ['Trade checks'],
        operationId: 'checkTrade',
        summary: 'Check one proposed trade',
        description:
          'Evaluates one movement (export, re-export, import, introduction from the sea) against the listings, Party status, reservations, quotas and suspensions in force on its date. Answers allow, deny or needs-permit with the documents and the reasons, each citing the Article or Resolution that decides it. The decision is stored; its id is in `decisionId`.',
        body: TradeCheckRequest,
        response: { 200: TradeCheckResult, 400: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      if (req.validationError) {
        return sendAnswer(reply, rejected(app.services, schemaIssues(req.validationError.validation ?? []), req.body));
      }
      return sendAnswer(reply, await checkTrade(app.services, callerOf(req), req.body));
    },
  );

  r.post(
    '/v1/trade-checks/batch',
    {
      config: { access: 'read' },
      // The item count is checked before the items are validated one by one: a body of
      // millions of empty items is refused at once.
      preValidation: async (req, reply) => {
        const items = (req.body as { items?: unknown } | null)?.items;
        const max = app.services.config.BATCH_MAX_ITEMS;
        if (Array.isArray(items) && items.length > max) {
          return sendProblem(
            reply,
            problem('validation-error', 400, `A batch holds at most ${max} items; this one has ${items.length}.`, {
              errors: [{ pointer: '#/items', in: 'body', detail: `at most ${max} items` }],
            }),
          );
        }
      },
      schema: {
        tags: ['Trade checks'],
        operationId: 'checkShipment',
        summary: 'Check a whole shipment',
        description:
          'Evaluates every item of a shipment. `results` has one entry per item, in order: a trade-check result, or a problem for an item that is invalid; one bad item does not fail the others. Every decision is stored (in one transaction). `view=summary` answers each item compactly. With `Accept: application/x-ndjson` the answer is streamed, one JSON line per item as it is decided (each group of lines is stored before it is sent) and a last line `{"summary": {...}}`; memory stays flat for the largest shipments.',
        querystring: BatchQuery,
        body: BatchRequest,
        response: { 200: z.union([BatchResult, BatchSummaryResult]), 400: Problem },
      },
    },
    async (req, reply) => {
      const view = req.query.view === 'summary' ? 'summary' : 'full';
      if (!/application\/x-ndjson/.test(req.headers.accept ?? '')) {
        const answer = await checkShipment(app.services, callerOf(req), req.body.items, { view });
        return 'streamed' in answer ? reply : sendAnswer(reply, answer);
      }
      // NDJSON: the stream is the answer (a stream is not the JSON the schema describes: sent
      // as is). A refusal before the first line (the per-minute limit) is still a problem.
      const out = new PassThrough();
      let started = false;
      const answer = await checkShipment(app.services, callerOf(req), req.body.items, {
        view,
        stream: (text) => {
          if (!started) {
            started = true;
            (reply as FastifyReply).type('application/x-ndjson; charset=utf-8').send(out);
          }
          out.write(text);
        },
      });
      if ('streamed' in answer) {
        out.end();
        return reply;
      }
      return sendAnswer(reply, answer);
    },
  );

  r.get(
    '/v1/decisions/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Trade checks'],
        operationId: 'getDecision',
        summary: 'A stored decision with its request (audit trail)',
        params: DecisionParams,
        response: { 200: StoredDecision, 400: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      const d = await app.services.store.decision(req.params.id);
      if (d === null) return sendProblem(reply, problem('not-found', 404, `No decision ${req.params.id}`));
      return sendJsonText(
        reply,
        `{"id":${JSON.stringify(d.id)},"createdAt":${JSON.stringify(d.createdAt)},"datasetVersion":${JSON.stringify(d.datasetVersion)},"decision":${JSON.stringify(d.decision)},"apiKeyId":${JSON.stringify(d.apiKeyId)},"request":${d.request},"result":${d.result}}`,
      );
    },
  );
}
