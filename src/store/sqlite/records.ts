/**
 * Officers' single-record writes: create, update (with the revision the officer read, for
 * If-Match) and end. Each write is checked with the same rules as a bundle import, audited
 * with the record before and after, and bumps the dataset version, in one transaction.
 */
import { eq, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { listingExclusions, listings, taxa as taxaTable } from '../../db/schema.js';
import type { BundleListing, BundleTaxon } from '../../contract/bundle.js';
import type { Kingdom } from '@cites-permit-check/engine/contract/codes';
import { normaliseName } from '@cites-permit-check/engine';
import { TaxonDirectory } from '../taxon-directory.js';
import { StaleRevision, type ListingRecord, type RecordMeta, type TaxonDetails } from '../types.js';
import { BundleRejected, type ImportError } from '../types.js';
import { canonicalListing, canonicalPopulations } from '../domain/canonical.js';
import { listingProblems } from '../domain/checks.js';
import { describeOverlap, findOverlaps } from '../domain/overlaps.js';
import { Counter } from './counter.js';
import { bumpVersion, recordAudit } from './dataset.js';
import { importTaxa } from './import-taxa.js';
import type { RestrictionKind, RestrictionTable } from './restriction-kinds.js';
import { restrictionRows, restrictionWriter } from './restriction-rows.js';
import { knownCodes } from './known-codes.js';
import { listingColumns, listingRowToBundle, readListingRows } from './rows.js';

export type TaxonRecord = TaxonDetails;

export interface WriteContext {
  actor: string;
  now: string;
}

/** Every stored taxon by name and kingdom, to resolve the references of one record. */
export function taxonDirectory(db: Db): TaxonDirectory {
  const rows = db.select({ id: taxaTable.id, name: taxaTable.name, kingdom: taxaTable.kingdom }).from(taxaTable).all();
  return new TaxonDirectory(rows as { id: number; name: string; kingdom: Kingdom }[]);
}

function reject(errors: ImportError[]): void {
  if (errors.length > 0) throw new BundleRejected(errors);
}

function metaOf(row: { id: number; revision: number; origin: string; updatedAt: string; updatedBy: string }): RecordMeta {
  return { id: String(row.id), revision: row.revision, origin: row.origin, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

/**
 * Runs a write in one transaction: `apply` reads the record, checks the revision the
 * officer read (If-Match) and writes; the change is audited with the record before and
 * after, and the dataset version bumped. Null when the record does not exist.
 */
function write<T extends { id: string }>(
  db: Db,
  ctx: WriteContext,
  entity: string,
  apply: () => { before: (T & { revision: number }) | null; after: () => T } | null,
  expectedRevision?: number,
): T | null {
  return db.$client
    .transaction(() => {
      const step = apply();
      if (step === null) return null;
      if (step.before !== null && expectedRevision !== undefined && step.before.revision !== expectedRevision) {
        throw new StaleRevision(step.before.revision);
      }
      const after = step.after();
      recordAudit(db, {
        at: ctx.now,
        actor: ctx.actor,
        action: step.before === null ? 'create' : 'update',
        entity,
        entityId: after.id,
        before: step.before,
        after,
      });
      bumpVersion(db, { now: ctx.now, actor: ctx.actor });
      return after;
    })
    .immediate();
}

// ───────────────────────────── listings ─────────────────────────────

export function readListing(db: Db, id: string): ListingRecord | null {
  if (!/^\d+$/.test(id)) return null;
  const row = readListingRows(db, { id: Number(id) })[0];
  if (!row) return null;
  return { ...metaOf(row), ...(canonicalListing(listingRowToBundle(row, taxonDirectory(db))) as BundleListing) };
}

function writeListing(db: Db, l: BundleListing, id: number | null, ctx: WriteContext): number {
  const known = knownCodes(db);
  const taxa = taxonDirectory(db);
  reject(listingProblems(l, '', known, taxa));
  const taxonId = taxa.idOf(l.taxon)!;
  const kingdom = taxa.entry(taxonId)!.kingdom;
  const populations = canonicalPopulations(l.populations);
  const c = canonicalListing({ ...l, excludedTaxa: [] });
  const values = {
    taxonId,
    appendix: l.appendix,
    partyCode: l.party,
    effectiveFrom: l.effectiveFrom,
    effectiveTo: l.effectiveTo,
    mayStartFrom: l.mayStartFrom,
    ...listingColumns({ ...c, populations }),
    source: l.source,
  };
  let listingId: number;
  if (id === null) {
    listingId = db
      .insert(listings)
      .values({ ...values, origin: 'officer', revision: 1, updatedAt: ctx.now, updatedBy: ctx.actor })
      .returning({ id: listings.id })
      .get().id;
  } else {
    listingId = id;
    db.update(listings)
      .set({ ...values, revision: sql`${listings.revision} + 1`, updatedAt: ctx.now, updatedBy: ctx.actor })
      .where(eq(listings.id, id))
      .run();
    db.delete(listingExclusions).where(eq(listingExclusions.listingId, id)).run();
  }
  for (const x of l.excludedTaxa) {
    const pops = typeof x === 'string' ? null : canonicalPopulations(x.populations);
    db.insert(listingExclusions)
      .values({
        listingId,
        taxonId: taxa.idOf(typeof x === 'string' ? x : x.taxon, kingdom)!,
        populationsInclude: pops?.include ?? null,
        populationsExclude: pops?.exclude ?? null,
      })
      .onConflictDoNothing()
      .run();
  }
  const ofTaxon = readListingRows(db).filter((r) => r.taxonId === taxonId);
  const overlaps = findOverlaps(ofTaxon).filter((o) => o.later.id === listingId || o.earlier.id === listingId);
  reject(overlaps.map((o) => describeOverlap(o, l.taxon, (r) => (r.id === listingId ? '' : `listing ${r.id}`))));
  return listingId;
}

export function createListing(db: Db, l: BundleListing, ctx: WriteContext): ListingRecord {
  return write(db, ctx, 'listing', () => ({ before: null, after: () => readListing(db, String(writeListing(db, l, null, ctx)))! }))!;
}

/** Replaces a listing's fields; `expectedRevision` is what the officer read (If-Match). */
export function updateListing(
  db: Db,
  id: string,
  change: (current: BundleListing) => BundleListing,
  expectedRevision: number,
  ctx: WriteContext,
): ListingRecord | null {
  return write(
    db,
    ctx,
    'listing',
    () => {
      const before = readListing(db, id);
      if (before === null) return null;
      return {
        before,
        after: () => {
          writeListing(db, change(bundleListingOf(before)), Number(id), ctx);
          return readListing(db, id)!;
        },
      };
    },
    expectedRevision,
  );
}

function bundleListingOf(r: ListingRecord): BundleListing {
  return {
    taxon: r.taxon,
    appendix: r.appendix,
    party: r.party,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    mayStartFrom: r.mayStartFrom ?? null,
    populations: r.populations,
    excludedTaxa: r.excludedTaxa,
    annotation: r.annotation,
    hashAnnotation: r.hashAnnotation,
    hashAnnotationText: r.hashAnnotationText,
    specimens: r.specimens,
    source: r.source ?? null,
  };
}

// ──────────────── reservations, quotas, suspensions ────────────────

type DatedKind<R extends { taxon: string | null }> = RestrictionKind<R, unknown, RestrictionTable>;

/** The officer's view of a stored restriction: the record and its revision, origin and last change. */
function datedRecords<R extends { taxon: string | null }>(db: Db, kind: DatedKind<R>, rows: RestrictionTable['$inferSelect'][]): (R & RecordMeta)[] {
  if (rows.length === 0) return []; // no need to read every taxon for nothing
  const taxa = taxonDirectory(db);
  return rows.map((row) => ({ ...metaOf(row), ...kind.fromRow(row, (t) => taxa.refOf(t)) }));
}

export function readDated<R extends { taxon: string | null }>(db: Db, kind: DatedKind<R>, id: string): (R & RecordMeta) | null {
  if (!/^\d+$/.test(id)) return null;
  return datedRecords(db, kind, restrictionRows(db, kind, { id: Number(id) }))[0] ?? null;
}

export function listDated<R extends { taxon: string | null }>(db: Db, kind: DatedKind<R>, filter: { taxonId?: number; activeOn?: string }): (R & RecordMeta)[] {
  return datedRecords(db, kind, restrictionRows(db, kind, { ...filter, byId: true }));
}

function writeDated<R extends { taxon: string | null }>(db: Db, kind: DatedKind<R>, r: R, id: number | null, ctx: WriteContext): number {
  const taxa = taxonDirectory(db);
  reject(kind.problems(r, knownCodes(db), taxa, ''));
  const values = kind.values(kind.canonical(r), r.taxon === null ? null : taxa.idOf(r.taxon)!);
  const writer = restrictionWriter(db, kind, { origin: 'officer', now: ctx.now, actor: ctx.actor });
  if (id === null) return writer.insert(values);
  writer.update(id, values);
  return id;
}

export function createDated<R extends { taxon: string | null }>(db: Db, kind: DatedKind<R>, r: R, ctx: WriteContext): R & RecordMeta {
  return write(db, ctx, kind.entity, () => ({ before: null, after: () => readDated(db, kind, String(writeDated(db, kind, r, null, ctx)))! }))!;
}

export function updateDated<R extends { taxon: string | null }>(
  db: Db,
  kind: DatedKind<R>,
  id: string,
  change: (current: R) => R,
  expectedRevision: number,
  ctx: WriteContext,
): (R & RecordMeta) | null {
  return write(
    db,
    ctx,
    kind.entity,
    () => {
      const before = readDated(db, kind, id);
      if (before === null) return null;
      const { id: _id, revision: _r, origin: _o, updatedAt: _a, updatedBy: _b, ...current } = before;
      return {
        before,
        after: () => {
          writeDated(db, kind, change(current as unknown as R), Number(id), ctx);
          return readDated(db, kind, id)!;
        },
      };
    },
    expectedRevision,
  );
}

// ───────────────────────────── taxa ─────────────────────────────

/** Creates a taxon (and the ancestors its `higher` classification names). */
export function createTaxon(db: Db, t: BundleTaxon, ctx: WriteContext, read: (id: string) => TaxonRecord | null): TaxonRecord {
  return write(db, ctx, 'taxon', () => {
    const newest =
      db
        .select({ id: max(taxaTable.id) })
        .from(taxaTable)
        .get()?.id ?? 0;
    return {
      before: null,
      after: () => {
        const id = writeTaxa(db, t, ctx);
        // Ids only grow: an id this old means the record named a taxon that exists already.
        if (id <= newest) {
          const e = taxonDirectory(db).entry(id)!;
          throw new BundleRejected([{ pointer: '/name', detail: `a taxon named "${t.name}" already exists in ${e.kingdom} (id ${id})` }]);
        }
        return read(String(id))!;
      },
    };
  })!;
}

/** Updates a taxon; a new name renames it (nomenclature change), keeping its id and listings. */
export function updateTaxon(
  db: Db,
  id: string,
  change: (current: BundleTaxon) => BundleTaxon,
  expectedRevision: number,
  ctx: WriteContext,
  read: (id: string) => TaxonRecord | null,
  current: (id: string) => BundleTaxon | null,
): TaxonRecord | null {
  return write(
    db,
    ctx,
    'taxon',
    () => {
      const before = read(id);
      const was = current(id);
      if (before === null || was === null) return null;
      return {
        before,
        after: () => {
          const next = change(was);
          if (next.name !== was.name) {
            const kingdom = taxonDirectory(db).entry(Number(id))!.kingdom;
            if (taxonDirectory(db).find(next.name, kingdom) !== undefined) {
              throw new BundleRejected([{ pointer: '/name', detail: `a taxon named "${next.name}" already exists in ${kingdom}` }]);
            }
            db.update(taxaTable)
              .set({ name: next.name, nameKey: normaliseName(next.name) })
              .where(eq(taxaTable.id, Number(id)))
              .run();
          }
          writeTaxa(db, next, ctx);
          return read(id)!;
        },
      };
    },
    expectedRevision,
  );
}

function writeTaxa(db: Db, t: BundleTaxon, ctx: WriteContext): number {
  const errors: ImportError[] = [];
  const result = importTaxa(db, [t], { errors, counter: new Counter(), origin: 'officer', now: ctx.now, actor: ctx.actor });
  reject(errors.map((e) => ({ ...e, pointer: e.pointer.replace(/^\/taxa\/0/, '') })));
  return result.ids[0]!;
}
