/**
 * The permit register (issue #19): the permits and certificates a Management Authority
 * issues, and those other Parties issued that it has received, with their endorsements at
 * the border. The boxes are the engine's PresentedDocument (the standard form of
 * Res. Conf. 12.3 (Rev. CoP19), Annex 2); the register adds who the traders are, the
 * status of the document and its use.
 */
import { z } from 'zod';
import { CodeString, IsoDate } from '@cites-permit-check/engine/contract/common';
import { DOCUMENT_STATUSES, PresentedDocument } from '@cites-permit-check/engine/contract/documents';

/** A trader named on a document (boxes 3 and 4): personal data, shown to officers and customs only. */
const Trader = z.strictObject({
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(500).optional(),
});

/** A leopard trophy's export permit from Namibia: the example Swagger UI offers. */
export const NEW_PERMIT_EXAMPLE = {
  type: 'export-permit',
  number: 'NA 2026/0412',
  issuer: 'NA',
  issuedOn: '2026-11-20',
  validUntil: '2027-05-19',
  exporter: 'NA',
  importer: 'DE',
  purpose: 'H',
  items: [{ taxon: 'Panthera pardus', term: 'TRO', quantity: 1, source: 'W', appendix: 'I' }],
  exporterParty: { name: 'Otjimbondona Hunting Safaris', address: 'Windhoek, Namibia' },
  importerParty: { name: 'K. Weber', address: 'Hamburg, Germany' },
  securityStamp: 'NA-0034567',
};

export const NewPermit = PresentedDocument.extend({
  issuedOn: IsoDate.describe('Date of issue (box 2)'),
  registeredAs: z
    .enum(['issued', 'received'])
    .default('issued')
    .describe('issued: by this Management Authority (AUTHORITY_COUNTRY); received: issued by another Party and loaded here'),
  exporterParty: Trader.optional().describe('Exporter or re-exporter, name and address (box 4)'),
  importerParty: Trader.optional().describe('Importer, name and address (box 3)'),
  securityStamp: z.string().trim().max(60).optional().describe('Number of the security stamp (box 14)'),
  conditions: z.string().trim().max(2000).optional().describe('Special conditions (box 5)'),
}).meta({
  id: 'NewPermit',
  examples: [NEW_PERMIT_EXAMPLE],
});
export type NewPermit = z.output<typeof NewPermit>;

/** One use of a document at the border (Art. VIII(3), Res. Conf. 12.3: endorsement by customs). */
export const Endorsement = z
  .strictObject({
    date: IsoDate.describe('Date of the export or import'),
    port: z.string().trim().min(1).max(100).describe('Port of export or import'),
    quantity: z.number().positive().finite().optional().describe('Quantity actually shipped'),
    unit: CodeString.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'Endorsement', examples: [{ date: '2026-12-02', port: 'Hosea Kutako International Airport', quantity: 1 }] });
export type Endorsement = z.output<typeof Endorsement>;

export const PermitStatusChange = z
  .strictObject({
    status: z.enum(['cancelled', 'replaced', 'lost', 'stolen']),
    replacedBy: z.string().trim().min(1).max(60).optional().describe('For replaced: the number of the new document'),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((c) => (c.status === 'replaced') === (c.replacedBy !== undefined), {
    message: 'a replaced document names its replacement (replacedBy), and only a replaced one',
    path: ['replacedBy'],
  })
  .meta({ id: 'PermitStatusChange' });
export type PermitStatusChange = z.output<typeof PermitStatusChange>;

export const PermitRecord = NewPermit.extend({
  id: z.string(),
  status: z.enum(DOCUMENT_STATUSES),
  replacedBy: z.string().nullable(),
  usedOn: IsoDate.nullable().describe('Date of the endorsement that used it (one document, one consignment: Art. VI(5))'),
  endorsements: z.array(Endorsement.extend({ by: z.string(), at: z.string() })),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
}).meta({ id: 'PermitRecord' });
export type PermitRecord = z.output<typeof PermitRecord>;

/** The most documents one file may hold: a Management Authority's month of incoming permits fits many times over. */
export const MAX_DOCUMENTS_PER_FILE = 10_000;

export const PermitFile = z.strictObject({ permits: z.array(NewPermit).min(1).max(MAX_DOCUMENTS_PER_FILE) }).meta({ id: 'PermitFile' });

export const PermitImportReport = z
  .object({
    registered: z.number().int().describe('Documents added to the register'),
    alreadyRegistered: z.number().int().describe('Documents the register held already (left unchanged)'),
    documents: z.array(
      z.object({ id: z.string().nullable(), issuer: z.string(), type: z.string(), number: z.string(), outcome: z.enum(['registered', 'already-registered']) }),
    ),
  })
  .meta({ id: 'PermitImportReport' });
export type PermitImportReport = z.output<typeof PermitImportReport>;
