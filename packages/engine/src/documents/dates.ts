/**
 * R39 and R42 on the trade date: a document issued after it was not valid for the movement
 * (and would be retrospective); one past its validity, the date it states or the longest the
 * Convention allows for its kind, whichever comes first, had expired.
 */
import type { PresentedDocument } from '../contract/documents.js';
import { type Finding, finding } from './findings.js';
import { lastValidDay, type ValidityTable } from './validity.js';

export function dateFindings(doc: PresentedDocument, tradeDate: string, validity: ValidityTable): Finding[] {
  const { issuedOn, validUntil } = doc;
  // One reason for both readings: not yet valid for this movement, and retrospective if issued for it.
  if (issuedOn !== undefined && issuedOn > tradeDate) return [finding('DOCUMENT_ISSUED_AFTER_TRADE', `Issued on ${issuedOn}; trade on ${tradeDate}.`)];
  if (validUntil !== undefined && validUntil < tradeDate) return [finding('DOCUMENT_EXPIRED', `Valid until ${validUntil}; trade on ${tradeDate}.`)];
  const limit = validity[doc.type];
  if (limit === null || issuedOn === undefined) return [];
  const last = lastValidDay(issuedOn, limit.months);
  if (tradeDate <= last) return [];
  const detail = `Issued on ${issuedOn}: usable ${limit.months} months (${limit.basis}), up to ${last}; trade on ${tradeDate}.`;
  return [finding(limit.confirmed ? 'DOCUMENT_EXPIRED' : 'DOCUMENT_VALIDITY_UNCONFIRMED', detail)];
}
