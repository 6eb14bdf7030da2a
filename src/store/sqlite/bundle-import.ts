/**
 * Loads a `cites-bundle/1` document in one transaction: every reference is checked,
 * every error is collected with its JSON pointer, and any error rolls the whole import
 * back (BundleRejected). Records are matched by their natural keys, so importing the
 * same bundle twice changes nothing and does not bump the dataset version.
 */
import { and, count, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Bundle, Populations } from '../../contract/bundle.js';
import type { Db } from '../../db/client.js';
import {
  codeEntries,
  datasetState,
  listingExclusions,
  listings,
  parties,
  quotas,
  reservations,
  suspensions,
  taxa as taxaTable,
  taxonNames,
} from '../../db/schema.js';
import { BundleRejected, type ImportError, type ImportOptions, type ImportSummary } from '../types.js';
import { canonicalExclusions, canonicalListing, canonicalParty, canonicalPopulations } from '../domain/canonical.js';
import { listingProblems, type KnownCodes } from '../domain/checks.js';
import { ListingMerge } from '../domain/listing-merge.js';
import { listingsTakenOver, NaturalKeyMerge, recordsToEnd, removalProblems } from '../domain/merge.js';
import { describeOverlap, findOverlaps } from '../domain/overlaps.js';
import { Counter } from './counter.js';
import { exportBundle } from './export.js';
import { bumpVersion, recordAudit } from './dataset.js';
import { importTaxa, type TaxaResult } from './import-taxa.js';
import { knownCodes } from './known-codes.js';
import { placeholders } from './prepared.js';
import { QUOTAS, RESERVATIONS, SUSPENSIONS, type DataColumns, type RestrictionKind, type RestrictionTable } from './restriction-kinds.js';
import { restrictionRows, restrictionWriter } from './restriction-rows.js';
import { listingColumns, listingRowToBundle, partyRecordOf, partyRows, readListingRows, type ListingRow } from './rows.js';

/** Children before parents, so that no foreign key is left dangling mid-way. */
const DOMAIN_TABLES = [listingExclusions, listings, reservations, quotas, suspensions, taxonNames, taxaTable, parties, codeEntries];
/** The tables of records in force from one date to another, which a newer official file may end. */
const DATED_TABLES = { listings, reservations, quotas, suspensions };
type DatedName = keyof typeof DATED_TABLES;

interface Run {
  db: Db;
  opts: ImportOptions;
  now: string;
  errors: ImportError[];
  counter: Counter;
  /** Ids of dated records the bundle contains, per table (for endMissing). */
  seen: Record<DatedName, Set<number>>;
}

export function importBundle(db: Db, bundle: Bundle, opts: ImportOptions, now: string): ImportSummary {
  const sqlite = db.$client;
  return sqlite
    .transaction(() => {
      const run: Run = {
        db,
        opts,
        now,
        errors: [],
        counter: new Counter(),
        seen: { listings: new Set(), reservations: new Set(), quotas: new Set(), suspensions: new Set() },
      };
      // A replace keeps what it removes in the audit trail (the whole store, as an export that
      // imports back), and refuses to remove more than the allowed share unless confirmed.
      let replaced: unknown = null;
      if (opts.mode === 'replace') {
        refuseLargeRemoval(db, bundle, opts);
        replaced = exportBundle(db, now.slice(0, 10));
        for (const t of DOMAIN_TABLES) db.delete(t).run();
      }
      importCodes(run, bundle);
      importParties(run, bundle);
      const taxa = importTaxa(db, bundle.taxa, { errors: run.errors, counter: run.counter, origin: opts.origin, now, actor: opts.actor });
      const known = knownCodes(db);
      // Every part is checked even after an error, so that the report lists them all.
      importListings(run, bundle, taxa, known);
      importRestrictions(run, RESERVATIONS, bundle.reservations, taxa, known);
      importRestrictions(run, QUOTAS, bundle.quotas, taxa, known);
      importRestrictions(run, SUSPENSIONS, bundle.suspensions, taxa, known);
      if (run.errors.length === 0 && opts.endMissing) endMissing(run, opts.endMissing.date);
      checkOverlaps(run, bundle, taxa);
      if (run.errors.length > 0) throw new BundleRejected(run.errors);

      const changed = run.counter.changed || opts.mode === 'replace';
      const state = changed
        ? bumpVersion(db, {
            asOf: bundle.asOf,
            source: bundle.source,
            provenance: bundle.provenance,
            replace: opts.mode === 'replace',
            now,
            actor: opts.actor,
          })
        : undefined;
      const summary: ImportSummary = {
        datasetVersion: state ?? currentVersion(db),
        changed,
        created: run.counter.created,
        updated: run.counter.updated,
        ended: run.counter.ended,
        unchanged: run.counter.unchanged,
        warnings: [],
      };
      if (changed)
        recordAudit(db, {
          at: now,
          actor: opts.actor,
          action: opts.mode === 'replace' ? 'replace' : 'import',
          entity: 'bundle',
          entityId: opts.origin,
          before: replaced,
          after: summary,
        });
      return summary;
    })
    .immediate();
}

