/**
 * One trade check, in the order of the decision table (cites-rules.md §3): scope and
 * listing first, then the overrides (suspensions, zero quotas, Article VII exemptions),
 * then the Appendix rules, then post-processing (non-Parties, quota conditions).
 * Pure: the date comes in, nothing is read or written outside `data`.
 */
import { HIGH_SEAS, SYNONYM_COUNTRY_CODES, UNKNOWN_COUNTRY } from './contract/countries.js';
import { problem, type Problem } from './contract/problem.js';
import type { AppliedListing, TradeCheckRequest, TradeCheckResult } from './contract/trade-check.js';
import { lineage, type EngineData } from './data.js';
import { resolveListing, type Resolution, type ResolutionNote } from './listing.js';
import { decideByCommonName, decideHybrid } from './compound-names.js';
import { parseHybrid } from './hybrids.js';
import { normaliseName } from './names.js';
import { strictestMember } from './members.js';
import { Outcome, type Movement, type TradeContext } from './outcome.js';
import { partyStatus } from './parties.js';
import type { EnginePolicy } from './policy.js';
import { WARNINGS } from './reasons.js';
import { appendixI } from './rules/appendix-i.js';
import { appendixII } from './rules/appendix-ii.js';
import { appendixIII } from './rules/appendix-iii.js';
import { exportQuota, quotaConditions, quotaStandings, tradeSuspension } from './rules/compliance.js';
import type { QuotaUse } from './restrictions.js';
import { personalEffects, preConvention, scientificExchange, transit, travellingExhibition } from './rules/exemptions.js';
import { plantHybridOfAppendixI } from './rules/hybrids.js';
import { comparableDocumentation } from './rules/non-parties.js';
import { notInternationalTrade, notListed, outsideConvention } from './rules/scope.js';
import { checkPreConventionSource, checkSourceDOutsideAppendixI, checkSourceForTaxon } from './rules/source-codes.js';
import type { SearchBudget, TaxonMatch, TaxonMatcher } from './taxon-match.js';

const NOTE_WARNINGS: Record<ResolutionNote, { note: (typeof WARNINGS)[keyof typeof WARNINGS]; review: boolean }> = {
  'origin-unknown-split-listing': { note: WARNINGS.ORIGIN_UNKNOWN_SPLIT_LISTING, review: true },
  'population-partly-listed': { note: WARNINGS.POPULATION_PARTLY_LISTED, review: true },
  'listing-start-unknown': { note: WARNINGS.LISTING_START_UNKNOWN, review: true },
  'term-needed-for-coverage': { note: WARNINGS.TERM_NEEDED_FOR_COVERAGE, review: true },
  'overlapping-entries': { note: WARNINGS.OVERLAPPING_ENTRIES, review: true },
  'exclusion-population-unknown': { note: WARNINGS.EXCLUSION_POPULATION_UNKNOWN, review: false },
};

function movementOf(req: TradeCheckRequest): { movement: Movement; populationCountry: string | null; landedElsewhere: boolean } {
  // An origin other than the exporter makes it a re-export whatever the source (contract,
  // pitfall 2): a specimen once introduced from the sea (origin ZZ) and sent on is re-exported.
  if (req.exporter !== req.importer && req.origin !== undefined && req.origin !== req.exporter) {
    return { movement: 're-export', populationCountry: req.origin === UNKNOWN_COUNTRY ? null : req.origin, landedElsewhere: false };
  }
  // Art. I(e), Res. Conf. 14.6: exporter = flag State, importer = where landed. Source X
  // with the exporter named as country of origin claims a catch in that State's waters:
  // not from the sea (R41 flags it); evaluated as an export from that State.
  const claimsStateWaters = req.origin === req.exporter && req.exporter !== req.importer;
  if (req.source === 'X' && !claimsStateWaters) {
    return { movement: 'introduction-from-the-sea', populationCountry: HIGH_SEAS, landedElsewhere: req.exporter !== req.importer };
  }
  const sameState = req.exporter === req.importer && req.exporter !== UNKNOWN_COUNTRY;
  if (sameState) return { movement: 'domestic', populationCountry: req.exporter, landedElsewhere: false };
  return { movement: 'export', populationCountry: req.exporter === UNKNOWN_COUNTRY ? null : req.exporter, landedElsewhere: false };
}

