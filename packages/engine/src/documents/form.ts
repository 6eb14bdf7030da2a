/**
 * R40: the boxes without which a document cannot be checked against a consignment. A blank
 * one does not refuse the document (the register or the officer may know it) but keeps it
 * from clearing the trade.
 */
import { type Finding, finding } from './findings.js';
import type { CheckedDocument } from './register.js';

/** Adds to `found` the finding on blank boxes, if any. */
export function formFindings(doc: CheckedDocument, found: Finding[]): void {
  const noDate = doc.issuedOn === undefined;
  const noItems = doc.items === undefined || doc.items.length === 0;
  if (!noDate && !noItems) return;
  const blank = noDate && noItems ? 'date of issue (box 2), specimens (boxes 7–11)' : noDate ? 'date of issue (box 2)' : 'specimens (boxes 7–11)';
  found.push(finding('DOCUMENT_FORM_INCOMPLETE', `${blank}.`));
}