/** Counts of what a replace would remove, checked against `maxRemovedShare`. */
function refuseLargeRemoval(db: Db, bundle: Bundle, opts: ImportOptions): void {
  if (opts.maxRemovedShare === undefined || opts.confirmed === true) return;
  const stored = {
    taxa: db.select({ n: count() }).from(taxaTable).get()!.n,
    listings: db.select({ n: count() }).from(listings).get()!.n,
    parties: db.select({ n: count() }).from(parties).get()!.n,
  };
  const kept = { taxa: bundle.taxa.length, listings: bundle.listings.length, parties: bundle.parties.length };
  const errors = removalProblems(stored, kept, opts.maxRemovedShare);
  if (errors.length) throw new BundleRejected(errors);
}

function currentVersion(db: Db): number {
  return db.select({ version: datasetState.version }).from(datasetState).where(eq(datasetState.id, 1)).get()?.version ?? 0;
}

/** An upsert's `excluded.<column>`: the value the conflicting insert brought. */
const excluded = (column: SQLiteColumn) => sql`excluded.${sql.identifier(column.name)}`;

function importCodes(run: Run, bundle: Bundle): void {
  const { db } = run;
  const select = db
    .select()
    .from(codeEntries)
    .where(and(eq(codeEntries.kind, sql.placeholder('kind')), eq(codeEntries.code, sql.placeholder('code'))))
    .prepare();
  const t = codeEntries;
  const upsert = db
    .insert(t)
    .values(placeholders('kind', 'code', 'nameEn', 'nameEs', 'nameFr', 'retired', 'replacedBy'))
    .onConflictDoUpdate({
      target: [t.kind, t.code],
      set: {
        nameEn: excluded(t.nameEn),
        nameEs: excluded(t.nameEs),
        nameFr: excluded(t.nameFr),
        retired: excluded(t.retired),
        replacedBy: excluded(t.replacedBy),
      },
    })
    .prepare();
  for (const kind of ['sources', 'purposes', 'terms', 'units'] as const) {
    const seen = new Set<string>();
    bundle.codes[kind].forEach((code, i) => {
      if (seen.has(code.code)) run.errors.push({ pointer: `/codes/${kind}/${i}/code`, detail: `duplicate ${kind} code ${code.code}` });
      seen.add(code.code);
      const row = select.get({ kind, code: code.code });
      const same =
        row && row.nameEn === code.en && row.nameEs === code.es && row.nameFr === code.fr && row.retired === code.retired && row.replacedBy === code.replacedBy;
      if (same) {
        run.counter.same('codes');
        return;
      }
      upsert.run({ kind, code: code.code, nameEn: code.en, nameEs: code.es, nameFr: code.fr, retired: code.retired, replacedBy: code.replacedBy });
      if (row) run.counter.update('codes');
      else run.counter.create('codes');
    });
  }
}

