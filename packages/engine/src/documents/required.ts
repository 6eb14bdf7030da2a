/**
 * R6: the presented documents against the set the movement requires (`documents`) or one of
 * the sets accepted in its place (`alternatives`, such as a captive-breeding certificate
 * instead of the export permit), and the order some must be granted in (Art. III(2)(d)).
 */
import type { PresentedDocument } from '../contract/documents.js';
import type { RequiredDocument, TradeCheckResult } from '../contract/trade-check.js';
import { type Finding, finding } from './findings.js';
import type { CheckedDocument } from './register.js';

export const requiredSets = (result: TradeCheckResult): RequiredDocument[][] => [result.documents, ...result.alternatives];

const fills = (doc: { type: string; issuer: string }, req: RequiredDocument) => doc.type === req.type && doc.issuer === req.issuer;

function fillsAny(doc: { type: string; issuer: string }, set: readonly RequiredDocument[]): boolean {
  for (const r of set) if (fills(doc, r)) return true;
  return false;
}

/** Adds to `found` why the document is not one the movement requires, if it is not. */
export function requirementFindings(doc: PresentedDocument, result: TradeCheckResult, found: Finding[]): void {
  if (fillsAny(doc, result.documents)) return;
  for (const set of result.alternatives) if (fillsAny(doc, set)) return;
  const all = requiredSets(result).flat();
  const issuers = [...new Set(all.filter((r) => r.type === doc.type).map((r) => r.issuer))];
  if (issuers.length) {
    found.push(finding('DOCUMENT_WRONG_ISSUER', `Issued by ${doc.issuer}; required from ${issuers.join(' or ')}.`));
    return;
  }
  const none = result.decision === 'deny' ? 'This movement is refused whatever the documents.' : 'This movement requires no CITES document.';
  const wanted = all.length ? `Required: ${[...new Set(all.map(describe))].join('; ')}.` : none;
  found.push(finding('DOCUMENT_NOT_REQUIRED', `Presented: ${doc.type}. ${wanted}`));
}

export const describe = (r: { type: string; issuer: string }) => `${r.type} from ${r.issuer}`;

/**
 * For each document granted out of sequence, the finding against it: the later one in
 * `order` (the export permit) issued before an earlier one (the import permit). Same-day
 * grants are not refused: the dates cannot tell which came first. Indexed like `docs`.
 */
export function orderFindings(docs: readonly CheckedDocument[], sets: readonly RequiredDocument[][]): (Finding | undefined)[] {
  const out: (Finding | undefined)[] = new Array(docs.length);
  for (const set of sets) {
    for (const later of set) {
      if (later.order === undefined) continue;
      for (const earlier of set) {
        if (earlier.order === undefined || earlier.order >= later.order) continue;
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!;
          const issued = d.issuedOn;
          if (!fills(d, later) || issued === undefined || out[i] !== undefined) continue;
          const first = firstIssuedAfter(docs, earlier, issued);
          if (first !== undefined) {
            out[i] = finding('ISSUED_BEFORE_IMPORT_PERMIT', `${describe(d)} issued on ${issued}; ${describe(first)} issued on ${first.issuedOn}.`);
          }
        }
      }
    }
  }
  return out;
}

function firstIssuedAfter(docs: readonly CheckedDocument[], req: RequiredDocument, day: string): CheckedDocument | undefined {
  for (const e of docs) if (fills(e, req) && e.issuedOn !== undefined && e.issuedOn > day) return e;
  return undefined;
}

/** The required documents of a set that no valid presented document fills. */
export function unfilled(set: readonly RequiredDocument[], valid: readonly CheckedDocument[]): RequiredDocument[] {
  const missing: RequiredDocument[] = [];
  for (const r of set) {
    let filled = false;
    for (const d of valid) if (fills(d, r)) filled = true;
    if (!filled) missing.push(r);
  }
  return missing;
}
