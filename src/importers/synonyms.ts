/**
 * The Checklist's `SynonymsWithAuthors` cell: ", "-joined "Name Author" items, where the
 * authors may themselves hold ", " ("(Linnaeus, 1758)", "Z.J.Liu, K.W.Liu & L.J.Chen").
 * An item starts where a fragment reads like a scientific name of the row's rank; anything
 * else continues the author of the item before it.
 */
import type { Rank } from '@cites-permit-check/engine/contract/codes';

export interface SynonymRecord {
  name: string;
  author: string | null;
}

/** Lower-case words that begin author strings or qualifiers, never epithets. */
const AUTHOR_WORDS = new Set([
  'ex',
  'in',
  'et',
  'de',
  'da',
  'du',
  'del',
  'della',
  'der',
  'den',
  'van',
  'von',
  'la',
  'le',
  'sensu',
  'non',
  'nec',
  'auct',
  'hort',
  'y',
  'and',
]);
const INFRA_MARKERS = new Set(['var.', 'subsp.', 'ssp.', 'f.', 'fa.', 'forma', 'subvar.', 'cv.']);
const GENUS_WORD = /^[A-Z][a-zë-ü-]+$/;
const EPITHET = /^[a-zë-ü][a-zë-ü-]*$/;

const isEpithet = (w: string | undefined): w is string => w !== undefined && EPITHET.test(w) && !AUTHOR_WORDS.has(w);

/**
 * Splits on ", " outside parentheses and brackets. A bracket the cell never closes ("(Diers &
 * Esteves Pereira, Pseudopilocereus …") would swallow the rest: then every ", " splits, and
 * the author pieces are joined again by `parseSynonyms`.
 */
function fragments(cell: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0 && cell[i + 1] === ' ') {
      out.push(cell.slice(start, i));
      start = i + 2;
    }
  }
  out.push(cell.slice(start));
  return (depth === 0 ? out : cell.split(', ')).map((f) => f.trim()).filter((f) => f !== '');
}

/** Number of leading words that form the name, or 0 when the fragment does not start a name. */
function nameLength(words: readonly string[], binomial: boolean): number {
  if (!GENUS_WORD.test(words[0] ?? '')) return 0;
  if (!binomial) {
    // A genus or higher name: one word, followed by an author (capitalised, bracketed) or nothing.
    const next = words[1];
    return next === undefined || /^[A-Z(]/.test(next) ? 1 : 0;
  }
  if (!isEpithet(words[1])) return 0;
  let n = 2;
  if (INFRA_MARKERS.has(words[n] ?? '') && isEpithet(words[n + 1])) n += 2;
  else if (isEpithet(words[n])) n += 1;
  if (INFRA_MARKERS.has(words[n] ?? '') && isEpithet(words[n + 1])) n += 2;
  return n;
}

/** Parses the cell for a row of the given rank. */
export function parseSynonyms(cell: string, rank: Rank): SynonymRecord[] {
  const binomial = rank === 'SPECIES' || rank === 'SUBSPECIES' || rank === 'VARIETY';
  const out: { words: string[]; author: string }[] = [];
  for (const fragment of fragments(cell)) {
    const words = fragment.split(/\s+/);
    const n = nameLength(words, binomial);
    const current = out[out.length - 1];
    if (n === 0 && current) current.author = current.author ? `${current.author}, ${fragment}` : fragment;
    else if (n === 0)
      out.push({ words, author: '' }); // an odd first item: keep it whole as a name
    else out.push({ words: words.slice(0, n), author: words.slice(n).join(' ') });
  }
  return out.map((s) => ({ name: s.words.join(' '), author: s.author.trim() || null }));
}
