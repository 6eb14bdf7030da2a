import { z } from 'zod';
import { APPENDICES, DECISIONS, DOCUMENT_TYPES, KINGDOMS, PURPOSES, SOURCES } from './codes.js';
import { CodeString, CountryCode, IsoDate } from './common.js';
import { DocumentCheck, PresentedDocument } from './documents.js';
import { Problem } from './problem.js';

/** Accepts a code in any case and checks it against a fixed list. */
const upperEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.enum(values));

export const Claims = z
  .strictObject({
    personalEffects: z.boolean().optional().describe('Personally owned, worn/carried/in baggage or a household move (Art. VII(3))'),
    householdMove: z.boolean().optional().describe('Part of a household move (Art. VII(3))'),
    ownerResidence: CountryCode.optional().describe('State of usual residence of the owner (personal effects)'),
    acquiredIn: CountryCode.optional().describe('State where the owner acquired the specimen (personal effects); default the exporter'),
    registeredOperation: z.boolean().optional().describe('Bred/propagated in an operation in the CITES register (Res. Conf. 12.10, 9.19)'),
    registeredInstitutions: z.boolean().optional().describe('Both scientific institutions registered, packages labelled (Art. VII(6))'),
    travellingExhibition: z.boolean().optional().describe('Part of a registered travelling exhibition (Art. VII(7))'),
    acquiredBefore: IsoDate.optional().describe('Specimen acquired before this date (pre-Convention, Art. VII(2))'),
    inTransit: z.boolean().optional().describe('The importer is only a transit State and the goods stay under customs control (Art. VII(1))'),
  })
  .meta({ id: 'Claims', description: 'Facts the caller asserts and the engine cannot know' });
export type Claims = z.output<typeof Claims>;

