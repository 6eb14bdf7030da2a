/** Appendix II (Art. IV) with certificates in lieu (Art. VII(5)): rows 21–24. */
import { doc, type Outcome, type TradeContext } from '../outcome.js';
import type { RequiredDocument } from '../contract/trade-check.js';
import { CONDITIONS } from '../reasons.js';

/** R26 (Art. VII(5)): a captive-breeding / artificial-propagation certificate may replace the permit. */
export function certificateInLieu(ctx: TradeContext): RequiredDocument | null {
  if (ctx.specimen.source === 'C') return doc('captive-breeding-certificate', ctx.exporter);
  if (ctx.specimen.source === 'A') return doc('artificial-propagation-certificate', ctx.exporter);
  return null;
}

/**
 * R17, Res. Conf. 11.20 (Rev. CoP18): the Appendix II populations of the African elephant and
 * the southern white rhino allow trade in live animals only to appropriate and acceptable
 * destinations (or in-situ conservation); any other live trade is deemed Appendix I. Whether
 * the destination qualifies is for the importing State's Scientific Authority: its import
 * permit is required, with the destination as a condition.
 */
function liveToAppropriateDestination(ctx: TradeContext): boolean {
  const r = ctx.resolution;
  if (ctx.specimen.term !== 'LIV' || r === null || !r.listed || r.entry.source.specimens?.otherwise !== 'appendix-I') return false;
  return /appropriate and acceptable destinations|in[- ]situ conservation/i.test(r.entry.source.annotation?.en ?? '');
}

export function appendixII(ctx: TradeContext, out: Outcome): void {
  const { exporter } = ctx;
  const destination = liveToAppropriateDestination(ctx);
  if (destination) {
    out.because('LIVE_TO_APPROPRIATE_DESTINATION').condition(CONDITIONS.APPROPRIATE_DESTINATION);
    const exporting = ctx.movement === 're-export' ? doc('re-export-certificate', exporter, 2) : doc('export-permit', exporter, 2);
    out.because(ctx.movement === 're-export' ? 'APP_II_REEXPORT' : 'APP_II_EXPORT');
    out.require([doc('import-permit', ctx.importer, 1), exporting]);
    return;
  }
  if (ctx.movement === 'introduction-from-the-sea' && !ctx.landedElsewhere) {
    out.because('APP_II_INTRODUCTION_FROM_SEA');
    out.require([doc('introduction-from-the-sea-certificate', exporter)]);
    return;
  }
  if (ctx.movement === 're-export') {
    out.because('APP_II_REEXPORT').because('APP_II_IMPORT');
    out.require([doc('re-export-certificate', exporter)]);
    return;
  }
  if (ctx.landedElsewhere) out.because('LANDED_IN_OTHER_STATE');
  out.because('APP_II_EXPORT').because('APP_II_IMPORT');
  const inLieu = certificateInLieu(ctx);
  if (inLieu) out.because('CERTIFICATE_IN_LIEU');
  out.require([doc('export-permit', exporter)], inLieu ? [[inLieu]] : []);
}
