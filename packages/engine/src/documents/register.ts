/**
 * What the register says of a presented document: its status (cancelled, replaced, lost,
 * stolen, already used) and whether the boxes presented agree with the boxes it holds.
 * The register is authoritative: the document checked afterwards is the registered one.
 */
import type { PresentedDocument, RegisteredDocument } from '../contract/documents.js';
import type { ValidityTable } from './validity.js';
import { type Finding, finding } from './findings.js';

/** `list` with the box named `name` (on the standard form) added when the presented box says other than the register. */
function differs(list: string, name: string, presented: string | undefined, registered: string | null | undefined): string {
  if (presented === undefined || presented === registered) return list;
  return `${list === '' ? '' : `${list}; `}${name} ${presented} (register: ${registered ?? 'blank'})`;
}

export function registerFindings(presented: PresentedDocument, registered: RegisteredDocument, validity: ValidityTable): Finding[] {
  const found: Finding[] = [];
  switch (registered.status) {
    case 'cancelled':
      found.push(finding('DOCUMENT_CANCELLED'));
      break;
    case 'replaced':
      found.push(finding('DOCUMENT_REPLACED', registered.replacedBy ? `Replaced by ${registered.replacedBy}.` : 'The register does not name the replacement.'));
      break;
    case 'lost':
    case 'stolen':
      found.push(finding('DOCUMENT_LOST_OR_STOLEN', `Reported ${registered.status}.`));
      break;
  }
  const used = registered.status === 'used' || (registered.usedOn !== undefined && registered.usedOn !== null);
  if (used && validity[registered.type]?.multipleUse !== true) {
    found.push(finding('DOCUMENT_ALREADY_USED', registered.usedOn ? `Endorsed on ${registered.usedOn}.` : 'Marked used.'));
  }
  // Box by box, each read by its name: a document presented with its number only skips them all.
  let differing = differs('', 'date of issue', presented.issuedOn, registered.issuedOn);
  differing = differs(differing, 'valid until', presented.validUntil, registered.validUntil);
  differing = differs(differing, 'country of the exporter', presented.exporter, registered.exporter);
  differing = differs(differing, 'country of the importer', presented.importer, registered.importer);
  differing = differs(differing, 'purpose', presented.purpose, registered.purpose);
  if (differing !== '') found.push(finding('DOCUMENT_CONTRADICTS_REGISTER', `${differing}.`));
  return found;
}

/**
 * The boxes the checks read, every one present (undefined when blank): one shape for every
 * document, built field by field, so the checks that read it stay fast.
 */
export interface CheckedDocument {
  readonly type: PresentedDocument['type'];
  readonly number: string;
  readonly issuer: string;
  readonly issuedOn: string | undefined;
  readonly validUntil: string | undefined;
  readonly exporter: string | undefined;
  readonly importer: string | undefined;
  readonly purpose: PresentedDocument['purpose'];
  readonly items: PresentedDocument['items'];
}

/** A box of the register wins unless the register leaves it blank (null or absent). */
const held = <T>(registered: T | null | undefined, presented: T): T => (registered === undefined || registered === null ? presented : registered);

/** The document the checks read: the register's boxes, and the presented ones where the register leaves a box blank. */
export function effectiveDocument(presented: PresentedDocument, registered: RegisteredDocument | undefined): CheckedDocument {
  if (registered === undefined) {
    return {
      type: presented.type,
      number: presented.number,
      issuer: presented.issuer,
      issuedOn: presented.issuedOn,
      validUntil: presented.validUntil,
      exporter: presented.exporter,
      importer: presented.importer,
      purpose: presented.purpose,
      items: presented.items,
    };
  }
  return {
    type: held(registered.type, presented.type),
    number: held(registered.number, presented.number),
    issuer: held(registered.issuer, presented.issuer),
    issuedOn: held(registered.issuedOn, presented.issuedOn),
    validUntil: held(registered.validUntil, presented.validUntil),
    exporter: held(registered.exporter, presented.exporter),
    importer: held(registered.importer, presented.importer),
    purpose: held(registered.purpose, presented.purpose),
    items: held(registered.items, presented.items),
  };
}
