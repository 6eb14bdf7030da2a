/**
 * The taxonomy of the Checklist files: every row is an accepted name whose classification
 * columns (Kingdom … Genus, Species) name its ancestors; ancestors without a row of their
 * own are created by the store from `higher`. A name is unique within a kingdom only: the
 * mammal order Pholidota and the orchid genus Pholidota are two taxa, so rows and their
 * ancestors are keyed by kingdom and name, and a homonym is named with its kingdom
 * ("Pholidota [Animalia]") wherever a record refers to it.
 */
import type { BundleTaxon } from '../contract/bundle.js';
import { KINGDOMS, RANKS, type Kingdom, type Rank } from '@cites-permit-check/engine/contract/codes';
import { formatTaxonRef } from '../contract/taxon-ref.js';
import type { ImportNotes } from './fields.js';
import { parseSynonyms } from './synonyms.js';

/** The classification columns, as the file gives them. */
interface Levels {
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
  ['kingdom', 'KINGDOM'],
  ['phylum', 'PHYLUM'],
  ['class', 'CLASS'],
  ['order', 'ORDER'],
  ['family', 'FAMILY'],
  ['genus', 'GENUS'],
  ['species', 'SPECIES'],
];
const RANK_ORDER: readonly Rank[] = ['KINGDOM', 'PHYLUM', 'CLASS', 'ORDER', 'FAMILY', 'SUBFAMILY', 'GENUS', 'SPECIES', 'SUBSPECIES', 'VARIETY'];
const above = (a: Rank, b: Rank) => RANK_ORDER.indexOf(a) < RANK_ORDER.indexOf(b);

/** Identity of a row or of a classification level: kingdom and name. */
export const taxonKey = (kingdom: Kingdom, name: string) => `${kingdom}|${name}`;

export interface Taxonomy {
  taxa: BundleTaxon[];
  /** Ancestor keys (taxonKey) of each row, nearest first, by the row's key. */
  ancestors: Map<string, string[]>;
  /** How records refer to a taxon: its name, with its kingdom when the name is a homonym. */
  refOf(kingdom: Kingdom, name: string): string;
  /** Names used in both kingdoms. */
  homonyms: string[];
}

export function buildTaxonomy(rows: readonly TaxonRow[], notes: ImportNotes): Taxonomy {
  // 1. Names used in both kingdoms (homonyms under the two codes of nomenclature).
  const kingdomsOf = new Map<string, Set<Kingdom>>();
  const note = (name: string, k: Kingdom) => (kingdomsOf.get(name) ?? kingdomsOf.set(name, new Set()).get(name)!).add(k);
  for (const r of rows) {
    note(r.name, r.levels.kingdom);
    for (const [level] of LEVELS) if (r.levels[level] !== '') note(r.levels[level], r.levels.kingdom);
  }
  const homonyms = [...kingdomsOf]
    .filter(([, k]) => k.size > 1)
    .map(([name]) => name)
    .sort();
  for (const name of homonyms) {
    notes.warn(
      `"${name}" names a taxon in each kingdom; they are kept apart and written "${name} [Animalia]" / "${name} [Plantae]" where a record refers to them`,
    );
    notes.count('homonyms (kept apart by kingdom)');
  }
  const ambiguous = new Set(homonyms);
  const refOf = (kingdom: Kingdom, name: string) => formatTaxonRef(name, kingdom, ambiguous.has(name));

  // 2. Taxa, with the classification the store creates missing ancestors from.
  const ancestors = new Map<string, string[]>();
  const taxa = rows.map((r): BundleTaxon => {
    const higher: NonNullable<BundleTaxon['higher']> = {};
    const chain: string[] = [];
    let parent: string | null = null;
    for (const [level, rank] of LEVELS) {
      const name = r.levels[level];
      if (name === '' || name === r.name || !above(rank, r.rank)) continue;
      higher[level] = name;
      chain.unshift(taxonKey(r.levels.kingdom, name));
      parent = name;
    }
    ancestors.set(taxonKey(r.levels.kingdom, r.name), chain);
    return {
      name: r.name,
      rank: r.rank,
      author: r.author,
      parent: parent === null ? null : refOf(r.levels.kingdom, parent),
      higher,
      externalId: r.id,
      synonyms: r.synonyms === '' ? [] : synonymsOf(r, notes),
      commonNames: commonNames(r.names),
      distribution: r.distribution,
    };
  });
  return { taxa, ancestors, refOf, homonyms };
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
