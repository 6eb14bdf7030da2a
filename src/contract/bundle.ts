import { z } from 'zod';
import { APPENDICES, PURPOSES, type Rank, RANKS, SOURCES } from '@cites-permit-check/engine/contract/codes';
import { CodeString, CountryCode, CountryList, IsoDate, LocalizedText } from '@cites-permit-check/engine/contract/common';

/**
 * `cites-bundle/1`: the service's own import/export format for everything it holds
 * (contract.md §2). Records refer to taxa by scientific name. Optional fields may be
 * omitted; the exporter writes one canonical form so that export → import → export
 * gives the same bytes.
 */

// A scientific name starts with a letter (or the hybrid sign) and holds no control character:
// "=HYPERLINK(...)" or an escape sequence is not a name, and would reach spreadsheets and terminals.
const TaxonName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[\p{L}×][^\p{Cc}]*$/u, 'must start with a letter and hold no control characters');

export const BundleParty = z
  .object({
    code: CountryCode,
    name: z.string().trim().min(1).max(200),
    entryIntoForce: IsoDate.nullable().describe('Date the Convention entered into force for this State; null for a territory'),
    left: IsoDate.nullable().default(null).describe('Date a denunciation took effect (Art. XXIV); null while a Party'),
    territoryOf: CountryCode.nullable().default(null).describe('For a dependent territory: the Party responsible for it'),
  })
  .meta({ id: 'BundleParty' });
export type BundleParty = z.output<typeof BundleParty>;

const Higher = z
  .object({
    kingdom: TaxonName,
    phylum: TaxonName,
    class: TaxonName,
    order: TaxonName,
    family: TaxonName,
    subfamily: TaxonName,
    genus: TaxonName,
    species: TaxonName,
  })
  .partial()
  .meta({ description: 'Classification as in the Checklist CSV; missing ancestors are created' });

/** The classification levels of `higher`, from the top, with the rank each names. */
export const CLASSIFICATION_LEVELS: ReadonlyArray<readonly [keyof z.output<typeof Higher>, Rank]> = [
  ['kingdom', 'KINGDOM'],
  ['phylum', 'PHYLUM'],
  ['class', 'CLASS'],
  ['order', 'ORDER'],
  ['family', 'FAMILY'],
  ['subfamily', 'SUBFAMILY'],
  ['genus', 'GENUS'],
  ['species', 'SPECIES'],
];

const Synonym = z.union([TaxonName, z.object({ name: TaxonName, author: z.string().trim().max(300).nullable().default(null) })]);

const CommonName = z.object({
  lang: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code'),
  name: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .regex(/^[^=+\-@\p{Cc}][^\p{Cc}]*$/u, 'must not start with =, +, - or @ (a spreadsheet formula) nor hold control characters'),
});

export const BundleTaxon = z
  .object({
    name: TaxonName,
    rank: z.enum(RANKS),
    author: z.string().trim().max(300).nullable().default(null),
    parent: TaxonName.nullable().default(null).describe('Scientific name of the parent taxon'),
    higher: Higher.optional(),
    externalId: z.string().trim().min(1).max(40).nullable().default(null).describe('Species+ taxon concept id'),
    synonyms: z.array(Synonym).default([]),
    commonNames: z.array(CommonName).default([]),
    distribution: CountryList.default([]),
  })
  .meta({ id: 'BundleTaxon' });
export type BundleTaxon = z.output<typeof BundleTaxon>;

export const Populations = z
  .object({
    include: CountryList.optional().describe('Only the populations of these countries of origin'),
    exclude: CountryList.optional().describe('All populations except those of these countries of origin'),
    partly: CountryList.optional().describe(
      'Countries of which only part of the population is meant (a province, a stock, a region crossing a border): a specimen from one of them may or may not belong to the listed population, so a decision on it takes the stricter reading and asks for review',
    ),
    text: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe(
        'The wording of the Appendices ("Only the population of Asia"); alone, without include or exclude, it means the populations could not be read as countries',
      ),
  })
  .refine((p) => !(p.include !== undefined && p.exclude !== undefined), { message: 'give at most one of include or exclude' })
  .refine((p) => p.include !== undefined || p.exclude !== undefined || p.text !== undefined, {
    message: 'give include, exclude or the text of the populations',
  })
  .meta({ id: 'Populations' });
export type Populations = z.output<typeof Populations>;

export const SpecimenClause = z
  .object({
    terms: z.array(CodeString).min(1).optional(),
    sources: z.array(z.enum(SOURCES)).min(1).optional(),
    purposes: z.array(z.enum(PURPOSES)).min(1).optional(),
  })
  .refine((c) => c.terms || c.sources || c.purposes, { message: 'a clause needs terms, sources or purposes' });
export type SpecimenClause = z.output<typeof SpecimenClause>;

export const Specimens = z
  .object({
    only: z.array(SpecimenClause).min(1).optional(),
    except: z.array(SpecimenClause).min(1).optional(),
    otherwise: z.enum(['not-covered', 'appendix-I']),
  })
  .refine((s) => (s.only === undefined) !== (s.except === undefined), {
    message: 'give exactly one of only or except',
  })
  .meta({
    id: 'Specimens',
    description:
      'Which specimens the listing covers. A clause matches when every field it gives contains the trade value; `otherwise` says what an uncovered specimen is.',
  });
export type Specimens = z.output<typeof Specimens>;

