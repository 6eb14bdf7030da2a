/**
 * R40: the boxes without which a document cannot be checked against a consignment. A blank
 * one does not refuse the document (the register or the officer may know it) but keeps it
 * from clearing the trade.
 */
import type { PresentedDocument } from '../contract/documents.js';
import { type Finding, finding } from './findings.js';

export function formFindings(doc: PresentedDocument): Finding[] {
  const blank = [
    doc.issuedOn === undefined ? 'date of issue (box 2)' : null,
    doc.items === undefined || doc.items.length === 0 ? 'specimens (boxes 7–11)' : null,
  ].filter((s) => s !== null);
  return blank.length ? [finding('DOCUMENT_FORM_INCOMPLETE', `${blank.join(', ')}.`)] : [];
}
