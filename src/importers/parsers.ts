/**
 * Which parser reads which import kind (contract §4). Each parser turns a file into a
 * bundle plus warnings and counts; the store then loads the bundle in one transaction.
 */
import type { Readable } from 'node:stream';
import { parseBundleText } from './bundle.js';
import { parseHistoryFile } from './history-file.js';
import { parseIndexFile } from './index-file.js';
import { parsePartiesFile } from './parties-file.js';
import { parseSpeciesPlusBulk } from '../sync/bulk-file.js';
import { parseQuotasFile, parseReservationsFile, parseSuspensionsFile } from './species-plus.js';
import type { ImportKind, ParseContext, ParsedFile } from './types.js';

/** Reads the whole (already decompressed) stream as UTF-8 text. */
async function readText(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export type Parser = (input: Readable, ctx: ParseContext) => Promise<ParsedFile>;

export const PARSERS: Partial<Record<ImportKind, Parser>> = {
  bundle: async (input) => parseBundleText(await readText(input)),
  index: parseIndexFile,
  history: parseHistoryFile,
  reservations: parseReservationsFile,
  quotas: parseQuotasFile,
  suspensions: parseSuspensionsFile,
  parties: parsePartiesFile,
  'species-plus-bulk': parseSpeciesPlusBulk,
};
