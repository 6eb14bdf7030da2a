/**
 * The permit register: officers register documents and change their status; customs read
 * them and endorse them at the border. A permit names traders (personal data): reading needs
 * the customs role at least, never a reader key or no key.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problem, Problem } from '@cites-permit-check/engine/contract/problem';
import { CountryCode } from '@cites-permit-check/engine/contract/common';
import { endorsePermit, type PermitAnswer, registerPermit } from '../../application/permits.js';
import { importPermits } from '../../application/import-permits.js';
import { Endorsement, NewPermit, PermitImportReport, PermitRecord, PermitStatusChange } from '../../contract/permits.js';
import { IfMatchHeaders } from '../../contract/records.js';
import { callerOf } from '../../http/caller.js';
import { sendProblem } from '../../http/reply.js';
import { answerWrite, etagOf, ifMatchRevision } from '../../http/revisions.js';
import { IdParams, WRITE_ERRORS } from './listings.js';

const TAGS = ['Permit register'];
const PermitList = z.object({ items: z.array(PermitRecord) }).meta({ id: 'PermitList' });
const PermitQuery = z.strictObject({
  number: z.string().trim().min(1).max(60).optional().describe('Document number, compared without case or spaces'),
  issuer: CountryCode.optional().describe('Issuing country'),
  limit: z.coerce.number().int().min(1).max(500).optional().describe('At most this many (default 50)'),
});

function answer(reply: FastifyReply, a: PermitAnswer): FastifyReply {
  if ('problem' in a) return sendProblem(reply, a.problem);
  return reply.code(a.status).header('etag', etagOf(a.record.revision)).send(a.record);
}

export default async function permitRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.services;

  r.post(
    '/v1/permits',
    {
      config: { access: 'officer' },
      schema: {
        tags: TAGS,
        operationId: 'registerPermit',
        summary: 'Register a permit or certificate',
        description:
          'A document this Management Authority issued (`registeredAs: issued`) or one another Party issued and sent (`received`). Trade checks that present it are verified against it. Audited.',
        security: [{ apiKey: [] }],
        body: NewPermit,
        response: { 201: PermitRecord, 400: Problem, 401: Problem, 403: Problem, 409: Problem },
      },
    },
    async (req, reply) => answer(reply, await registerPermit(app.services, callerOf(req), req.body)),
  );

  // A CSV file of received documents arrives as text (the JSON list goes through the default parser).
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: app.services.config.IMPORT_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));

  r.post(
    '/v1/permits/imports',
    {
      bodyLimit: app.services.config.IMPORT_BODY_LIMIT_BYTES,
      config: { access: 'officer' },
      schema: {
        tags: TAGS,
        operationId: 'importPermits',
        summary: 'Load documents received from other Parties (JSON or CSV), all or nothing',
        description:
          'A JSON list (`{"permits": [...]}`, each as for registering one) or a CSV file, one line per item with the document boxes repeated. Documents whose issuer is not this Management Authority (AUTHORITY_COUNTRY) are registered as `received`. One transaction: on any error nothing is registered and every error is listed (line and column for CSV). A document already registered is left unchanged, so loading the same file twice changes nothing. Audited.',
        security: [{ apiKey: [] }],
        body: z.unknown(),
        response: { 200: PermitImportReport, 400: Problem, 401: Problem, 403: Problem, 413: Problem, 415: Problem },
      },
    },
    async (req, reply) => {
      const a = await importPermits(app.services, callerOf(req), req.body);
      if ('problem' in a) return sendProblem(reply, a.problem);
      return a.report;
    },
  );

  r.get(
    '/v1/permits',
    {
      config: { access: 'customs' },
      schema: {
        tags: TAGS,
        operationId: 'findPermits',
        summary: 'Find registered documents by number or issuer',
        security: [{ apiKey: [] }],
        querystring: PermitQuery,
        response: { 200: PermitList, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => ({ items: await store.permits({ ...req.query, limit: req.query.limit ?? 50 }) }),
  );

  r.get(
    '/v1/permits/:id',
    {
      config: { access: 'customs' },
      schema: {
        tags: TAGS,
        operationId: 'getPermit',
        summary: 'A registered document, with its endorsements and its ETag',
        security: [{ apiKey: [] }],
        params: IdParams,
        response: { 200: PermitRecord, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      const record = await store.permit(req.params.id);
      if (record === null) return sendProblem(reply, problem('not-found', 404, `No permit ${req.params.id}`));
      return reply.header('etag', etagOf(record.revision)).send(record);
    },
  );

  r.post(
    '/v1/permits/:id/status',
    {
      config: { access: 'officer' },
      schema: {
        tags: TAGS,
        operationId: 'changePermitStatus',
        summary: 'Cancel a document, or mark it replaced, lost or stolen (send If-Match)',
        description: 'A document so marked no longer clears any trade check. Audited.',
        security: [{ apiKey: [] }],
        headers: IfMatchHeaders,
        params: IdParams,
        body: PermitStatusChange,
        response: { 200: PermitRecord, ...WRITE_ERRORS },
      },
    },
    async (req, reply) => {
      const revision = ifMatchRevision(req);
      if (typeof revision !== 'number') return sendProblem(reply, revision);
      return answerWrite(reply, () => store.changePermitStatus(req.params.id, req.body, revision, callerOf(req).actor), `No permit ${req.params.id}`);
    },
  );

  r.post(
    '/v1/permits/:id/endorsements',
    {
      config: { access: 'customs' },
      schema: {
        tags: TAGS,
        operationId: 'endorsePermit',
        summary: 'Endorse a document at export or import',
        description:
          'Records the quantity shipped, the port and the date. A document covers one consignment (Art. VI(5)): endorsing makes it used, once; a second endorsement, even at the same moment at another border post, is answered 409. Audited.',
        security: [{ apiKey: [] }],
        params: IdParams,
        body: Endorsement,
        response: { 200: PermitRecord, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (req, reply) => answer(reply, await endorsePermit(app.services, callerOf(req), req.params.id, req.body)),
  );
}
