/**
 * The three restriction tables (reservations, quotas, suspensions), each mapped once: its
 * drizzle table, drizzle row ↔ bundle record, row → engine snapshot, natural key, the columns
 * a re-import may change, and what makes a record invalid. Officers' writes (records.ts),
 * bundle imports (bundle-import.ts) and exports (export.ts) all go through these, and read
 * and write the rows with the queries of restriction-rows.ts, written once for the three.
 */
import type { BundleQuota, BundleReservation, BundleSuspension } from '../../contract/bundle.js';
import type { SnapshotQuota, SnapshotReservation, SnapshotSuspension } from '@cites-permit-check/engine/contract/snapshot';
import { quotas, reservations, suspensions } from '../../db/schema.js';
import type { ImportError, RestrictionKind as KindName } from '../types.js';
import { canonicalQuota, canonicalReservation, canonicalSuspension, naturalKey } from '../domain/canonical.js';
import { dateProblems, taxonProblems, termProblems, unitProblems, type KnownCodes, type TaxonLookup } from '../domain/checks.js';

export type RestrictionTable = typeof reservations | typeof quotas | typeof suspensions;

/** The columns a record fills; the rest (id, origin, revision, who and when) is the store's. */
export type DataColumns<T extends RestrictionTable> = Required<Omit<T['$inferInsert'], 'id' | 'origin' | 'revision' | 'updatedAt' | 'updatedBy'>>;

export interface RestrictionKind<R extends { taxon: string | null }, S, T extends RestrictionTable = RestrictionTable> {
  name: KindName;
  table: T;
  entity: string;
  /** Data columns (the keys of `values`), named as in the drizzle schema. */
  columns: readonly (keyof DataColumns<T> & string)[];
  /** Columns a newer import of the same record (same natural key) may change. */
  updatable: readonly (keyof DataColumns<T> & string)[];
  /** The record in canonical form (sorted lists): what is compared and stored. */
  canonical(r: R): R;
  /** Column values of a canonical record whose taxon resolved to `taxonId`. */
  values(r: R, taxonId: number | null): DataColumns<T>;
  fromRow(row: T['$inferSelect'], refOf: (taxonId: number) => string): R;
  snapshotOf(row: T['$inferSelect']): S;
  /** The record's identity across imports. */
  keyOf(r: R, taxonId: number | null): string;
  /** What is wrong with the record; pointers start with `at` (e.g. /quotas/3, or '' for one record). */
  problems(r: R, known: KnownCodes, taxa: TaxonLookup, at: string): ImportError[];
}

export const RESERVATIONS: RestrictionKind<BundleReservation, SnapshotReservation, typeof reservations> = {
  name: 'reservations',
  table: reservations,
  entity: 'reservation',
  columns: ['partyCode', 'taxonId', 'appendix', 'effectiveFrom', 'effectiveTo', 'notes'],
  updatable: ['effectiveTo', 'notes'],
  canonical: (r) => canonicalReservation(r),
  values: (r, t) => ({
    partyCode: r.party,
    taxonId: t!,
    appendix: r.appendix,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    notes: r.notes,
  }),
  fromRow: (row, refOf) =>
    canonicalReservation({
      party: row.partyCode,
      taxon: refOf(row.taxonId),
      appendix: row.appendix,
      effectiveFrom: row.effectiveFrom,
      effectiveTo: row.effectiveTo,
      notes: row.notes,
    }),
  snapshotOf: (row) => ({
    party: row.partyCode,
    taxonId: String(row.taxonId),
    appendix: row.appendix,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
  }),
  keyOf: (r, t) => naturalKey.reservation(r.party, t!, r.appendix, r.effectiveFrom),
  problems: (r, known, taxa, at) => [
    ...taxonProblems(`${at}/taxon`, r.taxon, taxa),
    ...(known.parties.has(r.party) ? [] : [{ pointer: `${at}/party`, detail: `unknown party ${r.party}` }]),
    ...dateProblems(at, r.effectiveFrom, r.effectiveTo),
  ],
};

