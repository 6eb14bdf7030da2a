/**
 * The three restriction tables (reservations, quotas, suspensions), each mapped once: row ↔
 * bundle record, row → engine snapshot, natural key, the columns a re-import may change, and
 * what makes a record invalid. Officers' writes (records.ts), bundle imports
 * (bundle-import.ts) and exports (export.ts) all go through these.
 */
import type { BundleQuota, BundleReservation, BundleSuspension } from '../../contract/bundle.js';
import type { SnapshotQuota, SnapshotReservation, SnapshotSuspension } from '@cites-permit-check/engine/contract/snapshot';
import type { ImportError } from '../types.js';
import { canonicalQuota, canonicalReservation, canonicalSuspension, naturalKey } from '../domain/canonical.js';
import { dateProblems, taxonProblems, termProblems, unitProblems, type KnownCodes, type TaxonLookup } from '../domain/checks.js';

type Row = Record<string, unknown>;

export interface RestrictionKind<R extends { taxon: string | null }, S> {
  table: 'reservations' | 'quotas' | 'suspensions';
  entity: string;
  /** Data columns, in the order of `values`. */
  columns: readonly string[];
  /** Columns a newer import of the same record (same natural key) may change. */
  updatable: readonly string[];
  /** The record in canonical form (sorted lists): what is compared and stored. */
  canonical(r: R): R;
  /** Column values of a canonical record whose taxon resolved to `taxonId`. */
  values(r: R, taxonId: number | null): unknown[];
  fromRow(row: Row, refOf: (taxonId: number) => string): R;
  snapshotOf(row: Row): S;
  /** The record's identity across imports. */
  keyOf(r: R, taxonId: number | null): string;
  /** What is wrong with the record; pointers start with `at` (e.g. /quotas/3, or '' for one record). */
  problems(r: R, known: KnownCodes, taxa: TaxonLookup, at: string): ImportError[];
}

const list = (v: unknown) => JSON.parse(v as string) as string[];
const text = (v: unknown) => v as string;
const maybe = (v: unknown) => v as string | null;

export const RESERVATIONS: RestrictionKind<BundleReservation, SnapshotReservation> = {
  table: 'reservations',
  entity: 'reservation',
  columns: ['party_code', 'taxon_id', 'appendix', 'effective_from', 'effective_to', 'notes'],
  updatable: ['effective_to', 'notes'],
  canonical: (r) => canonicalReservation(r),
  values: (r, t) => [r.party, t, r.appendix, r.effectiveFrom, r.effectiveTo, r.notes],
  fromRow: (row, refOf) =>
    canonicalReservation({
      party: text(row.party_code),
      taxon: refOf(row.taxon_id as number),
      appendix: row.appendix as BundleReservation['appendix'],
      effectiveFrom: text(row.effective_from),
      effectiveTo: maybe(row.effective_to),
      notes: maybe(row.notes),
    }),
  snapshotOf: (row) => ({
    party: text(row.party_code),
    taxonId: String(row.taxon_id),
    appendix: row.appendix as SnapshotReservation['appendix'],
    effectiveFrom: text(row.effective_from),
    effectiveTo: maybe(row.effective_to),
  }),
  keyOf: (r, t) => naturalKey.reservation(r.party, t!, r.appendix, r.effectiveFrom),
  problems: (r, known, taxa, at) => [
    ...taxonProblems(`${at}/taxon`, r.taxon, taxa),
    ...(known.parties.has(r.party) ? [] : [{ pointer: `${at}/party`, detail: `unknown party ${r.party}` }]),
    ...dateProblems(at, r.effectiveFrom, r.effectiveTo),
  ],
};

