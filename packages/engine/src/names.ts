/**
 * Name resolution: scientific names, synonyms and common names in any case, spacing
 * and accenting, plus close-match suggestions for names that match nothing (so that a
 * misspelled listed species is reported, never silently allowed).
 */

const RANK_MARKERS = new Set(['spp', 'sp', 'ssp', 'subsp', 'var']);

/**
 * The comparison key of a name: accents removed, lower case, punctuation and rank
 * markers ("spp.", "ssp.", "var.") dropped, single spaces. "Panthera  PARDUS" and
 * "panthera pardus" share a key; so do "Orchidaceae spp." and "orchidaceae".
 */
export function normaliseName(input: string): string {
  // One pass over plain ASCII, which nearly every scientific name is; anything else
  // (accents, other scripts) takes the Unicode path below.
  let key = '';
  let start = -1;
  for (let i = 0; i <= input.length; i++) {
    const c = i < input.length ? input.charCodeAt(i) : 32;
    if (c > 127) return normaliseUnicode(input);
    const wordChar = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    if (wordChar) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const word = input.slice(start, i).toLowerCase();
      if (!RANK_MARKERS.has(word)) key = key === '' ? word : `${key} ${word}`;
      start = -1;
    }
  }
  return key;
}

function normaliseUnicode(input: string): string {
  const folded = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9×]+/g, ' ')
    .trim();
  if (folded === '') return '';
  let key = '';
  for (const w of folded.split(' ')) {
    if (RANK_MARKERS.has(w)) continue;
    key = key === '' ? w : `${key} ${w}`;
  }
  return key;
}

export type MatchKind = 'accepted' | 'synonym' | 'common-name';
const PRIORITY: Record<MatchKind, number> = { accepted: 0, synonym: 1, 'common-name': 2 };

export type NameMatch =
  | { found: true; taxon: number; kind: MatchKind }
  | { found: false; ambiguous: number[]; kind: MatchKind }
  | { found: false; ambiguous: null };

interface Slot {
  kind: MatchKind;
  taxa: number[];
}

export interface Suggestion {
  taxon: number;
  name: string;
  kind: MatchKind;
  distance: number;
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}

