/**
 * The CITES decision engine, for the server and for integrators (`@cites-permit-check/engine`):
 *
 *   const engine = createEngine(snapshot);   // snapshot from GET /v1/snapshot
 *   engine.check({ taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W' });
 *
 * Plain data in, decision out: no I/O, no server, no database. The only outside fact it
 * uses is today's date when a request gives none, taken from `options.today`.
 * The zod schemas of the request, result and snapshot are in `@cites-permit-check/engine/contract/*`
 * (trade-check, snapshot, problem, codes, countries, common): one module per file, so that a
 * server importing a few of them registers its schemas in the order it imports them (the order
 * of the components of the server's OpenAPI document).
 */
import { type Catalog, createCatalog } from './catalog.js';
import { fieldsOf, invalidFields, type Problem, type SchemaIssue } from './contract/problem.js';
import type { Snapshot } from './contract/snapshot.js';
import { TradeCheckRequest, type TradeCheckResult } from './contract/trade-check.js';
import { countDataset, type DatasetCounts } from './counts.js';
import { buildEngineData, type EngineData } from './data.js';
import { type DocumentRegister, verifyDocuments } from './documents/verify.js';
import type { QuotaUse } from './restrictions.js';
import { evaluateTrade } from './evaluate.js';
import { normaliseName } from './names.js';
import { isPartyOn } from './parties.js';
import { DEFAULT_POLICY, type EnginePolicy } from './policy.js';
import { type SearchBudget, TaxonMatcher } from './taxon-match.js';

export type { Snapshot } from './contract/snapshot.js';
export type { TradeCheckRequest, TradeCheckRequestInput, TradeCheckResult } from './contract/trade-check.js';
export type { Problem } from './contract/problem.js';
export type { Catalog, CatalogSpecimen, ListingView, SearchHit, TaxonHistory, TaxonListing } from './catalog.js';
export type { DatasetCounts } from './counts.js';
export type { DocumentRegister } from './documents/verify.js';
export type { QuotaUse } from './restrictions.js';
export { type QuotaDraw, quotaDraws } from './quota-draws.js';

/** What an authority's records add to a trade check: the documents it holds, and what its endorsed exports have used of each quota. */
export interface TradeRecords {
  register?: DocumentRegister | undefined;
  quotaUse?: QuotaUse | undefined;
}
export { DEFAULT_POLICY, type EnginePolicy } from './policy.js';
// Public because a store keys names the way the engine looks them up (the server's SQLite store does).
export { normaliseName } from './names.js';
export { SearchBudget } from './taxon-match.js';

export interface EngineOptions {
  policy?: Partial<EnginePolicy>;
  /** Today's date (YYYY-MM-DD) for requests without one; default: the system clock, UTC. */
  today?: () => string;
}

export interface Engine {
  readonly datasetVersion: string;
  /**
   * Validates a raw request (as sent to POST /v1/trade-checks) and evaluates it. With
   * documents presented, `register` is what the checks find them in (see `evaluate`).
   */
  check(request: unknown, records?: DocumentRegister | TradeRecords): TradeCheckResult | Problem;
  /**
   * Evaluates a validated request; `budget` caps the fuzzy name searches it may run (a server
   * shares one budget across a batch so that unknown names cannot hold it for seconds).
   * When the request presents documents, each gets a verdict in `documentChecks`; `register`
   * holds the documents an authority knows, keyed by `documentKey` (contract/documents):
   * one it does not hold is checked for form and dates only and left for review.
   * `records` may also carry `quotaUse`: what endorsed exports have used of each export
   * quota (by the `key` a result's `quotas` gives), so that an export beyond what is left is
   * denied (Res. Conf. 14.7). A bare register (a Map) is read as `{ register }`.
   */
  evaluate(request: TradeCheckRequest, today?: string, budget?: SearchBudget, records?: DocumentRegister | TradeRecords): TradeCheckResult | Problem;
  /**
   * The document verdicts alone: checks the documents a request presents against the result
   * `evaluate` gave for the same request without them, as `evaluate` would (the result is
   * completed in place). For a caller that decides a trade more than once (with quota use
   * known only after a first decision) and verifies its documents once.
   */
  verify(request: TradeCheckRequest, result: TradeCheckResult, register?: DocumentRegister): TradeCheckResult;
  /** Builds the fuzzy-name index now instead of on the first unknown name. */
  warmUp(): void;
  /** The as-of date of the dataset (null when the snapshot gives none). */
  readonly asOf: string | null;
  /** Term and unit codes of a raw request that are in no code list (see `codeErrors`). */
  codeErrors(request: unknown, prefix?: string): FieldError[];
  /** Whether the country (or the Party answering for a territory) is a Party on the date. */
  isParty(code: string, date: string): boolean;
  counts(date: string): DatasetCounts;
  /** Taxon search, the listing of a taxon and its history, as the server's GET /v1/taxa answers them. */
  readonly catalog: Catalog;
}

