/**
 * The reasons a presented permit or certificate is refused or held for review (issue #19),
 * and the two a decision gains from them. Each cites one of the document rules of
 * cites-rules.md (R6, R39, R40, R42, R43) and the Article or Resolution behind it. Spread
 * into REASONS (reasons.ts), so docs/decision-codes.md lists them with the others.
 */
import type { Reason } from '../contract/trade-check.js';

const reason = (code: string, rule: string, article: string, message: string): Reason => Object.freeze({ code, rule, article, message });

export const DOCUMENT_REASONS = {
  // Which documents: the movement's own set (R6)
  DOCUMENT_NOT_REQUIRED: reason(
    'DOCUMENT_NOT_REQUIRED',
    'R6',
    'Art. III–V; Art. VII',
    'This kind of document is not one this movement requires, nor one accepted in place of them.',
  ),
  DOCUMENT_WRONG_ISSUER: reason(
    'DOCUMENT_WRONG_ISSUER',
    'R6',
    'Art. III–V; Art. IX(1)',
    'The document was issued by a State other than the one whose Management Authority must grant it for this movement.',
  ),
  ISSUED_BEFORE_IMPORT_PERMIT: reason(
    'ISSUED_BEFORE_IMPORT_PERMIT',
    'R6',
    'Art. III(2)(d); Art. III(4)(c)',
    'The export permit (or re-export certificate) was granted before the import permit it must follow.',
  ),
  DOCUMENT_ALREADY_USED: reason(
    'DOCUMENT_ALREADY_USED',
    'R6',
    'Art. VI(5)–(6)',
    'The register shows the document already used for a consignment: a separate document is required for each consignment.',
  ),

  // Dates (R39, R42)
  DOCUMENT_ISSUED_AFTER_TRADE: reason(
    'DOCUMENT_ISSUED_AFTER_TRADE',
    'R42',
    'Res. Conf. 12.3 (Rev. CoP19)',
    'The document was issued after the trade date: it was not valid for the movement, and documents are not accepted retrospectively.',
  ),
  DOCUMENT_EXPIRED: reason('DOCUMENT_EXPIRED', 'R39', 'Art. VI(2); Res. Conf. 12.3 (Rev. CoP19)', 'The document was no longer valid on the trade date.'),
  DOCUMENT_VALIDITY_UNCONFIRMED: reason(
    'DOCUMENT_VALIDITY_UNCONFIRMED',
    'R39',
    'Res. Conf. 12.3 (Rev. CoP19)',
    'The trade is later than the longest validity presumed for this kind of document, a figure not confirmed in the Resolution: an officer must check the validity.',
  ),

  // The register and the form (R40)
  DOCUMENT_NOT_IN_REGISTER: reason(
    'DOCUMENT_NOT_IN_REGISTER',
    'R40',
    'Art. VI; Art. IX(1); Res. Conf. 12.3 (Rev. CoP19)',
    'The register holds no such document: only its form and dates were checked; its authenticity must be confirmed with the issuing Management Authority.',
  ),
  DOCUMENT_FORM_INCOMPLETE: reason(
    'DOCUMENT_FORM_INCOMPLETE',
    'R40',
    'Art. VI(2)–(3); Appendix IV; Res. Conf. 12.3 (Rev. CoP19)',
    'Boxes of the standard form needed to check the document against this consignment are blank:',
  ),
  DOCUMENT_CONTRADICTS_REGISTER: reason(
    'DOCUMENT_CONTRADICTS_REGISTER',
    'R40',
    'Art. VI; Res. Conf. 12.3 (Rev. CoP19)',
    'The document presented says something other than the register holds for the same number:',
  ),
  DOCUMENT_CANCELLED: reason('DOCUMENT_CANCELLED', 'R40', 'Res. Conf. 12.3 (Rev. CoP19)', 'The issuing Management Authority cancelled this document.'),
  DOCUMENT_REPLACED: reason(
    'DOCUMENT_REPLACED',
    'R40',
    'Res. Conf. 12.3 (Rev. CoP19)',
    'This document was replaced by another: only the replacement may be used.',
  ),
  DOCUMENT_LOST_OR_STOLEN: reason(
    'DOCUMENT_LOST_OR_STOLEN',
    'R40',
    'Res. Conf. 12.3 (Rev. CoP19)',
    'This document was reported lost or stolen: it may not be accepted.',
  ),

  // What the document covers (R40)
  DOCUMENT_STATES_MISMATCH: reason(
    'DOCUMENT_STATES_MISMATCH',
    'R40',
    'Art. VI(2); Appendix IV; Res. Conf. 12.3 (Rev. CoP19)',
    'The exporter or importer country on the document is not that of this movement:',
  ),
  DOCUMENT_PURPOSE_MISMATCH: reason(
    'DOCUMENT_PURPOSE_MISMATCH',
    'R40',
    'Art. III(3)(c); Res. Conf. 12.3 (Rev. CoP19)',
    'The purpose on the document is not the purpose of this movement.',
  ),
  DOCUMENT_TAXON_MISMATCH: reason(
    'DOCUMENT_TAXON_MISMATCH',
    'R40',
    'Art. VI(2); Appendix IV; Res. Conf. 12.3 (Rev. CoP19)',
    'No item of the document names the taxon of this consignment (nor a synonym of it).',
  ),
  DOCUMENT_TERM_MISMATCH: reason(
    'DOCUMENT_TERM_MISMATCH',
    'R40',
    'Art. VI(2); Res. Conf. 12.3 (Rev. CoP19)',
    'The description of the specimens (trade term) on the document is not that of this consignment.',
  ),
  DOCUMENT_SOURCE_MISMATCH: reason(
    'DOCUMENT_SOURCE_MISMATCH',
    'R40',
    'Res. Conf. 12.3 (Rev. CoP19)',
    'The source code on the document is not the source of this consignment.',
  ),
  DOCUMENT_QUANTITY_EXCEEDED: reason(
    'DOCUMENT_QUANTITY_EXCEEDED',
    'R40',
    'Art. VI(2); Res. Conf. 12.3 (Rev. CoP19)',
    'The consignment is larger than the quantity the document covers.',
  ),
  DOCUMENT_QUANTITY_UNCHECKED: reason(
    'DOCUMENT_QUANTITY_UNCHECKED',
    'R40',
    'Res. Conf. 12.3 (Rev. CoP19)',
    'The quantity could not be compared with the document (no quantity declared, or another unit): an officer must check it.',
  ),

  // Re-exports (R43)
  REEXPORT_ORIGIN_MISSING: reason(
    'REEXPORT_ORIGIN_MISSING',
    'R43',
    'Art. III(4)(a); Art. IV(5)(a); Art. V(4); Art. VI; Res. Conf. 12.3 (Rev. CoP19)',
    'A re-export certificate must name the country of origin and the permit of origin of the specimens (box 12); this one does not.',
  ),
  REEXPORT_ORIGIN_MISMATCH: reason(
    'REEXPORT_ORIGIN_MISMATCH',
    'R43',
    'Art. III(4)(a); Art. IV(5)(a); Res. Conf. 12.3 (Rev. CoP19)',
    'The country of origin on the re-export certificate is not the origin of this consignment.',
  ),

  // The decision with the documents (R6)
  DOCUMENTS_VERIFIED: reason(
    'DOCUMENTS_VERIFIED',
    'R6',
    'Art. III–V; Art. VI',
    'Every document this movement requires was presented, is held in the register and covers this consignment on the trade date: the movement is cleared.',
  ),
  DOCUMENTS_NOT_CLEARED: reason(
    'DOCUMENTS_NOT_CLEARED',
    'R6',
    'Art. III–V; Art. VI',
    'The documents presented do not clear the movement; the documents listed are still required.',
  ),
} as const;
export type DocumentReasonCode = keyof typeof DOCUMENT_REASONS;

/** Findings that hold a document for review (verdict unverified) rather than refuse it. */
export const REVIEW_FINDINGS: ReadonlySet<DocumentReasonCode> = new Set([
  'DOCUMENT_NOT_IN_REGISTER',
  'DOCUMENT_VALIDITY_UNCONFIRMED',
  'DOCUMENT_FORM_INCOMPLETE',
  'DOCUMENT_QUANTITY_UNCHECKED',
]);
