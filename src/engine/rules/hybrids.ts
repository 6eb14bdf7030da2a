/** R29(a): artificially propagated hybrids of Appendix I plants. */
import type { Outcome, TradeContext } from '../outcome.js';

const HYBRID_EXEMPT_TERMS: ReadonlySet<string> = new Set(['SEE', 'FLO', 'CUL', 'TIS']);

/**
 * Interpretation of the Appendices, Res. Conf. 11.11: artificially propagated hybrids of
 * Appendix I plants are not treated under Article III (no Appendix I plant is annotated
 * otherwise): they trade as Appendix II, on a certificate of artificial propagation; their
 * seeds, pollen, cut flowers and in-vitro cultures are not subject to the Convention.
 * Returns true when it settled the decision; otherwise it may have moved ctx.appendix to II.
 */
export function plantHybridOfAppendixI(ctx: TradeContext, out: Outcome): boolean {
  if (!ctx.plantHybrid || ctx.appendix !== 'I' || ctx.declaredSource !== 'A' || ctx.resolution?.listed !== true || ctx.resolution.deemedAppendixI) return false;
  if (ctx.specimen.term !== undefined && HYBRID_EXEMPT_TERMS.has(ctx.specimen.term)) {
    out.because('APP_I_PLANT_HYBRID_PARTS_EXEMPT').settle('allow');
    return true;
  }
  out.because('APP_I_PLANT_HYBRID_PROPAGATED');
  ctx.appendix = 'II';
  return false;
}
