/**
 * Use case "check a trade": limit → evaluate on the in-memory engine → store the decision
 * (group commit) → the answer, as the JSON text that is also stored. Validation is the
 * HTTP layer's (the route's schema); what it rejects comes back through `rejected`.
 */
import { problem, type Problem, type SchemaIssue } from '@cites-permit-check/engine/contract/problem';
import type { TradeCheckRequest } from '@cites-permit-check/engine/contract/trade-check';
import { isProblem, SearchBudget, validationProblem } from '@cites-permit-check/engine';
import { serializeTradeCheck } from './trade-check-json.js';
import { newDecisionId } from '../services/decision-log.js';
import type { Services } from '../services/index.js';
import type { Caller } from './caller.js';
import { registerView } from './permits.js';
import { evaluateWithQuotaUse } from './quota-use.js';

/** Fuzzy name searches a single trade check may run (a hybrid names two parents). */
const SINGLE_CHECK_SEARCHES = 8;

export type Answer = { json: string } | { problem: Problem; retryAfter?: number };

/** 429 when the caller has used up its trade checks for the minute (batch items count one by one). */
export function overItemLimit(services: Services, caller: Caller, items: number): Answer | null {
  const wait = services.items.take(caller.limitKey, items);
  if (wait === null) return null;
  const max = services.config.RATE_LIMIT_ITEMS_PER_MINUTE;
  return {
    problem: problem('too-many-requests', 429, `At most ${max} trade checks a minute (batch items counted one by one); retry in ${wait} s.`),
    retryAfter: wait,
  };
}

/** A request the schema rejected: its errors and its unknown codes together, in one 400. */
export function rejected(services: Services, issues: readonly SchemaIssue[], body: unknown): Answer {
  return { problem: validationProblem(issues, '', services.engines.engine.codeErrors(body)) };
}

export async function checkTrade(services: Services, caller: Caller, request: TradeCheckRequest): Promise<Answer> {
  const limited = overItemLimit(services, caller, 1);
  if (limited !== null) return limited;
  const at = services.now();
  const createdAt = at.toISOString();
  const reading = registerView(services.store, request.presented);
  const register = reading === undefined ? undefined : await reading;
  const deciding = evaluateWithQuotaUse(services.engines.engine, services.store, request, createdAt.slice(0, 10), new SearchBudget(SINGLE_CHECK_SEARCHES), {
    register,
  });
  const result = deciding instanceof Promise ? await deciding : deciding;
  if (isProblem(result)) return { problem: result };
  const id = newDecisionId(at.getTime());
  result.decisionId = id;
  const { json, stored, parts } = serializeTradeCheck(result);
  await services.decisions.append([
    {
      id,
      createdAt,
      datasetVersion: result.datasetVersion,
      decision: result.decision,
      apiKeyId: caller.keyId,
      request: JSON.stringify(request),
      result: stored,
      parts,
    },
  ]);
  return { json };
}
