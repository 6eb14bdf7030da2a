/**
 * Export quotas stated inside listing annotations ("EG (with a zero quota for wild specimens
 * traded for commercial purposes)", "Zero quota for wild specimens for commercial purposes
 * for Cuora aurocapitata, C. flavomarginata …", "BW (5), NA (150), ZW (50)"). Only the
 * phrasings below are read; any other mention of a quota is reported, not guessed.
 */
import type { Purpose, Source } from '@cites-permit-check/engine/contract/codes';
import { namesIn, plainText } from './annotation-text.js';

export interface AnnotationQuota {
  /** Species the quota is for; empty: the taxon of the entry. */
  taxa: string[];
  exporter: string | null;
  quantity: number;
  terms: string[];
  sources: Source[];
  purposes: Purpose[];
  /** The sentence it was read from. */
  text: string;
}

const WILD_COMMERCIAL = /zero (?:annual )?(?:export )?quota (?:for|of) wild\s*specimens(?:\s*traded)? for commercial purposes/i;

/** Reads the quotas of one annotation line. `mentioned` is true when the text speaks of a quota at all. */
export function readAnnotationQuotas(html: string): { quotas: AnnotationQuota[]; mentioned: boolean } {
  const text = plainText(html).replace(/\s+/g, ' ');
  const mentioned = /\bquota|zero annual export\b/i.test(text);
  const quotas: AnnotationQuota[] = [];
  const q = (exporter: string | null, quantity: number, sources: Source[], purposes: Purpose[], sentence: string, taxa: string[] = [], terms: string[] = []) =>
    quotas.push({ taxa, exporter, quantity, terms, sources, purposes, text: sentence });

  // Per-country quotas in a population list: "EG (with a zero quota …)", "TZ(subject to … no more than 1,600 wild specimens …)",
  // "the population of BZ, with a zero quota for wild specimens traded for commercial purposes".
  for (const m of text.matchAll(
    /\b([A-Z]{2})\s*(?:\(|, )(?:with|subject to) (a zero quota[^)]*?commercial purposes|an annual export quota of no more than ([\d,]+) wild\s*specimens[^)]*)/g,
  )) {
    const [sentence, code, phrase, amount] = m;
    if (amount !== undefined) q(code!, Number(amount.replace(/,/g, '')), ['W'], [], sentence);
    else if (WILD_COMMERCIAL.test(phrase!)) q(code!, 0, ['W'], ['T'], sentence);
  }
  // "Annual export quotas for live specimens and hunting trophies are granted as follows: BW (5), NA (150), ZW (50)."
  const granted = /Annual export quotas for live specimens and hunting trophies are granted as follows: ((?:[A-Z]{2} \(\d+\)(?:, | and )?)+)/.exec(text);
  if (granted) for (const m of granted[1]!.matchAll(/([A-Z]{2}) \((\d+)\)/g)) q(m[1]!, Number(m[2]), [], [], granted[0], [], ['LIV', 'TRO']);

  if (quotas.length === 0) {
    let m: RegExpExecArray | null;
    const named = namesIn(html);
    if ((m = /zero (?:export )?quota for wild specimens for commercial purposes for /i.exec(text)) && named.length) q(null, 0, ['W'], ['T'], text, named);
    else if ((m = /zero export quota for wild specimens for /i.exec(text)) && named.length) q(null, 0, ['W'], [], text, named);
    else if (
      (m =
        /A zero annual export quota has been established for ([A-Z][a-z]+ [a-z]+) for specimens removed from the wild and traded for primarily commercial purposes/.exec(
          text,
        ))
    ) {
      q(null, 0, ['W'], ['T'], m[0], [m[1]!]);
    } else if (/^Zero (?:export )?quota for wild specimens for commercial purposes\.?$/i.test(text)) q(null, 0, ['W'], ['T'], text);
    else if (/^Zero export quota for specimens from the wild\.?$/i.test(text)) q(null, 0, ['W'], [], text);
    else if (/^A zero annual export has been established\./.test(text)) q(null, 0, [], [], text);
  }
  return { quotas, mentioned };
}
