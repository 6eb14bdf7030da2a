/** Shapes of imports: what a file can be, and the report of an import. */
import { z } from 'zod';

export const IMPORT_KINDS = ['bundle', 'index', 'history', 'reservations', 'quotas', 'suspensions', 'parties', 'species-plus-bulk'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const Counts = z.record(z.string(), z.number());

export const ImportSummary = z.object({
  datasetVersion: z.number(),
  changed: z.boolean(),
  created: Counts,
  updated: Counts,
  ended: Counts,
  unchanged: Counts,
  warnings: z.array(z.string()),
});
export type ImportSummary = z.output<typeof ImportSummary>;

export const ImportReport = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    summary: ImportSummary,
    warnings: z.array(z.string()),
    stats: Counts,
    durationMs: z.number(),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.output<typeof ImportReport>;
