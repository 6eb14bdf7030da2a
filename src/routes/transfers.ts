/** POST /v1/imports and GET /v1/exports/bundle: load files and bundles, export the store. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Bundle } from '../contract/bundle.js';
import { IsoDate } from '@cites-permit-check/engine/contract/common';
import { Problem } from '@cites-permit-check/engine/contract/problem';
import { sendProblem } from '../http/reply.js';
import { importFile } from '../application/import-file.js';
import { callerOf } from '../http/caller.js';
import { IMPORT_KINDS, ImportReport } from '../contract/imports.js';

const ImportQuery = z
  .strictObject({
    kind: z
      .enum(IMPORT_KINDS)
      .default('bundle')
      .describe(
        'What the body is: `bundle` (this service\'s cites-bundle/1 JSON), or an official file: `index` (CITES Checklist "Index of CITES Species" CSV), `history` ("History of CITES Listings" CSV), `reservations`, `quotas`, `suspensions` (Species+ reservations.csv, quotas.csv, exemptions.csv), `parties` (CITES list of Parties CSV), `species-plus-bulk` (the Species+ bulk download, NDJSON; POST /v1/syncs also shows what it changes first)',
      ),
    mode: z.enum(['merge', 'replace']).default('merge').describe('merge: add and update by natural keys; replace: the store becomes exactly the bundle'),
    asOf: IsoDate.optional().describe(
      'The date the official file describes, YYYY-MM-DD (the Index has none in its content: its entries start on this date); default today',
    ),
    confirm: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('replace: go ahead although the bundle removes more than REPLACE_MAX_REMOVED_SHARE of the stored taxa, listings or Parties'),
  })
  .refine((q) => q.mode === 'merge' || q.kind === 'bundle', {
    path: ['mode'],
    message: 'replace applies to bundles only: an official file describes part of the store, and replacing with it would delete the rest',
  });

export default async function transferRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const type of ['text/csv', 'application/gzip', 'application/x-gzip', 'application/octet-stream', 'text/plain']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: app.services.config.IMPORT_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
  }

  r.post(
    '/v1/imports',
    {
      bodyLimit: app.services.config.IMPORT_BODY_LIMIT_BYTES,
      config: { access: 'officer' },
      schema: {
        security: [{ apiKey: [] }],
        tags: ['Imports and exports'],
        operationId: 'importFile',
        summary: 'Import a bundle or an official CITES file, all or nothing',
        description:
          'Body: a `cites-bundle/1` JSON document (`Content-Type: application/json`), or a CSV file (`text/csv`, or gzip-compressed as `application/gzip`) of the kind named in `kind`. One transaction: on any error nothing changes and every error is listed (JSON pointer, or line and column for CSV). `mode=replace` needs the admin role, keeps the store it replaces in the audit trail, and is refused when it would remove more than REPLACE_MAX_REMOVED_SHARE of the stored taxa, listings or Parties unless `confirm=true`. A gzip body may unpack to IMPORT_UNPACKED_LIMIT_BYTES at most.',
        querystring: ImportQuery,
        body: z.unknown(),
        response: { 200: ImportReport, 400: Problem, 403: Problem, 413: Problem, 415: Problem, 503: Problem },
      },
    },
    async (req, reply) => {
      const { kind, mode, asOf, confirm } = req.query;
      // A client that hangs up stops the work (nothing is written before the whole file is read).
      // The response's 'close' before it has ended means the connection went away. (The
      // request's own 'close' also fires once its body has been read, which cancelled imports
      // of small files at random.)
      const aborted = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableEnded) aborted.abort();
      });
      const answer = await importFile(
        app.services,
        { ...callerOf(req), role: req.role },
        { kind, mode, asOf, confirm, body: req.body, signal: aborted.signal },
      );
      if ('problem' in answer) {
        if (aborted.signal.aborted) req.log.warn('import cancelled: the client disconnected');
        return sendProblem(reply, answer.problem);
      }
      req.log.info({ kind, summary: answer.report.summary }, 'import finished');
      return answer.report;
    },
  );

  r.get(
    '/v1/exports/bundle',
    {
      config: { access: 'read' },
      schema: {
        tags: ['Imports and exports'],
        operationId: 'exportBundle',
        summary: 'The whole store as a cites-bundle/1 document',
        description: 'Importing it into an empty store and exporting again gives the same bytes.',
        response: { 200: Bundle },
      },
    },
    async (_req, reply) => {
      reply.header('content-disposition', 'attachment; filename="cites-bundle.json"');
      return await app.services.store.exportBundle();
    },
  );
}
