/**
 * Reads the population part of a listing annotation ("Populations of BW, NA, ZA, ZW",
 * "All populations except those of US and MX", "Population of Brazil", "All populations
 * except those included in Appendix II") into the structured include/exclude lists the
 * engine decides by. Regions ("Only the population of Asia", "Neotropical populations")
 * become their countries; parts of countries ("west Greenland", "part of the population of
 * CO") name the country under `partly`, so decisions on it are weighed and flagged. What
 * still cannot be read stays text ({kind: 'text'}) and is reported.
 */
import type { Populations } from '../contract/bundle.js';
import type { Appendix } from '@cites-permit-check/engine/contract/codes';
import { ISO_COUNTRIES } from '@cites-permit-check/engine/contract/countries';
import { plainText } from './annotation-text.js';
import { isCountryCode } from './fields.js';
import { countryOfPart, regionNamed, type Region } from './regions.js';

export type PopulationScope =
  | { kind: 'whole' }
  | { kind: 'include'; codes: string[]; partly?: string[]; text?: string }
  | { kind: 'exclude'; codes: string[]; partly?: string[]; text?: string }
  /** "All populations except those included in Appendix X": the row's other line decides. */
  | { kind: 'complement'; of: Appendix }
  | { kind: 'text' };

export interface PopulationReading {
  scope: PopulationScope;
  /** Countries of which only part of the population is meant (also in the scope's `partly`), reported. */
  partly: string[];
}

/** A scope over a region's countries, its border-crossing countries partly. */
function regional(kind: 'include' | 'exclude', region: Region, text: string): PopulationReading {
  const codes = [...new Set([...region.codes, ...region.partly])];
  return { scope: { kind, codes, partly: [...region.partly], text }, partly: [] };
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
    return name
      .toLowerCase()
      .replace(/\[[^\]]*\]|\([^)]*\)/g, '')
      .replace(/^the /, '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** The longest country name at the start of `words`: its code and how many words it took. */
  match(words: readonly string[]): { code: string; length: number } | null {
    const start = words[0]?.toLowerCase() === 'the' ? 1 : 0;
    for (let n = Math.min(this.longest, words.length - start); n >= 1; n--) {
      const candidate = words
        .slice(start, start + n)
        .join(' ')
        .replace(/[.,;:]+$/, '');
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

  // Regions: "Only the population of Asia", "Except Asian population", "All populations in the
  // Americas", "Neotropical populations", "Population of Europe excluding the area …".
  const wording = first.replace(/\.$/, '');
  const bare = t.replace(/\.$/, '');
  if ((m = /^(?:Only )?(?:the )?populations? (?:of|in) (.+?)(?:;.*)?$/i.exec(bare) ?? /^All populations in (.+)$/i.exec(bare))) {
    const region = regionNamed(m[1]!);
    if (region) return regional('include', region, wording);
  }
  if ((m = /^(.+?) populations?$/i.exec(bare)) && !/except/i.test(m[1]!)) {
    const region = regionNamed(m[1]!);
    if (region) return regional('include', region, wording);
  }
  if (
    (m =
      /^(?:All populations )?except(?: those of| the populations? of)? (?:the )?(.+?) populations?\.?$/i.exec(t) ??
      /^All populations except those of (.+?)\.?$/i.exec(t))
  ) {
    const region = regionNamed(m[1]!);
    if (region) return regional('exclude', region, wording);
  }
  // Parts of one country: "Population of West Greenland", "Except stock of west Greenland".
  if ((m = /^(?:Only )?(?:the )?(?:populations?|stocks?) of (.+)$/i.exec(t)) && !/\b(?:and|,)\b/.test(m[1]!)) {
    const code = countryOfPart(m[1]!);
    if (code) return { scope: { kind: 'include', codes: [code], partly: [code], text: wording }, partly: [code] };
  }
  if ((m = /^Except (?:the )?(?:populations?|stocks?) of (.+)$/i.exec(t))) {
    const code = countryOfPart(m[1]!);
    if (code) return { scope: { kind: 'exclude', codes: [code], partly: [code], text: wording }, partly: [code] };
  }

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
  if (include.length === 0 && partly.length === 0) return { scope: { kind: 'text' }, partly };
  const part = [...new Set(partly)];
  if (part.length === 0) return { scope: { kind: 'include', codes: [...new Set(include)] }, partly: [] };
  return { scope: { kind: 'include', codes: [...new Set([...include, ...part])], partly: part, text: t }, partly: part };
}

/**
 * The bundle's populations for one reading. "All populations except those included in
 * Appendix X" (complement) is the other way round of the sibling lines in Appendix X; a
 * wording not read as countries is kept as text (decisions by it are flagged for review).
 * Null: the whole taxon.
 */
export function populationsOf(reading: PopulationReading, siblings: (of: Appendix) => PopulationScope[], wording: string): Populations | null {
  const scope = reading.scope;
  const extra = (s: { partly?: string[] | undefined; text?: string | undefined }) => ({
    ...(s.partly?.length ? { partly: [...s.partly].sort() } : {}),
    ...(s.text ? { text: s.text } : {}),
  });
  if (scope.kind === 'include') return { include: [...scope.codes].sort(), ...extra(scope) };
  if (scope.kind === 'exclude') return { exclude: [...scope.codes].sort(), ...extra(scope) };
  const text = plainText(wording).replace(/\s+/g, ' ').trim();
  if (scope.kind === 'complement') {
    const others = siblings(scope.of);
    const included = others.flatMap((s) => (s.kind === 'include' ? [s] : []));
    if (others.length > 0 && included.length === others.length) {
      const partly = [...new Set(included.flatMap((s) => s.partly ?? []))].sort();
      return { exclude: [...new Set(included.flatMap((s) => s.codes))].sort(), ...extra({ partly, text }) };
    }
  }
  return scope.kind === 'whole' ? null : { text };
}
