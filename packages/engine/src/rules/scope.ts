/** R1–R3 and R34: is the movement international trade in a listed specimen between Parties? */
import { reservingStates, type Outcome, type TradeContext } from '../outcome.js';
import { WARNINGS } from '../reasons.js';

/** R2 (Art. I(c)–(e)): a movement inside one State is not trade under the Convention. */
export function notInternationalTrade(ctx: TradeContext, out: Outcome): boolean {
  if (ctx.movement !== 'domestic') return false;
  out.because('NOT_INTERNATIONAL_TRADE').settle('allow');
  return true;
}

/** R1 (Art. II(4)) and R3 (Art. I(b), Interp. §7): nothing listed, excepted, or part not covered. */
export function notListed(ctx: TradeContext, out: Outcome): boolean {
  const r = ctx.resolution!;
  if (r.listed) return false;
  out.because(r.why === 'excluded' ? 'EXCLUDED_FROM_LISTING' : r.why === 'not-covered' ? 'PART_NOT_COVERED' : 'NOT_LISTED');
  out.settle('allow');
  return true;
}

/** R34 (Art. X, XV(3), XXIII(3)): neither side is a Party for this species. */
export function outsideConvention(ctx: TradeContext, out: Outcome): boolean {
  if (ctx.exporterStatus!.kind === 'party' || ctx.importerStatus!.kind === 'party') return false;
  if (ctx.exporterStatus!.kind === 'reserving' || ctx.importerStatus!.kind === 'reserving') out.becauseWith('RESERVATION', reservingStates(ctx));
  out.because('OUTSIDE_CITES').warn(WARNINGS.OUTSIDE_CITES_NATIONAL_LAW).settle('allow');
  return true;
}
