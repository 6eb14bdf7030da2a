/**
 * Reading the "Index of CITES Species" CSV (checklist.cites.org export) into compact rows:
 * every cell checked (bad ones are collected with line and column), annotation cells split
 * into their per-Appendix lines, and repeated texts shared rather than copied (30,000 orchid
 * rows carry the same # annotation), so the whole file fits in memory comfortably.
 */
import type { Readable } from 'node:stream';
import type { Appendix } from '@cites-permit-check/engine/contract/codes';
import { appendixLines, type AppendixLine } from './annotation-text.js';
import { type LineErrors, readCsv } from './csv.js';
import { isCountryCode, splitList, type ImportNotes } from './fields.js';
import { readTaxonColumns, type TaxonIdentity } from './index-taxa.js';
import type { Progress } from './types.js';

const INDEX_COLUMNS = [
  'TaxonId',
  'Kingdom',
  'Phylum',
  'Class',
  'Order',
  'Family',
  'Genus',
  'Species',
  'Subspecies',
  'FullName',
  'AuthorYear',
  'RankName',
  'CurrentListing',
  'FullAnnotationEnglish',
  'AnnotationEnglish',
  'AnnotationSpanish',
  'AnnotationFrench',
  '#AnnotationSymbol',
  '#Annotation',
  'SynonymsWithAuthors',
  'EnglishNames',
  'SpanishNames',
  'FrenchNames',
  'CitesAccepted',
  'All_DistributionISOCodes',
  'All_DistributionFullNames',
  'NativeDistributionFullNames',
  'Introduced_Distribution',
  'Introduced(?)_Distribution',
  'Reintroduced_Distribution',
  'Extinct_Distribution',
  'Extinct(?)_Distribution',
  'Distribution_Uncertain',
] as const;

const col = Object.fromEntries(INDEX_COLUMNS.map((c, i) => [c, i])) as Record<(typeof INDEX_COLUMNS)[number], number>;

/** One listing line of a row, with its texts in every column that has them. */
export interface IndexLine {
  appendix: Appendix;
  /** AnnotationEnglish: the short text (codes for countries), used to compare with ancestors. */
  short: string;
  full: string;
  es: string;
  fr: string;
  /** #Annotation text of this line (empty when the line has no # annotation). */
  hash: string;
}

export interface IndexRow extends TaxonIdentity {
  line: number;
  /** CurrentListing ("I/II/NC"): a summary, also of descendants; only "NC" on a row without lines is used. */
  currentListing: string;
  lines: IndexLine[];
  hashSymbol: string | null;
  synonyms: string;
  names: { en: string; es: string; fr: string };
  distribution: string[];
  /** Country name → code pairs the row gives (when the two columns line up). */
  countryNames: [string, string][];
}

const LISTING_TOKENS = new Set(['I', 'II', 'III', 'NC']);

/** Shares equal strings between rows. */
class Interner {
  private readonly seen = new Map<string, string>();
  get(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    this.seen.set(s, s);
    return s;
  }
}

