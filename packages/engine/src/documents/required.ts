/**
 * R6: the presented documents against the set the movement requires (`documents`) or one of
 * the sets accepted in its place (`alternatives`, such as a captive-breeding certificate
 * instead of the export permit), and the order some must be granted in (Art. III(2)(d)).
 */
import type { PresentedDocument } from '../contract/documents.js';
import type { RequiredDocument, TradeCheckResult } from '../contract/trade-check.js';
import { type Finding, finding } from './findings.js';

export const requiredSets = (result: TradeCheckResult): RequiredDocument[][] => [result.documents, ...result.alternatives];

const fills = (doc: { type: string; issuer: string }, req: RequiredDocument) => doc.type === req.type && doc.issuer === req.issuer;

export function requirementFindings(doc: PresentedDocument, result: TradeCheckResult): Finding[] {
  const sets = requiredSets(result);
  const all = sets.flat();
  if (all.some((r) => fills(doc, r))) return [];
  const issuers = [...new Set(all.filter((r) => r.type === doc.type).map((r) => r.issuer))];
  if (issuers.length) return [finding('DOCUMENT_WRONG_ISSUER', `Issued by ${doc.issuer}; required from ${issuers.join(' or ')}.`)];
  const none = result.decision === 'deny' ? 'This movement is refused whatever the documents.' : 'This movement requires no CITES document.';
  const wanted = all.length ? `Required: ${[...new Set(all.map(describe))].join('; ')}.` : none;
  return [finding('DOCUMENT_NOT_REQUIRED', `Presented: ${doc.type}. ${wanted}`)];
}

export const describe = (r: { type: string; issuer: string }) => `${r.type} from ${r.issuer}`;

/**
 * For each document granted out of sequence, the finding against it: the later one in
 * `order` (the export permit) issued before an earlier one (the import permit). Same-day
 * grants are not refused: the dates cannot tell which came first.
 */
export function orderFindings(docs: readonly PresentedDocument[], sets: readonly RequiredDocument[][]): Map<number, Finding> {
  const out = new Map<number, Finding>();
  for (const set of sets) {
    for (const later of set) {
      for (const earlier of set) {
        if (later.order === undefined || earlier.order === undefined || earlier.order >= later.order) continue;
        for (const [i, d] of docs.entries()) {
          const issued = d.issuedOn;
          if (!fills(d, later) || issued === undefined || out.has(i)) continue;
          const first = docs.find((e) => fills(e, earlier) && e.issuedOn !== undefined && e.issuedOn > issued);
          if (first !== undefined) {
            out.set(i, finding('ISSUED_BEFORE_IMPORT_PERMIT', `${describe(d)} issued on ${issued}; ${describe(first)} issued on ${first.issuedOn}.`));
          }
        }
      }
    }
  }
  return out;
}

/** The required documents of a set that no valid presented document fills. */
export function unfilled(set: readonly RequiredDocument[], valid: readonly PresentedDocument[]): RequiredDocument[] {
  return set.filter((r) => !valid.some((d) => fills(d, r)));
}