function importParties(run: Run, bundle: Bundle): void {
  const { db, now, opts } = run;
  const stored = new Map(partyRows(db).map((p) => [p.code, partyRecordOf(p)]));
  const incoming = new Set(bundle.parties.map((p) => p.code));
  const insert = db
    .insert(parties)
    .values({
      ...placeholders('code', 'name', 'entryIntoForce', 'leftOn', 'territoryOf'),
      origin: opts.origin,
      revision: 1,
      updatedAt: now,
      updatedBy: opts.actor,
    })
    .prepare();
  const seen = new Set<string>();
  bundle.parties.forEach((p, i) => {
    const pointer = `/parties/${i}`;
    if (seen.has(p.code)) {
      run.errors.push({ pointer: `${pointer}/code`, detail: `duplicate party ${p.code}` });
      return;
    }
    seen.add(p.code);
    if (p.territoryOf !== null && !incoming.has(p.territoryOf) && !stored.has(p.territoryOf)) {
      run.errors.push({ pointer: `${pointer}/territoryOf`, detail: `unknown party ${p.territoryOf}` });
    }
    if (p.entryIntoForce !== null && p.left !== null && p.left <= p.entryIntoForce) {
      run.errors.push({ pointer: `${pointer}/left`, detail: 'must be after entryIntoForce' });
    }
    const before = stored.get(p.code);
    const after = canonicalParty(p);
    if (before && JSON.stringify(canonicalParty(before)) === JSON.stringify(after)) {
      run.counter.same('parties');
      return;
    }
    const columns = { name: p.name, entryIntoForce: p.entryIntoForce, leftOn: p.left, territoryOf: p.territoryOf };
    if (before) {
      // Updates are few (what a newer file changed): built per call.
      db.update(parties)
        .set({ ...columns, revision: sql`${parties.revision} + 1`, updatedAt: now, updatedBy: opts.actor })
        .where(eq(parties.code, p.code))
        .run();
      run.counter.update('parties');
    } else {
      insert.run({ code: p.code, ...columns });
      run.counter.create('parties');
    }
  });
}

/** Records whose checks failed are skipped (the import is rolled back at the end anyway). */
function report(run: Run, problems: ImportError[]): boolean {
  for (const p of problems) run.errors.push(p);
  return problems.length === 0;
}

function importListings(run: Run, bundle: Bundle, taxa: TaxaResult, known: KnownCodes): void {
  const { db, now, opts } = run;
  replaceListingsOf(run, bundle, taxa);
  const { directory } = taxa;
  const merge = new ListingMerge(readListingRows(db), opts, (row) => canonicalListing(listingRowToBundle(row, directory)));
  // New entries are many (a whole dataset's): prepared once (prepared.ts says why).
  const insert = db
    .insert(listings)
    .values({ ...placeholders(...LISTING_COLUMNS), origin: opts.origin, revision: 1, updatedAt: now, updatedBy: opts.actor })
    .returning({ id: listings.id })
    .prepare();
  const insertExclusion = db
    .insert(listingExclusions)
    .values(placeholders('listingId', 'taxonId', 'populationsInclude', 'populationsExclude'))
    .prepare();
  bundle.listings.forEach((l, i) => {
    const pointer = `/listings/${i}`;
    if (!report(run, listingProblems(l, pointer, known, directory))) return;
    const tid = directory.idOf(l.taxon)!;
    const kingdom = directory.entry(tid)!.kingdom;
    const exclusions = l.excludedTaxa.map((x) => {
      const taxonId = directory.idOf(typeof x === 'string' ? x : x.taxon, kingdom)!;
      return { taxonId, taxon: directory.refOf(taxonId), populations: typeof x === 'string' ? null : canonicalPopulations(x.populations) };
    });
    const step = merge.step(tid, { ...l, taxon: directory.refOf(tid), excludedTaxa: canonicalExclusions(exclusions) }, pointer);
    switch (step.action) {
      case 'left to another source':
        run.counter.same('listings (left to another source)');
        return;
      case 'duplicate':
        run.errors.push({ pointer, detail: `same entry as ${step.of}` });
        return;
      case 'unchanged':
        run.seen.listings.add(step.existing.id);
        run.counter.same('listings');
        return;
      case 'update': {
        const { record, existing } = step;
        run.seen.listings.add(existing.id);
        const { populationsInclude: _i, populationsExclude: _e, populationsPartly: _p, ...changed } = listingColumns(record);
        db.update(listings)
          .set({
            ...changed,
            effectiveTo: record.effectiveTo,
            mayStartFrom: record.mayStartFrom ?? null,
            source: record.source ?? null,
            revision: sql`${listings.revision} + 1`,
            updatedAt: now,
            updatedBy: opts.actor,
          })
          .where(eq(listings.id, existing.id))
          .run();
        db.delete(listingExclusions).where(eq(listingExclusions.listingId, existing.id)).run();
        writeExclusions(insertExclusion, existing.id, exclusions);
        run.counter.update('listings');
        return;
      }
      case 'create': {
        const { record } = step;
        const id = insert.get({
          taxonId: tid,
          appendix: record.appendix,
          partyCode: record.party,
          effectiveFrom: record.effectiveFrom,
          effectiveTo: record.effectiveTo,
          mayStartFrom: record.mayStartFrom ?? null,
          ...listingColumns(record),
          source: record.source ?? null,
        })!.id;
        run.seen.listings.add(id);
        writeExclusions(insertExclusion, id, exclusions);
        run.counter.create('listings');
      }
    }
  });
}

