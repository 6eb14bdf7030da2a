/**
 * A sync asked for over HTTP: run it, have trade checks use the new data at once, and turn
 * what went wrong into a problem (a refused file: 400 with every error; another sync
 * running, or Species+ failing or refusing the token: 503; no body and no SPECIES_PLUS_TOKEN:
 * 400).
 */
import type { Readable } from 'node:stream';
import { problem, type Problem } from '@cites-permit-check/engine/contract/problem';
import type { SyncReport } from '../contract/syncs.js';
import { FileRejected } from '../importers/index.js';
import type { Services } from '../services/index.js';
import type { SyncRun } from '../store/types.js';
import { recentRuns } from '../sync/apply.js';
import { SpeciesPlusError } from '../sync/api-client.js';
import { SyncNotConfigured, syncFromApi } from './sync-api.js';
import { SyncBusy, syncFromFile } from './sync.js';

export interface SyncRequest {
  dryRun: boolean;
  asOf?: string | undefined;
  /** A bulk download; null: the API. */
  file: { stream: Readable; name: string } | null;
}

export type SyncAnswer = { report: SyncReport } | { problem: Problem };

export async function runSync(services: Services, actor: string, req: SyncRequest): Promise<SyncAnswer> {
  const { store, engines, config } = services;
  const opts = { actor, dryRun: req.dryRun, today: services.today(), asOf: req.asOf, unpackedLimit: config.IMPORT_UNPACKED_LIMIT_BYTES };
  try {
    const report = req.file === null ? await syncFromApi(store, config, opts) : await syncFromFile(store, req.file.stream, req.file.name, opts);
    if (!req.dryRun) engines.refresh();
    return { report };
  } catch (e) {
    if (e instanceof SyncNotConfigured)
      return { problem: problem('validation-error', 400, e.message, { errors: [{ pointer: '#', in: 'body', detail: e.message }] }) };
    if (e instanceof SpeciesPlusError)
      return { problem: problem('service-unavailable', 503, `the Species+ API sync failed, nothing was changed: ${e.message}`) };
    if (e instanceof SyncBusy) return { problem: problem('service-unavailable', 503, 'a sync is already running; try again when it has finished') };
    if (!(e instanceof FileRejected)) throw e;
    return {
      problem: problem('invalid-import', 400, `${e.errors.length} error(s); nothing was changed.`, {
        errors: e.errors.map((x) => ({
          pointer: `#${x.pointer}`,
          in: 'body' as const,
          detail: x.line !== undefined ? `line ${x.line}: ${x.detail}` : x.detail,
        })),
      }),
    };
  }
}

export const syncRuns = (services: Services, limit: number): Promise<SyncRun[]> => recentRuns(services.store, limit);
