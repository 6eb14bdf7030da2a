/**
 * Trade checks decided with what endorsed exports have used of the export quotas they fall
 * under (issue #19 item 4; Art. IV(3), Res. Conf. 14.7). The engine knows which quotas a
 * trade falls under only once it has read the trade: a first evaluation names them, the
 * register sums what is used of each, and a second evaluation decides with it. A trade
 * under no quota (nearly all of them) is evaluated once.
 */
import { type Engine, isProblem, type QuotaDraw, quotaDraws, type SearchBudget } from '@cites-permit-check/engine';
import type { RegisteredDocument } from '@cites-permit-check/engine/contract/documents';
import type { TradeCheckRequest, TradeCheckResult } from '@cites-permit-check/engine/contract/trade-check';
import type { Problem } from '@cites-permit-check/engine/contract/problem';
import type { Endorsement, PermitRecord } from '../contract/permits.js';
import type { CitesStore } from '../store/types.js';

export interface RecordsForCheck {
  register: ReadonlyMap<string, RegisteredDocument> | undefined;
  /** Draws of the shipment's earlier items, not endorsed yet: a shipment cannot split a quota overrun into small lines. */
  pending?: Map<string, number>;
}

export function evaluateWithQuotaUse(
  engine: Engine,
  store: CitesStore,
  request: TradeCheckRequest,
  today: string,
  budget: SearchBudget,
  records: RecordsForCheck,
): TradeCheckResult | Problem | Promise<TradeCheckResult | Problem> {
  // The trade is decided without its documents, then they are verified once against the final decision.
  const trade = request.presented === undefined ? request : { ...request, presented: undefined };
  const first = engine.evaluate(trade, today, budget);
  if (isProblem(first)) return first;
  if (first.quotas === undefined) return engine.verify(request, first, records.register);
  const keys = first.quotas.map((q) => q.key);
  return store.quotaUse(keys).then((quotaUse) => {
    for (const [key, quantity] of records.pending ?? []) quotaUse.set(key, (quotaUse.get(key) ?? 0) + quantity);
    const decided = engine.evaluate(trade, today, budget, { quotaUse });
    if (isProblem(decided)) return decided;
    const result = engine.verify(request, decided, records.register);
    if (records.pending !== undefined) {
      for (const d of quotaDraws(request, result)) records.pending.set(d.key, (records.pending.get(d.key) ?? 0) + d.quantity);
    }
    return result;
  });
}

/**
 * What an endorsed export permit draws on the exporter's quotas: each item as shipped (the
 * endorsed quantity when the permit has one item and customs give it, the quantity the
 * permit covers otherwise), decided on the day of the export. Other documents draw nothing:
 * the quota limits exports from the country that set it, and an export permit is its record.
 */
export function exportDraws(engine: Engine, permit: PermitRecord, e: Endorsement): QuotaDraw[] {
  if (permit.type !== 'export-permit') return [];
  const items = permit.items ?? [];
  return items.flatMap((item) => {
    const shipped =
      items.length === 1 && e.quantity !== undefined ? { quantity: e.quantity, unit: e.unit ?? item.unit } : { quantity: item.quantity, unit: item.unit };
    if (shipped.quantity === undefined) return [];
    const request: TradeCheckRequest = {
      taxon: item.taxon,
      exporter: permit.exporter ?? permit.issuer,
      importer: permit.importer ?? 'XX',
      // A permit without a purpose box is read as commercial, the widest quota filter.
      purpose: permit.purpose ?? 'T',
      source: item.source ?? 'W',
      quantity: shipped.quantity,
      date: e.date,
      ...(item.term === undefined ? {} : { term: item.term }),
      ...(shipped.unit === undefined ? {} : { unit: shipped.unit }),
    };
    const result = engine.evaluate(request, e.date);
    return isProblem(result) ? [] : quotaDraws(request, result);
  });
}
