/**
 * One entry point for every import, used by the CLI (`npm run import`) and by
 * POST /v1/imports: read the file (plain or gzip), turn it into a bundle with the importer
 * of its kind, load the bundle in one transaction. Any error: nothing changes.
 */
import { gunzipSync } from 'node:zlib';
import { BundleRejected, type CitesStore } from '../store/types.js';
import { parseBundle, parseBundleText } from './bundle.js';
import { FileRejected, type ImportKind, type ImportReport, type ParsedFile, type Progress } from './types.js';

export { FileRejected, IMPORT_KINDS, type ImportKind, type ImportReport } from './types.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/** Decompresses gzip input; passes anything else through. */
export function maybeGunzip(data: Buffer): Buffer {
  return data.length > 2 && data[0] === GZIP_MAGIC[0] && data[1] === GZIP_MAGIC[1] ? gunzipSync(data) : data;
}

type Parser = (text: string, progress?: Progress) => ParsedFile | Promise<ParsedFile>;

const PARSERS: Partial<Record<ImportKind, Parser>> = {
  bundle: (text) => parseBundleText(text),
};

export function supportedKinds(): ImportKind[] {
  return Object.keys(PARSERS) as ImportKind[];
}

export function registerParser(kind: ImportKind, parser: Parser): void {
  PARSERS[kind] = parser;
}

export interface RunImportOptions {
  actor: string;
  mode?: 'merge' | 'replace';
  progress?: Progress;
}

async function load(store: CitesStore, kind: ImportKind, file: ParsedFile, opts: RunImportOptions, started: number): Promise<ImportReport> {
  try {
    const summary = store.importBundle(file.bundle, {
      mode: opts.mode ?? 'merge',
      actor: opts.actor,
      origin: file.origin,
      endMissing: file.endMissing,
    });
    return { kind, summary, warnings: file.warnings, stats: file.stats, durationMs: Date.now() - started };
  } catch (e) {
    if (e instanceof BundleRejected) throw new FileRejected(e.errors);
    throw e;
  }
}

/** Imports raw file content (plain or gzip). Throws FileRejected with every error. */
export async function runImport(store: CitesStore, kind: ImportKind, content: Buffer | string, opts: RunImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const parser = PARSERS[kind];
  if (!parser) throw new FileRejected([{ pointer: '', detail: `import kind "${kind}" is not supported by this build` }]);
  let text: string;
  try {
    text = typeof content === 'string' ? content : maybeGunzip(content).toString('utf8');
  } catch (e) {
    throw new FileRejected([{ pointer: '', detail: `cannot decompress: ${(e as Error).message}` }]);
  }
  const file = await parser(text, opts.progress);
  return load(store, kind, file, opts, started);
}

/** Imports a bundle already parsed from JSON (POST /v1/imports with a JSON body). */
export async function runBundleImport(store: CitesStore, value: unknown, opts: RunImportOptions): Promise<ImportReport> {
  return load(store, 'bundle', parseBundle(value), opts, Date.now());
}
