/**
 * Issue #19: the documents presented with a trade check, each checked against the decision
 * (what the movement requires), the register (when it holds them) and the consignment; then
 * the decision with them. Presenting documents can only clear a `needs-permit`: a `deny`
 * stays a deny whatever the papers, and a document not valid or not verified never clears.
 */
import { type DocumentCheck, documentKey, type RegisteredDocument } from '../contract/documents.js';
import type { RequiredDocument, TradeCheckRequest, TradeCheckResult } from '../contract/trade-check.js';
import { consignmentOf, documentFindings } from './coverage.js';
import { dateFindings } from './dates.js';
import { type Finding, finding, reasonOf, verdictOf } from './findings.js';
import { formFindings } from './form.js';
import { type CheckedDocument, effectiveDocument, registerFindings } from './register.js';
import { describe, orderFindings, requiredSets, requirementFindings, unfilled } from './required.js';
import type { ValidityTable } from './validity.js';

/** The documents a register holds, keyed by `documentKey`: built by the server from its database, or by an integrator from theirs. */
export type DocumentRegister = ReadonlyMap<string, RegisteredDocument>;

export interface VerifyContext {
  readonly register: DocumentRegister | undefined;
  readonly validity: ValidityTable;
  readonly taxonIdOf: (name: string) => string | null;
}

/** The findings stay in the order they always had: requirement, register, form, dates, sequence, coverage. */
export function verifyDocuments(request: TradeCheckRequest, result: TradeCheckResult, ctx: VerifyContext): TradeCheckResult {
  const presented = request.presented ?? [];
  const sets = requiredSets(result);
  const consignment = consignmentOf(request, result, ctx.taxonIdOf);
  const held: (RegisteredDocument | undefined)[] = [];
  const docs: CheckedDocument[] = [];
  for (const p of presented) {
    const registered = ctx.register?.get(documentKey(p));
    held.push(registered);
    docs.push(effectiveDocument(p, registered));
  }
  const order = orderFindings(docs, sets);
  const checks: DocumentCheck[] = [];
  for (let i = 0; i < presented.length; i++) {
    const p = presented[i]!;
    const registered = held[i];
    const doc = docs[i]!;
    const findings: Finding[] = [];
    requirementFindings(p, result, findings);
    if (registered === undefined) findings.push(finding('DOCUMENT_NOT_IN_REGISTER'));
    else for (const f of registerFindings(p, registered, ctx.validity)) findings.push(f);
    formFindings(doc, findings);
    dateFindings(doc, result.date, ctx.validity, findings);
    const outOfOrder = order[i];
    if (outOfOrder !== undefined) findings.push(outOfOrder);
    documentFindings(doc, consignment, findings);
    const inRegister = registered !== undefined;
    checks.push({ type: p.type, number: p.number, issuer: p.issuer, verdict: verdictOf(findings, inRegister), inRegister, reasons: findings.map(reasonOf) });
  }
  return decideWithDocuments(result, sets, docs, checks);
}

/**
 * The decision with the documents, written into `result`: the engine built it for this check
 * and nobody else holds it (a copy of its twenty-odd fields was a visible share of the cost).
 */
function decideWithDocuments(
  result: TradeCheckResult,
  sets: RequiredDocument[][],
  docs: readonly CheckedDocument[],
  checks: DocumentCheck[],
): TradeCheckResult {
  result.documentChecks = checks;
  // Allow and deny were decided without papers; documents change neither (a deny is never lifted).
  if (result.decision !== 'needs-permit') return result;
  const valid: CheckedDocument[] = [];
  const refused: DocumentCheck[] = [];
  let reviewRequired = result.reviewRequired;
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i]!;
    if (c.verdict === 'valid') valid.push(docs[i]!);
    else refused.push(c);
    if (c.verdict === 'unverified') reviewRequired = true;
  }
  // The set accepted in place of the others that leaves the fewest documents missing (the first of equals).
  let missing = unfilled(sets[0]!, valid);
  for (let s = 1; s < sets.length && missing.length > 0; s++) {
    const m = unfilled(sets[s]!, valid);
    if (m.length < missing.length) missing = m;
  }
  result.reviewRequired = reviewRequired;
  if (missing.length === 0 && refused.length === 0) {
    result.decision = 'allow';
    result.reasons.push(reasonOf(finding('DOCUMENTS_VERIFIED')));
    return result;
  }
  const detail = [
    missing.length ? `Missing: ${missing.map(describe).join('; ')}.` : null,
    refused.length ? `Not accepted: ${refused.map((c) => `${c.type} ${c.number} from ${c.issuer} (${c.verdict})`).join('; ')}.` : null,
  ].filter((s) => s !== null);
  result.reasons.push(reasonOf(finding('DOCUMENTS_NOT_CLEARED', detail.join(' '))));
  return result;
}
