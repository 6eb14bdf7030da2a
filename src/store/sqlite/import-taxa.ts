/**
 * The taxonomy part of a bundle import: explicit taxa plus the ancestors their `higher`
 * classification implies, matched to stored taxa by Species+ id or by name within their
 * kingdom, checked (known parent, ranks that descend, a tree rooted in Animalia or
 * Plantae) and written parents first. A name is unique only within a kingdom (the mammal
 * order Pholidota and the orchid genus Pholidota are two taxa), so every record is keyed by
 * kingdom and name; a parent is always in its child's kingdom. Returns the directory that
 * resolves the references of the other records.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { taxa as taxaTable, taxonNames } from '../../db/schema.js';
import { placeholders } from './prepared.js';
import { namesByTaxon, readTaxonRows } from './rows.js';
import { type BundleTaxon, CLASSIFICATION_LEVELS } from '../../contract/bundle.js';
import { KINGDOMS, RANKS, type Kingdom, type Rank } from '@cites-permit-check/engine/contract/codes';
import { parseTaxonRef } from '../../contract/taxon-ref.js';
import { normaliseName } from '@cites-permit-check/engine';
import { TaxonDirectory } from '../taxon-directory.js';
import type { ImportError } from '../types.js';
import { canonicalTaxon, synonymRecords } from '../domain/canonical.js';
import type { Counter } from './counter.js';

interface TaxonRecord {
  key: string;
  name: string;
  kingdom: Kingdom;
  rank: Rank;
  author: string | null;
  /** Key of the parent (same kingdom), or null for a kingdom. */
  parent: string | null;
  externalId: string | null;
  synonyms: { name: string; author: string | null }[];
  commonNames: { lang: string; name: string }[];
  distribution: string[];
  pointer: string;
  implied: boolean;
}

const HIGHER_LEVELS = CLASSIFICATION_LEVELS;
const RANK_INDEX = new Map<Rank, number>(RANKS.map((r, i) => [r, i]));
const rankIndex = (r: Rank) => RANK_INDEX.get(r) ?? -1;
const keyOf = (kingdom: Kingdom, name: string) => `${kingdom}|${name}`;
const isKingdom = (name: string): name is Kingdom => (KINGDOMS as readonly string[]).includes(name);

export interface TaxaResult {
  /** Every taxon after the import: resolves the references of listings and restrictions. */
  directory: TaxonDirectory;
  /** Id of each bundle taxon, by its position in the bundle (undefined where it had errors). */
  ids: (number | undefined)[];
}

/** The name of the parent a taxon record names or implies (its `parent`, its `higher` classification, its binomial's genus). */
function parentNameOf(t: BundleTaxon, known: (name: string) => boolean): string | null {
  if (t.parent !== null) return parseTaxonRef(t.parent).name;
  if (t.higher) {
    let parent: string | null = null;
    for (const [level, rank] of HIGHER_LEVELS) {
      const name = t.higher[level];
      if (name !== undefined && name !== t.name && rankIndex(rank) < rankIndex(t.rank)) parent = name;
    }
    if (parent !== null) return parent;
  }
  const words = t.name.split(' ');
  const implied = t.rank === 'SPECIES' ? words[0] : t.rank === 'SUBSPECIES' || t.rank === 'VARIETY' ? words.slice(0, 2).join(' ') : undefined;
  return implied !== undefined && implied !== t.name && known(implied) ? implied : null;
}

