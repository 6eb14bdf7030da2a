/**
 * Issue #19: the documents presented with a trade check, each checked against the decision
 * (what the movement requires), the register (when it holds them) and the consignment; then
 * the decision with them. Presenting documents can only clear a `needs-permit`: a `deny`
 * stays a deny whatever the papers, and a document not valid or not verified never clears.
 */
import { type DocumentCheck, documentKey, type PresentedDocument, type RegisteredDocument } from '../contract/documents.js';
import type { TradeCheckRequest, TradeCheckResult } from '../contract/trade-check.js';
import { type Consignment, documentFindings } from './coverage.js';
import { dateFindings } from './dates.js';
import { type Finding, finding, reasonOf, verdictOf } from './findings.js';
import { formFindings } from './form.js';
import { registerFindings, effectiveDocument } from './register.js';
import { describe, orderFindings, requiredSets, requirementFindings, unfilled } from './required.js';
import type { ValidityTable } from './validity.js';

/** The documents a register holds, keyed by `documentKey`: built by the server from its database, or by an integrator from theirs. */
export type DocumentRegister = ReadonlyMap<string, RegisteredDocument>;

export interface VerifyContext {
  readonly register: DocumentRegister | undefined;
  readonly validity: ValidityTable;
  readonly taxonIdOf: (name: string) => string | null;
}

export function verifyDocuments(request: TradeCheckRequest, result: TradeCheckResult, ctx: VerifyContext): TradeCheckResult {
  const presented = request.presented ?? [];
  const sets = requiredSets(result);
  const consignment: Consignment = { request, result, taxonIdOf: ctx.taxonIdOf };
  const held = presented.map((p) => ctx.register?.get(documentKey(p)));
  const docs = presented.map((p, i) => effectiveDocument(p, held[i]));
  const order = orderFindings(docs, sets);
  const checks = presented.map((p, i): DocumentCheck => {
    const registered = held[i];
    const doc = docs[i]!;
    const findings: Finding[] = [
      ...requirementFindings(p, result),
      ...(registered === undefined ? [finding('DOCUMENT_NOT_IN_REGISTER')] : registerFindings(p, registered, ctx.validity)),
      ...formFindings(doc),
      ...dateFindings(doc, result.date, ctx.validity),
      ...(order.has(i) ? [order.get(i)!] : []),
      ...documentFindings(doc, consignment),
    ];
    const inRegister = registered !== undefined;
    return { type: p.type, number: p.number, issuer: p.issuer, verdict: verdictOf(findings, inRegister), inRegister, reasons: findings.map(reasonOf) };
  });
  return decideWithDocuments(result, docs, checks);
}

function decideWithDocuments(result: TradeCheckResult, docs: readonly PresentedDocument[], checks: DocumentCheck[]): TradeCheckResult {
  // Allow and deny were decided without papers; documents change neither (a deny is never lifted).
  if (result.decision !== 'needs-permit') return { ...result, documentChecks: checks };
  const valid = docs.filter((_, i) => checks[i]!.verdict === 'valid');
  const missing = requiredSets(result)
    .map((set) => unfilled(set, valid))
    .reduce((fewest, m) => (m.length < fewest.length ? m : fewest));
  const refused = checks.filter((c) => c.verdict !== 'valid');
  const reviewRequired = result.reviewRequired || checks.some((c) => c.verdict === 'unverified');
  if (missing.length === 0 && refused.length === 0) {
    return { ...result, decision: 'allow', reasons: [...result.reasons, reasonOf(finding('DOCUMENTS_VERIFIED'))], reviewRequired, documentChecks: checks };
  }
  const detail = [
    missing.length ? `Missing: ${missing.map(describe).join('; ')}.` : null,
    refused.length ? `Not accepted: ${refused.map((c) => `${c.type} ${c.number} from ${c.issuer} (${c.verdict})`).join('; ')}.` : null,
  ].filter((s) => s !== null);
  return { ...result, reasons: [...result.reasons, reasonOf(finding('DOCUMENTS_NOT_CLEARED', detail.join(' ')))], reviewRequired, documentChecks: checks };
}
