import type { Bundle } from '../contract/bundle.js';
import type { ImportError } from '../store/types.js';

import { IMPORT_KINDS, type ImportKind, type ImportReport } from '../contract/imports.js';

export { IMPORT_KINDS, type ImportKind, type ImportReport };

/** Called now and then while a file is read: records so far, bytes so far. */
export type Progress = (p: { phase: string; records: number; bytes: number }) => void;

/** What an importer makes of a file: a bundle for the store, and what it could not structure. */
export interface ParsedFile {
  bundle: Bundle;
  /** Problems that do not stop the import (reported in the summary). */
  warnings: string[];
  /** Counts worth reporting (e.g. populations structured vs left as text). */
  stats: Record<string, number>;
  /** A complete official file: records of this kind it no longer contains are ended on this date. */
  endMissing?: { date: string };
  /** Provenance tag for created records. */
  origin: string;
  /** How this file's listings relate to listings from other sources (see ImportOptions). */
  continueOpenEntries?: boolean;
  replacesListingsOf?: string[];
  supersedesListingsOf?: { origins: string[]; from: string };
  yieldsListingsTo?: string[];
}

type BundleRecords = Pick<Bundle, 'parties' | 'taxa' | 'listings' | 'reservations' | 'quotas' | 'suspensions'>;

/**
 * The bundle an official file makes: each file brings some kinds of record and none of the
 * others (no code lists: those come with the built-in seed or a bundle).
 */
export function officialFileBundle(asOf: string, source: string, records: Partial<BundleRecords>): Bundle {
  return {
    format: 'cites-bundle/1',
    asOf,
    source: `${source}, as of ${asOf}`,
    provenance: null,
    codes: { sources: [], purposes: [], terms: [], units: [] },
    parties: records.parties ?? [],
    taxa: records.taxa ?? [],
    listings: records.listings ?? [],
    reservations: records.reservations ?? [],
    quotas: records.quotas ?? [],
    suspensions: records.suspensions ?? [],
  };
}

/** What a parser may know besides the file: options and read-only facts from the store. */
export interface ParseContext {
  progress?: Progress | undefined;
  /** Date the file describes (from the request or the file name); parsers may fall back to today. */
  asOf?: string | undefined;
  today: string;
  /** Species+ taxon id → accepted name, for files keyed by taxon id. */
  namesByExternalId(): Promise<Map<string, string>>;
  /** Codes of the Parties the store knows (a listing may name only a known Party); null: any. */
  partyCodes?(): Promise<ReadonlySet<string> | null>;
  /**
   * Handed each record of a file of records (a Species+ bulk file: each taxon concept), as
   * read; the parser waits for a returned promise before it reads on.
   */
  onRecord?: ((record: unknown) => void | Promise<void>) | undefined;
  /** Unit codes the store knows (a quota may name only a known unit); null: any. */
  unitCodes?(): Promise<ReadonlySet<string> | null>;
}

export class FileRejected extends Error {
  constructor(readonly errors: ImportError[]) {
    super(`${errors.length} error(s) in the file; nothing was changed`);
  }
}