export const QUOTAS: RestrictionKind<BundleQuota, SnapshotQuota> = {
  table: 'quotas',
  entity: 'quota',
  columns: ['taxon_id', 'exporter', 'quantity', 'unit', 'terms', 'sources', 'purposes', 'effective_from', 'effective_to', 'notes'],
  updatable: ['quantity', 'unit', 'effective_to', 'notes'],
  canonical: (q) => canonicalQuota(q) as BundleQuota,
  values: (q, t) => [
    t,
    q.exporter,
    q.quantity,
    q.unit,
    JSON.stringify(q.terms),
    JSON.stringify(q.sources),
    JSON.stringify(q.purposes),
    q.effectiveFrom,
    q.effectiveTo,
    q.notes,
  ],
  fromRow: (row, refOf) =>
    canonicalQuota({
      taxon: refOf(row.taxon_id as number),
      exporter: maybe(row.exporter),
      quantity: row.quantity as number,
      unit: maybe(row.unit),
      terms: list(row.terms),
      sources: list(row.sources) as BundleQuota['sources'],
      purposes: list(row.purposes) as BundleQuota['purposes'],
      effectiveFrom: text(row.effective_from),
      effectiveTo: maybe(row.effective_to),
      notes: maybe(row.notes),
    }) as BundleQuota,
  snapshotOf: (row) => ({
    taxonId: String(row.taxon_id),
    exporter: maybe(row.exporter),
    quantity: row.quantity as number,
    unit: maybe(row.unit),
    terms: list(row.terms),
    sources: list(row.sources),
    purposes: list(row.purposes),
    effectiveFrom: text(row.effective_from),
    effectiveTo: maybe(row.effective_to),
    notes: maybe(row.notes),
  }),
  keyOf: (q, t) => naturalKey.quota(t!, q.exporter, q.terms, q.sources, q.purposes, q.effectiveFrom),
  problems: (q, known, taxa, at) => [
    ...taxonProblems(`${at}/taxon`, q.taxon, taxa),
    ...termProblems(`${at}/terms`, q.terms, known),
    ...unitProblems(`${at}/unit`, q.unit, known),
    ...dateProblems(at, q.effectiveFrom, q.effectiveTo),
  ],
};

export const SUSPENSIONS: RestrictionKind<BundleSuspension, SnapshotSuspension> = {
  table: 'suspensions',
  entity: 'suspension',
  columns: ['country', 'taxon_id', 'purposes', 'sources', 'terms', 'applies_to_imports', 'effective_from', 'effective_to', 'notification', 'notes', 'review'],
  updatable: ['applies_to_imports', 'effective_to', 'notification', 'notes', 'review'],
  canonical: (s) => canonicalSuspension(s) as BundleSuspension,
  values: (s, t) => [
    s.country,
    t,
    JSON.stringify(s.purposes),
    JSON.stringify(s.sources),
    JSON.stringify(s.terms),
    s.appliesToImports ? 1 : 0,
    s.effectiveFrom,
    s.effectiveTo,
    s.notification,
    s.notes,
    s.review ? 1 : 0,
  ],
  fromRow: (row, refOf) =>
    canonicalSuspension({
      country: text(row.country),
      taxon: row.taxon_id === null ? null : refOf(row.taxon_id as number),
      purposes: list(row.purposes) as BundleSuspension['purposes'],
      sources: list(row.sources) as BundleSuspension['sources'],
      terms: list(row.terms),
      appliesToImports: row.applies_to_imports === 1,
      effectiveFrom: text(row.effective_from),
      effectiveTo: maybe(row.effective_to),
      notification: maybe(row.notification),
      notes: maybe(row.notes),
      review: row.review === 1,
    }) as BundleSuspension,
  snapshotOf: (row) => ({
    country: text(row.country),
    taxonId: row.taxon_id === null ? null : String(row.taxon_id),
    purposes: list(row.purposes),
    sources: list(row.sources),
    terms: list(row.terms),
    appliesToImports: row.applies_to_imports === 1,
    effectiveFrom: text(row.effective_from),
    effectiveTo: maybe(row.effective_to),
    notification: maybe(row.notification),
    notes: maybe(row.notes),
    review: row.review === 1,
  }),
  keyOf: (s, t) => naturalKey.suspension(s.country, t, s.purposes, s.sources, s.terms, s.effectiveFrom),
  problems: (s, known, taxa, at) => [
    ...(s.taxon === null ? [] : taxonProblems(`${at}/taxon`, s.taxon, taxa)),
    ...termProblems(`${at}/terms`, s.terms, known),
    ...dateProblems(at, s.effectiveFrom, s.effectiveTo),
  ],
};
