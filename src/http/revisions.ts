/**
 * Optimistic concurrency for officers' edits: a record's ETag is its revision; an update
 * must send it back in If-Match and fails with 412 when someone else changed it first.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, type Problem } from '@cites-permit-check/engine/contract/problem';
import { BundleRejected, StaleRevision } from '../store/types.js';
import { sendProblem } from './reply.js';

export const etagOf = (revision: number) => `"${revision}"`;

/** The revision in If-Match, or the problem to answer with. */
export function ifMatchRevision(req: FastifyRequest): number | Problem {
  const header = req.headers['if-match'];
  if (header === undefined) {
    return problem('precondition-required', 428, 'Send If-Match with the ETag of the record you read (GET it first).');
  }
  // RFC 9110 §13.1.1: If-Match compares strongly, so a weak ETag (W/"3") never matches.
  const m = /^"(\d+)"$/.exec(header.trim());
  if (!m) return problem('conflict', 412, `If-Match must be one strong ETag such as "3"; got ${header}.`);
  return Number(m[1]);
}

/**
 * Runs a store write and answers with the record (and its ETag), or with the problem:
 * 400 listing every invalid field, 404, 412 when the revision moved on.
 */
export async function answerWrite<T extends { revision: number }>(
  reply: FastifyReply,
  run: () => Promise<T | null>,
  notFound: string,
  status = 200,
): Promise<FastifyReply> {
  try {
    const record = await run();
    if (record === null) return sendProblem(reply, problem('not-found', 404, notFound));
    return reply.code(status).header('etag', etagOf(record.revision)).send(record);
  } catch (e) {
    if (e instanceof StaleRevision) {
      return sendProblem(reply, problem('conflict', 412, `Someone else changed the record first; it is now at revision ${e.current}. Read it again.`));
    }
    if (e instanceof BundleRejected) {
      return sendProblem(
        reply,
        problem('validation-error', 400, `${e.errors.length} error(s); nothing was changed.`, {
          errors: e.errors.map((x) => ({ pointer: `#${x.pointer}`, in: 'body' as const, detail: x.detail })),
        }),
      );
    }
    throw e;
  }
}
