/** Shapes of a sync from Species+: what it would change (the diff) and what it did. */
import { z } from 'zod';
import { IsoDate } from '@cites-permit-check/engine/contract/common';
import { ImportSummary } from './imports.js';

const Appendices = z.array(z.enum(['I', 'II', 'III']));

const ListingRef = z.object({
  taxon: z.string(),
  appendix: z.enum(['I', 'II', 'III']),
  party: z.string().nullable(),
  populations: z.string().nullable().describe('The populations the entry covers, in words (null: all)'),
  effectiveFrom: IsoDate,
});

const RestrictionRef = z.object({
  taxon: z.string().nullable().describe('null: every taxon'),
  country: z.string().nullable().describe('The exporter of a quota, the country of a suspension'),
  effectiveFrom: IsoDate,
  detail: z.string().describe('Quantity and unit of a quota, purposes of a suspension'),
});

/** A list of changes of one kind: the count is complete, the items may be cut to a limit. */
const changes = <T extends z.ZodType>(item: T) =>
  z.object({
    count: z.number().int().min(0),
    items: z.array(item),
    truncated: z.boolean().describe('More changes than listed (count gives them all)'),
  });

export const SyncDiff = z
  .object({
    asOf: IsoDate.describe('The date the incoming data describes: listings and restrictions are compared as in force then'),
    source: z.string().nullable(),
    taxaAdded: changes(z.object({ name: z.string(), externalId: z.string().nullable() })),
    namesChanged: changes(z.object({ externalId: z.string(), from: z.string(), to: z.string() })),
    appendixChanges: changes(z.object({ taxon: z.string(), from: Appendices, to: Appendices })).describe(
      'Taxa listed in other Appendices than before (from: in force now; to: after the sync)',
    ),
    listingsAdded: changes(ListingRef).describe('Entries in force after the sync that are not in force now'),
    listingsEnded: changes(ListingRef).describe('Entries in force now that no longer are after the sync'),
    listingHistoryChanged: z.number().int().min(0).describe('Dated entries (past ones included) the sync adds, moves or removes'),
    quotasAdded: changes(RestrictionRef).describe('Quotas in force after the sync that are not held now'),
    quotasEnded: changes(RestrictionRef).describe(
      'Quotas in force in the data held that the incoming data does not give: a sync ends those an earlier sync brought; others (the default dataset, an officer) stay',
    ),
    suspensionsAdded: changes(RestrictionRef).describe('Suspensions in force after the sync that are not held now'),
    suspensionsEnded: changes(RestrictionRef).describe(
      'Suspensions in force in the data held that the incoming data does not give: a sync ends those an earlier sync brought; others stay',
    ),
    unchanged: z.boolean().describe('Nothing would change'),
  })
  .meta({ id: 'SyncDiff' });
export type SyncDiff = z.output<typeof SyncDiff>;

export const SyncReport = z
  .object({
    dryRun: z.boolean(),
    source: z.string().describe('Where the data came from: a bulk file, or the Species+ API and the time it was read'),
    diff: SyncDiff,
    summary: ImportSummary.nullable().describe('What the store did (null in a dry run)'),
    warnings: z.array(z.string()),
    stats: z.record(z.string(), z.number()),
    durationMs: z.number(),
  })
  .meta({ id: 'SyncReport' });
export type SyncReport = z.output<typeof SyncReport>;
