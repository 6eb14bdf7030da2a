/** R36 trade suspensions and R18 export quotas (rows 3–4 of the decision table, and the quota condition). */
import type { Note, QuotaStanding, Reason } from '../contract/trade-check.js';
import type { Outcome, TradeContext } from '../outcome.js';
import { CONDITIONS, REASONS, WARNINGS } from '../reasons.js';
import { matchingQuotas, matchingSuspensions, type QuotaMatch, type SuspensionMatch } from '../restrictions.js';

import { inUnit } from '../units.js';

function withDetail<T extends Reason | Note>(r: T, detail: string): T {
  return { ...r, message: `${r.message} ${detail}` };
}

/** Which recommendation, in words an officer can look up: country, Notification, date, what it says. */
function describeSuspension(m: SuspensionMatch): string {
  const s = m.suspension;
  const what = s.notes ? ` "${s.notes.length > 300 ? `${s.notes.slice(0, 297)}...` : s.notes}"` : '';
  return `(${m.country}${s.notification ? `, Notification No. ${s.notification}` : ''}, from ${s.effectiveFrom})${what}`;
}

/**
 * R36 (Art. VIII, XIII; Res. Conf. 14.3): a matching suspension denies. It is flagged for
 * review instead when its wording could not be mapped to codes, when the trade is covered
 * only through the source the rules read (F as W), without a term where the recommendation
 * names terms, or under the deployment's policy.
 */
export function tradeSuspension(ctx: TradeContext, out: Outcome): boolean {
  const matches = matchingSuspensions(ctx.data, ctx.lineage, ctx.exporter, ctx.importer, ctx.specimen, ctx.date);
  for (const m of matches) {
    if (m.match === 'unknown-term') {
      out.warn(withDetail(WARNINGS.SUSPENSION_TERM_UNKNOWN, describeSuspension(m)), true);
      continue;
    }
    if (m.match === 'uncertain-source' || m.suspension.review) {
      out.warn(withDetail(WARNINGS.SUSPENSION_SCOPE_UNCERTAIN, describeSuspension(m)), true);
      continue;
    }
    if (ctx.policy.suspensions === 'review') {
      out.warn(withDetail(WARNINGS.SUSPENSION_FOR_REVIEW, describeSuspension(m)), true);
      continue;
    }
    out.reasons.push(withDetail(REASONS.SC_TRADE_SUSPENSION, describeSuspension(m)));
    out.settle('deny');
    return true;
  }
  return false;
}

const NO_QUOTAS: QuotaMatch[] = [];

function quotaMatches(ctx: TradeContext): QuotaMatch[] {
  // Quotas limit exports from the country of origin, not re-exports (Res. Conf. 14.7, unconfirmed detail).
  if (ctx.movement !== 'export' && !ctx.landedElsewhere) return NO_QUOTAS;
  return (ctx.quotas ??= matchingQuotas(ctx.data, ctx.lineage, ctx.exporter, ctx.specimen, ctx.date, ctx.policy.quotaCountedPer));
}

/**
 * R18 (Art. IV(3), Res. Conf. 14.7): a zero quota, or a shipment larger than the whole quota,
 * is denied; so is one larger than what the exports already endorsed against it have left.
 */
export function exportQuota(ctx: TradeContext, out: Outcome): boolean {
  for (const { quota, match, count } of quotaMatches(ctx)) {
    if (match === 'unknown-term') {
      out.warn(WARNINGS.QUOTA_TERM_UNKNOWN, true);
      continue;
    }
    const who = quota.exporter ?? 'all exporters';
    if (quota.quantity === 0) {
      out.reasons.push(withDetail(REASONS.ZERO_QUOTA, `(${who}, from ${quota.effectiveFrom}${quota.notes ? `; ${quota.notes}` : ''})`));
      out.settle('deny');
      return true;
    }
    const shipped = ctx.quantity === undefined ? null : inUnit(ctx.quantity, ctx.unit, quota.unit);
    if (shipped !== null && shipped > quota.quantity) {
      out.reasons.push(withDetail(REASONS.QUOTA_EXCEEDED, `(quota ${quota.quantity} ${quota.unit ?? 'specimens'} for ${who})`));
      out.settle('deny');
      return true;
    }
    // Only a quota the specimen certainly falls under is drawn on (match 'yes'): an unknown term is flagged above.
    const used = match === 'yes' ? ctx.quotaUse?.get(count.key) : undefined;
    if (used !== undefined && shipped !== null && used + shipped > quota.quantity) {
      const left = Math.max(0, quota.quantity - used);
      out.reasons.push(
        withDetail(REASONS.QUOTA_EXHAUSTED, `(quota ${quota.quantity} ${quota.unit ?? 'specimens'} for ${who}; ${used} already exported, ${left} left)`),
      );
      out.settle('deny');
      return true;
    }
  }
  return false;
}

/** What is left of each quota the trade certainly falls under, as the answer shows it. */
export function quotaStandings(ctx: TradeContext): QuotaStanding[] {
  const out: QuotaStanding[] = [];
  for (const { quota, match, count, taxon } of quotaMatches(ctx)) {
    if (match !== 'yes') continue;
    const used = ctx.quotaUse === undefined ? null : (ctx.quotaUse.get(count.key) ?? 0);
    out.push({
      key: count.key,
      exporter: quota.exporter,
      taxon: ctx.data.taxa[taxon]!.name,
      quantity: quota.quantity,
      unit: quota.unit,
      from: quota.effectiveFrom,
      to: quota.effectiveTo,
      counted: { from: count.from, to: count.to },
      used,
      remaining: used === null ? null : Math.max(0, quota.quantity - used),
    });
  }
  return out;
}

/** Post-processing: a positive quota becomes a condition of the permit. */
export function quotaConditions(ctx: TradeContext, out: Outcome): void {
  if (out.decision !== 'needs-permit') return;
  for (const { quota, match, count } of quotaMatches(ctx)) {
    if (match !== 'yes' || quota.quantity === 0) continue;
    const used = ctx.quotaUse?.get(count.key) ?? (ctx.quotaUse === undefined ? undefined : 0);
    const note: Note = {
      code: CONDITIONS.WITHIN_QUOTA.code,
      // The quota itself, as a permit officer reads it; the curation notes stay in the data.
      message: `${CONDITIONS.WITHIN_QUOTA.message} Quota: ${quota.quantity} ${quota.unit ?? 'specimens'}${quota.terms.length ? ` (${quota.terms.join(', ')})` : ''}${quota.sources.length ? `, source ${quota.sources.join('/')}` : ''}${quota.purposes.length ? `, purpose ${quota.purposes.join('/')}` : ''} for ${quota.exporter ?? 'all exporters'}, from ${quota.effectiveFrom}${quota.effectiveTo ? ` until ${quota.effectiveTo} (not included)` : ''}.${used === undefined ? '' : ` Exported under it from ${count.from}: ${used}; left: ${Math.max(0, quota.quantity - used)}.`}`,
    };
    out.conditions.push(note);
  }
}
