/**
 * Replies checked against their documented schemas. The service writes JSON itself (plain
 * JSON.stringify, or text serialised once to store and send, for trade checks), so nothing in
 * Fastify holds a reply to the OpenAPI document. With CHECK_REPLIES on (the test suite turns
 * it on for every app it builds) each JSON reply is parsed with the zod schema its route
 * declares for that status, and a reply that does not conform fails loudly (500 naming the
 * route and the fields). Off in production: the check costs a parse per reply.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodType } from 'zod';

class ReplyDoesNotConform extends Error {}

function check(schema: unknown, body: unknown, where: string): void {
  if (schema === undefined || schema === null || typeof (schema as ZodType).safeParse !== 'function') return;
  const parsed = (schema as ZodType).safeParse(body);
  if (parsed.success) return;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('/') || '(root)'}: ${i.message}`);
  throw new ReplyDoesNotConform(`The reply of ${where} does not match its documented schema: ${issues.join('; ')}`);
}

/** The serialiser: JSON.stringify, after the check when `checked`. */
export function replySerializer(checked: boolean) {
  return ({ schema, url, method, httpStatus }: { schema: unknown; url: string; method: string; httpStatus?: string }) =>
    (data: unknown) => {
      if (checked) check(schema, data, `${method} ${url} (${httpStatus ?? '?'})`);
      return JSON.stringify(data);
    };
}

/**
 * JSON sent as text (trade checks, stored decisions) bypasses the serialiser: checked here,
 * once the status is known. NDJSON streams and non-JSON bodies are not checked.
 */
export function checkTextReplies(app: FastifyInstance): void {
  app.addHook('onSend', (req, reply, payload, done) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (typeof payload !== 'string' || !/^application\/(problem\+)?json/.test(type)) return done(null, payload);
    const responses = (req.routeOptions.schema?.response ?? {}) as Record<string, unknown>;
    const schema = responses[String(reply.statusCode)];
    try {
      check(schema, JSON.parse(payload), `${req.method} ${req.routeOptions.url}`);
      done(null, payload);
    } catch (e) {
      done(e as Error);
    }
  });
}
