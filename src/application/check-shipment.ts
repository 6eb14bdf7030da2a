/**
 * Use case "check a shipment": every item validated and evaluated on its own (one bad item
 * does not fail the others), the decisions stored, and the answer in the full or summary
 * view. With `stream`, lines go out as items are decided, each group stored before it is
 * written (a decision id a client has received is durable); otherwise every decision is
 * stored in one transaction and the whole answer returned.
 */
import { TradeCheckRequest, type TradeCheckResult } from '@cites-permit-check/engine/contract/trade-check';
import { isProblem, SearchBudget, validationProblem } from '@cites-permit-check/engine';
import { serializeTradeCheck } from './trade-check-json.js';
import { newDecisionId } from '../services/decision-log.js';
import type { Services } from '../services/index.js';
import type { DecisionRecord } from '../store/types.js';
import type { Caller } from './caller.js';
import { registerView } from './permits.js';
import { evaluateWithQuotaUse } from './quota-use.js';
import { overItemLimit, type Answer } from './check-trade.js';

/**
 * A shipment yields to the event loop every CHUNK items or YIELD_AFTER_MS, whichever comes
 * first (unknown names cost far more than known ones): health checks and other callers get
 * a turn during a 20,000-item shipment.
 */
const CHUNK = 500;
const YIELD_AFTER_MS = 20;

export interface ShipmentOptions {
  view: 'full' | 'summary';
  /** Streams NDJSON lines through this instead of returning one answer. */
  stream?: (text: string) => void;
}

function summaryLine(r: TradeCheckResult, id: string): string {
  return `{"decision":"${r.decision}","documents":${JSON.stringify(r.documents)},"appendix":${r.appendix === null ? 'null' : `"${r.appendix}"`},"reviewRequired":${r.reviewRequired},"decisionId":"${id}"}`;
}

export async function checkShipment(services: Services, caller: Caller, items: unknown[], opts: ShipmentOptions): Promise<Answer | { streamed: true }> {
  const limited = overItemLimit(services, caller, items.length);
  if (limited !== null) return limited;
  const { engines, decisions, now, config } = services;
  const summaryView = opts.view === 'summary';
  const budget = new SearchBudget(config.NAME_SEARCHES_PER_REQUEST);
  const at = now();
  const today = at.toISOString().slice(0, 10);
  const createdAt = at.toISOString();
  const engine = engines.engine;
  const counts = { allow: 0, 'needs-permit': 0, deny: 0, invalid: 0 };
  const pending = new Map<string, number>();
  let records: DecisionRecord[] = [];
  let lines: string[] = [];
  const flush = async () => {
    if (opts.stream === undefined) return;
    if (records.length) await decisions.append(records);
    records = [];
    if (lines.length) opts.stream(`${lines.join('\n')}\n`);
    lines = [];
  };
  let slice = performance.now();
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && (i % CHUNK === 0 || performance.now() - slice > YIELD_AFTER_MS)) {
      await flush();
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
    const parsed = TradeCheckRequest.safeParse(items[i]);
    const reading = parsed.success ? registerView(services.store, parsed.data.presented) : undefined;
    const register = reading === undefined ? undefined : await reading;
    const deciding = parsed.success
      ? evaluateWithQuotaUse(engine, services.store, parsed.data, today, budget, { register, pending })
      : validationProblem(parsed.error.issues, `/items/${i}`, engine.codeErrors(items[i], `/items/${i}`));
    // Only a trade under a quota waits for the register's count: the rest stay synchronous.
    const result = deciding instanceof Promise ? await deciding : deciding;
    if (isProblem(result)) {
      counts.invalid++;
      // The engine's problems may be shared (unknown names are cached): point into the
      // shipment on a copy, never on the problem itself.
      const shown =
        parsed.success && result.errors ? { ...result, errors: result.errors.map((e) => ({ ...e, pointer: e.pointer.replace('#', `#/items/${i}`) })) } : result;
      lines.push(JSON.stringify(shown));
      continue;
    }
    counts[result.decision]++;
    const id = newDecisionId(at.getTime());
    result.decisionId = id;
    const serialized = serializeTradeCheck(result, !summaryView);
    lines.push(summaryView ? summaryLine(result, id) : serialized.json);
    records.push({
      id,
      createdAt,
      datasetVersion: result.datasetVersion,
      decision: result.decision,
      apiKeyId: caller.keyId,
      request: JSON.stringify(parsed.data),
      result: serialized.stored,
      parts: serialized.parts,
    });
  }
  if (opts.stream !== undefined) {
    await flush();
    opts.stream(`${JSON.stringify({ summary: counts })}\n`);
    return { streamed: true };
  }
  await decisions.append(records);
  return { json: `{"results":[${lines.join(',')}],"summary":${JSON.stringify(counts)}}` };
}
