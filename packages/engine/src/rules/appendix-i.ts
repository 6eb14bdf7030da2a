/**
 * Appendix I (Art. III) and its Article VII(4)–(5) routes: rows 10–19 of the decision
 * table, also for specimens deemed Appendix I by an annotation (R17, row 20).
 */
import { doc, type Outcome, type TradeContext } from '../outcome.js';
import { CONDITIONS, WARNINGS } from '../reasons.js';

const REVIEW_PURPOSES = new Set(['Z', 'B', 'Q']);

/** R8, Res. Conf. 5.10: zoo, breeding and circus purposes must be shown non-commercial. */
function primarilyCommercialTest(ctx: TradeContext, out: Outcome): void {
  if (REVIEW_PURPOSES.has(ctx.purpose)) {
    out.because('APP_I_PRIMARILY_COMMERCIAL_TEST');
    out.reviewRequired = true;
  }
}

/** Export or re-export document of the exporting State. */
function exportingDocument(ctx: TradeContext, order?: number) {
  return ctx.movement === 're-export' ? doc('re-export-certificate', ctx.exporter, order) : doc('export-permit', ctx.exporter, order);
}

export function appendixI(ctx: TradeContext, out: Outcome): void {
  if (ctx.resolution?.listed && ctx.resolution.deemedAppendixI) out.because('DEEMED_APPENDIX_I');
  const { exporter, importer } = ctx;

  if (ctx.movement === 'introduction-from-the-sea' && !ctx.landedElsewhere) {
    if (ctx.commercial) {
      out.because('APP_I_COMMERCIAL_INTRODUCTION_FROM_SEA').settle('deny');
      return;
    }
    out.because('APP_I_INTRODUCTION_FROM_SEA');
    primarilyCommercialTest(ctx, out);
    out.require([doc('introduction-from-the-sea-certificate', exporter)]);
    return;
  }
  if (ctx.landedElsewhere) out.because('LANDED_IN_OTHER_STATE');

  let source = ctx.specimen.source;
  // Art. VII(4) turns on registration, not on the letter: an animal from an operation in the
  // Res. Conf. 12.10 register is treated as source D whatever code was written (R41).
  if (source === 'C' && ctx.kingdom === 'Animalia' && ctx.claims.registeredOperation === true) {
    out.warn(WARNINGS.REGISTERED_OPERATION_READ_AS_D);
    source = 'D';
  }
  // Plants: Art. VII(4) needs no registered nursery (Res. Conf. 9.19 registration is
  // voluntary): artificially propagated for commercial purposes is Appendix II treatment.
  if (ctx.kingdom === 'Plantae' && (source === 'D' || (source === 'A' && ctx.commercial))) {
    out.because('APP_I_PROPAGATED_COMMERCIAL');
    const certificate = ctx.movement === 're-export' ? [] : [[doc('artificial-propagation-certificate', exporter)]];
    out.require([exportingDocument(ctx)], certificate);
    return;
  }

  switch (source) {
    case 'D':
      // R11: registered commercial breeding / propagation, deemed Appendix II.
      if (ctx.claims.registeredOperation === false) {
        out.because('UNREGISTERED_APP_I_BREEDER').settle('deny');
        return;
      }
      out.because('APP_I_REGISTERED_OPERATION').condition(CONDITIONS.REGISTERED_OPERATION);
      out.require([exportingDocument(ctx)]);
      return;
    case 'C':
      if (ctx.commercial) {
        out.because('APP_I_CAPTIVE_BRED_COMMERCIAL');
        if (ctx.policy.appendixICaptiveBredCommercial === 'deny') {
          out.settle('deny');
          return;
        }
        out.reviewRequired = true;
      } else {
        out.because('APP_I_CAPTIVE_BRED');
      }
      out.require([ctx.movement === 're-export' ? exportingDocument(ctx) : doc('captive-breeding-certificate', exporter)]);
      return;
    case 'A':
      // Not for commercial purposes (commercial propagation is handled above).
      out.because('APP_I_ARTIFICIALLY_PROPAGATED');
      out.require([ctx.movement === 're-export' ? exportingDocument(ctx) : doc('artificial-propagation-certificate', exporter)]);
      return;
    case 'R':
      out.because('RANCHED_APP_I').settle('deny');
      out.reviewRequired = true;
      return;
    default:
      // W, F, I, U, Y, X landed elsewhere, and O not shown to be pre-Convention.
      if (ctx.commercial) {
        out.because('APP_I_COMMERCIAL_IMPORT').settle('deny');
        return;
      }
      out.because(ctx.movement === 're-export' ? 'APP_I_REEXPORT' : 'APP_I_EXPORT').because('APP_I_IMPORT');
      primarilyCommercialTest(ctx, out);
      // The import permit comes first for every export (Art. III(2)(d)), but for a re-export
      // only when the specimen is alive (Art. III(4)(c)); a re-export of unknown term is read as live.
      if (ctx.movement === 're-export' && ctx.specimen.term !== undefined && !isLive(ctx.specimen)) {
        out.require([doc('import-permit', importer), exportingDocument(ctx)]);
        return;
      }
      out.condition(CONDITIONS.IMPORT_PERMIT_FIRST);
      out.require([doc('import-permit', importer, 1), exportingDocument(ctx, 2)]);
  }
}

const isLive = (s: { term?: string | undefined; termAlias?: string | undefined }) => s.term === 'LIV' || s.termAlias === 'LIV';
