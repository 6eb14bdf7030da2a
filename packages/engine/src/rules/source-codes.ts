/**
 * R41 (Res. Conf. 12.3): source codes that do not fit the taxon or the trade are never a
 * silent allow: the specimen is evaluated as wild and the decision is flagged for review.
 * Also reads source F as wild (Notification 1998/14) and Y as wild for permit type, and
 * settles the pre-Convention test of source O (R24) before any rule relies on the source.
 */
import type { Source } from '../contract/codes.js';
import { HIGH_SEAS, UNKNOWN_COUNTRY } from '../contract/countries.js';
import { firstListedOn } from '../listing.js';
import type { Outcome, TradeContext } from '../outcome.js';
import { WARNINGS } from '../reasons.js';

const ANIMAL_ONLY: ReadonlySet<Source> = new Set(['C', 'F', 'R']);
const PLANT_ONLY: ReadonlySet<Source> = new Set(['A', 'Y']);

function readAs(ctx: TradeContext, source: Source): void {
  ctx.specimen = { ...ctx.specimen, source, declaredSource: ctx.declaredSource };
}

/** Before listing resolution: checks that depend only on the taxon and the request. */
export function checkSourceForTaxon(ctx: TradeContext, out: Outcome): void {
  const src = ctx.declaredSource;
  if ((ctx.kingdom === 'Plantae' && ANIMAL_ONLY.has(src)) || (ctx.kingdom === 'Animalia' && PLANT_ONLY.has(src))) {
    out.because('SOURCE_CODE_INCONSISTENT');
    out.reviewRequired = true;
    readAs(ctx, 'W');
    return;
  }
  if (src === 'F') {
    out.because('SOURCE_F_AS_WILD');
    readAs(ctx, 'W');
  } else if (src === 'Y') {
    readAs(ctx, 'W'); // assisted production: wild for permit type (cites-rules §5.1)
  } else if (src === 'U') {
    out.because('SOURCE_UNKNOWN');
    out.reviewRequired = true;
  } else if (src === 'I') {
    out.because('SOURCE_CONFISCATED');
    out.reviewRequired = true;
  } else if (src === 'X' && ctx.origin !== null && ctx.origin !== HIGH_SEAS && ctx.origin !== UNKNOWN_COUNTRY) {
    // A State named as origin has jurisdiction over the catch area: not the high seas.
    out.warn(WARNINGS.SOURCE_X_WITH_ORIGIN, true);
    if (ctx.movement !== 'introduction-from-the-sea') readAs(ctx, 'W'); // row 30
  }
}

/** Source O counts only with an acquisition date before the first listing (R24, R41). */
export function isPreConvention(ctx: TradeContext): boolean {
  if (ctx.declaredSource !== 'O') return false;
  const first = firstListedOn(ctx.data, ctx.taxon);
  const acquired = ctx.claims.acquiredBefore;
  return first !== null && acquired !== undefined && acquired <= first;
}

/** After resolution: an O that is not shown to be pre-Convention is read as W. */
export function checkPreConventionSource(ctx: TradeContext, out: Outcome): boolean {
  if (ctx.declaredSource !== 'O') return false;
  if (isPreConvention(ctx)) return true;
  out.because('PRE_CONVENTION_NOT_SHOWN');
  out.reviewRequired = true;
  readAs(ctx, 'W');
  return false;
}

/** R41: source D belongs to Appendix-I operations (Art. VII(4)); elsewhere it is for review. */
export function checkSourceDOutsideAppendixI(ctx: TradeContext, out: Outcome): void {
  if (ctx.specimen.source === 'D' && ctx.appendix !== 'I') {
    out.because('SOURCE_CODE_INCONSISTENT');
    out.reviewRequired = true;
  }
}
