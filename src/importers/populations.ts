/**
 * Reads the population part of a listing annotation ("Populations of BW, NA, ZA, ZW",
 * "All populations except those of US and MX", "Population of Brazil", "All populations
 * except those included in Appendix II") into the structured include/exclude lists the
 * engine decides by. What cannot be read with certainty is left as text ({kind: 'text'}):
 * regions ("Asia", "the Americas"), parts of countries ("West Greenland").
 */
import type { Appendix } from '../contract/codes.js';
import { ISO_COUNTRIES } from '../contract/countries.js';
import { plainText } from './annotation-text.js';
import { isCountryCode } from './fields.js';

export type PopulationScope =
  | { kind: 'whole' }
  | { kind: 'include'; codes: string[] }
  | { kind: 'exclude'; codes: string[] }
  /** "All populations except those included in Appendix X": the row's other line decides. */
  | { kind: 'complement'; of: Appendix }
  | { kind: 'text' };

export interface PopulationReading {
  scope: PopulationScope;
  /** Countries of which only part of the population is meant: left out of `include`, and reported. */
  partly: string[];
}

/** English country names → codes: the ISO names, plus names the file itself pairs with codes. */
export class CountryNames {
  private readonly byName = new Map<string, string>();
  private longest = 1;

  constructor() {
    for (const [code, name] of ISO_COUNTRIES) this.add(name, code);
  }

  add(name: string, code: string): void {
    const key = CountryNames.key(name);
    if (key === '' || !isCountryCode(code) || this.byName.has(key)) return;
    this.byName.set(key, code);
    this.longest = Math.max(this.longest, key.split(' ').length);
  }

  private static key(name: string): string {
    return name.toLowerCase().replace(/\[[^\]]*\]|\([^)]*\)/g, '').replace(/^the /, '').replace(/\s+/g, ' ').trim();
  }

  /** The longest country name at the start of `words`: its code and how many words it took. */
  match(words: readonly string[]): { code: string; length: number } | null {
    const start = words[0]?.toLowerCase() === 'the' ? 1 : 0;
    for (let n = Math.min(this.longest, words.length - start); n >= 1; n--) {
      const candidate = words.slice(start, start + n).join(' ').replace(/[.,;:]+$/, '');
      const code = this.byName.get(CountryNames.key(candidate));
      if (code !== undefined) return { code, length: start + n };
    }
    return null;
  }
}

/** Reads a list of countries (codes or names) at the start of `text`; stops at the first other word. */
export function readCountryList(text: string, names: CountryNames): { codes: string[]; rest: string } {
  const words = text.split(/(?=[,;&])|\s+/).filter((w) => w !== '');
  const codes: string[] = [];
  let i = 0;
  for (;;) {
    while (i < words.length && codes.length > 0 && /^(?:[,;&]|and)$/i.test(words[i]!)) i++;
    const word = words[i];
    if (word === undefined) break;
    const bare = word.replace(/^[,;&]/, '').replace(/[.,;:]+$/, '');
    if (/^[A-Z]{2}$/.test(bare) && isCountryCode(bare)) {
      codes.push(bare);
      i++;
      if (/[.;:]$/.test(word)) break; // the sentence ends here
      continue;
    }
    const named = names.match(words.slice(i));
    if (named === null) break;
    codes.push(named.code);
    i += named.length;
  }
  return { codes: [...new Set(codes)], rest: words.slice(i).join(' ') };
}

const ABOUT_POPULATIONS = /\b(?:populations?|popns?|stocks?)\b/i;
const PARENTHESES = /\s*\([^()]*\)|\s*\[[^\]]*\]/g;

/**
 * Reads the population scope of one annotation line (the short English text of the
 * Checklist, HTML allowed).
 */
export function readPopulations(html: string, names: CountryNames): PopulationReading {
  const whole: PopulationReading = { scope: { kind: 'whole' }, partly: [] };
  const text = plainText(html).replace(/\s+/g, ' ');
  // Population statements open the annotation; later sentences are about quotas or other taxa.
  const first = text.split(/(?<=\.) (?=[A-Z])/)[0]!;
  if (!ABOUT_POPULATIONS.test(first)) return whole;
  // "Except <i>A. c. microdon</i> (populations of …)", "populations of <i>Pecari tajacu</i>":
  // populations of another (lower) taxon are meant, and that taxon's own row says how it is listed.
  if (/^(?:Except|Excludes)\s*<i>/i.test(html.trim()) || /populations? of\s*<i>/i.test(html)) return whole;
  const t = text.replace(PARENTHESES, '');
  let m: RegExpExecArray | null;

  if (/^All (?:populations|stocks)(?:\.|$| now on)/i.test(t)) return whole;

  if ((m = /^(?:All populations except|Except)(?: those| the populations?| populations?)? included in Appendix (I{1,3})\b/i.exec(t))) {
    return { scope: { kind: 'complement', of: m[1] as Appendix }, partly: [] };
  }
  if ((m = /^(?:All populations except|Except)(?: those| the populations?| populations?)? of:? (.*)$/i.exec(t))) {
    const { codes } = readCountryList(m[1]!, names);
    return codes.length ? { scope: { kind: 'exclude', codes }, partly: [] } : { scope: { kind: 'text' }, partly: [] };
  }
  if ((m = /^(?:All populations except|Except) ([A-Z]{2}(?:(?:,| and| &) [A-Z]{2})*) populations?\b/.exec(t))) {
    const { codes } = readCountryList(m[1]!, names);
    if (codes.length) return { scope: { kind: 'exclude', codes }, partly: [] };
  }
  if ((m = /^([A-Z]{2}(?:(?:,| and| &) [A-Z]{2})*) populations? only\b/.exec(t))) {
    const { codes } = readCountryList(m[1]!, names);
    if (codes.length) return { scope: { kind: 'include', codes }, partly: [] };
  }
  return readIncluded(t, names);
}

/** "Populations of …", "Only the population of …", "Part of the population of CO, and the population of CU". */
function readIncluded(t: string, names: CountryNames): PopulationReading {
  const lead = /^(?:Only )?(?:the )?(Parts? of )?(?:the )?(?:populations?|popns?\.?) of:? /i;
  if (!lead.test(t)) return { scope: { kind: 'text' }, partly: [] };
  const include: string[] = [];
  const partly: string[] = [];
  // Each "(part of) (the) population(s) of LIST" clause, joined by "and" or commas.
  const clause = /(?:^|,? and |, |; )(?:only )?(?:the )?(Parts? of )?(?:the )?(?:populations?|popns?\.?) of:? /gi;
  const starts: { index: number; end: number; partial: boolean }[] = [];
  for (let m = clause.exec(t); m !== null; m = clause.exec(t)) starts.push({ index: m.index, end: m.index + m[0].length, partial: m[1] !== undefined });
  for (const s of starts) {
    const { codes } = readCountryList(t.slice(s.end), names);
    if (codes.length === 0) return { scope: { kind: 'text' }, partly: [] };
    (s.partial ? partly : include).push(...codes);
  }
  if (include.length === 0) return { scope: { kind: 'text' }, partly };
  return { scope: { kind: 'include', codes: [...new Set(include)] }, partly: [...new Set(partly)] };
}
