/**
 * What an export draws on the export quotas it falls under (Res. Conf. 14.7): the quantity
 * shipped in each quota's unit. A permit register records these when customs endorse an
 * export permit, and sums them into the `QuotaUse` a later trade check is decided with.
 */
import type { TradeCheckRequest, TradeCheckResult } from './contract/trade-check.js';
import { inUnit } from './units.js';

export interface QuotaDraw {
  /** The quota's key, as the result's `quotas` give it. */
  key: string;
  /** The quantity shipped, in the quota's unit. */
  quantity: number;
}

/**
 * The draws of an export the engine has decided. A deny draws nothing (nothing may leave);
 * a quantity that cannot be put in a quota's unit (kilograms against a count of specimens)
 * is not drawn, as the Convention gives no conversion.
 */
export function quotaDraws(request: TradeCheckRequest, result: TradeCheckResult): QuotaDraw[] {
  if (result.decision === 'deny' || request.quantity === undefined || result.quotas === undefined) return [];
  const draws: QuotaDraw[] = [];
  for (const q of result.quotas) {
    const quantity = inUnit(request.quantity, request.unit, q.unit);
    if (quantity !== null) draws.push({ key: q.key, quantity });
  }
  return draws;
}
