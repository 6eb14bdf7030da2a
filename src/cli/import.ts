/**
 * `import <kind> <file> [--as-of YYYY-MM-DD] [--mode merge|replace]`: loads an official CITES
 * file (or a bundle) into the store at DATABASE_PATH with the same code as POST /v1/imports.
 * The date in the file name (Index_of_CITES_Species_2017-04-21.csv.gz) is the date the file
 * describes unless --as-of says otherwise. Exit 1, having changed nothing, with every bad
 * line printed, when the file is invalid.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate } from '@cites-permit-check/engine/contract/common';
import { FileRejected, IMPORT_KINDS, runImport, type ImportKind, type ImportReport } from '../importers/index.js';
import { dateInFileName } from '../importers/fields.js';
import { openImportFile } from '../importers/file-input.js';
import type { CitesStore } from '../store/types.js';
import { EXIT } from './check.js';
import { ProgressLine, type Output } from './output.js';

const USAGE = `usage: import <kind> <file> [--as-of YYYY-MM-DD] [--mode merge|replace]\nkinds: ${IMPORT_KINDS.join(', ')}`;
const number = (n: number) => n.toLocaleString('en');

function report(r: ImportReport, out: Output): void {
  const { summary } = r;
  out.line(
    `${r.kind}: ${summary.changed ? `changed, dataset version ${summary.datasetVersion}` : `nothing changed (dataset version ${summary.datasetVersion})`} in ${(r.durationMs / 1000).toFixed(1)} s`,
  );
  for (const [label, counts] of [
    ['created', summary.created],
    ['updated', summary.updated],
    ['ended', summary.ended],
    ['unchanged', summary.unchanged],
  ] as const) {
    const parts = Object.entries(counts).map(([k, n]) => `${k} ${number(n)}`);
    if (parts.length) out.line(`  ${label.padEnd(10)}${parts.join(', ')}`);
  }
  const stats = Object.entries(r.stats);
  if (stats.length) {
    out.line('file:');
    for (const [k, n] of stats) out.line(`  ${k}: ${number(n)}`);
  }
  const warnings = [...r.warnings, ...summary.warnings];
  if (warnings.length) {
    out.line(`warnings (${warnings.length}):`);
    for (const w of warnings) out.line(`  - ${w}`);
  }
}

export async function runImportCommand(argv: string[], openStore: () => Promise<CitesStore>, out: Output): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { 'as-of': { type: 'string' }, mode: { type: 'string' } } });
  const [kind, path] = positionals;
  if (!kind || !path || positionals.length > 2 || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
    out.error(USAGE);
    return EXIT.usage;
  }
  const mode = values.mode ?? 'merge';
  const asOf = values['as-of'] ?? dateInFileName(basename(path));
  if ((mode !== 'merge' && mode !== 'replace') || (asOf !== undefined && !isIsoDate(asOf))) {
    out.error(`--mode must be merge or replace, --as-of a date written YYYY-MM-DD\n${USAGE}`);
    return EXIT.usage;
  }
  let file: Awaited<ReturnType<typeof openImportFile>>;
  try {
    file = await openImportFile(path);
  } catch (e) {
    out.error(`cannot read ${path}: ${(e as Error).message}`);
    return EXIT.failure;
  }
  const store = await openStore();
  const progress = new ProgressLine(`importing ${basename(path)} as ${kind}`, file.size, 'bytes');
  try {
    const result = await runImport(store, kind as ImportKind, file.stream, {
      actor: `cli (${process.env.USER ?? 'unknown user'})`,
      mode,
      asOf,
      progress: (p) => progress.update(p.bytes, p.phase === 'writing' ? 'writing to the database' : `${number(p.records)} records`),
    });
    progress.done(result.summary.changed ? 'done' : 'nothing to change');
    report(result, out);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof FileRejected)) throw e;
    progress.done('rejected');
    out.error(`${path} was rejected, nothing was changed: ${number(e.errors.length)} error(s)`);
    for (const x of e.errors) {
      const where = x.line !== undefined ? `line ${x.line}${x.column ? `, column ${x.column}` : ''}` : x.pointer || 'file';
      out.error(`  ${where}: ${x.detail}`);
    }
    return EXIT.failure;
  } finally {
    await store.close();
  }
}