/** The last date the data can vouch for, computed once per as-of date and horizon (it was a Date per request). */
const horizons = new Map<string, string>();
function horizonOf(asOf: string, days: number): string {
  const key = `${asOf}|${days}`;
  let until = horizons.get(key);
  if (until === undefined) {
    until = addDays(asOf, days);
    horizons.set(key, until);
  }
  return until;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function retiredCode(kind: 'term' | 'unit', code: string, replacedBy: string | null) {
  const w = WARNINGS.RETIRED_CODE;
  return { ...w, message: `${w.message} ${kind} ${code}${replacedBy ? `: now ${replacedBy}` : ''}.` };
}

function badCode(pointer: string, value: string, list: string): Problem {
  return problem('unknown-code', 400, `"${value}" is not in the ${list} code list.`, {
    errors: [{ pointer, in: 'body', detail: `unknown ${list} code` }],
  });
}

/**
 * The entry as the decision shows it. Built once per variant and frozen: decisions share it
 * (and the HTTP layer reuses its JSON text), so treat results as read-only.
 */
function appliedListing(data: EngineData, r: Resolution & { listed: true }, exporter: string): AppliedListing {
  const e = r.entry;
  const party = e.appendix === 'III' ? (r.listingParties.includes(exporter) ? exporter : (r.listingParties[0] ?? null)) : null;
  const variant = `${party}|${r.inherited}|${r.deemedAppendixI}|${r.listingParties.join(',')}`;
  const known = e.views.get(variant);
  if (known !== undefined) return known;
  const populations = e.source.populations;
  const applied: AppliedListing = {
    taxon: data.taxa[e.taxon]!.name,
    appendix: e.appendix,
    effectiveFrom: e.from,
    effectiveTo: e.to,
    populations: populations && (populations.include?.length || populations.exclude?.length) ? Object.freeze(populations) : null,
    party,
    annotation: e.source.annotation?.en ?? null,
    hashAnnotation: e.source.hashAnnotation,
    inherited: r.inherited,
  };
  if (e.appendix === 'III') applied.listingParties = Object.freeze(r.listingParties) as string[];
  if (r.deemedAppendixI) applied.deemedAppendixI = true;
  e.views.set(variant, Object.freeze(applied));
  return applied;
}

export interface EvaluateOptions {
  /** Set when this is one taxon of a compound name (compound-names.ts): a hybrid's parent, or one taxon of a shared common name. */
  partOf?: 'hybrid' | 'common-name';
  /** Fuzzy name searches this request may still run (taxon-match.ts); unlimited when absent. */
  budget?: SearchBudget | undefined;
  /** Quantities already exported under export quotas (restrictions.ts); unknown when absent. */
  quotaUse?: QuotaUse | undefined;
}

/**
 * Evaluates a validated request. `today` is used when the request has no date.
 * Returns the decision, or a problem (unknown taxon or code) for the caller to report.
 */
export function evaluateTrade(
  data: EngineData,
  matcher: TaxonMatcher,
  policy: EnginePolicy,
  req: TradeCheckRequest,
  today: string,
  opts: EvaluateOptions = {},
): TradeCheckResult | Problem {
  const partOf = opts.partOf ?? null;
  const budget = opts.budget;
  const as = (role: 'hybrid' | 'common-name') => (member: TradeCheckRequest) =>
    evaluateTrade(data, matcher, policy, member, today, { partOf: role, budget, quotaUse: opts.quotaUse });
  // A hybrid notation ("Falco hybrid", "A x B") is read before any inference from the name's
  // first words would take "hybrid" or "x" for an epithet.
  if (partOf === null && req.taxonId === undefined) {
    const hybrid = parseHybrid(req.taxon!);
    if (hybrid !== null && !data.names.lookup(normaliseName(req.taxon!)).found) return decideHybrid(data, as('hybrid'), req, hybrid);
  }
  const match: TaxonMatch | Problem = req.taxonId !== undefined ? matcher.byId(req.taxonId) : matcher.byName(req.taxon!, req.kingdom, budget);
  if ('status' in match) return partOf === null ? decideByCommonName(as('common-name'), req, match) : match;
  if (req.taxonId !== undefined && req.taxon !== undefined) {
    // Both given: they must name the same taxon, or a typo in one would decide silently.
    const named = matcher.byName(req.taxon, req.kingdom, budget);
    if ('status' in named || named.taxon !== match.taxon) {
      const idName = data.taxa[match.taxon]!.name;
      return problem(
        'validation-error',
        400,
        `taxonId ${req.taxonId} is ${idName}, which "${req.taxon}" does not name; give one of them, or both for the same taxon.`,
        {
          errors: [{ pointer: '#/taxonId', in: 'body', detail: `is ${idName}, not "${req.taxon}"` }],
        },
      );
    }
  }
  if (req.term !== undefined && data.terms.size > 0 && !data.terms.has(req.term)) return badCode('#/term', req.term, 'term');
  if (req.unit !== undefined && data.units.size > 0 && !data.units.has(req.unit)) return badCode('#/unit', req.unit, 'unit');

  // Retired codes (annual-report guidelines, Notification 2021/044) are read, with a warning.
  const retiredTerm = req.term === undefined ? undefined : data.retiredTerms.get(req.term);
  const retiredUnit = req.unit === undefined ? undefined : data.retiredUnits.get(req.unit);
  const termAlias = retiredTerm ?? undefined;
  const date = req.date ?? today;
  const countrySynonyms = [req.exporter, req.importer, req.origin].filter((c): c is string => c !== undefined && SYNONYM_COUNTRY_CODES.has(c));
  if (countrySynonyms.length) {
    const same = (c: string) => SYNONYM_COUNTRY_CODES.get(c) ?? c;
    req = { ...req, exporter: same(req.exporter), importer: same(req.importer), ...(req.origin === undefined ? {} : { origin: same(req.origin) }) };
  }
  const node = data.taxa[match.taxon]!;
  const { movement, populationCountry, landedElsewhere } = movementOf(req);
  const ctx: TradeContext = {
    data,
    policy,
    date,
    taxon: match.taxon,
    kingdom: node.kingdom,
    lineage: lineage(data, match.taxon),
    exporter: req.exporter,
    importer: req.importer,
    origin: req.origin ?? null,
    movement,
    landedElsewhere,
    populationCountry,
    plantHybrid: partOf === 'hybrid' && node.kingdom === 'Plantae',
    infraspecificNamed:
      node.rank === 'SPECIES' && (match.matchedAs === 'species' || match.matchedAs === 'synonym') && (req.taxon ?? '').trim().split(/\s+/).length >= 3,
    specimen:
      termAlias === undefined
        ? { term: req.term, source: req.source, purpose: req.purpose }
        : { term: req.term, termAlias, source: req.source, purpose: req.purpose },
    declaredSource: req.source,
    purpose: req.purpose,
    commercial: req.purpose === 'T',
    quantity: req.quantity,
    unit: req.unit,
    claims: req.claims ?? {},
    resolution: null,
    appendix: null,
    exporterStatus: null,
    importerStatus: null,
    quotas: null,
    quotaUse: opts.quotaUse,
  };
  const out = new Outcome();
  for (const c of new Set(countrySynonyms)) {
    const w = WARNINGS.COUNTRY_CODE_READ_AS;
    out.warn({ ...w, message: `${w.message} ${c} was read as ${SYNONYM_COUNTRY_CODES.get(c)}.` });
  }
  if (retiredTerm !== undefined) out.warn(retiredCode('term', req.term!, retiredTerm));
  if (retiredUnit !== undefined) out.warn(retiredCode('unit', req.unit!, retiredUnit));
  decide(ctx, out);
  // R4: the listings are those known on the data's as-of date; a CoP may have changed them since.
  if (data.asOf !== null && date > horizonOf(data.asOf, policy.datasetHorizonDays)) {
    out.warn({ ...WARNINGS.BEYOND_DATASET_HORIZON, message: `${WARNINGS.BEYOND_DATASET_HORIZON.message} (data as of ${data.asOf}; trade dated ${date})` });
  }
  if (match.matchedAs === 'genus' || match.matchedAs === 'species') {
    if (ctx.resolution === null || !ctx.resolution.listed) return matcher.unknownName(req.taxon!, budget);
    out.warn(match.matchedAs === 'genus' ? WARNINGS.GENUS_INFERRED : WARNINGS.SPECIES_INFERRED, true);
  }

  const r = ctx.resolution;
  const quotas = ctx.quotas === null ? [] : quotaStandings(ctx);
  return {
    decision: out.decision,
    documents: out.documents,
    alternatives: out.alternatives,
    appendix: r?.listed ? r.appendix : null,
    taxon: { id: node.id, name: node.name, rank: node.rank, matchedAs: match.matchedAs, input: req.taxon ?? req.taxonId! },
    listing: r?.listed ? appliedListing(data, r, req.exporter) : null,
    movement,
    date,
    reasons: out.reasons,
    conditions: out.conditions,
    warnings: out.warnings,
    reviewRequired: out.reviewRequired,
    datasetVersion: data.datasetVersion,
    datasetAsOf: data.asOf,
    ...(quotas.length ? { quotas } : {}),
  };
}

function decide(ctx: TradeContext, out: Outcome): void {
  if (notInternationalTrade(ctx, out)) return; // R2
  checkSourceForTaxon(ctx, out); // R41 (kingdom), F as W
  if (ctx.movement === 're-export' && ctx.populationCountry === null) out.warn(WARNINGS.RE_EXPORT_ORIGIN_UNKNOWN);

  let r = resolveListing(ctx.data, ctx.taxon, ctx.populationCountry, ctx.specimen, ctx.date);
  // A split listing is by the populations of range States: a country outside the taxon's range
  // (a caracal bred in Austria) names none of them, so the specimen may be of any (§4.2).
  if (ctx.populationCountry !== null && outsideKnownRange(ctx.data, ctx.taxon, ctx.populationCountry)) {
    const unplaced = resolveListing(ctx.data, ctx.taxon, null, ctx.specimen, ctx.date);
    if (strictness(unplaced) < strictness(r)) {
      r = { ...unplaced, notes: unplaced.notes.filter((n) => n !== 'origin-unknown-split-listing') };
      out.warn(
        {
          ...WARNINGS.ORIGIN_OUTSIDE_RANGE,
          message: `${WARNINGS.ORIGIN_OUTSIDE_RANGE.message} (${ctx.populationCountry} is not in the range of ${ctx.data.taxa[ctx.taxon]!.name})`,
        },
        true,
      );
    }
  }
  // A higher taxon, or a species listed through some subspecies or populations only: the
  // strictest member that may be the specimen decides (never allow while a member is listed).
  // A subspecies named but folded into its listed species (Caiman crocodilus fuscus) is not
  // the species' separately listed subspecies (C. c. apaporiensis): those are named for review
  // instead. A near-miss of a listed name never gets here (the matcher refuses it), and a
  // species not listed itself still takes its strictest member: never 'not listed' for a name
  // that may be a listed subspecies under a name the Checklist does not know.
  const ownListingApplies = ctx.infraspecificNamed && r.listed;
  const setAside: string[] = [];
  const member = ownListingApplies ? null : strictestMember(ctx.data, ctx.taxon, r, ctx.populationCountry, ctx.specimen, ctx.date, setAside);
  if (setAside.length) {
    const w = WARNINGS.MEMBER_OUTSIDE_RANGE;
    out.warn({
      ...w,
      message: `${w.message} ${setAside.slice(0, 5).join(', ')}${setAside.length > 5 ? `, and ${setAside.length - 5} more` : ''} (bred in ${ctx.populationCountry}).`,
    });
  }
  if (ownListingApplies) {
    const listed = (ctx.data.listedMembers.get(ctx.taxon) ?? []).map((m) => ctx.data.taxa[m]!.name);
    if (listed.length) {
      const w = WARNINGS.OTHER_SUBSPECIES_LISTED;
      out.warn({ ...w, message: `${w.message} ${listed.slice(0, 5).join(', ')}${listed.length > 5 ? `, and ${listed.length - 5} more` : ''}.` }, true);
    }
  }
  if (member !== null) {
    r = member.resolution;
    const w = WARNINGS.MEMBER_DECIDES;
    out.warn({ ...w, message: `${w.message} Deciding: ${member.members.join(', ')}.` }, true);
  }
  ctx.resolution = r;
  for (const n of new Set(r.notes)) {
    const { note, review } = NOTE_WARNINGS[n];
    // The reading taken, in the Appendices' words: which population the origin may belong to.
    if ((n === 'population-partly-listed' || n === 'listing-start-unknown') && r.populationTexts) {
      out.warn({ ...note, message: `${note.message} (${r.populationTexts.join('; ')})` }, review);
    } else out.warn(note, review);
  }
  if (notListed(ctx, out)) return; // row 1: R1, R3
  ctx.appendix = r.listed ? r.appendix : null;
  const appendix = ctx.appendix!;
  const listedAppendix = r.listed ? r.entry.appendix : appendix;

  if (ctx.exporter === UNKNOWN_COUNTRY || ctx.importer === UNKNOWN_COUNTRY) out.warn(WARNINGS.STATE_UNKNOWN, true);
  ctx.exporterStatus = partyStatus(ctx.data, ctx.exporter, ctx.lineage, listedAppendix, ctx.date);
  ctx.importerStatus = partyStatus(ctx.data, ctx.importer, ctx.lineage, listedAppendix, ctx.date);
  if (outsideConvention(ctx, out)) return; // row 2: R34

  const preConventionShown = checkPreConventionSource(ctx, out);
  checkSourceDOutsideAppendixI(ctx, out);
  if (tradeSuspension(ctx, out)) return; // row 3: R36
  if (exportQuota(ctx, out)) return; // row 4: R18
  if (transit(ctx, out)) return; // row 5: R23
  // Row 7 before row 6: an owner travelling with his own pre-Convention instrument keeps the
  // personal-effects exemption (Art. VII(3)); the pre-Convention certificate is for the rest.
  if (personalEffects(ctx, out)) return finish(ctx, out); // row 7: R25
  if (preConventionShown && preConvention(ctx, out)) return finish(ctx, out); // row 6: R24
  if (scientificExchange(ctx, out)) return; // row 8: R27
  if (travellingExhibition(ctx, out)) return finish(ctx, out); // row 9: R28

  if (appendix === 'I') {
    if (!plantHybridOfAppendixI(ctx, out)) appendixI(ctx, out); // R29(a); rows 10–20
  } else if (appendix === 'II')
    appendixII(ctx, out); // rows 21–24
  else appendixIII(ctx, out); // rows 25–29
  finish(ctx, out);
}

const STRICTNESS = { I: 0, II: 1, III: 2 } as const;
const strictness = (r: Resolution) => (r.listed ? STRICTNESS[r.appendix] : 3);

/** The country is not in the taxon's recorded distribution (the species' for a subspecies without one). */
function outsideKnownRange(data: EngineData, taxon: number, country: string): boolean {
  if (country === HIGH_SEAS) return false;
  for (let t = taxon; t !== -1; t = data.taxa[t]!.parent) {
    const range = data.distribution[t];
    if (range !== undefined && range.length > 0) return !range.includes(country);
    if (data.taxa[t]!.rank === 'SPECIES') return false;
  }
  return false;
}

/** Post-processing of the decision table. */
function finish(ctx: TradeContext, out: Outcome): void {
  comparableDocumentation(ctx, out); // R32, R33
  quotaConditions(ctx, out); // R18
}
