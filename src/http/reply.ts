import type { FastifyReply } from 'fastify';
import type { Problem } from '@cites-permit-check/engine/contract/problem';

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

/**
 * Sends JSON text serialised beforehand (trade checks serialise a result once, to store
 * and to send). The route's response schema still documents and types the shape.
 */
export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return (reply as FastifyReply).type('application/json; charset=utf-8').send(json);
}

/** Sends JSON already serialised (and possibly compressed: set content-encoding first). */
export function sendJsonBytes(reply: FastifyReply, body: Buffer): FastifyReply {
  return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
}
