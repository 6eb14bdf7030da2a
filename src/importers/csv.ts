/**
 * Streaming CSV reading shared by the official-file parsers: csv-parse in streaming mode,
 * the header checked against what the format promises, every bad line collected (line,
 * column, why) instead of stopping at the first, and the file rejected as a whole at the
 * end (by the caller, after its own checks) when anything was wrong. Rows are handed over synchronously, in file order, with the
 * line they start on (quoted fields may span several lines).
 */
import { parse, type CsvError } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { ImportError } from '../store/types.js';
import { FileRejected, type Progress } from './types.js';

/** More than this many errors and the file is clearly not of the kind named: stop listing. */
const MAX_ERRORS = 10_000;
const PROGRESS_EVERY = 2_000;

/** Collects the problems of one file; the parsers add theirs (bad date, unknown code). */
export class LineErrors {
  readonly list: ImportError[] = [];
  private dropped = 0;

  add(line: number, column: string | undefined, detail: string): ImportError | null {
    if (this.list.length >= MAX_ERRORS) {
      this.dropped++;
      return null;
    }
    const error: ImportError = { pointer: column ? `/lines/${line}/${column}` : `/lines/${line}`, line, detail };
    if (column !== undefined) error.column = column;
    this.list.push(error);
    return error;
  }

  get count(): number {
    return this.list.length + this.dropped;
  }