const ExcludedTaxon = z.union([TaxonName, z.object({ taxon: TaxonName, populations: Populations })]);

export const BundleListing = z
  .object({
    taxon: TaxonName,
    appendix: z.enum(APPENDICES),
    party: CountryCode.nullable().default(null).describe('Appendix III: the listing Party'),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable().default(null).describe('First day the entry no longer applies; null while in force'),
    mayStartFrom: IsoDate.nullable()
      .default(null)
      .describe(
        'The sources confirm the entry from effectiveFrom only (a file that gives the listings in force on its date): it may have entered into force as early as this date. A trade dated in between is weighed both ways and flagged for review',
      ),
    populations: Populations.nullable().default(null),
    excludedTaxa: z.array(ExcludedTaxon).default([]),
    annotation: LocalizedText.nullable().default(null),
    hashAnnotation: z
      .string()
      .trim()
      .regex(/^#\d+$/, 'must look like #4')
      .nullable()
      .default(null),
    hashAnnotationText: LocalizedText.nullable().default(null),
    specimens: Specimens.nullable().default(null),
    source: z.string().trim().max(1000).nullable().default(null).describe('Where the entry comes from: a CoP proposal, a Notification, an official file'),
  })
  .meta({ id: 'BundleListing' });
export type BundleListing = z.output<typeof BundleListing>;

export const BundleReservation = z
  .object({
    party: CountryCode,
    taxon: TaxonName,
    appendix: z.enum(APPENDICES),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable().default(null),
    notes: z.string().max(2000).nullable().default(null),
  })
  .meta({ id: 'BundleReservation' });
export type BundleReservation = z.output<typeof BundleReservation>;

export const BundleQuota = z
  .object({
    taxon: TaxonName,
    exporter: CountryCode.nullable().default(null).describe('null: applies to every exporter'),
    quantity: z.number().min(0).describe('0 is a zero quota'),
    unit: CodeString.nullable().default(null).describe('null: number of specimens'),
    terms: z.array(CodeString).default([]),
    sources: z.array(z.enum(SOURCES)).default([]),
    purposes: z.array(z.enum(PURPOSES)).default([]),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable().default(null),
    notes: z.string().max(4000).nullable().default(null),
  })
  .meta({ id: 'BundleQuota' });
export type BundleQuota = z.output<typeof BundleQuota>;

export const BundleSuspension = z
  .object({
    country: CountryCode,
    taxon: TaxonName.nullable().default(null).describe('null: all CITES-listed species'),
    purposes: z.array(z.enum(PURPOSES)).default([]),
    sources: z.array(z.enum(SOURCES)).default([]),
    terms: z.array(CodeString).default([]),
    appliesToImports: z.boolean().default(false).describe('Also suspends imports into the country, not only exports from it'),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable().default(null),
    notification: z.string().trim().max(40).nullable().default(null),
    notes: z.string().max(4000).nullable().default(null),
    review: z
      .boolean()
      .default(false)
      .describe('The wording of the recommendation could not be mapped to codes: a matching trade is flagged for review, citing it, instead of denied'),
  })
  .meta({ id: 'BundleSuspension' });
export type BundleSuspension = z.output<typeof BundleSuspension>;

const CodeEntry = z.object({
  code: CodeString,
  en: z.string().trim().min(1),
  es: z.string().trim().nullable().default(null),
  fr: z.string().trim().nullable().default(null),
  retired: z.boolean().default(false).describe('No longer in the annual-report guidelines: still accepted, with a warning'),
  replacedBy: CodeString.nullable().default(null).describe('For a retired code: the code that replaced it'),
});

const CodeLists = z
  .object({
    sources: z.array(CodeEntry).default([]),
    purposes: z.array(CodeEntry).default([]),
    terms: z.array(CodeEntry).default([]),
    units: z.array(CodeEntry).default([]),
  })
  .meta({ id: 'CodeLists' });

export const Provenance = z
  .object({
    sources: z
      .array(z.object({ title: z.string().min(1).max(300), date: IsoDate.nullable().describe('The date the source describes') }))
      .describe('The files and records the data was built from, each with the date it describes'),
    latestAmendment: z
      .object({ effectiveFrom: IsoDate, taxon: z.string(), change: z.string(), source: z.string() })
      .nullable()
      .describe('The most recent change to the Appendices the data includes'),
    unconfirmed: z.number().int().min(0).describe('Facts the sources could not confirm (listed in dataset/SOURCES.md)'),
  })
  .meta({ id: 'Provenance' });
export type Provenance = z.output<typeof Provenance>;

export const Bundle = z
  .object({
    format: z.literal('cites-bundle/1'),
    asOf: IsoDate.describe('Date the data describes'),
    source: z.string().max(500).nullable().default(null).describe('Where the data comes from'),
    provenance: Provenance.nullable().default(null).describe('Sources and currency of the data (the default dataset gives them)'),
    codes: CodeLists.default({ sources: [], purposes: [], terms: [], units: [] }),
    parties: z.array(BundleParty).default([]),
    taxa: z.array(BundleTaxon).default([]),
    listings: z.array(BundleListing).default([]),
    reservations: z.array(BundleReservation).default([]),
    quotas: z.array(BundleQuota).default([]),
    suspensions: z.array(BundleSuspension).default([]),
  })
  .meta({ id: 'Bundle' });
export type Bundle = z.output<typeof Bundle>;
export type BundleInput = z.input<typeof Bundle>;
