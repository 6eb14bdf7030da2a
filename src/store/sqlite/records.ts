/**
 * Officers' single-record writes: create, update (with the revision the officer read, for
 * If-Match) and end. Each write is checked with the same rules as a bundle import, audited
 * with the record before and after, and bumps the dataset version, in one transaction.
 */
import type Database from 'better-sqlite3';
import type { BundleListing, BundleTaxon } from '../../contract/bundle.js';
import type { Kingdom } from '@cites-permit-check/engine/contract/codes';
import { normaliseName } from '@cites-permit-check/engine';
import { TaxonDirectory } from '../taxon-directory.js';
import { StaleRevision, type ListingRecord, type RecordMeta, type TaxonDetails } from '../types.js';
import { BundleRejected, type ImportError } from '../types.js';
import { canonicalListing, canonicalPopulations } from './canonical.js';
import { Counter } from './counter.js';
import { bumpVersion, recordAudit } from './dataset.js';
import { importTaxa } from './import-taxa.js';
import type { RestrictionKind } from './restriction-kinds.js';
import { listingRowToBundle, readListingRows } from './rows.js';
import { describeOverlap, findOverlaps, knownCodes, listingProblems } from './validate.js';

export type TaxonRecord = TaxonDetails;

export interface WriteContext {
  actor: string;
  now: string;
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Every stored taxon by name and kingdom, to resolve the references of one record. */
export function taxonDirectory(sqlite: Database.Database): TaxonDirectory {
  return new TaxonDirectory(sqlite.prepare('SELECT id, name, kingdom FROM taxa').all() as { id: number; name: string; kingdom: Kingdom }[]);
}

function reject(errors: ImportError[]): void {
  if (errors.length > 0) throw new BundleRejected(errors);
}

function metaOf(row: { id: number; revision: number; origin: string; updated_at: string; updated_by: string }): RecordMeta {
  return { id: String(row.id), revision: row.revision, origin: row.origin, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/**
 * Runs a write in one transaction: `apply` reads the record, checks the revision the
 * officer read (If-Match) and writes; the change is audited with the record before and
 * after, and the dataset version bumped. Null when the record does not exist.
 */
function write<T extends { id: string }>(
  sqlite: Database.Database,
  ctx: WriteContext,
  entity: string,
  apply: () => { before: (T & { revision: number }) | null; after: () => T } | null,
  expectedRevision?: number,
): T | null {
  return sqlite
    .transaction(() => {
      const step = apply();
      if (step === null) return null;
      if (step.before !== null && expectedRevision !== undefined && step.before.revision !== expectedRevision) {
        throw new StaleRevision(step.before.revision);
      }
      const after = step.after();
      recordAudit(sqlite, {
        at: ctx.now,
        actor: ctx.actor,
        action: step.before === null ? 'create' : 'update',
        entity,
        entityId: after.id,
        before: step.before,
        after,
      });
      bumpVersion(sqlite, { now: ctx.now, actor: ctx.actor });
      return after;
    })
    .immediate();
}

// ───────────────────────────── listings ─────────────────────────────

export function readListing(sqlite: Database.Database, id: string): ListingRecord | null {
  if (!/^\d+$/.test(id)) return null;
  const row = readListingRows(sqlite, 'WHERE id = ?', Number(id))[0];
  if (!row) return null;
  return { ...metaOf(row), ...(canonicalListing(listingRowToBundle(row, taxonDirectory(sqlite))) as BundleListing) };
}

function writeListing(sqlite: Database.Database, l: BundleListing, id: number | null, ctx: WriteContext): number {
  const known = knownCodes(sqlite);
  const taxa = taxonDirectory(sqlite);
  reject(listingProblems(l, '', known, taxa));
  const taxonId = taxa.idOf(l.taxon)!;
  const kingdom = taxa.entry(taxonId)!.kingdom;
  const populations = canonicalPopulations(l.populations);
  const c = canonicalListing({ ...l, excludedTaxa: [] });
  const values = [
    taxonId,
    l.appendix,
    l.party,
    l.effectiveFrom,
    l.effectiveTo,
    l.mayStartFrom,
    json(populations?.include ?? null),
    json(populations?.exclude ?? null),
    json(populations?.partly ?? null),
    populations?.text ?? null,
    json(c.annotation),
    c.hashAnnotation,
    json(c.hashAnnotationText),
    json(c.specimens),
    l.source,
  ];
  let listingId: number;
  if (id === null) {
    listingId = Number(
      sqlite
        .prepare(
          `INSERT INTO listings (taxon_id, appendix, party_code, effective_from, effective_to, may_start_from, populations_include, populations_exclude,
             populations_partly, populations_text, annotation, hash_annotation, hash_annotation_text, specimens, source, origin, revision, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'officer', 1, ?, ?)`,
        )
        .run(...values, ctx.now, ctx.actor).lastInsertRowid,
    );
  } else {
    listingId = id;
    sqlite
      .prepare(
        `UPDATE listings SET taxon_id = ?, appendix = ?, party_code = ?, effective_from = ?, effective_to = ?, may_start_from = ?, populations_include = ?,
           populations_exclude = ?, populations_partly = ?, populations_text = ?, annotation = ?, hash_annotation = ?, hash_annotation_text = ?, specimens = ?, source = ?,
           revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
      )
      .run(...values, ctx.now, ctx.actor, id);
    sqlite.prepare('DELETE FROM listing_exclusions WHERE listing_id = ?').run(id);
  }
  const insertExclusion = sqlite.prepare(
    'INSERT OR IGNORE INTO listing_exclusions (listing_id, taxon_id, populations_include, populations_exclude) VALUES (?, ?, ?, ?)',
  );
  for (const x of l.excludedTaxa) {
    const pops = typeof x === 'string' ? null : canonicalPopulations(x.populations);
    insertExclusion.run(listingId, taxa.idOf(typeof x === 'string' ? x : x.taxon, kingdom), json(pops?.include ?? null), json(pops?.exclude ?? null));
  }
  const overlaps = findOverlaps(sqlite, new Set([taxonId])).filter((o) => o.later.id === listingId || o.earlier.id === listingId);
  reject(overlaps.map((o) => describeOverlap(o, l.taxon, (r) => (r.id === listingId ? '' : `listing ${r.id}`))));
  return listingId;
}

export function createListing(sqlite: Database.Database, l: BundleListing, ctx: WriteContext): ListingRecord {
  return write(sqlite, ctx, 'listing', () => ({ before: null, after: () => readListing(sqlite, String(writeListing(sqlite, l, null, ctx)))! }))!;
}

/** Replaces a listing's fields; `expectedRevision` is what the officer read (If-Match). */
export function updateListing(
  sqlite: Database.Database,
  id: string,
  change: (current: BundleListing) => BundleListing,
  expectedRevision: number,
  ctx: WriteContext,
): ListingRecord | null {
  return write(
    sqlite,
    ctx,
    'listing',
    () => {
      const before = readListing(sqlite, id);
      if (before === null) return null;
      return {
        before,
        after: () => {
          writeListing(sqlite, change(bundleListingOf(before)), Number(id), ctx);
          return readListing(sqlite, id)!;
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

type DatedKind<R extends { taxon: string | null }> = RestrictionKind<R, unknown>;

export function readDated<R extends { taxon: string | null }>(sqlite: Database.Database, kind: DatedKind<R>, id: string): (R & RecordMeta) | null {
  if (!/^\d+$/.test(id)) return null;
  const row = sqlite.prepare(`SELECT * FROM ${kind.table} WHERE id = ?`).get(Number(id)) as Record<string, unknown> | undefined;
  if (!row) return null;
  const taxa = taxonDirectory(sqlite);
  return { ...metaOf(row as never), ...kind.fromRow(row, (t) => taxa.refOf(t)) };
}

export function listDated<R extends { taxon: string | null }>(
  sqlite: Database.Database,
  kind: DatedKind<R>,
  filter: { taxonId?: number; activeOn?: string },
): (R & RecordMeta)[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.taxonId !== undefined) {
    where.push('taxon_id = ?');
    params.push(filter.taxonId);
  }
  if (filter.activeOn !== undefined) {
    where.push('effective_from <= ? AND (effective_to IS NULL OR effective_to > ?)');
    params.push(filter.activeOn, filter.activeOn);
  }
  const rows = sqlite.prepare(`SELECT * FROM ${kind.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`).all(...params) as Record<
    string,
    unknown
  >[];
  const taxa = taxonDirectory(sqlite);
  return rows.map((row) => ({ ...metaOf(row as never), ...kind.fromRow(row, (t) => taxa.refOf(t)) }));
}

function writeDated<R extends { taxon: string | null }>(sqlite: Database.Database, kind: DatedKind<R>, r: R, id: number | null, ctx: WriteContext): number {
  const taxa = taxonDirectory(sqlite);
  reject(kind.problems(r, knownCodes(sqlite), taxa, ''));
  const values = kind.values(kind.canonical(r), r.taxon === null ? null : taxa.idOf(r.taxon)!);
  if (id === null) {
    const cols = [...kind.columns, 'origin', 'revision', 'updated_at', 'updated_by'];
    return Number(
      sqlite
        .prepare(`INSERT INTO ${kind.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
        .run(...values, 'officer', 1, ctx.now, ctx.actor).lastInsertRowid,
    );
  }
  sqlite
    .prepare(`UPDATE ${kind.table} SET ${kind.columns.map((c) => `${c} = ?`).join(', ')}, revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?`)
    .run(...values, ctx.now, ctx.actor, id);
  return id;
}

export function createDated<R extends { taxon: string | null }>(sqlite: Database.Database, kind: DatedKind<R>, r: R, ctx: WriteContext): R & RecordMeta {
  return write(sqlite, ctx, kind.entity, () => ({ before: null, after: () => readDated(sqlite, kind, String(writeDated(sqlite, kind, r, null, ctx)))! }))!;
}

export function updateDated<R extends { taxon: string | null }>(
  sqlite: Database.Database,
  kind: DatedKind<R>,
  id: string,
  change: (current: R) => R,
  expectedRevision: number,
  ctx: WriteContext,
): (R & RecordMeta) | null {
  return write(
    sqlite,
    ctx,
    kind.entity,
    () => {
      const before = readDated(sqlite, kind, id);
      if (before === null) return null;
      const { id: _id, revision: _r, origin: _o, updatedAt: _a, updatedBy: _b, ...current } = before;
      return {
        before,
        after: () => {
          writeDated(sqlite, kind, change(current as unknown as R), Number(id), ctx);
          return readDated(sqlite, kind, id)!;
        },
      };
    },
    expectedRevision,
  );
}

// ───────────────────────────── taxa ─────────────────────────────

/** Creates a taxon (and the ancestors its `higher` classification names). */
export function createTaxon(sqlite: Database.Database, t: BundleTaxon, ctx: WriteContext, read: (id: string) => TaxonRecord | null): TaxonRecord {
  return write(sqlite, ctx, 'taxon', () => {
    const newest = (sqlite.prepare('SELECT max(id) FROM taxa').pluck().get() as number | null) ?? 0;
    return {
      before: null,
      after: () => {
        const id = writeTaxa(sqlite, t, ctx);
        // Ids only grow: an id this old means the record named a taxon that exists already.
        if (id <= newest) {
          const e = taxonDirectory(sqlite).entry(id)!;
          throw new BundleRejected([{ pointer: '/name', detail: `a taxon named "${t.name}" already exists in ${e.kingdom} (id ${id})` }]);
        }
        return read(String(id))!;
      },
    };
  })!;
}

/** Updates a taxon; a new name renames it (nomenclature change), keeping its id and listings. */
export function updateTaxon(
  sqlite: Database.Database,
  id: string,
  change: (current: BundleTaxon) => BundleTaxon,
  expectedRevision: number,
  ctx: WriteContext,
  read: (id: string) => TaxonRecord | null,
  current: (id: string) => BundleTaxon | null,
): TaxonRecord | null {
  return write(
    sqlite,
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
            const kingdom = taxonDirectory(sqlite).entry(Number(id))!.kingdom;
            if (taxonDirectory(sqlite).find(next.name, kingdom) !== undefined) {
              throw new BundleRejected([{ pointer: '/name', detail: `a taxon named "${next.name}" already exists in ${kingdom}` }]);
            }
            sqlite.prepare('UPDATE taxa SET name = ?, name_key = ? WHERE id = ?').run(next.name, normaliseName(next.name), Number(id));
          }
          writeTaxa(sqlite, next, ctx);
          return read(id)!;
        },
      };
    },
    expectedRevision,
  );
}

function writeTaxa(sqlite: Database.Database, t: BundleTaxon, ctx: WriteContext): number {
  const errors: ImportError[] = [];
  const result = importTaxa(sqlite, [t], { errors, counter: new Counter(), origin: 'officer', now: ctx.now, actor: ctx.actor });
  reject(errors.map((e) => ({ ...e, pointer: e.pointer.replace(/^\/taxa\/0/, '') })));
  return result.ids[0]!;
}