/**
 * A more authoritative source takes over the listings of another for the taxa it covers:
 * a dated history replaces them; an official file that gives the current state ends them
 * on its date, keeping their history before it.
 */
function replaceListingsOf(run: Run, bundle: Bundle, taxa: TaxaResult): void {
  const replaced = run.opts.replacesListingsOf ?? [];
  const superseded = run.opts.supersedesListingsOf;
  const origins = [...replaced, ...(superseded?.origins ?? [])];
  if (origins.length === 0) return;
  const covered = new Set(bundle.listings.map((l) => taxa.directory.idOf(l.taxon)).filter((id) => id !== undefined));
  const stored = run.db
    .select({ id: listings.id, taxonId: listings.taxonId, origin: listings.origin, effectiveFrom: listings.effectiveFrom, effectiveTo: listings.effectiveTo })
    .from(listings)
    .where(inArray(listings.origin, origins))
    .all();
  for (const { id, action } of listingsTakenOver(stored, covered, superseded)) {
    if (action === 'end') {
      run.db
        .update(listings)
        .set({ effectiveTo: superseded!.from, revision: sql`${listings.revision} + 1`, updatedAt: run.now, updatedBy: run.opts.actor })
        .where(eq(listings.id, id))
        .run();
      run.counter.end('listings (superseded)');
    } else {
      run.db.delete(listings).where(eq(listings.id, id)).run();
      run.counter.end('listings (replaced)');
    }
  }
}

const LISTING_COLUMNS = [
  'taxonId',
  'appendix',
  'partyCode',
  'effectiveFrom',
  'effectiveTo',
  'mayStartFrom',
  'populationsInclude',
  'populationsExclude',
  'populationsPartly',
  'populationsText',
  'annotation',
  'hashAnnotation',
  'hashAnnotationText',
  'specimens',
  'source',
] as const;

type ExclusionColumns = Required<typeof listingExclusions.$inferInsert>;

function writeExclusions(insert: { run(x: ExclusionColumns): unknown }, listingId: number, list: { taxonId: number; populations: Populations | null }[]) {
  const seen = new Set<number>();
  for (const x of list) {
    if (seen.has(x.taxonId)) continue;
    seen.add(x.taxonId);
    insert.run({ listingId, taxonId: x.taxonId, populationsInclude: x.populations?.include ?? null, populationsExclude: x.populations?.exclude ?? null });
  }
}

/**
 * A restriction table's records: each keyed by its natural key, compared in canonical form
 * with the stored one, inserted, updated (the columns a newer import may change) or left.
 */
