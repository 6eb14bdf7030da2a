/**
 * POST /v1/trade-checks, POST /v1/trade-checks/batch, GET /v1/decisions/{id}.
 * Validate, evaluate on the in-memory engine, record the decision (group commit), answer.
 * The result is serialised once: the same JSON text is stored and sent.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problem, Problem } from '../contract/problem.js';
import { BatchRequest, BatchResult, BatchSummaryResult, TradeCheckRequest, TradeCheckResult } from '../contract/trade-check.js';
import { codeErrors, isProblem, SearchBudget, validationProblem } from '../engine/index.js';
import { sendJsonText, sendProblem } from '../http/reply.js';
import { serializeTradeCheck } from '../http/trade-check-json.js';
import { newDecisionId } from '../services/decision-log.js';
import type { DecisionRecord } from '../store/types.js';

const BatchQuery = z.strictObject({
  view: z
    .enum(['full', 'summary'])
    .optional()
    .describe('full (the default): every result whole. summary: decision, documents, Appendix, reviewRequired and decision id per item; the whole result of each stays at GET /v1/decisions/{id}'),
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

/** The API key id the auth layer attached, if any. */
const keyIdOf = (req: FastifyRequest): string | null => req.apiKeyId ?? null;

/**
 * A batch yields to the event loop every CHUNK items or YIELD_AFTER_MS, whichever comes
 * first (unknown names cost far more than known ones): health checks and other callers get
 * a turn during a 20,000-item shipment.
 */
const CHUNK = 500;
const YIELD_AFTER_MS = 20;
/** Fuzzy name searches a single trade check may run (a hybrid names two parents). */
const SINGLE_CHECK_SEARCHES = 8;

/** 429 when the caller has used up its trade checks for the minute (batch items count one by one). */
function overItemLimit(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, items: number): FastifyReply | null {
  const wait = app.services.items.take(req.apiKeyId ?? `ip:${req.ip}`, items);
  if (wait === null) return null;
  reply.header('retry-after', String(wait));
  const max = app.services.config.RATE_LIMIT_ITEMS_PER_MINUTE;
  return sendProblem(reply, problem('too-many-requests', 429, `At most ${max} trade checks a minute (batch items counted one by one); retry in ${wait} s.`));
}

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
      const { engines, decisions, now } = app.services;
      if (req.validationError) {
        // The schema's errors and unknown codes together, in one 400.
        const issues = (req.validationError.validation ?? []).map((v: { instancePath?: string; message?: string }) => ({ path: (v.instancePath ?? '').split('/').filter(Boolean), message: v.message ?? 'is invalid' }));
        return sendProblem(reply, validationProblem(issues, '', codeErrors(engines.engine.data, req.body)));
      }
      if (overItemLimit(app, req, reply, 1)) return reply;
      const at = now();
      const createdAt = at.toISOString();
      const result = engines.engine.evaluate(req.body, createdAt.slice(0, 10), new SearchBudget(SINGLE_CHECK_SEARCHES));
      if (isProblem(result)) return sendProblem(reply, result);
      const id = newDecisionId(at.getTime());
      result.decisionId = id;
      const { json, stored, parts } = serializeTradeCheck(result);
      await decisions.append([
        { id, createdAt, datasetVersion: result.datasetVersion, decision: result.decision, apiKeyId: keyIdOf(req), request: JSON.stringify(req.body), result: stored, parts },
      ]);
      return sendJsonText(reply, json);
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
      const { engines, decisions, now, config } = app.services;
      const items = req.body.items;
      if (overItemLimit(app, req, reply, items.length)) return reply;
      const summaryView = req.query.view === 'summary';
      const stream = /application\/x-ndjson/.test(req.headers.accept ?? '');
      const budget = new SearchBudget(config.NAME_SEARCHES_PER_REQUEST);
      const at = now();
      const today = at.toISOString().slice(0, 10);
      const createdAt = at.toISOString();
      const engine = engines.engine;
      const keyId = keyIdOf(req);
      const summary = { allow: 0, 'needs-permit': 0, deny: 0, invalid: 0 };
      let records: DecisionRecord[] = [];
      let replies: string[] = [];
      // NDJSON: one line per item as it is decided, each chunk committed before it is sent
      // (a decision id a client has received is durable); memory stays flat. JSON: every
      // decision stored in one transaction, then the answer.
      const out = stream ? new PassThrough() : null;
      // A stream is not the JSON the response schema describes: sent as is (no serialiser).
      if (out !== null) (reply as FastifyReply).type('application/x-ndjson; charset=utf-8').send(out);
      const flushChunk = async () => {
        if (out === null) return;
        if (records.length) await decisions.append(records);
        records = [];
        if (replies.length) out.write(`${replies.join('\n')}\n`);
        replies = [];
      };
      let slice = performance.now();
      for (let i = 0; i < items.length; i++) {
        if (i > 0 && (i % CHUNK === 0 || performance.now() - slice > YIELD_AFTER_MS)) {
          await flushChunk();
          await new Promise((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
        const parsed = TradeCheckRequest.safeParse(items[i]);
        const result = parsed.success
          ? engine.evaluate(parsed.data, today, budget)
          : validationProblem(parsed.error.issues, `/items/${i}`, codeErrors(engine.data, items[i], `/items/${i}`));
        if (isProblem(result)) {
          summary.invalid++;
          // The engine's problems may be shared (unknown names are cached): point into the
          // batch on a copy, never on the problem itself.
          const shown = parsed.success && result.errors ? { ...result, errors: result.errors.map((e) => ({ ...e, pointer: e.pointer.replace('#', `#/items/${i}`) })) } : result;
          replies.push(JSON.stringify(shown));
          continue;
        }
        summary[result.decision]++;
        const id = newDecisionId(at.getTime());
        result.decisionId = id;
        const serialized = serializeTradeCheck(result, !summaryView);
        replies.push(
          summaryView
            ? `{"decision":"${result.decision}","documents":${JSON.stringify(result.documents)},"appendix":${result.appendix === null ? 'null' : `"${result.appendix}"`},"reviewRequired":${result.reviewRequired},"decisionId":"${id}"}`
            : serialized.json,
        );
        records.push({
          id, createdAt, datasetVersion: result.datasetVersion, decision: result.decision, apiKeyId: keyId,
          request: JSON.stringify(parsed.data), result: serialized.stored, parts: serialized.parts,
        });
      }
      if (out !== null) {
        await flushChunk();
        out.end(`${JSON.stringify({ summary })}\n`);
        return reply;
      }
      await decisions.append(records);
      return sendJsonText(reply, `{"results":[${replies.join(',')}],"summary":${JSON.stringify(summary)}}`);
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
      const d = app.services.store.decision(req.params.id);
      if (d === null) return sendProblem(reply, problem('not-found', 404, `No decision ${req.params.id}`));
      return sendJsonText(
        reply,
        `{"id":${JSON.stringify(d.id)},"createdAt":${JSON.stringify(d.createdAt)},"datasetVersion":${JSON.stringify(d.datasetVersion)},"decision":${JSON.stringify(d.decision)},"apiKeyId":${JSON.stringify(d.apiKeyId)},"request":${d.request},"result":${d.result}}`,
      );
    },
  );
}