  /** Rejects the file with every error, in line order. */
  throwIfAny(): void {
    if (this.count === 0) return;
    const sorted = [...this.list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    if (this.dropped > 0) sorted.push({ pointer: '', detail: `… and ${this.dropped} more errors (listing stopped at ${MAX_ERRORS})` });
    throw new FileRejected(sorted);
  }
}

export interface CsvSpec {
  /** Exact header, in order. */
  columns: readonly string[];
  /** Some exports pad the header with empty column names; accept those after the known ones. */
  allowEmptyTrailingColumns?: boolean;
  progress?: Progress | undefined;
  /** What the file should be, for messages ("the Index of CITES Species"). */
  format: string;
}

export interface CsvRow {
  /** Line the record starts on (1 = header). */
  line: number;
  fields: string[];
}

const countNewlines = (fields: readonly string[]): number => {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * Byte offsets of the line breaks seen so far, to turn the parser's byte positions into
 * line numbers (its own line count drifts on mixed line endings and after a broken quote).
 */
class LineIndex {
  private readonly breaks: number[] = [];
  private seen = 0;

  add(chunk: Buffer): void {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.breaks.push(this.seen + i);
    this.seen += chunk.length;
  }

  /** Line (1-based) holding the byte at `offset`. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.breaks[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
}

function checkHeader(found: readonly string[], spec: CsvSpec, errors: LineErrors): boolean {
  const names = found.map((c) => c.trim());
  const extra = names.slice(spec.columns.length);
  const sameStart = spec.columns.every((c, i) => names[i] === c);
  const extraOk = extra.length === 0 || (spec.allowEmptyTrailingColumns === true && extra.every((c) => c === ''));
  if (sameStart && extraOk) return true;
  const missing = spec.columns.filter((c) => !names.includes(c));
  const unexpected = names.filter((c) => c !== '' && !spec.columns.includes(c));
  const why = [
    missing.length ? `missing ${missing.join(', ')}` : '',
    unexpected.length ? `unexpected ${unexpected.join(', ')}` : '',
    !missing.length && !unexpected.length ? 'columns out of order' : '',
  ].filter(Boolean);
  errors.add(1, undefined, `this is not ${spec.format}: its header must be "${spec.columns.join(',')}" (${why.join('; ')})`);
  return false;
}

/**
 * Reads every record of a CSV stream and hands each data row to `onRow` (synchronously, in
 * order). Quoting problems and wrong field counts are collected in `errors`; a bad header
 * rejects the file at once, since nothing after it can be read with confidence.
 */
export async function readCsv(input: Readable, spec: CsvSpec, errors: LineErrors, onRow: (row: CsvRow) => void): Promise<number> {
  const lines = new LineIndex();
  let records = 0;
  let header = true;
  let width = spec.columns.length;
  /** Set when reading must stop: a bad header, or a fault in a row handler (a bug, rethrown). */
  let stopped: unknown = null;
  /**
   * After a quoting error the parser resumes at the next line, often inside the same broken
   * record: what it reports until a record reads cleanly again follows from the first error,
   * so it is folded into that one instead of listed as more bad lines.
   */
  let broken: { error: ImportError; detail: string; from: number } | null = null;
  /** First line of a record that ends at byte `end` (its line break counted). */
  const startLine = (end: number, fields: readonly string[]) => lines.lineAt(end - 1) - countNewlines(fields);

  const parser = parse({
    bom: true,
    // No CITES record comes near this: a file that is one endless field (a "gzip bomb" of
    // zeros) fails at once instead of being held in memory up to the unpacked-size cap.
    max_record_size: 1 << 20,
    relax_column_count: false,
    skip_records_with_error: true,
    // Rows are handled here, in parse order; nothing is pushed on.
    on_record: (fields: string[], context: { bytes: number }) => {
      if (stopped !== null) return null;
      broken = null;
      const line = startLine(context.bytes, fields);
      try {
        if (header) {
          header = false;
          width = fields.length;
          if (!checkHeader(fields, spec, errors)) stop('bad header');
          return null;
        }
        records++;
        if (records % PROGRESS_EVERY === 0) spec.progress?.({ phase: 'reading', records, bytes: context.bytes });
        onRow({ line, fields });
      } catch (e) {
        stop(e);
      }
      return null;
    },
    on_skip: (err: CsvError | undefined) => {
      if (!err || stopped !== null) return undefined;
      if (err.code === 'CSV_MAX_RECORD_SIZE') {
        // Not a CSV file at all (one endless field): stop reading at once.
        errors.add(
          lines.lineAt((err as CsvError & { bytes?: number }).bytes ?? 0),
          undefined,
          'a record runs past 1 MiB: this is not a CSV file of CITES records',
        );
        stop('bad header');
        return undefined;
      }
      const bad = (err as CsvError & { record?: string[] }).record;
      const at = (err as CsvError & { bytes?: number }).bytes ?? 0;
      const lengthError = err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && bad !== undefined;
      const line = lengthError ? startLine(at, bad) : lines.lineAt(at);
      if (broken !== null) {
        const last = lengthError ? lines.lineAt(at - 1) : line;
        if (last > broken.from) broken.error.detail = `${broken.detail} (lines ${broken.from}–${last} could not be read after it)`;
        return undefined;
      }
      if (lengthError && bad.length === 1 && bad[0] === '') return undefined; // a blank line: nothing to read
      const detail = lengthError ? `${bad.length} fields where the header has ${width}` : describe(err);
      const error = errors.add(line, undefined, detail);
      if (!lengthError && error) broken = { error, detail, from: line };
      return undefined;
    },
  });
  function stop(why: unknown) {
    stopped = why;
    input.unpipe(parser);
    input.destroy();
    parser.end();
  }
  input.on('data', (chunk: Buffer | string) => lines.add(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  try {
    for await (const _ of parser) {
      /* every record is handled in on_record */
    }
  } catch (e) {
    if (stopped === null) throw e;
  }
  if (stopped === 'bad header') errors.throwIfAny();
  if (stopped !== null) throw stopped;
  if (header) errors.add(1, undefined, `this is not ${spec.format}: the file is empty`);
  spec.progress?.({ phase: 'reading', records, bytes: parser.info.bytes });
  return records;
}

function describe(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (the quote opened on this line runs to the end of the file)';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field (quote the whole field and double the inner quotes)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text follows a closing quote (quotes inside a quoted field must be doubled)';
    default:
      return err.message;
  }
}
