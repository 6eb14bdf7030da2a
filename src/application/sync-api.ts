/**
 * Use case "sync from the Species+ API": the taxon concepts changed since the last
 * successful sync (`updated_since` its API time; everything when there was none), each read
 * whole again (its CITES legislation, scope all, and its distribution), kept in the mirror as
 * they arrive, then the whole mirror loaded in one transaction, as a bulk file would be.
 *
 * Resumable: the run records the page it is on and the concepts of that page already read;
 * a run that stopped (a crash, Species+ failing past its retries) is continued by the next
 * one, which reads only what is left. Until the final import nothing of the data changes.
 */
import type { Config } from '../config.js';
import type { SyncReport } from '../contract/syncs.js';
import type { CitesStore, SyncRun } from '../store/types.js';
import { SpeciesPlusClient, type ApiClientOptions } from '../sync/api-client.js';
import { beginRun, dropStaged, mirrored, parseContextOf, recentRuns, recordRun, settleMirror, stage } from '../sync/apply.js';
import { everyTaxonRow, fileFromMirror, mirrorRows } from '../sync/from-mirror.js';
import type { CitesSuspensionRecord } from '../sync/taxon-concept.js';
import { diffAndApply, exclusively, failureReason, type SyncOptions } from './sync.js';

interface Progress {
  updatedSince: string | null;
  page: number;
  /** Concepts of `page` already read and kept. */
  done: number[];
}

const DRY_RUN = 'api, dry run';

/** No SPECIES_PLUS_TOKEN: the API sync is not set up here (a bulk file still can be synced). */
export class SyncNotConfigured extends Error {
  constructor() {
    super('the Species+ API sync needs SPECIES_PLUS_TOKEN, which this service does not have: send a bulk file (cites_eu_<lang>.ndjson.gz) instead');
  }
}

function clientOf(config: Config, sleep?: (ms: number) => Promise<void>): SpeciesPlusClient {
  if (config.SPECIES_PLUS_TOKEN === undefined) throw new SyncNotConfigured();
  const opts: ApiClientOptions = {
    baseUrl: config.SPECIES_PLUS_URL,
    token: config.SPECIES_PLUS_TOKEN,
    intervalMs: config.SPECIES_PLUS_INTERVAL_MS,
    timeoutMs: config.SPECIES_PLUS_TIMEOUT_MS,
    retries: config.SPECIES_PLUS_RETRIES,
  };
  if (sleep) opts.sleep = sleep;
  return new SpeciesPlusClient(opts);
}

/** The run to continue (an API run that stopped before applying), or a new one from the last success's API time. */
async function runToDo(store: CitesStore, opts: SyncOptions, source: string): Promise<{ run: SyncRun; progress: Progress }> {
  const runs = await recentRuns(store);
  const unfinished = opts.dryRun ? undefined : runs.find((r) => r.via === 'api' && r.status !== 'succeeded' && r.progress !== null);
  if (unfinished) {
    await recordRun(store, unfinished.id, { status: 'running', finishedAt: null });
    return { run: unfinished, progress: JSON.parse(unfinished.progress!) as Progress };
  }
  const lastOk = runs.find((r) => (r.via === 'api' || r.via === 'bulk') && r.status === 'succeeded' && r.apiTime !== null);
  const progress: Progress = { updatedSince: lastOk?.apiTime ?? null, page: 1, done: [] };
  const run = await beginRun(store, {
    via: opts.dryRun ? DRY_RUN : 'api',
    actor: opts.actor,
    source,
    apiTime: new Date().toISOString(),
    progress: JSON.stringify(progress),
  });
  return { run, progress };
}

export function syncFromApi(store: CitesStore, config: Config, opts: SyncOptions, sleep?: (ms: number) => Promise<void>): Promise<SyncReport> {
  return exclusively(async () => {
    const started = Date.now();
    const client = clientOf(config, sleep);
    const source = `Species+ API ${config.SPECIES_PLUS_URL}`;
    const { run, progress } = await runToDo(store, opts, source);
    const save = () => recordRun(store, run.id, { progress: JSON.stringify(progress) });
    try {
      const everyTaxon = new Map<string, CitesSuspensionRecord>();
      let read = 0;
      for (;;) {
        const page = await client.conceptPage(progress.page, progress.updatedSince);
        for (const c of page.concepts) {
          if (progress.done.includes(c.id)) continue;
          // Synonyms carry no legislation of their own: their accepted taxon does.
          const whole = (c.name_status ?? 'A') === 'A' ? await client.wholeConcept(c) : c;
          const rows = mirrorRows(whole, everyTaxon);
          // The suspensions of every taxon come with each taxon's legislation: all those read
          // are kept (one lifted shows as no longer current; one that vanished outright is
          // noticed by the next bulk file or full read).
          if (everyTaxon.size > 0) rows.push(everyTaxonRow(everyTaxon));
          await stage(store, run.id, rows);
          progress.done.push(c.id);
          await save();
          read++;
        }
        if (!page.hasNext) break;
        progress.page++;
        progress.done = [];
        await save();
      }
      const file = await fileFromMirror(mirrored(store, run.id), parseContextOf(store, opts.today, opts.asOf), source);
      const at = run.apiTime ?? new Date().toISOString();
      file.bundle.source = `${source}, changes since ${progress.updatedSince ?? 'the start'} read at ${at}`;
      file.stats['concepts read from the API'] = read;
      file.stats['requests to Species+'] = client.requests;
      const report = await diffAndApply(store, file, `${source} at ${at}`, opts, opts.dryRun ? null : run, started);
      if (opts.dryRun) {
        await dropStaged(store, run.id);
        await recordRun(store, run.id, { status: 'succeeded', finishedAt: new Date().toISOString(), progress: null });
      } else await settleMirror(store, run.id, progress.updatedSince === null);
      return report;
    } catch (e) {
      // The concepts read so far stay, with the progress: the next run continues from here.
      await recordRun(store, run.id, { status: 'failed', finishedAt: new Date().toISOString(), error: failureReason(e) });
      if (opts.dryRun) await dropStaged(store, run.id);
      throw e;
    }
  });
}
