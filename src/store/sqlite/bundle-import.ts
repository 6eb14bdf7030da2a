/**
 * Loads a `cites-bundle/1` document in one transaction: every reference is checked,
 * every error is collected with its JSON pointer, and any error rolls the whole import
 * back (BundleRejected). Records are matched by their natural keys, so importing the
 * same bundle twice changes nothing and does not bump the dataset version.
 */
import type Database from 'better-sqlite3';
import type { Bundle, Populations } from '../../contract/bundle.js';
import { BundleRejected, type ImportError, type ImportOptions, type ImportSummary } from '../types.js';
import { canonicalExclusions, canonicalListing, canonicalParty, canonicalPopulations, naturalKey } from './canonical.js';
import { narrowStart, type DatedEntry } from '../listing-start.js';
import { Counter } from './counter.js';
import { exportBundle } from './export.js';
import { bumpVersion, recordAudit } from './dataset.js';
import { importTaxa, type TaxaResult } from './import-taxa.js';
import { QUOTAS, RESERVATIONS, SUSPENSIONS, type RestrictionKind } from './restriction-kinds.js';
import { readListingRows, listingRowToBundle, type ListingRow } from './rows.js';
import { describeOverlap, findOverlaps, knownCodes, listingProblems, type KnownCodes } from './validate.js';

const DOMAIN_TABLES = ['listing_exclusions', 'listings', 'reservations', 'quotas', 'suspensions', 'taxon_names', 'taxa', 'parties', 'code_entries'];
const DATED_TABLES = ['listings', 'reservations', 'quotas', 'suspensions'] as const;

interface Run {
  sqlite: Database.Database;
  opts: ImportOptions;
  now: string;
  errors: ImportError[];
  counter: Counter;
  /** Ids of dated records the bundle contains, per table (for endMissing). */
  seen: Record<(typeof DATED_TABLES)[number], Set<number>>;
}

