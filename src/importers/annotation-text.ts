/**
 * The Checklist's annotation cells: one "Appendix X:text" line per listing of the row
 * (a split listing has one line per Appendix), with some HTML (<i>, <p>) inside the text.
 */
import type { Appendix } from '@cites-permit-check/engine/contract/codes';

export interface AppendixLine {
  appendix: Appendix;
  text: string;
}

/** A new line starts where "Appendix I:", "Appendix II:" or "Appendix III:" begins a line. */
const LINE_START = /\n(?=Appendix I{1,3}\s*:)/;
const LINE_HEAD = /^Appendix (I{1,3})\s*:/;

/**
 * Splits a cell into its appendix lines. Returns null when a line does not start with a
 * known Appendix (the caller reports the cell as malformed).
 */
export function appendixLines(cell: string): AppendixLine[] | null {
  if (cell === '' || cell.trim() === '') return [];
  const out: AppendixLine[] = [];
  // Most cells hold one line: skip the split then.
  for (const part of cell.includes('\nAppendix') ? cell.split(LINE_START) : [cell]) {
    const line = part.trim();
    const m = LINE_HEAD.exec(line);
    if (!m) return null;
    out.push({ appendix: m[1] as Appendix, text: line.slice(m[0].length).trim() });
  }
  return out;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** Annotation text without markup: paragraphs become line breaks, spaces are tidied. */
export function plainText(html: string): string {
  return html
    .replace(/<\s*p\s*\/?>/gi, '\n')
    .replace(/<\/\s*p\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e]!)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n[\n ]*/g, '\n')
    .trim();
}

const comparableMemo = new Map<string, string>();

/** Text for comparing two lines: markup, non-breaking spaces and spacing do not matter. */
export function comparable(html: string): string {
  let out = comparableMemo.get(html);
  if (out === undefined) {
    out = plainText(html)
      .replace(/\s+/g, ' ')
      .replace(/[ .]+$/, '');
    // The same few hundred texts are compared tens of thousands of times; keep the memo bounded.
    if (comparableMemo.size > 50_000) comparableMemo.clear();
    comparableMemo.set(html, out);
  }
  return out;
}

/** Names listed in "<i>Cuora aurocapitata, C. flavomarginata</i> and <i>C. zhoui</i>", abbreviations expanded. */
export function namesIn(html: string): string[] {
  const out: string[] = [];
  let genus = '';
  for (const italic of html.matchAll(/<i>([^<]*)<\/?i>/g)) {
    for (const item of italic[1]!.split(/,\s*|\s+and\s+|\s*&\s*/)) {
      const words = item.trim().split(/\s+/);
      if (words.length < 2) continue;
      if (/^[A-Z]\.$/.test(words[0]!)) {
        if (genus !== '' && genus[0] === words[0]![0]) out.push([genus, ...words.slice(1)].join(' '));
      } else if (/^[A-Z][a-z]+$/.test(words[0]!)) {
        genus = words[0]!;
        out.push(words.join(' '));
      }
    }
  }
  return out;
}
