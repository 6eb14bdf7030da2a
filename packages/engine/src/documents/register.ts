/**
 * What the register says of a presented document: its status (cancelled, replaced, lost,
 * stolen, already used) and whether the boxes presented agree with the boxes it holds.
 * The register is authoritative: the document checked afterwards is the registered one.
 */
import type { PresentedDocument, RegisteredDocument } from '../contract/documents.js';
import type { ValidityTable } from './validity.js';
import { type Finding, finding } from './findings.js';

/** The boxes compared with the register, by their name on the standard form. */
const COMPARED_BOXES = [
  ['issuedOn', 'date of issue'],
  ['validUntil', 'valid until'],
  ['exporter', 'country of the exporter'],
  ['importer', 'country of the importer'],
  ['purpose', 'purpose'],
] as const;

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
  const differing = COMPARED_BOXES.filter(([box]) => presented[box] !== undefined && presented[box] !== registered[box]).map(
    ([box, name]) => `${name} ${presented[box]} (register: ${registered[box] ?? 'blank'})`,
  );
  if (differing.length) found.push(finding('DOCUMENT_CONTRADICTS_REGISTER', `${differing.join('; ')}.`));
  return found;
}

/** The document the checks read: the register's boxes, and the presented ones where the register leaves a box blank. */
export function effectiveDocument(presented: PresentedDocument, registered: RegisteredDocument | undefined): PresentedDocument {
  if (registered === undefined) return presented;
  const held = Object.fromEntries(Object.entries(registered).filter(([, v]) => v !== undefined && v !== null));
  return { ...presented, ...held } as PresentedDocument;
}