export const TradeCheckRequest = z
  .strictObject({
    taxon: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200)
      .optional()
      .describe('Scientific name, synonym or common name; any case, extra spaces tolerated'),
    taxonId: z.string().trim().min(1).max(40).optional().describe("The service's own taxon id"),
    kingdom: z
      .preprocess((v) => (typeof v === 'string' ? v.trim().charAt(0).toUpperCase() + v.trim().slice(1).toLowerCase() : v), z.enum(KINGDOMS))
      .optional()
      .describe('Animalia or Plantae: says which taxon a name used in both kingdoms means (Pholidota: the pangolins or the orchid genus)'),
    exporter: CountryCode.describe('State of export or re-export (for introduction from the sea: flag State of the vessel)'),
    importer: CountryCode.describe('State of import (for introduction from the sea: where the catch is landed)'),
    origin: CountryCode.optional().describe('Country of origin; when different from exporter the movement is a re-export'),
    purpose: upperEnum(PURPOSES).describe('Purpose code (Res. Conf. 12.3)'),
    source: upperEnum(SOURCES).describe('Source code (Res. Conf. 12.3)'),
    term: CodeString.optional().describe('Trade term code (LIV, SKI, TRO, ...)'),
    quantity: z.number().positive().finite().optional(),
    unit: CodeString.optional().describe('Unit code (KIL, GRM, ...); blank = number of specimens'),
    date: IsoDate.optional().describe('Date of the movement; default today'),
    claims: Claims.optional(),
    presented: z
      .array(PresentedDocument)
      .max(10)
      .optional()
      .describe('The permits and certificates presented for this movement: each is checked and the answer gains documentChecks'),
  })
  .refine((r) => r.taxon !== undefined || r.taxonId !== undefined, {
    message: 'give taxon or taxonId',
    path: ['taxon'],
  })
  .meta({
    id: 'TradeCheckRequest',
    examples: [{ taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', quantity: 1 }],
  });
export type TradeCheckRequest = z.output<typeof TradeCheckRequest>;
export type TradeCheckRequestInput = z.input<typeof TradeCheckRequest>;

export const RequiredDocument = z
  .object({
    type: z.enum(DOCUMENT_TYPES),
    issuer: z.string().describe('Country whose Management Authority (or, for a non-Party, competent authority) issues it'),
    order: z.number().int().optional().describe('When documents must be granted in sequence (Art. III(2)(d)): 1 first'),
    inLieuOf: z.enum(DOCUMENT_TYPES).optional().describe('For comparable documentation: the CITES document it replaces'),
  })
  .meta({ id: 'RequiredDocument' });
export type RequiredDocument = z.output<typeof RequiredDocument>;

export const Reason = z
  .object({
    code: z.string(),
    rule: z
      .string()
      .describe('Id of the rule that decides it (R1–R43); each rule and the codes that cite it are listed in docs/decision-codes.md of the source repository'),
    article: z.string().describe('Article of the Convention or Resolution that decides it'),
    message: z.string(),
  })
  .meta({ id: 'Reason' });
export type Reason = z.output<typeof Reason>;

export const Note = z.object({ code: z.string(), message: z.string() }).meta({ id: 'Note' });
export type Note = z.output<typeof Note>;

export const AppliedListing = z
  .object({
    taxon: z.string().describe('Taxon the entry is listed under (may be a higher taxon)'),
    appendix: z.enum(APPENDICES),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable(),
    populations: z.object({ include: z.array(z.string()).optional(), exclude: z.array(z.string()).optional() }).nullable(),
    party: z.string().nullable().describe('Appendix III: the listing Party that matters for this trade'),
    listingParties: z.array(z.string()).optional().describe('Appendix III: every listing Party in force'),
    annotation: z.string().nullable(),
    hashAnnotation: z.string().nullable().optional(),
    inherited: z.boolean().describe('The entry belongs to a higher taxon'),
    deemedAppendixI: z.boolean().optional().describe('Specimen not covered by the annotation, treated as Appendix I'),
  })
  .meta({ id: 'AppliedListing' });
export type AppliedListing = z.output<typeof AppliedListing>;

export const MatchedTaxon = z
  .object({
    id: z.string(),
    name: z.string(),
    rank: z.string().optional(),
    matchedAs: z.enum(['id', 'accepted', 'synonym', 'common-name', 'species', 'genus']),
    input: z.string(),
    commonNameOf: z
      .array(z.string())
      .optional()
      .describe('A common name several taxa share, all answered alike: the taxa it covered (the taxon shown is the first)'),
    hybridOf: z
      .array(z.string())
      .optional()
      .describe('A hybrid: the parent taxa named ("Falco rusticolus x cherrug"); the strictest decides, and the taxon shown is that parent'),
  })
  .meta({ id: 'MatchedTaxon' });

/** An export quota the trade falls under, and how much of it endorsed exports have used (R18, issue #19). */
export const QuotaStanding = z
  .object({
    key: z.string().describe("The quota's identity: exports endorsed against it are counted under this key"),
    exporter: z.string().nullable().describe('Exporting country; null: a quota for every exporter'),
    taxon: z.string().describe('Taxon the quota is set for'),
    quantity: z.number().describe('The quota for the period'),
    unit: z.string().nullable().describe('null: number of specimens'),
    from: IsoDate,
    to: IsoDate.nullable().describe('First day no longer covered; null: open'),
    counted: z
      .object({ from: IsoDate, to: IsoDate.nullable() })
      .describe('The period whose exports `used` counts: the calendar year of the trade within the quota (engine policy quotaCountedPer)'),
    used: z
      .number()
      .nullable()
      .describe('Quantity already exported under it (endorsed export permits); null when the caller gave no record of use (an engine without a register)'),
    remaining: z.number().nullable().describe('quantity − used; null when used is unknown'),
  })
  .meta({ id: 'QuotaStanding' });
export type QuotaStanding = z.output<typeof QuotaStanding>;

export const TradeCheckResult = z
  .object({
    decision: z.enum(DECISIONS),
    documents: z.array(RequiredDocument),
    alternatives: z.array(z.array(RequiredDocument)),
    appendix: z.enum(APPENDICES).nullable(),
    taxon: MatchedTaxon,
    listing: AppliedListing.nullable(),
    movement: z.enum(['export', 're-export', 'introduction-from-the-sea', 'domestic']),
    date: IsoDate.describe('Date the listings, Party status and restrictions were taken at'),
    reasons: z.array(Reason),
    conditions: z.array(Note),
    warnings: z.array(Note),
    reviewRequired: z.boolean(),
    datasetVersion: z.string(),
    datasetAsOf: IsoDate.nullable().describe('Date the listings data describes: later changes to the Appendices are not in it'),
    decisionId: z.string().optional(),
    documentChecks: z
      .array(DocumentCheck)
      .optional()
      .describe('With documents presented: one verdict per document. `documents` keeps its meaning: what the movement requires'),
    quotas: z
      .array(QuotaStanding)
      .optional()
      .describe('Export quotas of the exporting country this trade falls under, with what is left of each (Res. Conf. 14.7)'),
  })
  .meta({ id: 'TradeCheckResult' });
export type TradeCheckResult = z.output<typeof TradeCheckResult>;

export const BatchRequest = z
  .strictObject({ items: z.array(z.unknown()).min(1).describe('Trade-check requests, validated one by one') })
  .meta({ id: 'TradeCheckBatchRequest' });

export const BatchCounts = z
  .object({ allow: z.number().int(), 'needs-permit': z.number().int(), deny: z.number().int(), invalid: z.number().int() })
  .meta({ id: 'TradeCheckBatchCounts' });

export const BatchResult = z
  .object({
    results: z.array(z.union([TradeCheckResult, Problem])),
    summary: BatchCounts,
  })
  .meta({ id: 'TradeCheckBatchResult' });

/** One item of a shipment in the compact view: the whole result stays at GET /v1/decisions/{id}. */
export const TradeCheckSummary = TradeCheckResult.pick({ decision: true, documents: true, appendix: true, reviewRequired: true })
  .extend({ decisionId: z.string() })
  .meta({ id: 'TradeCheckSummary' });

export const BatchSummaryResult = z
  .object({
    results: z.array(z.union([TradeCheckSummary, Problem])),
    summary: BatchCounts,
  })
  .meta({ id: 'TradeCheckBatchSummaryResult' });