export const QUOTAS: RestrictionKind<BundleQuota, SnapshotQuota, typeof quotas> = {
  name: 'quotas',
  table: quotas,
  entity: 'quota',
  columns: ['taxonId', 'exporter', 'quantity', 'unit', 'terms', 'sources', 'purposes', 'effectiveFrom', 'effectiveTo', 'notes'],
  updatable: ['quantity', 'unit', 'effectiveTo', 'notes'],
  canonical: (q) => canonicalQuota(q) as BundleQuota,
  values: (q, t) => ({
    taxonId: t!,
    exporter: q.exporter,
    quantity: q.quantity,
    unit: q.unit,
    terms: q.terms,
    sources: q.sources,
    purposes: q.purposes,
    effectiveFrom: q.effectiveFrom,
    effectiveTo: q.effectiveTo,
    notes: q.notes,
  }),
  fromRow: (row, refOf) =>
    canonicalQuota({
      taxon: refOf(row.taxonId),
      exporter: row.exporter,
      quantity: row.quantity,
      unit: row.unit,
      terms: row.terms,
      // The columns hold codes: every write goes through the bundle's schema or these checks.
      sources: row.sources as BundleQuota['sources'],
      purposes: row.purposes as BundleQuota['purposes'],
      effectiveFrom: row.effectiveFrom,
      effectiveTo: row.effectiveTo,
      notes: row.notes,
    }) as BundleQuota,
  snapshotOf: (row) => ({
    taxonId: String(row.taxonId),
    exporter: row.exporter,
    quantity: row.quantity,
    unit: row.unit,
    terms: row.terms,
    sources: row.sources,
    purposes: row.purposes,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    notes: row.notes,
  }),
  keyOf: (q, t) => naturalKey.quota(t!, q.exporter, q.terms, q.sources, q.purposes, q.effectiveFrom),
  problems: (q, known, taxa, at) => [
    ...taxonProblems(`${at}/taxon`, q.taxon, taxa),
    ...termProblems(`${at}/terms`, q.terms, known),
    ...unitProblems(`${at}/unit`, q.unit, known),
    ...dateProblems(at, q.effectiveFrom, q.effectiveTo),
  ],
};

export const SUSPENSIONS: RestrictionKind<BundleSuspension, SnapshotSuspension, typeof suspensions> = {
  name: 'suspensions',
  table: suspensions,
  entity: 'suspension',
  columns: ['country', 'taxonId', 'purposes', 'sources', 'terms', 'appliesToImports', 'effectiveFrom', 'effectiveTo', 'notification', 'notes', 'review'],
  updatable: ['appliesToImports', 'effectiveTo', 'notification', 'notes', 'review'],
  canonical: (s) => canonicalSuspension(s) as BundleSuspension,
  values: (s, t) => ({
    country: s.country,
    taxonId: t,
    purposes: s.purposes,
    sources: s.sources,
    terms: s.terms,
    appliesToImports: s.appliesToImports,
    effectiveFrom: s.effectiveFrom,
    effectiveTo: s.effectiveTo,
    notification: s.notification,
    notes: s.notes,
    review: s.review,
  }),
  fromRow: (row, refOf) =>
    canonicalSuspension({
      country: row.country,
      taxon: row.taxonId === null ? null : refOf(row.taxonId),
      // The columns hold codes: every write goes through the bundle's schema or these checks.
      purposes: row.purposes as BundleSuspension['purposes'],
      sources: row.sources as BundleSuspension['sources'],
      terms: row.terms,
      appliesToImports: row.appliesToImports,
      effectiveFrom: row.effectiveFrom,
      effectiveTo: row.effectiveTo,
      notification: row.notification,
      notes: row.notes,
      review: row.review,
    }) as BundleSuspension,
  snapshotOf: (row) => ({
    country: row.country,
    taxonId: row.taxonId === null ? null : String(row.taxonId),
    purposes: row.purposes,
    sources: row.sources,
    terms: row.terms,
    appliesToImports: row.appliesToImports,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    notification: row.notification,
    notes: row.notes,
    review: row.review,
  }),
  keyOf: (s, t) => naturalKey.suspension(s.country, t, s.purposes, s.sources, s.terms, s.effectiveFrom),
  problems: (s, known, taxa, at) => [
    ...(s.taxon === null ? [] : taxonProblems(`${at}/taxon`, s.taxon, taxa)),
    ...termProblems(`${at}/terms`, s.terms, known),
    ...dateProblems(at, s.effectiveFrom, s.effectiveTo),
  ],
};
