/** R29(a): artificially propagated hybrids of Appendix I plants. */
import { doc, type Outcome, type TradeContext } from '../outcome.js';

const HYBRID_EXEMPT_TERMS: ReadonlySet<string> = new Set(['SEE', 'FLO', 'CUL', 'TIS']);

/**
 * Interpretation of the Appendices (§5), Res. Conf. 11.11: no Appendix I plant is annotated
 * to have its hybrids treated under Article III, so an artificially propagated hybrid of one
 * stays an Appendix I specimen (the Trade Database records it so) but is traded on a
 * certificate of artificial propagation, commercial or not, with no import permit; its
 * seeds, pollen, cut flowers and in-vitro cultures are not subject to the Convention.
 */
export function plantHybridOfAppendixI(ctx: TradeContext, out: Outcome): boolean {
  if (!ctx.plantHybrid || ctx.appendix !== 'I' || ctx.declaredSource !== 'A' || ctx.resolution?.listed !== true || ctx.resolution.deemedAppendixI) return false;
  if (ctx.specimen.term !== undefined && HYBRID_EXEMPT_TERMS.has(ctx.specimen.term)) {
    out.because('APP_I_PLANT_HYBRID_PARTS_EXEMPT').settle('allow');
    return true;
  }
  out.because('APP_I_PLANT_HYBRID_PROPAGATED');
  out.require([ctx.movement === 're-export' ? doc('re-export-certificate', ctx.exporter) : doc('artificial-propagation-certificate', ctx.exporter)]);
  return true;
}