function importRestrictions<R extends { taxon: string | null }, T extends RestrictionTable>(
  run: Run,
  kind: RestrictionKind<R, unknown, T>,
  records: R[],
  taxa: TaxaResult,
  known: KnownCodes,
): void {
  const { directory } = taxa;
  const refOf = (id: number) => directory.refOf(id);
  const existing = new Map(
    restrictionRows(run.db, kind).map((row) => {
      const c = kind.fromRow(row, refOf);
      return [kind.keyOf(c, row.taxonId), { id: row.id, canonical: c as object }];
    }),
  );
  const merge = new NaturalKeyMerge(existing);
  const writer = restrictionWriter(run.db, kind, { origin: run.opts.origin, now: run.now, actor: run.opts.actor });
  const { name } = kind;
  records.forEach((r, i) => {
    const pointer = `/${name}/${i}`;
    if (!report(run, kind.problems(r, known, directory, pointer))) return;
    const tid = r.taxon === null ? null : directory.idOf(r.taxon)!;
    const c = kind.canonical({ ...r, taxon: tid === null ? null : directory.refOf(tid) });
    const step = merge.step(kind.keyOf(c, tid), c as object, pointer);
    switch (step.action) {
      case 'duplicate':
        run.errors.push({ pointer, detail: `same record as ${step.of}` });
        return;
      case 'unchanged':
        run.seen[name].add(step.id);
        run.counter.same(name);
        return;
      case 'update': {
        run.seen[name].add(step.id);
        const values = kind.values(c, tid);
        writer.update(step.id, Object.fromEntries(kind.updatable.map((column) => [column, values[column]])) as Partial<DataColumns<T>>);
        run.counter.update(name);
        return;
      }
      case 'create':
        run.seen[name].add(writer.insert(kind.values(c, tid)));
        run.counter.create(name);
    }
  });
}

/** A newer official file ends what it no longer contains (issue: "ends what disappeared"). */
function endMissing(run: Run, date: string): void {
  for (const [name, t] of Object.entries(DATED_TABLES) as [DatedName, (typeof DATED_TABLES)[DatedName]][]) {
    const open = run.db
      .select({ id: t.id, effectiveFrom: t.effectiveFrom })
      .from(t)
      .where(and(eq(t.origin, run.opts.origin), or(isNull(t.effectiveTo), gt(t.effectiveTo, date))))
      .all();
    // An official file may drop thousands of records: prepared once (prepared.ts says why).
    const end = run.db
      .update(t)
      .set({ effectiveTo: date, revision: sql`${t.revision} + 1`, updatedAt: run.now, updatedBy: run.opts.actor })
      .where(eq(t.id, sql.placeholder('id')))
      .prepare();
    const drop = run.db
      .delete(t)
      .where(eq(t.id, sql.placeholder('id')))
      .prepare();
    for (const { id, action } of recordsToEnd(open, run.seen[name], date)) {
      if (action === 'end') end.run({ id });
      else {
        if (name === 'listings') run.db.delete(listingExclusions).where(eq(listingExclusions.listingId, id)).run();
        drop.run({ id }); // it had not started yet: nothing to end
      }
      run.counter.end(name);
    }
  }
}

/** Entries of one taxon with the same scope (party, populations) must not overlap in time. */
function checkOverlaps(run: Run, bundle: Bundle, taxa: TaxaResult): void {
  const pointerOf = new Map<string, string>();
  const keyOf = (taxonId: number | undefined, appendix: string, from: string, party: string | null, populations: Populations | null) =>
    `${taxonId}|${appendix}|${from}|${party ?? ''}|${JSON.stringify(canonicalPopulations(populations))}`;
  for (const [i, l] of bundle.listings.entries())
    pointerOf.set(keyOf(taxa.directory.idOf(l.taxon), l.appendix, l.effectiveFrom, l.party, l.populations), `/listings/${i}`);
  for (const overlap of findOverlaps(readListingRows(run.db))) {
    const taxon = taxa.directory.refOf(overlap.later.taxonId);
    const describe = (r: ListingRow) => pointerOf.get(keyOf(r.taxonId, r.appendix, r.effectiveFrom, r.partyCode, r.populations)) ?? `stored listing ${r.id}`;
    run.errors.push(describeOverlap(overlap, taxon, describe));
  }
}
