/**
 * The exemptions and special provisions of Article VII that the request can decide:
 * transit (R23), pre-Convention (R24), personal and household effects (R25), scientific
 * exchange (R27) and travelling exhibitions (R28). Each returns true once it has settled
 * the decision; a claim whose conditions fail leaves the normal rules to decide, with a warning.
 */
import { doc, type Outcome, type TradeContext } from '../outcome.js';
import { CONDITIONS, WARNINGS } from '../reasons.js';
import { inUnit } from './compliance.js';
import { isPreConvention } from './source-codes.js';

/** R23 (Art. VII(1), Res. Conf. 9.7). */
export function transit(ctx: TradeContext, out: Outcome): boolean {
  if (ctx.claims.inTransit !== true) return false;
  out.because('TRANSIT').condition(CONDITIONS.UNDER_CUSTOMS_CONTROL).settle('allow');
  return true;
}

/** R24 (Art. VII(2), Res. Conf. 13.6): a pre-Convention certificate in lieu of everything else. */
export function preConvention(ctx: TradeContext, out: Outcome): boolean {
  if (!isPreConvention(ctx)) return false;
  out.because('PRE_CONVENTION').condition(CONDITIONS.ACQUIRED_BEFORE_FIRST_LISTING);
  out.require([doc('pre-convention-certificate', ctx.exporter)]);
  return true;
}

function personalEffectsLimitExceeded(ctx: TradeContext, out: Outcome): boolean {
  const names = new Set(ctx.lineage.map((t) => ctx.data.taxa[t]!.name));
  for (const limit of ctx.policy.personalEffectsLimits) {
    if (!names.has(limit.taxon)) continue;
    if (limit.terms.length > 0 && (ctx.specimen.term === undefined || !limit.terms.includes(ctx.specimen.term))) continue;
    const quantity = ctx.quantity === undefined ? null : inUnit(ctx.quantity, ctx.unit, limit.unit === 'grams' ? 'GRM' : null);
    if (quantity !== null && quantity > limit.max) {
      out.because('PERSONAL_EFFECTS_LIMIT_EXCEEDED');
      return true;
    }
    out.condition(CONDITIONS.WITHIN_PERSONAL_EFFECTS_LIMIT);
  }
  return false;
}

/** R25 (Art. VII(3), Res. Conf. 13.7). */
export function personalEffects(ctx: TradeContext, out: Outcome): boolean {
  const { claims } = ctx;
  if (claims.personalEffects !== true && claims.householdMove !== true) return false;
  if (ctx.commercial) {
    out.warn(WARNINGS.CLAIM_NOT_APPLICABLE);
    return false;
  }
  if (ctx.kingdom === 'Animalia' && ctx.specimen.term === 'LIV' && ctx.policy.personalEffectsLiveAnimals === 'exclude') {
    out.warn(WARNINGS.LIVE_PERSONAL_EFFECTS);
    return false;
  }
  if (personalEffectsLimitExceeded(ctx, out)) return false;
  const residence = claims.ownerResidence;
  const acquiredIn = claims.acquiredIn ?? ctx.exporter;
  if (ctx.appendix === 'I' || ctx.appendix === 'II') {
    if (residence === undefined) {
      out.warn(WARNINGS.OWNER_RESIDENCE_NEEDED);
      return false;
    }
    const broughtHome = ctx.importer === residence && acquiredIn !== residence;
    if (ctx.appendix === 'I' && broughtHome) {
      out.because('PERSONAL_EFFECTS_SOUVENIR_APP_I');
      return false;
    }
    if (ctx.appendix === 'II' && broughtHome && ctx.specimen.source === 'W' && acquiredIn === ctx.populationCountry) {
      out.because('PERSONAL_EFFECTS_APP_II_WILD_ORIGIN').warn(WARNINGS.EXPORT_PERMIT_REQUIREMENT_ASSUMED);
      out.require([doc('export-permit', acquiredIn)]);
      return true;
    }
  }
  out.because('PERSONAL_EFFECTS').condition(CONDITIONS.PERSONALLY_OWNED).settle('allow');
  return true;
}

/** R27 (Art. VII(6), Res. Conf. 11.15): not for live animals, not commercial. */
export function scientificExchange(ctx: TradeContext, out: Outcome): boolean {
  if (ctx.claims.registeredInstitutions !== true) return false;
  if (ctx.commercial || (ctx.kingdom === 'Animalia' && ctx.specimen.term === 'LIV')) {
    out.warn(WARNINGS.CLAIM_NOT_APPLICABLE);
    return false;
  }
  out.because('SCIENTIFIC_EXCHANGE')
    .condition(CONDITIONS.BOTH_REGISTERED)
    .condition(CONDITIONS.LABELLED)
    .condition(CONDITIONS.NON_COMMERCIAL)
    .settle('allow');
  return true;
}

/** R28 (Art. VII(7)): only pre-Convention, captive-bred or artificially propagated specimens. */
export function travellingExhibition(ctx: TradeContext, out: Outcome): boolean {
  if (ctx.claims.travellingExhibition !== true) return false;
  const eligible = ctx.specimen.source === 'C' || ctx.specimen.source === 'A' || isPreConvention(ctx);
  if (!eligible) {
    out.warn(WARNINGS.CLAIM_NOT_APPLICABLE);
    return false;
  }
  out.because('TRAVELLING_EXHIBITION').condition(CONDITIONS.REGISTERED_EXHIBITION);
  out.require([doc('travelling-exhibition-certificate', ctx.exporter)]);
  return true;
}
