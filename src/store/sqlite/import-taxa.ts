/**
 * The taxonomy part of a bundle import: explicit taxa plus the ancestors their `higher`
 * classification implies, matched to stored taxa by Species+ id or name, checked
 * (known parent, ranks that descend, a tree rooted in Animalia or Plantae) and written
 * parents first. Returns every taxon's id by name for the records that refer to taxa.
 */
import type Database from 'better-sqlite3';
import type { BundleTaxon } from '../../contract/bundle.js';
import { KINGDOMS, RANKS, type Rank } from '../../contract/codes.js';
import { normaliseName } from '../../engine/names.js';
import type { ImportError } from '../types.js';
import { canonicalTaxon, synonymRecords } from './canonical.js';
import type { Counter } from './counter.js';

interface TaxonRecord {
  name: string;
  rank: Rank;
  author: string | null;
  parent: string | null;
  externalId: string | null;
  synonyms: { name: string; author: string | null }[];
  commonNames: { lang: string; name: string }[];
  distribution: string[];
  pointer: string;
  implied: boolean;
}

interface StoredTaxon {
  id: number;
  name: string;
  rank: Rank;
  author: string | null;
  parent_id: number | null;
  external_id: string | null;
  distribution: string;
}

const HIGHER_LEVELS: ReadonlyArray<[keyof NonNullable<BundleTaxon['higher']>, Rank]> = [
  ['kingdom', 'KINGDOM'], ['phylum', 'PHYLUM'], ['class', 'CLASS'], ['order', 'ORDER'],
  ['family', 'FAMILY'], ['subfamily', 'SUBFAMILY'], ['genus', 'GENUS'], ['species', 'SPECIES'],
];
const RANK_INDEX = new Map<Rank, number>(RANKS.map((r, i) => [r, i]));
const rankIndex = (r: Rank) => RANK_INDEX.get(r) ?? -1;

export interface TaxaResult {
  idByName: Map<string, number>;
  nameById: Map<number, string>;
}

