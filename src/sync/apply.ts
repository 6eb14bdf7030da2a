/**
 * Every call a sync makes into the store, in one place: what is held now, loading the new
 * data in one transaction, the record of the runs and the concepts an API run has staged.
 */
import type { Readable } from 'node:stream';
import type { Bundle } from '../contract/bundle.js';
import { loadImport, readImport, type ImportReport, type RunImportOptions } from '../importers/index.js';
import type { ParsedFile, ParseContext } from '../importers/types.js';
import type { CitesStore, NewSyncRun, SyncRun, SyncRunChange } from '../store/types.js';

export const heldData = (store: CitesStore): Promise<Bundle> => store.exportBundle();

/** Parses a bulk file against what the store knows (Parties, units), writing nothing. */
export const readBulkFile = (store: CitesStore, input: Readable, opts: RunImportOptions): Promise<ParsedFile> =>
  readImport(store, 'species-plus-bulk', input, opts);

/** What a parser may ask the store, for data that does not come as a file (API runs). */
export function parseContextOf(store: CitesStore, today: string, asOf?: string): ParseContext {
  return {
    today,
    asOf,
    namesByExternalId: () => store.namesByExternalId(),
    partyCodes: async () => new Set((await store.parties()).map((p) => p.code)),
    unitCodes: async () => new Set((await store.codes('units')).map((c) => c.code)),
  };
}

/** Loads the synced data in one transaction; bumps the dataset version and audits when anything changed. */
export const applySync = (store: CitesStore, file: ParsedFile, actor: string, started: number): Promise<ImportReport> =>
  loadImport(store, 'species-plus-bulk', file, { actor, mode: 'merge' }, started);

export const beginRun = (store: CitesStore, run: NewSyncRun): Promise<SyncRun> => store.startSyncRun(run);
export const recordRun = (store: CitesStore, id: number, change: SyncRunChange): Promise<void> => store.updateSyncRun(id, change);
export const recentRuns = (store: CitesStore, limit = 50): Promise<SyncRun[]> => store.syncRuns(limit);
export const stage = (store: CitesStore, runId: number, concepts: ReadonlyArray<{ taxonId: number; concept: string }>): Promise<void> =>
  store.stageConcepts(runId, concepts);
export const mirrored = (store: CitesStore, runId: number): AsyncIterable<string> => store.mirroredConcepts(runId);
export const settleMirror = (store: CitesStore, runId: number, whole: boolean): Promise<void> => store.settleMirror(runId, whole);
export const dropStaged = (store: CitesStore, runId: number): Promise<void> => store.dropStaged(runId);