export async function readIndexRows(input: Readable, errors: LineErrors, notes: ImportNotes, progress: Progress | undefined): Promise<IndexRow[]> {
  const rows: IndexRow[] = [];
  const lineReader = new LineReader(new Interner());
  const unknownCodes = new Map<string, number>();
  await readCsv(input, { columns: INDEX_COLUMNS, format: 'the Index of CITES Species', progress }, errors, ({ line, fields }) => {
    const f = (c: keyof typeof col) => fields[col[c]]!.trim();
    const bad = (c: keyof typeof col, why: string) => errors.add(line, c, why);
    const before = errors.count;

    const taxon = readTaxonColumns(f, bad);
    const currentListing = f('CurrentListing');
    if (currentListing !== '' && !currentListing.split('/').every((t) => LISTING_TOKENS.has(t))) {
      bad('CurrentListing', `"${currentListing}" is not a listing such as I, II, III, NC or I/II`);
    }
    const hashSymbol = f('#AnnotationSymbol');
    if (hashSymbol !== '' && !/^#\d+$/.test(hashSymbol)) bad('#AnnotationSymbol', `"${hashSymbol}" is not a # annotation symbol such as #4`);

    const lines = lineReader.read(fields, bad);
    const { codes, pairs } = distribution(f('All_DistributionISOCodes'), f('All_DistributionFullNames'), unknownCodes);
    if (errors.count > before) return;

    rows.push({
      line,
      ...taxon,
      currentListing,
      lines,
      hashSymbol: hashSymbol || null,
      synonyms: f('SynonymsWithAuthors'),
      names: { en: f('EnglishNames'), es: f('SpanishNames'), fr: f('FrenchNames') },
      distribution: codes,
      countryNames: pairs,
    });
  });
  for (const [code, n] of unknownCodes) {
    notes.warn(`distribution code ${code} (${n} taxa) is not an ISO 3166 country code known to the service; left out of the distributions`);
    notes.count('distribution codes left out', n);
  }
  return rows;
}

const ANNOTATION_COLUMNS = ['AnnotationEnglish', 'FullAnnotationEnglish', 'AnnotationSpanish', 'AnnotationFrench', '#Annotation'] as const;

/**
 * The per-Appendix lines of the rows; every annotation column must give the same Appendices.
 * Rows of one genus or family usually repeat the row before word for word (30,000 orchids):
 * then its lines are reused as they are, and new texts are shared through the interner.
 */
class LineReader {
  private last: { cells: string[]; lines: IndexLine[] } | null = null;

  constructor(private readonly text: Interner) {}

  read(fields: readonly string[], bad: (c: keyof typeof col, why: string) => void): IndexLine[] {
    const cells = ANNOTATION_COLUMNS.map((c) => fields[col[c]]!);
    if (this.last && cells.every((c, i) => c === this.last!.cells[i])) return this.last.lines;
    const split = (i: number) => {
      const lines = appendixLines(cells[i]!);
      if (lines === null) bad(ANNOTATION_COLUMNS[i]!, 'each line must start with "Appendix I:", "Appendix II:" or "Appendix III:"');
      return lines ?? [];
    };
    const [short, full, es, fr, hash] = [0, 1, 2, 3, 4].map(split) as [AppendixLine[], AppendixLine[], AppendixLine[], AppendixLine[], AppendixLine[]];
    const shape = short.map((l) => l.appendix).join('/');
    [full, es, fr, hash].forEach((lines, i) => {
      if (lines.length > 0 && lines.map((l) => l.appendix).join('/') !== shape) {
        bad(ANNOTATION_COLUMNS[i + 1]!, `its Appendix lines (${lines.map((l) => l.appendix).join('/')}) do not match AnnotationEnglish (${shape || 'none'})`);
      }
    });
    const t = (s: string | undefined) => this.text.get(s ?? '');
    const lines = short.map((l, i) => ({
      appendix: l.appendix,
      short: t(l.text),
      full: t(full[i]?.text),
      es: t(es[i]?.text),
      fr: t(fr[i]?.text),
      hash: t(hash[i]?.text),
    }));
    this.last = { cells, lines };
    return lines;
  }
}

/**
 * Distribution codes, and the names the file pairs with them (the names column is sorted the
 * same way; names that themselves hold ", " make the two lists differ, and then no pairs are kept).
 */
function distribution(codesCell: string, namesCell: string, unknown: Map<string, number>) {
  const all = splitList(codesCell);
  const names = splitList(namesCell);
  const pairs: [string, string][] = all.length === names.length ? all.map((c, i) => [names[i]!, c]) : [];
  const codes: string[] = [];
  for (const c of all) {
    if (isCountryCode(c)) codes.push(c);
    else unknown.set(c, (unknown.get(c) ?? 0) + 1);
  }
  return { codes: [...new Set(codes)].sort(), pairs };
}
