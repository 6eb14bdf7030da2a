/**
 * The taxonomy of the Checklist files: every row is an accepted name whose classification
 * columns (Kingdom … Genus, Species) name its ancestors; ancestors without a row of their
 * own are created by the store from `higher`. Names are the store's keys, so a name used
 * for two different taxa (the mammal order Pholidota and the orchid genus Pholidota) keeps
 * its row's meaning and is left out of the other classifications, with a warning.
 */
import type { BundleTaxon } from '../contract/bundle.js';
import { KINGDOMS, RANKS, type Kingdom, type Rank } from '../contract/codes.js';
import type { ImportNotes } from './fields.js';
import { parseSynonyms } from './synonyms.js';

/** The classification columns, as the file gives them. */
export interface Levels {
  kingdom: Kingdom;
  phylum: string;
  class: string;
  order: string;
  family: string;
  genus: string;
  /** Binomial of the species a subspecies or variety belongs to. */
  species: string;
}

/** The columns naming a taxon, the same in the Index and in the History of listings. */
export type TaxonColumn = 'TaxonId' | 'Kingdom' | 'Phylum' | 'Class' | 'Order' | 'Family' | 'Genus' | 'Species' | 'FullName' | 'AuthorYear' | 'RankName';

export interface TaxonIdentity {
  id: string;
  name: string;
  rank: Rank;
  levels: Levels;
  author: string | null;
}

/** Reads those columns of a row; whatever is wrong is reported through `bad` (line, column, why). */
export function readTaxonColumns(f: (c: TaxonColumn) => string, bad: (c: TaxonColumn, why: string) => void): TaxonIdentity {
  const id = f('TaxonId');
  if (!/^\d+$/.test(id)) bad('TaxonId', `"${id}" is not a Species+ taxon id (digits)`);
  const name = f('FullName').replace(/\s+/g, ' ');
  if (name === '') bad('FullName', 'empty');
  const rank = f('RankName') as Rank;
  if (!RANKS.includes(rank)) bad('RankName', `unknown rank "${rank}" (expected one of ${RANKS.join(', ')})`);
  const kingdom = f('Kingdom') as Kingdom;
  if (!KINGDOMS.includes(kingdom)) bad('Kingdom', `unknown kingdom "${kingdom}" (expected Animalia or Plantae)`);
  return {
    id,
    name,
    rank,
    author: f('AuthorYear') || null,
    levels: {
      kingdom,
      phylum: f('Phylum'),
      class: f('Class'),
      order: f('Order'),
      family: f('Family'),
      genus: f('Genus'),
      species: f('Species') !== '' && (rank === 'SUBSPECIES' || rank === 'VARIETY') ? `${f('Genus')} ${f('Species')}` : '',
    },
  };
}

export interface TaxonRow extends TaxonIdentity {
  line: number;
  synonyms: string;
  names: { en: string; es: string; fr: string };
  distribution: string[];
}

const LEVELS: ReadonlyArray<[Exclude<keyof Levels, 'kingdom'> | 'kingdom', Rank]> = [
  ['kingdom', 'KINGDOM'], ['phylum', 'PHYLUM'], ['class', 'CLASS'], ['order', 'ORDER'], ['family', 'FAMILY'], ['genus', 'GENUS'], ['species', 'SPECIES'],
];
const RANK_ORDER: readonly Rank[] = ['KINGDOM', 'PHYLUM', 'CLASS', 'ORDER', 'FAMILY', 'SUBFAMILY', 'GENUS', 'SPECIES', 'SUBSPECIES', 'VARIETY'];
const above = (a: Rank, b: Rank) => RANK_ORDER.indexOf(a) < RANK_ORDER.indexOf(b);

export interface Taxonomy {
  taxa: BundleTaxon[];
  /** Ancestor names of each row, nearest first (as the store will link them). */
  ancestors: Map<string, string[]>;
}

/** What a name means: kingdom and rank. */
const meaning = (kingdom: Kingdom, rank: Rank) => `${kingdom} ${rank}`;

export function buildTaxonomy(rows: readonly TaxonRow[], notes: ImportNotes): Taxonomy {
  // 1. Names used with more than one meaning.
  const meanings = new Map<string, Set<string>>();
  const note = (name: string, m: string) => {
    let set = meanings.get(name);
    if (!set) meanings.set(name, (set = new Set()));
    set.add(m);
  };
  const rowMeaning = new Map<string, string>();
  for (const r of rows) {
    rowMeaning.set(r.name, meaning(r.levels.kingdom, r.rank));
    note(r.name, meaning(r.levels.kingdom, r.rank));
    for (const [level, rank] of LEVELS) if (r.levels[level] !== '' && r.levels[level] !== r.name) note(r.levels[level], meaning(r.levels.kingdom, rank));
  }
  const ambiguous = new Set([...meanings].filter(([, m]) => m.size > 1).map(([name]) => name));
  for (const name of ambiguous) {
    const kept = rowMeaning.get(name);
    notes.warn(
      `"${name}" names ${[...meanings.get(name)!].join(' and ')}; ` +
        (kept ? `kept as the ${kept.toLowerCase()} of its own row and left out of the other classifications` : 'left out of every classification (no row of its own)'),
    );
    notes.count('homonyms left out of classifications');
  }
  const usable = (name: string, kingdom: Kingdom, rank: Rank) => name !== '' && (!ambiguous.has(name) || rowMeaning.get(name) === meaning(kingdom, rank));

  // 2. Taxa, with the classification the store creates missing ancestors from.
  const ancestors = new Map<string, string[]>();
  const taxa = rows.map((r): BundleTaxon => {
    const higher: NonNullable<BundleTaxon['higher']> = {};
    const chain: string[] = [];
    for (const [level, rank] of LEVELS) {
      const name = r.levels[level];
      if (name === r.name || !above(rank, r.rank) || !usable(name, r.levels.kingdom, rank)) continue;
      higher[level] = name;
      chain.unshift(name);
    }
    ancestors.set(r.name, chain);
    return {
      name: r.name,
      rank: r.rank,
      author: r.author,
      parent: chain[0] ?? null,
      higher,
      externalId: r.id,
      synonyms: r.synonyms === '' ? [] : synonymsOf(r, notes),
      commonNames: commonNames(r.names),
      distribution: r.distribution,
    };
  });
  return { taxa, ancestors };
}

/** Synonyms within the bundle's limits (names of 200 characters, authors of 300): longer ones are misreadings. */
function synonymsOf(r: TaxonRow, notes: ImportNotes): BundleTaxon['synonyms'] {
  return parseSynonyms(r.synonyms, r.rank).filter((s) => {
    if (s.name.length <= 200 && (s.author?.length ?? 0) <= 300) return true;
    notes.count('synonyms left out (could not be read)');
    notes.warn(`line ${r.line}: ${r.name}: synonym "${`${s.name} ${s.author ?? ''}`.slice(0, 80)}…" could not be read; left out`);
    return false;
  });
}

function commonNames(names: { en: string; es: string; fr: string }): BundleTaxon['commonNames'] {
  const out: BundleTaxon['commonNames'] = [];
  for (const lang of ['en', 'es', 'fr'] as const) {
    for (const name of new Set(names[lang].split(/,\s+/).map((n) => n.trim()))) {
      if (name !== '' && name.length <= 300) out.push({ lang, name });
    }
  }
  return out;
}
