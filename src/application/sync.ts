/**
 * Use case "sync from Species+" (issue 20): read the new data (a bulk download, or the API's
 * changes since the last successful sync), compare it with what is held, and, unless it is a
 * dry run, load it in one transaction. Each real run is recorded (who, when, from which file
 * or API time, how it ended), and a failed run leaves the data as it was. One sync at a time
 * per process: another asked meanwhile is refused (SyncBusy).
 */
import type { Readable } from 'node:stream';
import type { SyncDiff, SyncReport } from '../contract/syncs.js';
import { FileRejected } from '../importers/index.js';
import type { ParsedFile } from '../importers/types.js';
import type { CitesStore, SyncRun } from '../store/types.js';
import { applySync, beginRun, dropStaged, heldData, readBulkFile, recentRuns, recordRun, settleMirror, stage } from '../sync/apply.js';
import { diffBundles } from '../sync/diff.js';
import { everyTaxonRow, mirrorRows } from '../sync/from-mirror.js';
import type { CitesSuspensionRecord, TaxonConcept } from '../sync/taxon-concept.js';

export class SyncBusy extends Error {
  constructor() {
    super('a sync is already running');
  }
}

export interface SyncOptions {
  actor: string;
  dryRun: boolean;
  today: string;
  /** The date the data describes (default: the latest date it names). */
  asOf?: string | undefined;
  unpackedLimit?: number | undefined;
}

let running = false;

/** Runs `work` as the only sync of this process. */
export async function exclusively<T>(work: () => Promise<T>): Promise<T> {
  if (running) throw new SyncBusy();
  running = true;
  try {
    return await work();
  } finally {
    running = false;
  }
}

const counts = (d: SyncDiff) =>
  JSON.stringify({
    taxaAdded: d.taxaAdded.count,
    namesChanged: d.namesChanged.count,
    appendixChanges: d.appendixChanges.count,
    listingsAdded: d.listingsAdded.count,
    listingsEnded: d.listingsEnded.count,
    quotasAdded: d.quotasAdded.count,
    quotasEnded: d.quotasEnded.count,
    suspensionsAdded: d.suspensionsAdded.count,
    suspensionsEnded: d.suspensionsEnded.count,
  });

/** Why a run failed, in one line for GET /v1/dataset. */
export function failureReason(e: unknown): string {
  if (e instanceof FileRejected) {
    const first = e.errors[0];
    const where = first?.line !== undefined ? `line ${first.line}: ` : '';
    return `${e.errors.length} error(s) in the data, nothing was changed${first ? ` (${where}${first.detail})` : ''}`.slice(0, 1000);
  }
  return (e instanceof Error ? e.message : String(e)).slice(0, 1000);
}

/**
 * Compares parsed data with what is held and, unless a dry run, applies it and records the
 * run as succeeded. `run` is the record of a real run (null in a dry run).
 */
export async function diffAndApply(
  store: CitesStore,
  file: ParsedFile,
  source: string,
  opts: SyncOptions,
  run: SyncRun | null,
  started: number,
): Promise<SyncReport> {
  const diff = diffBundles(await heldData(store), file.bundle);
  const base = { source, diff, warnings: file.warnings, stats: file.stats };
  if (run === null) return { dryRun: true, ...base, summary: null, durationMs: Date.now() - started };
  const report = await applySync(store, file, opts.actor, started);
  await recordRun(store, run.id, {
    status: 'succeeded',
    finishedAt: new Date().toISOString(),
    datasetVersion: report.summary.datasetVersion,
    changes: counts(diff),
    progress: null,
  });
  return { dryRun: false, ...base, summary: report.summary, durationMs: Date.now() - started };
}

/**
 * Syncs from a bulk download (`cites_eu_<lang>.ndjson.gz`, plain or gzip). Throws FileRejected
 * when it cannot be read. A real run also keeps the concepts as the mirror later API runs
 * complete; the API's changes are asked for from the file's date on.
 */
export function syncFromFile(store: CitesStore, input: Readable, name: string, opts: SyncOptions): Promise<SyncReport> {
  return exclusively(async () => {
    const started = Date.now();
    const source = `Species+ bulk download ${name}`;
    const run = opts.dryRun ? null : await beginRun(store, { via: 'bulk', actor: opts.actor, source, apiTime: null, progress: null });
    const everyTaxon = new Map<string, CitesSuspensionRecord>();
    let batch: { taxonId: number; concept: string }[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      if (run && rows.length) await stage(store, run.id, rows);
    };
    try {
      const file = await readBulkFile(store, input, {
        actor: opts.actor,
        asOf: opts.asOf,
        today: opts.today,
        ...(opts.unpackedLimit === undefined ? {} : { unpackedLimit: opts.unpackedLimit }),
        ...(run === null
          ? {}
          : {
              onRecord: (record: unknown) => {
                batch.push(...mirrorRows(record as TaxonConcept, everyTaxon));
                // The parser waits for the batch to be staged before it reads on.
                return batch.length >= 2000 ? flush() : undefined;
              },
            }),
      });
      batch.push(everyTaxonRow(everyTaxon));
      await flush();
      file.bundle.source = `${source}, as of ${file.bundle.asOf}`;
      if (run) await recordRun(store, run.id, { apiTime: `${file.bundle.asOf}T00:00:00Z` });
      const report = await diffAndApply(store, file, source, opts, run, started);
      if (run) await settleMirror(store, run.id, true);
      return report;
    } catch (e) {
      if (run) {
        await dropStaged(store, run.id);
        await recordRun(store, run.id, { status: 'failed', finishedAt: new Date().toISOString(), error: failureReason(e) });
      }
      throw e;
    }
  });
}

export interface SyncStatus {
  lastSuccess: { at: string; via: string; source: string; actor: string; datasetVersion: number | null } | null;
  lastFailure: { at: string; via: string; source: string; actor: string; reason: string } | null;
  running: boolean;
}

/** The last successful and failed syncs, for GET /v1/dataset. */
export async function syncStatus(store: CitesStore): Promise<SyncStatus> {
  const runs = (await recentRuns(store)).filter((r) => r.via === 'bulk' || r.via === 'api');
  const ok = runs.find((r) => r.status === 'succeeded');
  const failed = runs.find((r) => r.status === 'failed');
  return {
    lastSuccess: ok ? { at: ok.finishedAt ?? ok.startedAt, via: ok.via, source: ok.source, actor: ok.actor, datasetVersion: ok.datasetVersion } : null,
    lastFailure: failed
      ? { at: failed.finishedAt ?? failed.startedAt, via: failed.via, source: failed.source, actor: failed.actor, reason: failed.error ?? 'unknown' }
      : null,
    running,
  };
}