export function importTaxa(
  sqlite: Database.Database,
  taxa: BundleTaxon[],
  ctx: { errors: ImportError[]; counter: Counter; origin: string; now: string; actor: string },
): TaxaResult {
  const stored = sqlite.prepare('SELECT id, name, rank, author, parent_id, external_id, distribution FROM taxa').all() as StoredTaxon[];
  const storedById = new Map(stored.map((t) => [t.id, t]));
  const storedByName = new Map(stored.map((t) => [t.name, t]));
  const storedByExternal = new Map(stored.filter((t) => t.external_id !== null).map((t) => [t.external_id!, t]));
  const storedParentName = (t: StoredTaxon) => (t.parent_id === null ? null : storedById.get(t.parent_id)!.name);

  // 1. Explicit records, then the ancestors their classification implies.
  const records = new Map<string, TaxonRecord>();
  taxa.forEach((t, i) => {
    const pointer = `/taxa/${i}`;
    const previous = records.get(t.name);
    if (previous && !previous.implied) {
      ctx.errors.push({ pointer: `${pointer}/name`, detail: `duplicate taxon "${t.name}" (also at ${previous.pointer})` });
      return;
    }
    records.set(t.name, {
      name: t.name,
      rank: t.rank,
      author: t.author,
      parent: parentOf(t, records, storedByName, storedById),
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
      if (!records.has(name) && !storedByName.has(name)) {
        records.set(name, {
          name, rank, author: null, parent: above, externalId: null,
          synonyms: [], commonNames: [], distribution: [], pointer: `${pointer}/higher/${level}`, implied: true,
        });
      }
      above = name;
    }
  });

  // 2. Check the tree as it will be after the import.
  const parentName = (name: string): string | null => {
    const r = records.get(name);
    if (r) return r.parent;
    const s = storedByName.get(name);
    return s ? storedParentName(s) : null;
  };
  const rankOf = (name: string): Rank | undefined => records.get(name)?.rank ?? storedByName.get(name)?.rank;
  const kingdomOf = new Map<string, string>();
  const depthOf = new Map<string, number>();
  // Root and depth of every name walked through, so that 38,000 species of a few hundred
  // genera do not each walk to the kingdom again.
  const lineages = new Map<string, { root: string; depth: number }>();
  const walk = (name: string) => {
    let root = name;
    let depth = 0;
    const seen = new Set<string>();
    for (let p = parentName(root); p !== null; p = parentName(root)) {
      if (seen.has(p)) break;
      seen.add(p);
      root = p;
      depth++;
    }
    return { root, depth };
  };
  const lineageOf = (name: string): { root: string; depth: number } => {
    const path: string[] = [];
    let cur = name;
    let above = lineages.get(cur);
    while (above === undefined) {
      path.push(cur);
      const p = parentName(cur);
      if (p === null) {
        above = { root: cur, depth: -1 };
        break;
      }
      if (path.includes(p)) return walk(name); // a cycle (reported below): walk it as it is, remember nothing
      cur = p;
      above = lineages.get(cur);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      above = { root: above.root, depth: above.depth + 1 };
      lineages.set(path[i]!, above);
    }
    return lineages.get(name)!;
  };
  for (const r of records.values()) {
    if (r.parent !== null) {
      const pr = rankOf(r.parent);
      if (pr === undefined) {
        ctx.errors.push({ pointer: `${r.pointer}/parent`, detail: `unknown parent taxon "${r.parent}"` });
        continue;
      }
      if (rankIndex(pr) >= rankIndex(r.rank)) {
        ctx.errors.push({ pointer: `${r.pointer}/parent`, detail: `parent "${r.parent}" (${pr}) is not above ${r.rank}` });
        continue;
      }
    } else if (r.rank !== 'KINGDOM') {
      ctx.errors.push({ pointer: `${r.pointer}/parent`, detail: 'give parent or higher (only a kingdom has no parent)' });
      continue;
    }
    const { root, depth } = lineageOf(r.name);
    if (rankOf(root) !== 'KINGDOM' || !(KINGDOMS as readonly string[]).includes(root)) {
      ctx.errors.push({ pointer: r.pointer, detail: `classification must start at kingdom Animalia or Plantae (it starts at "${root}")` });
      continue;
    }
    kingdomOf.set(r.name, root);
    depthOf.set(r.name, depth);
  }

  // 3. Write, parents first. Records with errors are written too (with placeholders) so
  // that the rest of the bundle can still be checked: the caller rolls everything back.
  const idByName = new Map(stored.map((t) => [t.name, t.id]));
  const nameById = new Map(stored.map((t) => [t.id, t.name]));
  const namesOf = loadNames(sqlite);
  const insert = sqlite.prepare(
    `INSERT INTO taxa (name, name_key, rank, kingdom, author, parent_id, external_id, distribution, origin, revision, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const update = sqlite.prepare(
    `UPDATE taxa SET name = ?, name_key = ?, rank = ?, kingdom = ?, author = ?, parent_id = ?, external_id = ?, distribution = ?,
       revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  );
  const deleteNames = sqlite.prepare('DELETE FROM taxon_names WHERE taxon_id = ?');
  const insertName = sqlite.prepare('INSERT INTO taxon_names (taxon_id, kind, name, name_key, lang, author) VALUES (?, ?, ?, ?, ?, ?)');

  const depth = (r: TaxonRecord) => depthOf.get(r.name) ?? Number.MAX_SAFE_INTEGER;
  const ordered = [...records.values()].sort((a, b) => depth(a) - depth(b));
  for (const r of ordered) {
    const existing = (r.externalId !== null ? storedByExternal.get(r.externalId) : undefined) ?? storedByName.get(r.name);
    if (existing && r.implied) continue;
    const canonical = canonicalTaxon(r);
    const parentId = r.parent === null ? null : (idByName.get(r.parent) ?? null);
    const kingdom = kingdomOf.get(r.name) ?? 'Animalia';
    const distribution = JSON.stringify(canonical.distribution);
    if (existing) {
      const names = namesOf.get(existing.id) ?? { synonyms: [], commonNames: [] };
      const before = canonicalTaxon({
        name: existing.name, rank: existing.rank, author: existing.author, parent: storedParentName(existing),
        externalId: existing.external_id, synonyms: names.synonyms, commonNames: names.commonNames,
        distribution: JSON.parse(existing.distribution) as string[],
      });
      if (JSON.stringify(before) === JSON.stringify(canonical)) {
        ctx.counter.same('taxa');
        continue;
      }
      update.run(r.name, normaliseName(r.name), r.rank, kingdom, r.author, parentId, r.externalId, distribution, ctx.now, ctx.actor, existing.id);
      if (existing.name !== r.name) idByName.delete(existing.name);
      idByName.set(r.name, existing.id);
      nameById.set(existing.id, r.name);
      deleteNames.run(existing.id);
      writeNames(insertName, existing.id, canonical);
      ctx.counter.update('taxa');
    } else {
      const id = Number(
        insert.run(r.name, normaliseName(r.name), r.rank, kingdom, r.author, parentId, r.externalId, distribution, ctx.origin, ctx.now, ctx.actor).lastInsertRowid,
      );
      idByName.set(r.name, id);
      nameById.set(id, r.name);
      writeNames(insertName, id, canonical);
      ctx.counter.create('taxa');
    }
  }
  return { idByName, nameById };
}

function parentOf(
  t: BundleTaxon,
  records: Map<string, TaxonRecord>,
  stored: Map<string, StoredTaxon>,
  storedById: Map<number, StoredTaxon>,
): string | null {
  if (t.parent !== null) return t.parent;
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
  if (implied !== undefined && implied !== t.name && (records.has(implied) || stored.has(implied))) return implied;
  const existing = stored.get(t.name);
  return existing && existing.parent_id !== null ? storedById.get(existing.parent_id)!.name : null;
}

function loadNames(sqlite: Database.Database) {
  const out = new Map<number, { synonyms: { name: string; author: string | null }[]; commonNames: { lang: string; name: string }[] }>();
  const rows = sqlite.prepare('SELECT taxon_id, kind, name, lang, author FROM taxon_names').all() as {
    taxon_id: number; kind: string; name: string; lang: string | null; author: string | null;
  }[];
  for (const r of rows) {
    let entry = out.get(r.taxon_id);
    if (!entry) out.set(r.taxon_id, (entry = { synonyms: [], commonNames: [] }));
    if (r.kind === 'synonym') entry.synonyms.push({ name: r.name, author: r.author });
    else entry.commonNames.push({ lang: r.lang ?? 'en', name: r.name });
  }
  return out;
}

function writeNames(insertName: Database.Statement, id: number, c: ReturnType<typeof canonicalTaxon>): void {
  for (const s of c.synonyms) {
    const name = typeof s === 'string' ? s : s.name;
    insertName.run(id, 'synonym', name, normaliseName(name), null, typeof s === 'string' ? null : s.author);
  }
  for (const n of c.commonNames) insertName.run(id, 'common', n.name, normaliseName(n.name), n.lang, null);
}
