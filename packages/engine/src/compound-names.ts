/**
 * Names that stand for more than one taxon and are decided through each of them: a hybrid
 * (its parents) and a common name several taxa share. The trade is evaluated for each taxon
 * (through `evaluate`, the engine's own evaluation) and the answers are combined.
 */
import type { Problem } from './contract/problem.js';
import type { TradeCheckRequest, TradeCheckResult } from './contract/trade-check.js';
import type { EngineData } from './data.js';
import type { HybridName } from './hybrids.js';
import { WARNINGS } from './reasons.js';

/** Evaluates the request for one taxon of the compound (a hybrid's parent, a common name's taxon). */
export type EvaluateMember = (req: TradeCheckRequest) => TradeCheckResult | Problem;

const APPENDIX_STRICTNESS = { I: 0, II: 1, III: 2 } as const;
const DECISION_STRICTNESS = { deny: 0, 'needs-permit': 1, allow: 2 } as const;

/**
 * A hybrid (R29, R30; Res. Conf. 10.17 for animals, 11.11 for plants): each parent named is
 * decided, and the strictest answer stands: a listed parent in the lineage makes the hybrid
 * that species. With one parent (or a higher taxon) named, the other is unknown: for review.
 */
export function decideHybrid(data: EngineData, evaluate: EvaluateMember, req: TradeCheckRequest, hybrid: HybridName): TradeCheckResult | Problem {
  const results: TradeCheckResult[] = [];
  for (const parent of hybrid.parents) {
    const r = evaluate({ ...req, taxon: parent });
    if ('status' in r) return r;
    results.push(r);
  }
  const rank = (r: TradeCheckResult) => [r.appendix === null ? 3 : APPENDIX_STRICTNESS[r.appendix], DECISION_STRICTNESS[r.decision]] as const;
  const strictest = results.reduce((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return rb[0] < ra[0] || (rb[0] === ra[0] && rb[1] < ra[1]) ? b : a;
  });
  const plant = results.some((r) => data.taxa[data.taxonById.get(r.taxon.id)!]!.kingdom === 'Plantae');
  const w = plant ? WARNINGS.PLANT_HYBRID : WARNINGS.ANIMAL_HYBRID;
  const parents = results.map((r) => r.taxon.name);
  const warning = {
    ...w,
    message: `${w.message} Parents named: ${parents.join(' × ')}${hybrid.cross ? '' : ' × (unknown)'}; deciding: ${strictest.taxon.name}.`,
  };
  return {
    ...strictest,
    taxon: { ...strictest.taxon, input: req.taxon!, hybridOf: parents },
    warnings: [...strictest.warnings, warning],
    reviewRequired: strictest.reviewRequired || !hybrid.cross,
  };
}

/**
 * A common name several taxa share ("mahogany": three Swietenia species): when every one of
 * them gets the same answer for this specimen (same decision, Appendix, documents and
 * reasons), that answer stands, naming the taxa the name covered; when they differ, the
 * caller must say which (the 422 with the candidates).
 */
export function decideByCommonName(evaluate: EvaluateMember, req: TradeCheckRequest, ambiguous: Problem): TradeCheckResult | Problem {
  const candidates = ambiguous.suggestions ?? [];
  if (!ambiguous.type.endsWith('/ambiguous-taxon') || candidates.length < 2 || candidates.some((c) => c.matchedAs !== 'common-name')) return ambiguous;
  const results: TradeCheckResult[] = [];
  for (const c of candidates) {
    const r = evaluate({ ...req, taxon: undefined, taxonId: c.id });
    if ('status' in r) return ambiguous;
    results.push(r);
  }
  const outcome = (r: TradeCheckResult) =>
    JSON.stringify([r.decision, r.appendix, r.documents, r.alternatives, r.reasons.map((x) => x.code), r.conditions.map((x) => x.code), r.reviewRequired]);
  const first = results[0]!;
  if (results.some((r) => outcome(r) !== outcome(first))) return ambiguous;
  const names = results.map((r) => r.taxon.name);
  const w = WARNINGS.COMMON_NAME_COVERS;
  return {
    ...first,
    taxon: { ...first.taxon, matchedAs: 'common-name', input: req.taxon!, commonNameOf: names },
    warnings: [...first.warnings, { ...w, message: `${w.message} ${names.join(', ')}.` }],
  };
}