const systemToday = () => new Date().toISOString().slice(0, 10);

export function isProblem(value: TradeCheckResult | Problem): value is Problem {
  return 'status' in value;
}

type FieldError = NonNullable<Problem['errors']>[number];

/**
 * Term and unit codes of a raw request that are in no code list: reported with the schema's
 * errors in one 400, so a caller fixes everything in one round (not the codes after the rest).
 */
function codeErrors(data: EngineData, request: unknown, prefix = ''): FieldError[] {
  if (request === null || typeof request !== 'object') return [];
  const r = request as Record<string, unknown>;
  const errors: FieldError[] = [];
  const check = (field: 'term' | 'unit', known: ReadonlySet<string>, retired: ReadonlyMap<string, string | null>) => {
    const v = r[field];
    if (typeof v !== 'string' || known.size === 0) return;
    const code = v.trim().toUpperCase();
    if (!known.has(code) && !retired.has(code)) errors.push({ pointer: `#${prefix}/${field}`, in: 'body', detail: `unknown ${field} code "${v}"` });
  };
  check('term', data.terms, data.retiredTerms);
  check('unit', data.units, data.retiredUnits);
  return errors;
}

/** Turns zod issues (and code-list errors) into the one 400 problem for invalid fields. */
export function validationProblem(issues: readonly SchemaIssue[], prefix = '', also: readonly FieldError[] = []): Problem {
  return invalidFields([...fieldsOf(issues, 'body', prefix), ...also]);
}

export function createEngine(snapshot: Snapshot, options: EngineOptions = {}): Engine {
  const data = buildEngineData(snapshot);
  const matcher = new TaxonMatcher(data);
  const policy: EnginePolicy = { ...DEFAULT_POLICY, ...options.policy };
  const today = options.today ?? systemToday;
  // Exact scientific names and synonyms only: the name on a permit is the standard nomenclature (R40).
  const taxonIdOf = (name: string) => {
    const hit = data.names.lookup(normaliseName(name));
    return hit.found && hit.kind !== 'common-name' ? data.taxa[hit.taxon]!.id : null;
  };
  const evaluate = (request: TradeCheckRequest, day?: string, budget?: SearchBudget, records?: DocumentRegister | TradeRecords) => {
    const { register, quotaUse } = records instanceof Map ? { register: records, quotaUse: undefined } : ((records as TradeRecords | undefined) ?? {});
    const result = evaluateTrade(data, matcher, policy, request, day ?? today(), { budget, quotaUse });
    if (isProblem(result)) return result;
    return verify(request, result, register);
  };
  const verify = (request: TradeCheckRequest, result: TradeCheckResult, register?: DocumentRegister) =>
    request.presented === undefined ? result : verifyDocuments(request, result, { register, validity: policy.documentValidity, taxonIdOf });
  return {
    datasetVersion: snapshot.datasetVersion,
    asOf: data.asOf,
    evaluate,
    verify,
    check(request: unknown, records?: DocumentRegister | TradeRecords) {
      const parsed = TradeCheckRequest.safeParse(request);
      if (!parsed.success) return validationProblem(parsed.error.issues, '', codeErrors(data, request));
      return evaluate(parsed.data, undefined, undefined, records);
    },
    warmUp: () => data.names.warmUp(),
    codeErrors: (request, prefix) => codeErrors(data, request, prefix),
    isParty: (code, date) => isPartyOn(data, code, date),
    counts: (date) => countDataset(data, date),
    catalog: createCatalog(data),
  };
}
