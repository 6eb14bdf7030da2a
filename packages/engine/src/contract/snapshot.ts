import { z } from 'zod';
import { APPENDICES, KINGDOMS, PURPOSES, RANKS, SOURCES } from './codes.js';
import { LocalizedText } from './common.js';

/**
 * `cites-snapshot/1`: everything the decision engine reads, as one plain JSON document
 * (GET /v1/snapshot). Unlike the bundle it refers to taxa by the service's ids, so an
 * integrator's engine answers with the same ids as the server. Values are already
 * normalised (upper-case codes, sorted country lists); the engine trusts them.
 */
const Id = z.string();
const DateText = z.string().describe('YYYY-MM-DD');

const ScopeLists = z.object({
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  partly: z.array(z.string()).optional(),
  text: z.string().optional(),
});
const Clause = z.object({
  terms: z.array(z.string()).optional(),
  sources: z.array(z.enum(SOURCES)).optional(),
  purposes: z.array(z.enum(PURPOSES)).optional(),
});

export const SnapshotParty = z.object({
  code: z.string(),
  name: z.string(),
  entryIntoForce: DateText.nullable(),
  left: DateText.nullable(),
  territoryOf: z.string().nullable(),
});

export const SnapshotTaxon = z.object({
  id: Id,
  name: z.string(),
  rank: z.enum(RANKS),
  kingdom: z.enum(KINGDOMS),
  author: z.string().nullable(),
  parentId: Id.nullable(),
  synonyms: z.array(z.string()),
  commonNames: z.array(z.object({ lang: z.string(), name: z.string() })),
  /** Where the taxon lives (ISO2), for taxa with listings of their own; absent when unknown. */
  distribution: z.array(z.string()).optional(),
});

export const SnapshotListing = z.object({
  id: Id,
  taxonId: Id,
  appendix: z.enum(APPENDICES),
  party: z.string().nullable(),
  effectiveFrom: DateText,
  effectiveTo: DateText.nullable(),
  mayStartFrom: DateText.nullable().optional(),
  populations: ScopeLists.nullable(),
  excludedTaxa: z.array(z.object({ taxonId: Id, populations: ScopeLists.nullable() })),
  annotation: LocalizedText.nullable(),
  hashAnnotation: z.string().nullable(),
  specimens: z.object({ only: z.array(Clause).optional(), except: z.array(Clause).optional(), otherwise: z.enum(['not-covered', 'appendix-I']) }).nullable(),
});

export const SnapshotReservation = z.object({
  party: z.string(),
  taxonId: Id,
  appendix: z.enum(APPENDICES),
  effectiveFrom: DateText,
  effectiveTo: DateText.nullable(),
});

export const SnapshotQuota = z.object({
  taxonId: Id,
  exporter: z.string().nullable(),
  quantity: z.number(),
  unit: z.string().nullable(),
  terms: z.array(z.string()),
  sources: z.array(z.string()),
  purposes: z.array(z.string()),
  effectiveFrom: DateText,
  effectiveTo: DateText.nullable(),
  notes: z.string().nullable(),
});

export const SnapshotSuspension = z.object({
  country: z.string(),
  taxonId: Id.nullable(),
  purposes: z.array(z.string()),
  sources: z.array(z.string()),
  terms: z.array(z.string()),
  appliesToImports: z.boolean(),
  effectiveFrom: DateText,
  effectiveTo: DateText.nullable(),
  notification: z.string().nullable(),
  notes: z.string().nullable().default(null),
  review: z.boolean().default(false),
});

export const Snapshot = z
  .object({
    format: z.literal('cites-snapshot/1'),
    datasetVersion: z.string(),
    asOf: DateText.nullable(),
    parties: z.array(SnapshotParty),
    taxa: z.array(SnapshotTaxon),
    listings: z.array(SnapshotListing),
    reservations: z.array(SnapshotReservation),
    quotas: z.array(SnapshotQuota),
    suspensions: z.array(SnapshotSuspension),
    codes: z.object({
      terms: z.array(z.string()),
      units: z.array(z.string()),
      /** Retired codes (still accepted, with a warning) and the code that replaced each, if any. */
      retired: z
        .object({ terms: z.record(z.string(), z.string().nullable()), units: z.record(z.string(), z.string().nullable()) })
        .default({ terms: {}, units: {} }),
    }),
  })
  .meta({ id: 'Snapshot', description: 'Engine-ready data: feed it to createEngine() for the same decisions as the server' });
export type Snapshot = z.output<typeof Snapshot>;
export type SnapshotTaxon = z.output<typeof SnapshotTaxon>;
export type SnapshotListing = z.output<typeof SnapshotListing>;
export type SnapshotQuota = z.output<typeof SnapshotQuota>;
export type SnapshotSuspension = z.output<typeof SnapshotSuspension>;
export type SnapshotReservation = z.output<typeof SnapshotReservation>;
export type SnapshotParty = z.output<typeof SnapshotParty>;
