/**
 * kind `species-plus-bulk`: the Species+ weekly bulk download, `cites_eu_<lang>.ndjson.gz`,
 * one taxon concept per line (about 90,000 lines, 360 MB unpacked). Read line by line from
 * the (already unpacked) stream and mapped as it goes (concepts-to-bundle.ts): the file is
 * never held as one string. A line that is not JSON, or not a taxon concept, rejects the
 * file (all such lines are listed); odd records inside a concept are left out and counted.
 *
 * The file is a complete picture of the CITES taxonomy: its listings replace those of the
 * Index, the History, the seed and the default dataset for the taxa it lists, and records a
 * previous sync brought that it no longer holds are ended (`endMissing`).
 */
import type { Readable } from 'node:stream';
import { LineErrors } from '../importers/csv.js';
import { knownTerms } from '../importers/species-plus.js';
import { officialFileBundle, type ParseContext, type ParsedFile } from '../importers/types.js';
import { ConceptsToBundle, type ConceptRecords } from './concepts-to-bundle.js';
import { notATaxonConcept, type TaxonConcept } from './taxon-concept.js';

/** Origin of the records a Species+ sync writes (bulk file and API alike). */
const SPECIES_PLUS_ORIGIN = 'species-plus';
/** Sources whose listings a Species+ sync takes over, for the taxa it lists. */
const SPECIES_PLUS_REPLACES = ['index', 'history', 'seed', 'dataset'];
const PROGRESS_EVERY = 5_000;
const NEWLINE = 0x0a;

/**
 * The lines of a stream, one at a time. Each chunk is split as it comes and the next is read
 * only when its lines are handled, so at most one chunk and one partial line are held.
 */
async function* linesOf(input: Readable): AsyncGenerator<string> {
  let partial: Buffer[] = [];
  for await (const chunk of input) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    let start = 0;
    for (let end = buf.indexOf(NEWLINE); end !== -1; end = buf.indexOf(NEWLINE, start)) {
      const piece = buf.subarray(start, end);
      yield (partial.length ? Buffer.concat([...partial, piece]) : piece).toString('utf8').replace(/\r$/, '');
      partial = [];
      start = end + 1;
    }
    if (start < buf.length) partial.push(buf.subarray(start));
  }
  if (partial.length) yield Buffer.concat(partial).toString('utf8');
}

/** What a parser context knows, as the mapper needs it (an empty list in an empty store means: not checked). */
export async function conceptContext(ctx: ParseContext): Promise<ConceptsToBundle> {
  const nonEmpty = (s: ReadonlySet<string> | null | undefined) => (s && s.size > 0 ? s : null);
  return new ConceptsToBundle({
    partyCodes: nonEmpty(await ctx.partyCodes?.()),
    unitCodes: nonEmpty(await ctx.unitCodes?.()),
    knownTerms: knownTerms(),
  });
}

/** The parsed file the store loads, from mapped records. */
export function speciesPlusFile(records: ConceptRecords, mapper: ConceptsToBundle, asOf: string, source: string): ParsedFile {
  return {
    bundle: officialFileBundle(asOf, source, records),
    warnings: mapper.notes.warnings,
    stats: mapper.notes.stats,
    origin: SPECIES_PLUS_ORIGIN,
    endMissing: { date: asOf },
    replacesListingsOf: SPECIES_PLUS_REPLACES,
  };
}

export async function parseSpeciesPlusBulk(input: Readable, ctx: ParseContext): Promise<ParsedFile> {
  const errors = new LineErrors();
  const mapper = await conceptContext(ctx);
  let line = 0;
  let bytes = 0;
  for await (const text of linesOf(input)) {
    line++;
    bytes += text.length + 1;
    if (line % PROGRESS_EVERY === 0) ctx.progress?.({ phase: 'reading', records: line, bytes });
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      errors.add(line, undefined, `not JSON: ${(e as Error).message}`);
      continue;
    }
    const why = notATaxonConcept(value);
    if (why !== null) {
      errors.add(line, undefined, `the line ${why}; a Species+ bulk file holds one taxon concept per line`);
      continue;
    }
    const handled = ctx.onRecord?.(value);
    if (handled instanceof Promise) await handled;
    mapper.add(value as TaxonConcept, line);
  }
  if (line === 0) errors.add(1, undefined, 'the file is empty');
  errors.throwIfAny();
  // The file carries no date of its own: the date given, else the latest date it names.
  const latest = mapper.latestDate;
  const asOf = ctx.asOf ?? (latest !== '' && latest < ctx.today ? latest : ctx.today);
  mapper.notes.count('lines', line);
  return speciesPlusFile(mapper.finish(asOf), mapper, asOf, 'Species+ bulk download (UNEP-WCMC)');
}
