/**
 * `cites-amendments/1`: the project's record of the changes to the Appendices, reservations,
 * quotas and suspensions since the official files in ../shared/data (dataset/amendments,
 * format in FORMAT.md). Every record names its source; facts that could not be checked
 * carry `unconfirmed`. Validated here, applied by compose.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BundleQuota, BundleReservation, BundleSuspension, BundleTaxon, Populations, Specimens } from '../contract/bundle.js';
import { APPENDICES, KINGDOMS } from '@cites-permit-check/engine/contract/codes';
import { CountryCode, IsoDate } from '@cites-permit-check/engine/contract/common';

const Provenance = {
  source: z.string().trim().min(1, 'every record names its source'),
  unconfirmed: z.boolean().default(false),
  note: z.string().optional(),
};

export const AmendmentEntry = z.object({
  appendix: z.enum(APPENDICES),
  populations: Populations.nullable().default(null),
  party: CountryCode.nullable().default(null),
  annotation: z.string().nullable().default(null),
  hashAnnotation: z
    .string()
    .regex(/^#\d+$/)
    .nullable()
    .default(null),
  specimens: Specimens.nullable().default(null),
});
export type AmendmentEntry = z.output<typeof AmendmentEntry>;

const ChangeBase = {
  taxon: z.string().trim().min(1),
  kingdom: z.enum(KINGDOMS),
  effectiveFrom: IsoDate,
  ...Provenance,
};

export const Change = z.discriminatedUnion('action', [
  z.object({ ...ChangeBase, action: z.literal('list'), entries: z.array(AmendmentEntry) }),
  z.object({ ...ChangeBase, action: z.literal('delete'), excludeFrom: z.string().optional() }),
  z.object({
    ...ChangeBase,
    action: z.literal('appendix-iii-add'),
    appendix: z.literal('III').default('III'),
    party: CountryCode,
    populations: Populations.nullable().default(null),
    annotation: z.string().nullable().default(null),
    hashAnnotation: z
      .string()
      .regex(/^#\d+$/)
      .nullable()
      .default(null),
  }),
  z.object({ ...ChangeBase, action: z.literal('appendix-iii-withdraw'), appendix: z.literal('III').default('III'), party: CountryCode }),
  z.object({ ...ChangeBase, action: z.literal('rename'), to: z.string().trim().min(1) }),
]);
export type Change = z.output<typeof Change>;

const AmendmentTaxon = BundleTaxon.extend({ ...Provenance });

export const AmendmentFile = z.object({
  format: z.literal('cites-amendments/1'),
  title: z.string().optional(),
  sources: z.array(z.object({ id: z.string(), title: z.string(), date: z.string().nullish(), url: z.string().nullish() }).loose()).default([]),
  taxa: z.array(AmendmentTaxon).default([]),
  changes: z.array(Change).default([]),
  reservations: z.array(BundleReservation.extend({ ...Provenance })).default([]),
  quotas: z.array(BundleQuota.extend({ ...Provenance })).default([]),
  suspensions: z.array(BundleSuspension.extend({ ...Provenance })).default([]),
});
export type AmendmentFile = z.output<typeof AmendmentFile>;

export interface LoadedAmendments {
  files: { name: string; file: AmendmentFile }[];
}

/** Reads and validates every *.json of the folder, in name order; a bad field stops the build with its path. */
export function loadAmendments(dir: string): LoadedAmendments {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort();
  const files = names.map((name) => {
    const parsed = AmendmentFile.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 10)
        .map((i) => `  ${name}: /${i.path.join('/')}: ${i.message}`)
        .join('\n');
      throw new Error(`invalid amendment file ${name}:\n${where}`);
    }
    return { name, file: parsed.data };
  });
  return { files };
}
