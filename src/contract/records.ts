/**
 * Shapes of the officers' write API: a stored record is its bundle form plus id, revision
 * and who changed it last; a patch is any subset of the bundle fields (no defaults: a field
 * left out stays as it is).
 */
import { z } from 'zod';
import { BundleListing, BundleQuota, BundleReservation, BundleSuspension, BundleTaxon } from './bundle.js';
import { IsoDate } from '@cites-permit-check/engine/contract/common';

export const RecordMeta = z.object({
  id: z.string(),
  revision: z.number().int().describe('Changes with every write; the ETag is "<revision>"'),
  origin: z.string().describe('What created the record: an import kind, "seed" or "officer"'),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

type Shape = z.ZodRawShape;
type Unwrapped<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
type PatchShape<S extends Shape> = { [K in keyof S]: z.ZodOptional<Unwrapped<S[K]> & z.ZodType> };

/** Every field optional and without its default, unknown fields rejected. */
function patchOf<S extends Shape>(schema: z.ZodObject<S>, omit: readonly (keyof S)[] = []): z.ZodObject<PatchShape<S>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    if (omit.includes(key)) continue;
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = inner.optional();
  }
  return z.strictObject(shape) as unknown as z.ZodObject<PatchShape<S>>;
}

export const ListingRecord = BundleListing.extend(RecordMeta.shape).meta({ id: 'ListingRecord' });
export const ListingPatch = patchOf(BundleListing).meta({ id: 'ListingPatch' });
export const ReservationRecord = BundleReservation.extend(RecordMeta.shape).meta({ id: 'ReservationRecord' });
export const ReservationPatch = patchOf(BundleReservation).meta({ id: 'ReservationPatch' });
export const QuotaRecord = BundleQuota.extend(RecordMeta.shape).meta({ id: 'QuotaRecord' });
export const QuotaPatch = patchOf(BundleQuota).meta({ id: 'QuotaPatch' });
export const SuspensionRecord = BundleSuspension.extend(RecordMeta.shape).meta({ id: 'SuspensionRecord' });
export const SuspensionPatch = patchOf(BundleSuspension).meta({ id: 'SuspensionPatch' });
export const TaxonPatch = patchOf(BundleTaxon, ['higher']).meta({ id: 'TaxonPatch' });

/**
 * The If-Match request header of a conditional write. Optional here so that a request
 * without it is answered 428 (Precondition Required) by the handler rather than 400; the
 * published document marks it required. Other headers pass through untouched.
 */
export const IfMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .optional()
    .describe(
      'The ETag of the record as you last read it, quotes included, e.g. "3": GET the record first and copy its ETag response header. Without it the answer is 428; when someone changed the record since, 412.',
    ),
});

export const EndRequest = z.strictObject({ date: IsoDate.describe('First day the record no longer applies') }).meta({ id: 'EndRequest' });

export const TaxonRecord = z
  .object({
    id: z.string(),
    name: z.string(),
    rank: z.string(),
    kingdom: z.string(),
    author: z.string().nullable(),
    externalId: z.string().nullable(),
    parentId: z.string().nullable(),
    distribution: z.array(z.string()),
    synonyms: z.array(z.object({ name: z.string(), author: z.string().nullable() })),
    commonNames: z.array(z.object({ lang: z.string(), name: z.string() })),
    revision: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: 'TaxonRecord' });

/** The record with the fields the patch gives (fields it leaves out stay as they are). */
export function applyPatch<T extends object>(base: T, patch: { [K in keyof T]?: T[K] | undefined }): T {
  const next = { ...base };
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const value = patch[key];
    if (value !== undefined) next[key] = value as T[keyof T];
  }
  return next;
}