export function importTaxa(
  db: Db,
  taxa: BundleTaxon[],
  ctx: { errors: ImportError[]; counter: Counter; origin: string; now: string; actor: string },
): TaxaResult {
  const stored = readTaxonRows(db);
  const storedById = new Map(stored.map((t) => [t.id, t]));
  const storedByKey = new Map(stored.map((t) => [keyOf(t.kingdom, t.name), t]));
  const storedByExternal = new Map(stored.filter((t) => t.externalId !== null).map((t) => [t.externalId!, t]));
  const storedKingdoms = new Map<string, Set<Kingdom>>();
  for (const t of stored) (storedKingdoms.get(t.name) ?? storedKingdoms.set(t.name, new Set()).get(t.name)!).add(t.kingdom);

  // 1. The kingdom of each record: stated (higher.kingdom, a qualified parent, a kingdom
  // itself), or that of its Species+ id, its parent's name or its own name when only one
  // kingdom uses them (in the store or in this bundle).
  const bundleKingdoms = new Map<string, Set<Kingdom>>();
  const noteKingdom = (name: string, k: Kingdom) => (bundleKingdoms.get(name) ?? bundleKingdoms.set(name, new Set()).get(name)!).add(k);
  const kingdoms: (Kingdom | null)[] = taxa.map((t) => {
    const stated = t.higher?.kingdom ?? (t.rank === 'KINGDOM' ? t.name : null) ?? (t.parent !== null ? parseTaxonRef(t.parent).kingdom : null);
    const k = stated !== null && isKingdom(stated) ? stated : null;
    if (k !== null) {
      noteKingdom(t.name, k);
      for (const [level] of HIGHER_LEVELS) if (t.higher?.[level] !== undefined) noteKingdom(t.higher[level]!, k);
    }
    return k ?? (t.externalId !== null ? (storedByExternal.get(t.externalId)?.kingdom ?? null) : null);
  });
  const onlyKingdom = (name: string): Kingdom | null => {
    const all = new Set([...(storedKingdoms.get(name) ?? []), ...(bundleKingdoms.get(name) ?? [])]);
    return all.size === 1 ? [...all][0]! : null;
  };
  const bundleNames = new Set(taxa.map((t) => t.name));
  const knownName = (name: string) => storedKingdoms.has(name) || bundleNames.has(name);
  for (let changed = true; changed; ) {
    changed = false;
    taxa.forEach((t, i) => {
      if (kingdoms[i] !== null) return;
      // A record with a parent takes its parent's kingdom (once that is known); only a
      // record without one falls back on its own name.
      const parent = parentNameOf(t, knownName);
      const k = parent !== null ? onlyKingdom(parent) : onlyKingdom(t.name);
      if (k !== null) {
        kingdoms[i] = k;
        noteKingdom(t.name, k);
        changed = true;
      }
    });
  }

  // 2. Explicit records, then the ancestors their classification implies.
  const explicitKeys = new Set(taxa.flatMap((t, i) => (kingdoms[i] ? [keyOf(kingdoms[i]!, t.name)] : [])));
  const records = new Map<string, TaxonRecord>();
  const keys: (string | undefined)[] = [];
  taxa.forEach((t, i) => {
    const pointer = `/taxa/${i}`;
    const kingdom = kingdoms[i];
    if (kingdom === null || kingdom === undefined) {
      const used = [...(storedKingdoms.get(t.name) ?? [])];
      const parent = t.parent === null ? null : parseTaxonRef(t.parent).name;
      ctx.errors.push(
        parent !== null && !knownName(parent)
          ? { pointer: `${pointer}/parent`, detail: `unknown parent taxon "${parent}"` }
          : {
              pointer,
              detail:
                used.length > 1
                  ? `"${t.name}" names taxa in ${used.join(' and ')}: give higher.kingdom or a parent`
                  : 'its kingdom cannot be told: give higher (with kingdom) or a known parent',
            },
      );
      keys.push(undefined);
      return;
    }
    if (t.parent !== null) {
      const stated = parseTaxonRef(t.parent).kingdom;
      if (stated !== null && stated !== kingdom) ctx.errors.push({ pointer: `${pointer}/parent`, detail: `the parent must be in ${kingdom}, like the taxon` });
    }
    const key = keyOf(kingdom, t.name);
    keys.push(key);
    const previous = records.get(key);
    if (previous && !previous.implied) {
      ctx.errors.push({ pointer: `${pointer}/name`, detail: `duplicate taxon "${t.name}" (also at ${previous.pointer})` });
      return;
    }
    const parentName = parentNameOf(
      t,
      (name) => explicitKeys.has(keyOf(kingdom, name)) || records.has(keyOf(kingdom, name)) || storedByKey.has(keyOf(kingdom, name)),
    );
    const existing = storedByKey.get(key);
    const storedParent = existing && existing.parentId !== null ? storedById.get(existing.parentId)!.name : null;
    const parent = parentName ?? storedParent;
    records.set(key, {
      key,
      name: t.name,
      kingdom,
      rank: t.rank,
      author: t.author,
      parent: parent === null ? null : keyOf(kingdom, parent),
      externalId: t.externalId,
      synonyms: synonymRecords(t.synonyms),
      commonNames: t.commonNames,
      distribution: t.distribution,
      pointer,
      implied: false,
    });
    let above: string | null = null;
    for (const [level, rank] of HIGHER_LEVELS) {
      const name = t.higher?.[level];
      if (name === undefined || name === t.name) continue;
      if (rankIndex(rank) >= rankIndex(t.rank)) break;
      const ancestor = keyOf(kingdom, name);
      if (!records.has(ancestor) && !storedByKey.has(ancestor)) {
        records.set(ancestor, {
          key: ancestor,
          name,
          kingdom,
          rank,
          author: null,
          parent: above,
          externalId: null,
          synonyms: [],
          commonNames: [],
          distribution: [],
          pointer: `${pointer}/higher/${level}`,
          implied: true,
        });
      }
      above = ancestor;
    }
  });

  // 3. Check the tree as it will be after the import.
  const parentKey = (key: string): string | null => {
    const r = records.get(key);
    if (r) return r.parent;
    const s = storedByKey.get(key);
    return s && s.parentId !== null ? keyOf(s.kingdom, storedById.get(s.parentId)!.name) : null;
  };
  const rankOf = (key: string): Rank | undefined => records.get(key)?.rank ?? storedByKey.get(key)?.rank;
  const nameOf = (key: string) => key.slice(key.indexOf('|') + 1);
  const depthOf = new Map<string, number>();
  // Root and depth of every key walked through, so that 38,000 species of a few hundred
  // genera do not each walk to the kingdom again.
  const lineages = new Map<string, { root: string; depth: number }>();
  const walk = (key: string) => {
    let root = key;
    let depth = 0;
    const seen = new Set<string>();
    for (let p = parentKey(root); p !== null; p = parentKey(root)) {
      if (seen.has(p)) break;
      seen.add(p);
      root = p;
      depth++;
    }
    return { root, depth };
  };
  const lineageOf = (key: string): { root: string; depth: number } => {
    const path: string[] = [];
    let cur = key;
    let above = lineages.get(cur);
    while (above === undefined) {
      path.push(cur);
      const p = parentKey(cur);
      if (p === null) {
        above = { root: cur, depth: -1 };
        break;
      }
      if (path.includes(p)) return walk(key); // a cycle (reported below): walk it as it is, remember nothing
      cur = p;
      above = lineages.get(cur);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      above = { root: above.root, depth: above.depth + 1 };
      lineages.set(path[i]!, above);
    }
    return lineages.get(key)!;
  };
  for (const r of records.values()) {
    if (r.parent !== null) {
      const pr = rankOf(r.parent);
      if (pr === undefined) {
        ctx.errors.push({ pointer: `${r.pointer}/parent`, detail: `unknown parent taxon "${nameOf(r.parent)}" in ${r.kingdom}` });
        continue;
      }
      if (rankIndex(pr) >= rankIndex(r.rank)) {
        ctx.errors.push({ pointer: `${r.pointer}/parent`, detail: `parent "${nameOf(r.parent)}" (${pr}) is not above ${r.rank}` });
        continue;
      }
    } else if (r.rank !== 'KINGDOM') {
      ctx.errors.push({ pointer: `${r.pointer}/parent`, detail: 'give parent or higher (only a kingdom has no parent)' });
      continue;
    }
    const { root, depth } = lineageOf(r.key);
    if (rankOf(root) !== 'KINGDOM' || nameOf(root) !== r.kingdom) {
      ctx.errors.push({ pointer: r.pointer, detail: `classification must start at kingdom Animalia or Plantae (it starts at "${nameOf(root)}")` });
      continue;
    }
    depthOf.set(r.key, depth);
  }

  // 4. Write, parents first. Records with errors are written too (with placeholders) so
  // that the rest of the bundle can still be checked: the caller rolls everything back.
  const directory = new TaxonDirectory(stored.map((t) => ({ id: t.id, name: t.name, kingdom: t.kingdom })));
  const idByKey = new Map(stored.map((t) => [keyOf(t.kingdom, t.name), t.id]));
  const namesOf = namesByTaxon(db);
  const write = taxonWriter(db, ctx);
  const depth = (r: TaxonRecord) => depthOf.get(r.key) ?? Number.MAX_SAFE_INTEGER;
  const ordered = [...records.values()].sort((a, b) => depth(a) - depth(b));
  for (const r of ordered) {
    const byExternal = r.externalId !== null ? storedByExternal.get(r.externalId) : undefined;
    const existing = (byExternal?.kingdom === r.kingdom ? byExternal : undefined) ?? storedByKey.get(r.key);
    if (existing && r.implied) continue;
    const canonical = canonicalTaxon({ ...r, parent: r.parent === null ? null : nameOf(r.parent) });
    const parentId = r.parent === null ? null : (idByKey.get(r.parent) ?? null);
    const columns = {
      name: r.name,
      nameKey: normaliseName(r.name),
      rank: r.rank,
      kingdom: r.kingdom,
      author: r.author,
      parentId,
      externalId: r.externalId,
      distribution: canonical.distribution,
    };
    if (existing) {
      const names = namesOf.get(existing.id) ?? { synonyms: [], commonNames: [] };
      const before = canonicalTaxon({
        name: existing.name,
        rank: existing.rank,
        author: existing.author,
        parent: existing.parentId === null ? null : storedById.get(existing.parentId)!.name,
        externalId: existing.externalId,
        synonyms: names.synonyms,
        commonNames: names.commonNames,
        distribution: existing.distribution,
      });
      idByKey.set(r.key, existing.id);
      if (JSON.stringify(before) === JSON.stringify(canonical) && existing.kingdom === r.kingdom) {
        ctx.counter.same('taxa');
        continue;
      }
      write.update(existing.id, columns);
      directory.add({ id: existing.id, name: r.name, kingdom: r.kingdom });
      write.names(existing.id, canonical);
      ctx.counter.update('taxa');
    } else {
      const id = write.insert(columns);
      idByKey.set(r.key, id);
      directory.add({ id, name: r.name, kingdom: r.kingdom });
      write.names(id, canonical);
      ctx.counter.create('taxa');
    }
  }
  return { directory, ids: keys.map((k) => (k === undefined ? undefined : idByKey.get(k))) };
}

