/**
 * Every error answer is RFC 9457 problem+json: validation errors name each field and why,
 * framework errors keep their status, anything unexpected is a bare 500 (logged, never
 * leaked: no stack, no SQL).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { fieldsOf, invalidFields, problem, type Problem, type SchemaIssue, type ProblemType, PROBLEM_TYPES } from '@cites-permit-check/engine/contract/problem';
import { sendProblem } from '../http/reply.js';

/** An error that already is the problem to send. */
class HttpProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

const CONTEXT_IN: Record<string, 'body' | 'query' | 'params' | 'headers'> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

const STATUS_TYPES: Record<number, ProblemType> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  412: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  428: 'precondition-required',
  429: 'too-many-requests',
  503: 'service-unavailable',
};

const UNAVAILABLE: Record<string, string> = {
  SQLITE_BUSY: 'The database is busy (another process is writing to it); nothing was changed: retry shortly.',
  SQLITE_BUSY_SNAPSHOT: 'The database changed under this request; nothing was changed: retry.',
  SQLITE_LOCKED: 'The database is busy; nothing was changed: retry shortly.',
  SQLITE_FULL: 'The disk holding the database is full; nothing was changed. Retry once space is freed.',
  SQLITE_IOERR: 'The database could not be written; nothing was changed. Retry later.',
};

/** Fastify's validation errors (from the zod type provider) back as the schema's issues. */
export function schemaIssues(validation: readonly { instancePath?: string; message?: string; keyword?: string; params?: unknown }[]): SchemaIssue[] {
  return validation.map((v) => ({
    path: (v.instancePath ?? '').split('/').filter(Boolean),
    message: v.message ?? 'is invalid',
    code: v.keyword,
    keys: (v.params as { keys?: string[] } | undefined)?.keys,
  }));
}

function fromFastifyError(err: FastifyError): Problem | null {
  if (err.validation) {
    const where = CONTEXT_IN[err.validationContext ?? 'body'] ?? 'body';
    return invalidFields(fieldsOf(schemaIssues(err.validation), where));
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('validation-error', 400, `The body is not valid JSON: ${err.message}`, {
        errors: [{ pointer: '#', in: 'body', detail: 'not valid JSON' }],
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payload-too-large', 413, 'The request body is larger than this service accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('unsupported-media-type', 415, err.message);
    default:
      break;
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const type = STATUS_TYPES[status] ?? 'validation-error';
    return problem(type, status, status === 400 || status === 429 ? err.message : PROBLEM_TYPES[type]);
  }
  return null;
}

export default fp(async function problems(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HttpProblem) return sendProblem(reply, err.problem);
    const p = fromFastifyError(err);
    if (p !== null) {
      if (p.status === 429 || p.status === 503) {
        const retry = reply.getHeader('retry-after') ?? '1';
        reply.header('retry-after', retry);
      }
      return sendProblem(reply, p);
    }
    // The database is busy past its timeout (another process holds the write lock: an import
    // from the command line) or the disk is full: the request may succeed later, so 503 with
    // Retry-After, not 500; nothing was written (every write is one transaction).
    const sqliteCode = (err as { code?: unknown }).code;
    if (typeof sqliteCode === 'string' && UNAVAILABLE[sqliteCode] !== undefined) {
      req.log.warn({ err }, 'database unavailable');
      if (sqliteCode === 'SQLITE_FULL' || sqliteCode === 'SQLITE_IOERR') app.services.storage.fullAt = Date.now();
      reply.header('retry-after', sqliteCode.startsWith('SQLITE_BUSY') ? '2' : '30');
      return sendProblem(reply, problem('service-unavailable', 503, UNAVAILABLE[sqliteCode]!));
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, problem('internal-error', 500, 'The service could not complete the request.'));
  });

  app.setNotFoundHandler((req, reply) => sendProblem(reply, problem('not-found', 404, `No route ${req.method} ${req.url.split('?')[0]}`)));
});
