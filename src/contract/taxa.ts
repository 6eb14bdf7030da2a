import { z } from 'zod';
import { APPENDICES, CODE_LIST_KINDS, KINGDOMS, PURPOSES, RANKS, SOURCES } from '@cites-permit-check/engine/contract/codes';
import { CodeString, CountryCode, IsoDate } from '@cites-permit-check/engine/contract/common';
import { ListingView } from '@cites-permit-check/engine/contract/listing-view';

const upper = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v);

export const TaxonSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().describe('Scientific name, synonym or common name (or part of one)'),
  rank: z.preprocess(upper, z.enum(RANKS)).optional().describe('Only taxa of this rank'),
  appendix: z.preprocess(upper, z.enum(APPENDICES)).optional().describe('Only taxa listed (or inheriting a listing) in this Appendix'),
  date: IsoDate.optional().describe('Listings in force on this date; default today'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const TaxonHit = z.object({
  id: z.string(),
  name: z.string(),
  rank: z.enum(RANKS),
  kingdom: z.string(),
  matchedName: z.string().describe('The name the query matched, as the data writes it (a synonym or common name when that is what matched)'),
  matchedAs: z.enum(['accepted', 'synonym', 'common-name']),
  appendices: z.array(z.enum(APPENDICES)).describe('Appendices of the entries in force for the taxon (any population)'),
});

export const TaxonSearchResult = z
  .object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(TaxonHit) })
  .meta({ id: 'TaxonSearchResult' });

export const TaxonQuery = z.strictObject({
  date: IsoDate.optional().describe('Listing in force on this date; default today'),
  origin: CountryCode.optional().describe('Country of origin, to resolve split listings'),
  term: CodeString.optional().describe('Trade term code of the specimen (LIV, SKI, TRO, ...): annotations cover some specimen types only'),
  source: z.preprocess(upper, z.enum(SOURCES)).optional().describe('Source code of the specimen; default W (wild)'),
  purpose: z.preprocess(upper, z.enum(PURPOSES)).optional().describe('Purpose code of the trade; default T (commercial)'),
});

const Resolution = z.object({
  listed: z.boolean(),
  appendix: z.enum(APPENDICES).nullable(),
  deemedAppendixI: z.boolean(),
  entry: ListingView.nullable(),
  why: z.string().describe('Plain-language explanation'),
  notes: z.array(z.string()),
});

export const TaxonView = z
  .object({
    id: z.string(),
    name: z.string(),
    rank: z.enum(RANKS),
    kingdom: z.enum(KINGDOMS),
    author: z.string().nullable(),
    externalId: z.string().nullable(),
    classification: z.array(z.object({ id: z.string(), name: z.string(), rank: z.enum(RANKS) })),
    synonyms: z.array(z.object({ name: z.string(), author: z.string().nullable() })),
    commonNames: z.array(z.object({ lang: z.string(), name: z.string() })),
    distribution: z.array(z.string()),
    date: z.string(),
    listings: z.array(ListingView).describe('Entries in force on the date at the level that decides (own or inherited)'),
    exceptedBy: ListingView.extend({ partial: z.boolean() }).nullable().describe('A higher-taxon entry that excepts this taxon'),
    resolution: Resolution.describe('Which entry applies to a specimen of the given origin, term, source and purpose'),
    revision: z.number().int(),
  })
  .meta({ id: 'TaxonView' });

export const TaxonHistory = z
  .object({
    id: z.string(),
    name: z.string(),
    listings: z.array(ListingView),
    reservations: z.array(
      z.object({ party: z.string(), taxon: z.string(), appendix: z.enum(APPENDICES), effectiveFrom: z.string(), effectiveTo: z.string().nullable() }),
    ),
  })
  .meta({ id: 'TaxonHistory' });

export const PartyView = z
  .object({
    code: z.string(),
    name: z.string(),
    entryIntoForce: z.string().nullable(),
    left: z.string().nullable(),
    territoryOf: z.string().nullable(),
    isParty: z.boolean().describe('A Party on the date asked (a territory: its Party is)'),
  })
  .meta({ id: 'Party' });

export const CodeKindParams = z.strictObject({ kind: z.enum(CODE_LIST_KINDS) });
export const CodeView = z
  .object({
    code: z.string(),
    en: z.string(),
    es: z.string().nullable(),
    fr: z.string().nullable(),
    retired: z.boolean().describe('No longer in the annual-report guidelines: accepted with a warning'),
    replacedBy: z.string().nullable(),
  })
  .meta({ id: 'Code' });
