/** POST /v1/syncs, GET /v1/syncs: bring the data up to date with Species+ (admins), after seeing what changes. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '@cites-permit-check/engine/contract/common';
import { Problem } from '@cites-permit-check/engine/contract/problem';
import { SyncReport } from '../contract/syncs.js';
import { sendProblem } from '../http/reply.js';
import { callerOf } from '../http/caller.js';
import { runSync, syncRuns } from '../application/sync-request.js';

const SyncQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: only report what would change; nothing is written'),
  asOf: IsoDate.optional().describe('The date the bulk file describes (YYYY-MM-DD); default: the latest date it names'),
  name: z
    .string()
    .max(200)
    .regex(/^[\w.-]+$/, 'a file name (letters, digits, . _ -)')
    .default('upload')
    .describe('The name of the uploaded file, recorded with the run (e.g. cites_eu_en.ndjson.gz)'),
});

const SyncRunView = z
  .object({
    id: z.number().int(),
    via: z.string().describe('`bulk` (a downloaded file) or `api`'),
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    actor: z.string(),
    source: z.string(),
    apiTime: z.string().nullable().describe('API runs: the instant the reading began (the next run asks for changes since)'),
    error: z.string().nullable(),
    datasetVersion: z.number().int().nullable(),
  })
  .meta({ id: 'SyncRun' });

export default async function syncRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const type of ['application/x-ndjson', 'application/gzip', 'application/x-gzip', 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: app.services.config.IMPORT_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
  }

  r.post(
    '/v1/syncs',
    {
      bodyLimit: app.services.config.IMPORT_BODY_LIMIT_BYTES,
      config: { access: 'admin' },
      schema: {
        security: [{ apiKey: [] }],
        tags: ['Imports and exports'],
        operationId: 'syncFromSpeciesPlus',
        summary: 'Sync with Species+, showing what changes first',
        description:
          'With a body: a Species+ bulk download (`cites_eu_<lang>.ndjson.gz` as `application/gzip`, or plain as `application/x-ndjson`). Without one: the changes the Species+ API reports since the last successful sync (SPECIES_PLUS_TOKEN). The answer lists what changes (listings added, ended or moved between Appendices, names, quotas, suspensions). `dryRun=true` writes nothing; otherwise everything is loaded in one transaction, the dataset version goes up, and the run is recorded (who, when, from which file or API time). On any error nothing changes. One sync at a time: `503` while another runs.',
        querystring: SyncQuery,
        body: z.unknown(),
        response: { 200: SyncReport, 400: Problem, 403: Problem, 413: Problem, 415: Problem, 503: Problem },
      },
    },
    async (req, reply) => {
      const { dryRun, asOf, name } = req.query;
      const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? Readable.from([req.body]) : null;
      const answer = await runSync(app.services, callerOf(req).actor, { dryRun, asOf, file: body === null ? null : { stream: body, name } });
      if ('problem' in answer) {
        if (answer.problem.status === 503) reply.header('retry-after', '60');
        return sendProblem(reply, answer.problem);
      }
      req.log.info({ dryRun, diff: answer.report.diff.unchanged ? 'unchanged' : 'changes', summary: answer.report.summary }, 'sync finished');
      return answer.report;
    },
  );

  r.get(
    '/v1/syncs',
    {
      config: { access: 'admin' },
      schema: {
        security: [{ apiKey: [] }],
        tags: ['Imports and exports'],
        operationId: 'listSyncs',
        summary: 'The syncs from Species+, newest first',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: z.object({ items: z.array(SyncRunView) }), 403: Problem },
      },
    },
    async (req) => ({
      items: (await syncRuns(app.services, req.query.limit)).map(({ progress: _p, changes: _c, ...run }) => run),
    }),
  );
}