function trigrams(key: string): string[] {
  const padded = `  ${key} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

const KINDS: readonly MatchKind[] = ['accepted', 'synonym', 'common-name'];

/**
 * Every known name of every taxon, keyed by `normaliseName`. When one key names several
 * taxa, the accepted name beats a synonym, which beats a common name; several taxa at the
 * same level make the key ambiguous. A key naming one taxon (nearly all of them) is stored
 * as a single number, taxon × 4 + kind, so building the index for the full Checklist
 * allocates no object per name.
 */
export class NameIndex {
  private readonly slots = new Map<string, number>();
  /** Keys naming several taxa: the slot holds -(index + 1) into this list. */
  private readonly shared: Slot[] = [];
  private keys: string[] = [];
  private grams: Map<string, number[]> | null = null;
  private counts: Uint16Array | null = null;
  /** Length of the longest key (suggestions never search beyond it). */
  private longestKey = 0;
  /** Each key's name as the data writes it (the first one added), for display. */
  private readonly written = new Map<string, string>();

  private slotOf(key: string): Slot | undefined {
    const v = this.slots.get(key);
    if (v === undefined) return undefined;
    return v >= 0 ? { kind: KINDS[v & 3]!, taxa: [v >> 2] } : this.shared[-v - 1]!;
  }

  add(name: string, taxon: number, kind: MatchKind): void {
    const key = normaliseName(name);
    if (key === '') return;
    if (key.length > this.longestKey) this.longestKey = key.length;
    if (!this.written.has(key)) this.written.set(key, name);
    const v = this.slots.get(key);
    const p = PRIORITY[kind];
    if (v === undefined) {
      this.slots.set(key, taxon * 4 + p);
      return;
    }
    const slot = this.slotOf(key)!;
    const q = PRIORITY[slot.kind];
    if (p < q) this.slots.set(key, taxon * 4 + p);
    else if (p === q && !slot.taxa.includes(taxon)) {
      if (v >= 0) {
        this.shared.push({ kind: slot.kind, taxa: [...slot.taxa, taxon] });
        this.slots.set(key, -this.shared.length);
      } else slot.taxa.push(taxon);
    }
  }

  get size(): number {
    return this.slots.size;
  }

  /** Every key with the taxa it names (for searching by substring). */
  forEach(visit: (key: string, taxa: readonly number[], kind: MatchKind) => void): void {
    for (const key of this.slots.keys()) {
      const slot = this.slotOf(key)!;
      visit(key, slot.taxa, slot.kind);
    }
  }

  /** Looks up an already normalised key. */
  lookup(key: string): NameMatch {
    const v = this.slots.get(key);
    if (v === undefined) return { found: false, ambiguous: null };
    if (v >= 0) return { found: true, taxon: v >> 2, kind: KINDS[v & 3]! };
    const slot = this.shared[-v - 1]!;
    return { found: false, ambiguous: slot.taxa, kind: slot.kind };
  }

  /**
   * Closest known names by edit distance, using a trigram index built on first use
   * (only unknown names need it, so start-up does not pay for it).
   */
  suggest(key: string, limit = 5, maxDistance = Math.max(2, Math.floor(key.length / 4))): Suggestion[] {
    // No taxon's name, synonym or common name comes near this length: a longer key is not a
    // misspelling of one, and its trigrams would only cost time.
    if (key === '' || key.length > this.longestKey + maxDistance) return [];
    const grams = this.trigramIndex();
    // Count shared trigrams per key in a reused typed array, touching only the keys that
    // share one (a Map here made every unknown name cost milliseconds).
    const counts = (this.counts ??= new Uint16Array(this.keys.length));
    const touched: number[] = [];
    const queryGrams = trigrams(key);
    for (const g of queryGrams) {
      const list = grams.get(g);
      if (!list) continue;
      for (const k of list) {
        if (counts[k] === 0) touched.push(k);
        counts[k]!++;
      }
    }
    // Each edit changes at most three trigrams, so a key within `maxDistance` edits shares
    // at least this many; keep those, best first, then rank them by true edit distance.
    const needed = Math.max(1, queryGrams.length - 3 * maxDistance);
    let best = touched.filter((k) => counts[k]! >= needed && Math.abs(this.keys[k]!.length - key.length) <= maxDistance);
    best.sort((a, b) => counts[b]! - counts[a]!);
    best = best.slice(0, 200);
    for (const k of touched) counts[k] = 0;
    const out: Suggestion[] = [];
    for (const k of best) {
      const candidate = this.keys[k]!;
      const distance = editDistance(key, candidate, maxDistance);
      if (distance > maxDistance) continue;
      const slot = this.slotOf(candidate)!;
      for (const taxon of slot.taxa) out.push({ taxon, name: candidate, kind: slot.kind, distance });
    }
    out.sort((a, b) => a.distance - b.distance || PRIORITY[a.kind] - PRIORITY[b.kind] || a.name.localeCompare(b.name));
    return out.slice(0, limit);
  }

  /** Builds the fuzzy index now rather than on the first unknown name. */
  /** A key's name as the data writes it ("Panthera pardus", not "panthera pardus"). */
  writtenAs(key: string): string {
    return this.written.get(key) ?? key;
  }

  warmUp(): void {
    this.trigramIndex();
  }

  private trigramIndex(): Map<string, number[]> {
    if (this.grams) return this.grams;
    const grams = new Map<string, number[]>();
    this.keys = [...this.slots.keys()];
    this.keys.forEach((key, k) => {
      for (const g of trigrams(key)) {
        let list = grams.get(g);
        if (!list) grams.set(g, (list = []));
        list.push(k);
      }
    });
    this.grams = grams;
    return grams;
  }
}
