/** The caller of a request, as the use cases see it (the auth plugin attached the key). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../application/caller.js';
import type { Answer } from '../application/check-trade.js';
import { sendJsonText, sendProblem } from './reply.js';

export function callerOf(req: FastifyRequest): Caller {
  return { keyId: req.apiKeyId ?? null, actor: req.actor ?? 'anonymous', limitKey: req.apiKeyId ?? `ip:${req.ip}` };
}

/** A use case's answer: its JSON text, or its problem (with Retry-After when it says so). */
export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  if ('json' in answer) return sendJsonText(reply, answer.json);
  if (answer.retryAfter !== undefined) reply.header('retry-after', String(answer.retryAfter));
  return sendProblem(reply, answer.problem);
}
