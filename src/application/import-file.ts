/**
 * Use case "import a file": an official CITES file or a bundle, in one transaction (all or
 * nothing), by the caller, on today's date; then the engine rebuilt so trade checks use it.
 * Who may replace the whole store is decided here: an administrator, within the configured
 * share unless confirmed.
 */
import type { Role } from '../auth/keys.js';
import { problem, type Problem } from '@cites-permit-check/engine/contract/problem';
import { FileRejected, runBundleImport, runImport, type ImportKind, type ImportReport } from '../importers/index.js';
import type { Services } from '../services/index.js';
import type { Caller } from './caller.js';

export interface ImportRequest {
  kind: ImportKind;
  mode: 'merge' | 'replace';
  asOf?: string | undefined;
  confirm: boolean;
  /** The file (a buffer), or a bundle already parsed from JSON. */
  body: unknown;
  /** Aborts the import (the client hung up) before anything is written. */
  signal?: AbortSignal;
}

export type ImportAnswer = { report: ImportReport } | { problem: Problem };

export async function importFile(services: Services, caller: Caller & { role?: Role | undefined }, request: ImportRequest): Promise<ImportAnswer> {
  const { store, engines, config } = services;
  const { kind, mode, asOf, body } = request;
  if (mode === 'replace' && caller.role !== 'admin') {
    return { problem: problem('forbidden', 403, 'mode=replace replaces the whole store and needs the admin role; officers import with mode=merge.') };
  }
  const opts = {
    actor: caller.actor,
    mode,
    asOf,
    today: services.today(),
    unpackedLimit: config.IMPORT_UNPACKED_LIMIT_BYTES,
    ...(request.signal ? { signal: request.signal } : {}),
    maxRemovedShare: config.REPLACE_MAX_REMOVED_SHARE,
    confirmed: request.confirm,
  };
  try {
    const report = Buffer.isBuffer(body)
      ? await runImport(store, kind, body, opts)
      : kind === 'bundle'
        ? await runBundleImport(store, body, opts)
        : await runImport(store, kind, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), opts);
    await engines.refresh();
    return { report };
  } catch (e) {
    if (!(e instanceof FileRejected)) throw e;
    const type = kind === 'bundle' ? 'invalid-bundle' : 'invalid-import';
    return {
      problem: problem(type, 400, `${e.errors.length} error(s); nothing was changed.`, {
        errors: e.errors.map((x) => ({
          pointer: `#${x.pointer}`,
          in: 'body' as const,
          detail: x.line !== undefined ? `line ${x.line}${x.column ? `, column ${x.column}` : ''}: ${x.detail}` : x.detail,
        })),
      }),
    };
  }
}
