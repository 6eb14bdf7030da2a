/**
 * R39 and R42 on the trade date: a document issued after it was not valid for the movement
 * (and would be retrospective); one past its validity, the date it states or the longest the
 * Convention allows for its kind, whichever comes first, had expired.
 */
import { type Finding, finding } from './findings.js';
import type { CheckedDocument } from './register.js';
import { lastValidDay, type ValidityTable } from './validity.js';

/** Adds to `found` the finding on the document's dates, if any. */
export function dateFindings(doc: CheckedDocument, tradeDate: string, validity: ValidityTable, found: Finding[]): void {
  const { issuedOn, validUntil } = doc;
  // One reason for both readings: not yet valid for this movement, and retrospective if issued for it.
  if (issuedOn !== undefined && issuedOn > tradeDate) {
    found.push(finding('DOCUMENT_ISSUED_AFTER_TRADE', `Issued on ${issuedOn}; trade on ${tradeDate}.`));
    return;
  }
  if (validUntil !== undefined && validUntil < tradeDate) {
    found.push(finding('DOCUMENT_EXPIRED', `Valid until ${validUntil}; trade on ${tradeDate}.`));
    return;
  }
  const limit = validity[doc.type];
  if (limit === null || issuedOn === undefined) return;
  const last = lastValidDay(issuedOn, limit.months);
  if (tradeDate <= last) return;
  const detail = `Issued on ${issuedOn}: usable ${limit.months} months (${limit.basis}), up to ${last}; trade on ${tradeDate}.`;
  found.push(finding(limit.confirmed ? 'DOCUMENT_EXPIRED' : 'DOCUMENT_VALIDITY_UNCONFIRMED', detail));
}
