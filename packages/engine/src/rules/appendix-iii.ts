/** Appendix III (Art. V): rows 25–29. */
import { doc, type Outcome, type TradeContext } from '../outcome.js';
import { WARNINGS } from '../reasons.js';
import { responsibleParty } from '../parties.js';
import { certificateInLieu } from './appendix-ii.js';

export function appendixIII(ctx: TradeContext, out: Outcome): void {
  const { exporter } = ctx;
  if (ctx.movement === 'introduction-from-the-sea') {
    out.because('APP_III_INTRODUCTION_FROM_SEA').settle('allow');
    return;
  }
  if (ctx.movement === 're-export') {
    out.because('APP_III_REEXPORT');
    out.require([doc('re-export-certificate', exporter)]);
    return;
  }
  const parties = ctx.resolution?.listed ? ctx.resolution.listingParties : [];
  const inLieu = certificateInLieu(ctx);
  const alternatives = inLieu ? [[inLieu]] : [];
  if (inLieu) out.because('CERTIFICATE_IN_LIEU');
  if (parties.length === 0) {
    out.warn(WARNINGS.LISTING_PARTY_UNKNOWN, true);
    out.because('APP_III_CERTIFICATE_OF_ORIGIN').because('APP_III_LISTING_PARTY_EXPORT');
    out.require([doc('certificate-of-origin', exporter)], [[doc('export-permit', exporter)], ...alternatives]);
    return;
  }
  if (parties.includes(exporter) || parties.includes(responsibleParty(ctx.data, exporter))) {
    out.because('APP_III_LISTING_PARTY_EXPORT');
    out.require([doc('export-permit', exporter)], alternatives);
  } else {
    out.because('APP_III_CERTIFICATE_OF_ORIGIN');
    out.require([doc('certificate-of-origin', exporter)], alternatives);
  }
}
