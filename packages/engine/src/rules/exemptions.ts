/**
 * The exemptions and special provisions of Article VII that the request can decide:
 * transit (R23), pre-Convention (R24), personal and household effects (R25), scientific
 * exchange (R27) and travelling exhibitions (R28). Each returns true once it has settled
 * the decision; a claim whose conditions fail leaves the normal rules to decide, with a warning.
 */
import { doc, type Outcome, type TradeContext } from '../outcome.js';
import type { Note } from '../contract/trade-check.js';
import { CONDITIONS, WARNINGS } from '../reasons.js';
import type { PersonalEffectsLimit } from '../policy.js';
import { inUnit } from '../units.js';
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

const LIMIT_UNIT = { count: null, grams: 'GRM', millilitres: 'MLT' } as const;

/**
 * Res. Conf. 13.7 per-person limits. A limit is compared with the quantity in its own
 * dimension (a count with a count, grams with a mass); a limit measured several ways makes
 * its other measures conditions. A quantity none of a limit's measures can be compared
 * with is read strictly: not shown to be within the limit, so not exempt (cites-rules §5.4).
 */
function personalEffectsLimitExceeded(ctx: TradeContext, out: Outcome): boolean {
  const names = new Set(ctx.lineage.map((t) => ctx.data.taxa[t]!.name));
  const term = ctx.specimen.term;
  const groups = new Map<string, PersonalEffectsLimit[]>();
  for (const limit of ctx.policy.personalEffectsLimits) {
    if (!names.has(limit.taxon)) continue;
    if (limit.terms.length > 0 && term !== undefined && !limit.terms.includes(term)) continue;
    const key = `${limit.taxon}|${limit.terms.join(',')}`;
    groups.set(key, [...(groups.get(key) ?? []), limit]);
  }
  for (const limits of groups.values()) {
    const restrictedTerms = limits[0]!.terms.length > 0;
    if (limits.some((l) => l.max === 0)) {
      out.because('PERSONAL_EFFECTS_LIMIT_EXCEEDED');
      if (restrictedTerms && term === undefined) out.warn(WARNINGS.TERM_NEEDED_FOR_EXEMPTION, true);
      return true;
    }
    if (ctx.quantity === undefined) {
      out.condition(CONDITIONS.WITHIN_PERSONAL_EFFECTS_LIMIT);
      continue;
    }
    const comparable = limits.flatMap((l) => {
      const q = inUnit(ctx.quantity!, ctx.unit, LIMIT_UNIT[l.unit]);
      return q === null ? [] : [{ limit: l, quantity: q }];
    });
    if (comparable.length === 0) {
      out.because('PERSONAL_EFFECTS_LIMIT_EXCEEDED').warn(WARNINGS.PERSONAL_EFFECTS_LIMIT_UNCHECKED);
      return true;
    }
    if (comparable.some((c) => c.quantity > c.limit.max)) {
      out.because('PERSONAL_EFFECTS_LIMIT_EXCEEDED');
      if (restrictedTerms && term === undefined) out.warn(WARNINGS.TERM_NEEDED_FOR_EXEMPTION, true);
      return true;
    }
    out.condition(CONDITIONS.WITHIN_PERSONAL_EFFECTS_LIMIT);
  }
  return false;
}

/** Terms that are live animals (Res. Conf. 12.3): live, live eggs, fingerlings. */
const LIVE_ANIMAL_TERMS: ReadonlySet<string> = new Set(['LIV', 'EGL', 'FIG']);

/**
 * An exemption closed to live animals holds only when the term shows the specimen is not
 * one; without a term the stricter reading applies (as for annotations), with a warning.
 * Returns true when the exemption is closed.
 */
function closedToLiveAnimals(ctx: TradeContext, out: Outcome, liveNote: Note): boolean {
  if (ctx.kingdom !== 'Animalia') return false;
  if (ctx.specimen.term === undefined) {
    out.warn(WARNINGS.TERM_NEEDED_FOR_EXEMPTION);
    return true;
  }
  if (!LIVE_ANIMAL_TERMS.has(ctx.specimen.term)) return false;
  out.warn(liveNote);
  return true;
}

/** R25 (Art. VII(3), Res. Conf. 13.7). */
export function personalEffects(ctx: TradeContext, out: Outcome): boolean {
  const { claims } = ctx;
  if (claims.personalEffects !== true && claims.householdMove !== true) return false;
  if (ctx.commercial) {
    out.warn(WARNINGS.CLAIM_NOT_APPLICABLE);
    return false;
  }
  if (ctx.policy.personalEffectsLiveAnimals === 'exclude' && closedToLiveAnimals(ctx, out, WARNINGS.LIVE_PERSONAL_EFFECTS)) return false;
  if (personalEffectsLimitExceeded(ctx, out)) return false;
  const residence = claims.ownerResidence;
  const acquiredIn = claims.acquiredIn ?? ctx.exporter;
  // Art. VII(4): Appendix I specimens bred for commercial purposes (source D) and plants
  // artificially propagated are treated as Appendix II, whose souvenir clause (VII(3)(b))
  // concerns specimens taken from the wild only.
  const appendix = ctx.appendix === 'I' && (ctx.declaredSource === 'D' || (ctx.kingdom === 'Plantae' && ctx.declaredSource === 'A')) ? 'II' : ctx.appendix;
  if (appendix === 'I' || appendix === 'II') {
    if (residence === undefined) {
      out.warn(WARNINGS.OWNER_RESIDENCE_NEEDED);
      return false;
    }
    const broughtHome = ctx.importer === residence && acquiredIn !== residence;
    if (appendix === 'I' && broughtHome) {
      out.because('PERSONAL_EFFECTS_SOUVENIR_APP_I');
      return false;
    }
    if (appendix === 'II' && broughtHome && ctx.specimen.source === 'W' && acquiredIn === ctx.populationCountry) {
      out.because('PERSONAL_EFFECTS_APP_II_WILD_ORIGIN').warn(WARNINGS.EXPORT_PERMIT_REQUIREMENT_ASSUMED);
      out.require([doc('export-permit', acquiredIn)]);
      return true;
    }
  }
  out.because('PERSONAL_EFFECTS').condition(CONDITIONS.PERSONALLY_OWNED).settle('allow');
  return true;
}

/**
 * R27 (Art. VII(6), Res. Conf. 11.15): museum and herbarium specimens and live plant
 * material, not live animals, not commercial, between institutions registered by the
 * Management Authorities of both States (so both must be Parties for the species).
 */
export function scientificExchange(ctx: TradeContext, out: Outcome): boolean {
  if (ctx.claims.registeredInstitutions !== true) return false;
  const bothParties = ctx.exporterStatus?.kind === 'party' && ctx.importerStatus?.kind === 'party';
  if (ctx.commercial || !bothParties) {
    out.warn(WARNINGS.CLAIM_NOT_APPLICABLE);
    return false;
  }
  if (closedToLiveAnimals(ctx, out, WARNINGS.CLAIM_NOT_APPLICABLE)) return false;
  out.because('SCIENTIFIC_EXCHANGE').condition(CONDITIONS.BOTH_REGISTERED).condition(CONDITIONS.LABELLED).condition(CONDITIONS.NON_COMMERCIAL).settle('allow');
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
