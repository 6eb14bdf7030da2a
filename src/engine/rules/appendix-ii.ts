/** Appendix II (Art. IV) with certificates in lieu (Art. VII(5)): rows 21–24. */
import { doc, type Outcome, type TradeContext } from '../outcome.js';
import type { RequiredDocument } from '../../contract/trade-check.js';

/** R26 (Art. VII(5)): a captive-breeding / artificial-propagation certificate may replace the permit. */
export function certificateInLieu(ctx: TradeContext): RequiredDocument | null {
  if (ctx.specimen.source === 'C') return doc('captive-breeding-certificate', ctx.exporter);
  if (ctx.specimen.source === 'A') return doc('artificial-propagation-certificate', ctx.exporter);
  return null;
}

export function appendixII(ctx: TradeContext, out: Outcome): void {
  const { exporter } = ctx;
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