const TAXON_COLUMNS = ['name', 'nameKey', 'rank', 'kingdom', 'author', 'parentId', 'externalId', 'distribution'] as const;
type TaxonColumns = Required<Pick<typeof taxaTable.$inferInsert, (typeof TAXON_COLUMNS)[number]>>;

/** The writes of one import; the many (new taxa and their names) prepared once (prepared.ts says why). */
function taxonWriter(db: Db, ctx: { origin: string; now: string; actor: string }) {
  const insert = db
    .insert(taxaTable)
    .values({ ...placeholders(...TAXON_COLUMNS), origin: ctx.origin, revision: 1, updatedAt: ctx.now, updatedBy: ctx.actor })
    .returning({ id: taxaTable.id })
    .prepare();
  const clearNames = db
    .delete(taxonNames)
    .where(eq(taxonNames.taxonId, sql.placeholder('taxonId')))
    .prepare();
  const insertName = db
    .insert(taxonNames)
    .values(placeholders('taxonId', 'kind', 'name', 'nameKey', 'lang', 'author'))
    .prepare();
  type NameColumns = Required<Omit<typeof taxonNames.$inferInsert, 'id'>>;
  const addName = (n: NameColumns) => insertName.run(n);
  return {
    insert: (c: TaxonColumns): number => insert.get(c)!.id,
    // Updates are few (what a newer file changed) and drizzle's set() takes no placeholders: built per call.
    update: (id: number, c: TaxonColumns) =>
      db
        .update(taxaTable)
        .set({ ...c, revision: sql`${taxaTable.revision} + 1`, updatedAt: ctx.now, updatedBy: ctx.actor })
        .where(eq(taxaTable.id, id))
        .run(),
    /** Replaces the taxon's synonyms and common names with the record's. */
    names(taxonId: number, c: ReturnType<typeof canonicalTaxon>): void {
      clearNames.run({ taxonId });
      for (const s of c.synonyms) {
        const name = typeof s === 'string' ? s : s.name;
        addName({ taxonId, kind: 'synonym', name, nameKey: normaliseName(name), lang: null, author: typeof s === 'string' ? null : s.author });
      }
      for (const n of c.commonNames) addName({ taxonId, kind: 'common', name: n.name, nameKey: normaliseName(n.name), lang: n.lang, author: null });
    },
  };
}