export function importBundle(sqlite: Database.Database, bundle: Bundle, opts: ImportOptions, now: string): ImportSummary {
  return sqlite
    .transaction(() => {
      const run: Run = {
        sqlite,
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
        refuseLargeRemoval(sqlite, bundle, opts);
        replaced = exportBundle(sqlite, now.slice(0, 10));
        for (const t of DOMAIN_TABLES) sqlite.prepare(`DELETE FROM ${t}`).run();
      }
      importCodes(run, bundle);
      importParties(run, bundle);
      const taxa = importTaxa(sqlite, bundle.taxa, { errors: run.errors, counter: run.counter, origin: opts.origin, now, actor: opts.actor });
      const known = knownCodes(sqlite);
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
        ? bumpVersion(sqlite, {
            asOf: bundle.asOf,
            source: bundle.source,
            provenance: bundle.provenance,
            replace: opts.mode === 'replace',
            now,
            actor: opts.actor,
          })
        : undefined;
      const summary: ImportSummary = {
        datasetVersion: state ?? currentVersion(sqlite),
        changed,
        created: run.counter.created,
        updated: run.counter.updated,
        ended: run.counter.ended,
        unchanged: run.counter.unchanged,
        warnings: [],
      };
      if (changed)
        recordAudit(sqlite, {
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
function refuseLargeRemoval(sqlite: Database.Database, bundle: Bundle, opts: ImportOptions): void {
  if (opts.maxRemovedShare === undefined || opts.confirmed === true) return;
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const kept = { taxa: bundle.taxa.length, listings: bundle.listings.length, parties: bundle.parties.length };
  const errors: ImportError[] = [];
  for (const [table, after] of Object.entries(kept)) {
    const before = count(table);
    const removed = before - after;
    if (before > 0 && removed / before > opts.maxRemovedShare) {
      errors.push({
        pointer: `/${table}`,
        detail: `replacing would remove ${removed} of the ${before} stored ${table} (${Math.round((100 * removed) / before)} %), more than the ${Math.round(opts.maxRemovedShare * 100)} % allowed; send confirm=true to do it anyway (the audit trail keeps the store it replaces)`,
      });
    }
  }
  if (errors.length) throw new BundleRejected(errors);
}

function currentVersion(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT version FROM dataset_state WHERE id = 1').get() as { version: number } | undefined)?.version ?? 0;
}

function importCodes(run: Run, bundle: Bundle): void {
  const select = run.sqlite.prepare('SELECT name_en, name_es, name_fr, retired, replaced_by FROM code_entries WHERE kind = ? AND code = ?');
  const upsert = run.sqlite.prepare(
    `INSERT INTO code_entries (kind, code, name_en, name_es, name_fr, retired, replaced_by) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, code) DO UPDATE SET name_en = excluded.name_en, name_es = excluded.name_es, name_fr = excluded.name_fr,
       retired = excluded.retired, replaced_by = excluded.replaced_by`,
  );
  for (const kind of ['sources', 'purposes', 'terms', 'units'] as const) {
    const seen = new Set<string>();
    bundle.codes[kind].forEach((c, i) => {
      if (seen.has(c.code)) run.errors.push({ pointer: `/codes/${kind}/${i}/code`, detail: `duplicate ${kind} code ${c.code}` });
      seen.add(c.code);
      const row = select.get(kind, c.code) as
        | { name_en: string; name_es: string | null; name_fr: string | null; retired: number; replaced_by: string | null }
        | undefined;
      const same =
        row && row.name_en === c.en && row.name_es === c.es && row.name_fr === c.fr && (row.retired === 1) === c.retired && row.replaced_by === c.replacedBy;
      if (same) {
        run.counter.same('codes');
        return;
      }
      upsert.run(kind, c.code, c.en, c.es, c.fr, c.retired ? 1 : 0, c.replacedBy);
      if (row) run.counter.update('codes');
      else run.counter.create('codes');
    });
  }
}

function importParties(run: Run, bundle: Bundle): void {
  const { sqlite, now, opts } = run;
  const stored = new Map(
    (
      sqlite.prepare('SELECT code, name, entry_into_force AS entryIntoForce, left_on AS "left", territory_of AS territoryOf FROM parties').all() as {
        code: string;
        name: string;
        entryIntoForce: string | null;
        left: string | null;
        territoryOf: string | null;
      }[]
    ).map((p) => [p.code, p]),
  );
  const incoming = new Set(bundle.parties.map((p) => p.code));
  const insert = sqlite.prepare(
    `INSERT INTO parties (code, name, entry_into_force, left_on, territory_of, origin, revision, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const update = sqlite.prepare(
    `UPDATE parties SET name = ?, entry_into_force = ?, left_on = ?, territory_of = ?, revision = revision + 1, updated_at = ?, updated_by = ? WHERE code = ?`,
  );
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
    if (before) {
      update.run(p.name, p.entryIntoForce, p.left, p.territoryOf, now, opts.actor, p.code);
      run.counter.update('parties');
    } else {
      insert.run(p.code, p.name, p.entryIntoForce, p.left, p.territoryOf, opts.origin, now, opts.actor);
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
  const { sqlite, now, opts } = run;
  replaceListingsOf(run, bundle, taxa);
  const stored = readListingRows(sqlite);
  const byKey = new Map<string, ListingRow>();
  /** Open entries by scope and Appendix, for files that give the current state only. */
  const openByScope = new Map<string, ListingRow>();
  for (const row of stored) {
    const populations = canonicalPopulations(row.populations);
    byKey.set(naturalKey.listing(row.taxon_id, row.appendix, row.party_code, populations, row.effective_from), row);
    if (row.effective_to === null && row.origin === opts.origin) {
      openByScope.set(`${naturalKey.scope(row.taxon_id, row.party_code, populations)}|${row.appendix}`, row);
    }
  }
  // What the store knew of each taxon before this import: when an official file's entry began.
  const knownByTaxon = new Map<number, DatedEntry[]>();
  for (const row of stored) {
    const list = knownByTaxon.get(row.taxon_id) ?? [];
    list.push({
      appendix: row.appendix,
      party: row.party_code,
      populations: canonicalPopulations(row.populations),
      effectiveFrom: row.effective_from,
      effectiveTo: row.effective_to,
    });
    knownByTaxon.set(row.taxon_id, list);
  }
  const yieldTo = new Set(opts.yieldsListingsTo ?? []);
  const yielding = new Set(stored.filter((r) => yieldTo.has(r.origin)).map((r) => r.taxon_id));
  const insert = sqlite.prepare(
    `INSERT INTO listings (taxon_id, appendix, party_code, effective_from, effective_to, may_start_from, populations_include, populations_exclude,
       populations_partly, populations_text, annotation, hash_annotation, hash_annotation_text, specimens, source, origin, revision, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const update = sqlite.prepare(
    `UPDATE listings SET effective_to = ?, may_start_from = ?, populations_text = ?, annotation = ?, hash_annotation = ?, hash_annotation_text = ?, specimens = ?, source = ?,
       revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  );
  const clearExclusions = sqlite.prepare('DELETE FROM listing_exclusions WHERE listing_id = ?');
  const insertExclusion = sqlite.prepare('INSERT INTO listing_exclusions (listing_id, taxon_id, populations_include, populations_exclude) VALUES (?, ?, ?, ?)');
  const keysInBundle = new Map<string, string>();

  const { directory } = taxa;
  bundle.listings.forEach((l, i) => {
    const pointer = `/listings/${i}`;
    if (!report(run, listingProblems(l, pointer, known, directory))) return;
    const tid = directory.idOf(l.taxon)!;
    const kingdom = directory.entry(tid)!.kingdom;
    const exclusions = l.excludedTaxa.map((x) => {
      const taxonId = directory.idOf(typeof x === 'string' ? x : x.taxon, kingdom)!;
      return { taxonId, taxon: directory.refOf(taxonId), populations: typeof x === 'string' ? null : canonicalPopulations(x.populations) };
    });
    if (yielding.has(tid)) {
      run.counter.same('listings (left to another source)');
      return;
    }

    const populations = canonicalPopulations(l.populations);
    const key = naturalKey.listing(tid, l.appendix, l.party, populations, l.effectiveFrom);
    const twin = keysInBundle.get(key);
    if (twin !== undefined) {
      run.errors.push({ pointer, detail: `same entry as ${twin}` });
      return;
    }
    keysInBundle.set(key, pointer);

    let existing = byKey.get(key);
    let effectiveFrom = l.effectiveFrom;
    let mayStartFrom = l.mayStartFrom;
    if (opts.continueOpenEntries) {
      if (!existing) {
        const open = openByScope.get(`${naturalKey.scope(tid, l.party, populations)}|${l.appendix}`);
        if (open && open.effective_from <= l.effectiveFrom && !run.seen.listings.has(open.id)) {
          existing = open;
          effectiveFrom = open.effective_from; // the entry continues: keep the date it started
        }
      }
      // An entry the store has keeps what it knew of its start; a new one starts after the
      // last change known for the taxon (listing-start.ts).
      mayStartFrom = existing ? existing.may_start_from : narrowStart({ ...l, populations }, knownByTaxon.get(tid) ?? []);
    }
    const after = canonicalListing({ ...l, taxon: directory.refOf(tid), effectiveFrom, mayStartFrom, excludedTaxa: canonicalExclusions(exclusions) });
    if (existing) {
      run.seen.listings.add(existing.id);
      const before = canonicalListing(listingRowToBundle(existing, directory));
      if (JSON.stringify(before) === JSON.stringify(after)) {
        run.counter.same('listings');
        return;
      }
      update.run(
        after.effectiveTo,
        after.mayStartFrom ?? null,
        populations?.text ?? null,
        json(after.annotation),
        after.hashAnnotation,
        json(after.hashAnnotationText),
        json(after.specimens),
        after.source ?? null,
        now,
        opts.actor,
        existing.id,
      );
      clearExclusions.run(existing.id);
      writeExclusions(insertExclusion, existing.id, exclusions);
      run.counter.update('listings');
    } else {
      const id = Number(
        insert.run(
          tid,
          l.appendix,
          l.party,
          l.effectiveFrom,
          l.effectiveTo,
          mayStartFrom,
          json(populations?.include ?? null),
          json(populations?.exclude ?? null),
          json(populations?.partly ?? null),
          populations?.text ?? null,
          json(after.annotation),
          after.hashAnnotation,
          json(after.hashAnnotationText),
          json(after.specimens),
          after.source ?? null,
          opts.origin,
          now,
          opts.actor,
        ).lastInsertRowid,
      );
      run.seen.listings.add(id);
      writeExclusions(insertExclusion, id, exclusions);
      run.counter.create('listings');
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
  const select = run.sqlite.prepare(
    `SELECT id, taxon_id, origin, effective_from, effective_to FROM listings WHERE origin IN (${origins.map(() => '?').join(',')})`,
  );
  const remove = run.sqlite.prepare('DELETE FROM listings WHERE id = ?');
  const end = run.sqlite.prepare('UPDATE listings SET effective_to = ?, revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?');
  const rows = select.all(...origins) as { id: number; taxon_id: number; origin: string; effective_from: string; effective_to: string | null }[];
  for (const row of rows) {
    if (!covered.has(row.taxon_id)) continue;
    if (superseded?.origins.includes(row.origin) && row.effective_from < superseded.from) {
      if (row.effective_to !== null && row.effective_to <= superseded.from) continue; // already over by then
      end.run(superseded.from, run.now, run.opts.actor, row.id);
      run.counter.end('listings (superseded)');
    } else {
      remove.run(row.id);
      run.counter.end('listings (replaced)');
    }
  }
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

function writeExclusions(stmt: Database.Statement, listingId: number, list: { taxonId: number; populations: Populations | null }[]) {
  const seen = new Set<number>();
  for (const x of list) {
    if (seen.has(x.taxonId)) continue;
    seen.add(x.taxonId);
    stmt.run(listingId, x.taxonId, json(x.populations?.include ?? null), json(x.populations?.exclude ?? null));
  }
}

/** Shared shape of the three restriction tables' import: key, compare, insert or update. */
function importDated<R>(
  run: Run,
  table: 'reservations' | 'quotas' | 'suspensions',
  records: R[],
  prepare: (r: R, pointer: string) => { key: string; canonical: object; insert: unknown[]; update: unknown[] } | null,
  existing: Map<string, { id: number; canonical: object }>,
  insertSql: string,
  updateSql: string,
): void {
  const insert = run.sqlite.prepare(insertSql);
  const update = run.sqlite.prepare(updateSql);
  const keys = new Map<string, string>();
  records.forEach((r, i) => {
    const pointer = `/${table}/${i}`;
    const p = prepare(r, pointer);
    if (p === null) return;
    const twin = keys.get(p.key);
    if (twin !== undefined) {
      run.errors.push({ pointer, detail: `same record as ${twin}` });
      return;
    }
    keys.set(p.key, pointer);
    const before = existing.get(p.key);
    if (before) {
      run.seen[table].add(before.id);
      if (JSON.stringify(before.canonical) === JSON.stringify(p.canonical)) {
        run.counter.same(table);
        return;
      }
      update.run(...p.update, run.now, run.opts.actor, before.id);
      run.counter.update(table);
    } else {
      const id = Number(insert.run(...p.insert, run.opts.origin, run.now, run.opts.actor).lastInsertRowid);
      run.seen[table].add(id);
      run.counter.create(table);
    }
  });
}

/**
 * A restriction table's records: each keyed by its natural key, compared in canonical form
 * with the stored one, inserted, updated (the columns a newer import may change) or left.
 */
function importRestrictions<R extends { taxon: string | null }>(
  run: Run,
  kind: RestrictionKind<R, unknown>,
  records: R[],
  taxa: TaxaResult,
  known: KnownCodes,
): void {
  const { directory } = taxa;
  const refOf = (id: number) => directory.refOf(id);
  const rows = run.sqlite.prepare(`SELECT * FROM ${kind.table}`).all() as Record<string, unknown>[];
  const existing = new Map(
    rows.map((row) => {
      const c = kind.fromRow(row, refOf);
      return [kind.keyOf(c, row.taxon_id as number | null), { id: row.id as number, canonical: c as object }];
    }),
  );
  const columns = [...kind.columns, 'origin', 'revision', 'updated_at', 'updated_by'];
  const insertSql = `INSERT INTO ${kind.table} (${columns.join(', ')}) VALUES (${kind.columns.map(() => '?').join(', ')}, ?, 1, ?, ?)`;
  const updateSql = `UPDATE ${kind.table} SET ${kind.updatable.map((c) => `${c} = ?`).join(', ')}, revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?`;
  const updatable = kind.updatable.map((c) => kind.columns.indexOf(c));
  importDated(
    run,
    kind.table,
    records,
    (r, pointer) => {
      if (!report(run, kind.problems(r, known, directory, pointer))) return null;
      const tid = r.taxon === null ? null : directory.idOf(r.taxon)!;
      const c = kind.canonical({ ...r, taxon: tid === null ? null : directory.refOf(tid) });
      const values = kind.values(c, tid);
      return { key: kind.keyOf(c, tid), canonical: c as object, insert: values, update: updatable.map((i) => values[i]) };
    },
    existing,
    insertSql,
    updateSql,
  );
}

/** A newer official file ends what it no longer contains (issue: "ends what disappeared"). */
function endMissing(run: Run, date: string): void {
  for (const table of DATED_TABLES) {
    const open = run.sqlite
      .prepare(`SELECT id, effective_from AS "from" FROM ${table} WHERE origin = ? AND (effective_to IS NULL OR effective_to > ?)`)
      .all(run.opts.origin, date) as { id: number; from: string }[];
    const end = run.sqlite.prepare(`UPDATE ${table} SET effective_to = ?, revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?`);
    const drop = run.sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`);
    for (const row of open) {
      if (run.seen[table].has(row.id)) continue;
      if (row.from < date) end.run(date, run.now, run.opts.actor, row.id);
      else {
        if (table === 'listings') run.sqlite.prepare('DELETE FROM listing_exclusions WHERE listing_id = ?').run(row.id);
        drop.run(row.id); // it had not started yet: nothing to end
      }
      run.counter.end(table);
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
  for (const overlap of findOverlaps(run.sqlite)) {
    const taxon = taxa.directory.refOf(overlap.later.taxon_id);
    const describe = (r: ListingRow) => pointerOf.get(keyOf(r.taxon_id, r.appendix, r.effective_from, r.party_code, r.populations)) ?? `stored listing ${r.id}`;
    run.errors.push(describeOverlap(overlap, taxon, describe));
  }
}
