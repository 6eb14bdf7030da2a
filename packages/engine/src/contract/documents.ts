/**
 * Permits and certificates: what a trader presents at the border, what a permit register
 * holds about one, and the engine's verdict on each (issue #19). The boxes follow the
 * standard CITES form of Res. Conf. 12.3 (Rev. CoP19), Annex 2.
 */
import { z } from 'zod';
import { APPENDICES, DOCUMENT_TYPES, PURPOSES, SOURCES } from './codes.js';
import { CodeString, CountryCode, IsoDate } from './common.js';

const upperEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.enum(values));

/** Where a document stands in the register of the authority that holds it. */
export const DOCUMENT_STATUSES = ['issued', 'used', 'cancelled', 'replaced', 'lost', 'stolen'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** A permit or certificate number as the issuing authority writes it. */
const DocumentNumber = z.string().trim().min(1, 'must not be empty').max(60);

/** The permit of the country of origin (or of the last re-export) a re-export rests on (box 12). */
export const PriorDocument = z
  .strictObject({
    number: DocumentNumber,
    issuer: CountryCode,
    issuedOn: IsoDate.optional(),
  })
  .meta({ id: 'PriorDocument' });
export type PriorDocument = z.output<typeof PriorDocument>;

/** One specimen line of a document (boxes 7–12). */
export const DocumentItem = z
  .strictObject({
    taxon: z.string().trim().min(1).max(200).describe('Scientific name as on the document (box 9)'),
    term: CodeString.optional().describe('Description of the specimens as a trade term code (box 8)'),
    quantity: z.number().positive().finite().optional().describe('Quantity the document covers (box 11)'),
    unit: CodeString.optional().describe('Unit code; blank = number of specimens'),
    source: upperEnum(SOURCES).optional().describe('Source code (box 10)'),
    appendix: z.enum(APPENDICES).optional(),
    origin: CountryCode.optional().describe('Country of origin (box 12), for re-exports'),
    originDocument: PriorDocument.optional().describe('The permit of the country of origin (box 12), for re-exports'),
  })
  .meta({ id: 'DocumentItem' });
export type DocumentItem = z.output<typeof DocumentItem>;

/**
 * A document presented with a trade check. Only type, number and issuer are needed when the
 * register holds the document; the other boxes let the engine check one it does not hold.
 */
export const PresentedDocument = z
  .strictObject({
    type: z.enum(DOCUMENT_TYPES),
    number: DocumentNumber,
    issuer: CountryCode.describe('Country whose Management Authority issued it'),
    issuedOn: IsoDate.optional().describe('Date of issue (box 2)'),
    validUntil: IsoDate.optional().describe('Last day of validity (box 2)'),
    exporter: CountryCode.optional().describe('Country of the exporter or re-exporter (box 4)'),
    importer: CountryCode.optional().describe('Country of the importer (box 3)'),
    purpose: upperEnum(PURPOSES).optional().describe('Purpose code (box 5)'),
    items: z.array(DocumentItem).max(100).optional(),
  })
  .meta({ id: 'PresentedDocument' });
export type PresentedDocument = z.output<typeof PresentedDocument>;

/**
 * What a permit register knows of a document, as the engine reads it: the boxes as issued,
 * its status and whether it has already been used for a consignment. The server builds it
 * from its register; an integrator may build it from theirs.
 */
export const RegisteredDocument = PresentedDocument.extend({
  status: z.enum(DOCUMENT_STATUSES),
  /** For a replaced document: the number of the document that replaced it. */
  replacedBy: z.string().nullable().optional(),
  /** The date it was endorsed for a consignment (Art. VI(5): one document, one consignment). */
  usedOn: IsoDate.nullable().optional(),
}).meta({ id: 'RegisteredDocument' });
export type RegisteredDocument = z.output<typeof RegisteredDocument>;

export const DOCUMENT_VERDICTS = ['valid', 'invalid', 'unverified'] as const;

/** The engine's verdict on one presented document. */
export const DocumentCheck = z
  .object({
    type: z.enum(DOCUMENT_TYPES),
    number: z.string(),
    issuer: z.string(),
    verdict: z
      .enum(DOCUMENT_VERDICTS)
      .describe('valid: it covers this movement; invalid: see reasons; unverified: not in the register, its form and dates check out but it needs review'),
    inRegister: z.boolean().describe('The register of the service holds this document'),
    reasons: z.array(
      z.object({
        code: z.string(),
        rule: z.string(),
        article: z.string(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'DocumentCheck' });
export type DocumentCheck = z.output<typeof DocumentCheck>;

/**
 * How a register finds a document: issuer, type and number, the number compared without case
 * or spaces ("na 2026/0012" is "NA2026/0012").
 */
export function documentKey(d: { issuer: string; type: string; number: string }): string {
  return `${d.issuer}|${d.type}|${d.number.replace(/\s+/g, '').toUpperCase()}`;
}
