/**
 * Hybrids as traders and annual reports write them: "Falco hybrid", "Orchidaceae hybrids",
 * "Phalaenopsis spp. hybrid", "hybrid Falco", "Falco rusticolus x Falco cherrug",
 * "Falco rusticolus × cherrug" (the second parent in the first one's genus). The Checklist
 * has no hybrid taxa: a hybrid is decided through its parents (R29, R30).
 */

export interface HybridName {
  /** The parents named: one when only a higher taxon or one species is given (parentage unknown). */
  parents: string[];
  /** Both parents named (a cross); otherwise the other parent is unknown. */
  cross: boolean;
}

const HYBRID_WORD = /\b(?:hybrids?|hybr\.?|hyb\.?)(?=\s|$)/gi;
const HAS_HYBRID_WORD = /\b(?:hybrids?|hybr\.?|hyb\.?)(?=\s|$)/i;
// "x" or "×" between two names; a leading "×" marks a nothogenus ("× Vuylstekeara").
const CROSS = /\s+[x×]\s+/i;

export function parseHybrid(input: string): HybridName | null {
  const text = input.trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  if (CROSS.test(text)) {
    const [first, second] = text.split(CROSS).map((s) =>
      s
        .replace(HYBRID_WORD, '')
        .replace(/\bspp?\.?(?=\s|$)/gi, '')
        .trim(),
    );
    if (!first || !second) return null;
    const genus = first.split(' ')[0]!;
    // "Falco rusticolus x cherrug": an epithet alone belongs to the first parent's genus.
    const other = /^[a-z-]+$/.test(second) && first.includes(' ') ? `${genus} ${second}` : second;
    return { parents: [first, other], cross: true };
  }
  if (!HAS_HYBRID_WORD.test(text)) return null;
  const name = text
    .replace(HYBRID_WORD, ' ')
    .replace(/^[x×]\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return name === '' ? null : { parents: [name], cross: false };
}
