/**
 * `sync [--dry-run] [--file cites_eu_en.ndjson.gz] [--as-of YYYY-MM-DD] [--json]`: brings the
 * store at DATABASE_PATH up to date with Species+, from a bulk download (--file) or from the
 * API (SPECIES_PLUS_TOKEN), showing what changes first. With --dry-run nothing is written.
 * Exit 0 when done, 1 when the data was refused or the API failed (nothing changed then).
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate } from '@cites-permit-check/engine/contract/common';
import type { Config } from '../config.js';
import type { SyncDiff, SyncReport } from '../contract/syncs.js';
import { SyncNotConfigured, syncFromApi } from '../application/sync-api.js';
import { SyncBusy, syncFromFile } from '../application/sync.js';
import { FileRejected } from '../importers/index.js';
import { openImportFile } from '../importers/file-input.js';
import type { CitesStore } from '../store/types.js';
import { SpeciesPlusError } from '../sync/api-client.js';
import { EXIT } from './check.js';
import type { Output } from './output.js';

const USAGE = 'usage: sync [--dry-run] [--file cites_eu_<lang>.ndjson.gz] [--as-of YYYY-MM-DD] [--json]';
const number = (n: number) => n.toLocaleString('en');

const quota = (x: { taxon: string; country: string | null; detail: string }) => `${x.taxon}, ${x.country ?? 'every exporter'}: ${x.detail}`;
const suspension = (x: { taxon: string | null; country: string | null }) => `${x.country}: ${x.taxon ?? 'all taxa'}`;

/** The diff in a few lines: counts, then the first taxa of each kind of change. */
function printDiff(d: SyncDiff, out: Output, shown = 10): void {
  out.line(`compared as in force on ${d.asOf}${d.unchanged ? ': nothing would change' : ''}`);
  const kinds: [string, { count: number; items: unknown[] }, (x: never) => string][] = [
    ['taxa added', d.taxaAdded, (x: { name: string }) => x.name],
    ['names changed', d.namesChanged, (x: { from: string; to: string }) => `${x.from} → ${x.to}`],
    [
      'moved between Appendices',
      d.appendixChanges,
      (x: { taxon: string; from: string[]; to: string[] }) => `${x.taxon}: ${x.from.join('/') || '–'} → ${x.to.join('/') || '–'}`,
    ],
    [
      'listings added',
      d.listingsAdded,
      (x: { taxon: string; appendix: string; party: string | null }) => `${x.taxon} (${x.appendix}${x.party ? `, ${x.party}` : ''})`,
    ],
    [
      'listings ended',
      d.listingsEnded,
      (x: { taxon: string; appendix: string; party: string | null }) => `${x.taxon} (${x.appendix}${x.party ? `, ${x.party}` : ''})`,
    ],
    ['quotas added', d.quotasAdded, quota],
    ['quotas held that Species+ does not give (ended if an earlier sync brought them)', d.quotasEnded, quota],
    ['suspensions added', d.suspensionsAdded, suspension],
    ['suspensions held that Species+ does not give (ended if an earlier sync brought them)', d.suspensionsEnded, suspension],
  ];
  for (const [label, c, show] of kinds) {
    if (c.count === 0) continue;
    const first = (c.items as never[]).slice(0, shown).map(show);
    out.line(`  ${label}: ${number(c.count)}${first.length ? ` (${first.join('; ')}${c.count > first.length ? '; …' : ''})` : ''}`);
  }
  if (d.listingHistoryChanged) out.line(`  dated listing entries added, moved or removed: ${number(d.listingHistoryChanged)}`);
}

function printReport(r: SyncReport, out: Output): void {
  out.line(`${r.dryRun ? 'dry run, nothing written' : 'synced'}: ${r.source} (${(r.durationMs / 1000).toFixed(1)} s)`);
  printDiff(r.diff, out);
  if (r.summary) out.line(r.summary.changed ? `dataset version ${r.summary.datasetVersion}` : `nothing changed (dataset version ${r.summary.datasetVersion})`);
  if (r.warnings.length) out.line(`warnings: ${number(r.warnings.length)} (--json lists them)`);
}

export async function runSyncCommand(argv: string[], config: Config, openStore: () => Promise<CitesStore>, out: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, file: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
  });
  const asOf = values['as-of'];
  if (positionals.length > 0 || (asOf !== undefined && !isIsoDate(asOf))) {
    out.error(USAGE);
    return EXIT.usage;
  }
  const opts = {
    actor: `cli (${process.env.USER ?? 'unknown user'})`,
    dryRun: values['dry-run'] === true,
    today: new Date().toISOString().slice(0, 10),
    asOf,
    unpackedLimit: Number.MAX_SAFE_INTEGER,
  };
  const store = await openStore();
  try {
    let report: SyncReport;
    if (values.file !== undefined) {
      const file = await openImportFile(values.file).catch((e: Error) => {
        throw new Error(`cannot read ${values.file}: ${e.message}`);
      });
      report = await syncFromFile(store, file.stream, basename(values.file), opts);
    } else {
      report = await syncFromApi(store, config, opts);
    }
    if (values.json) out.line(JSON.stringify(report, null, 2));
    else printReport(report, out);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof FileRejected) {
      out.error(`the data was rejected, nothing was changed: ${number(e.errors.length)} error(s)`);
      for (const x of e.errors.slice(0, 50)) out.error(`  ${x.line !== undefined ? `line ${x.line}` : x.pointer || 'file'}: ${x.detail}`);
      return EXIT.failure;
    }
    if (e instanceof SpeciesPlusError || e instanceof SyncBusy || e instanceof SyncNotConfigured) {
      out.error(`sync failed, nothing was changed: ${e.message}`);
      return EXIT.failure;
    }
    throw e;
  } finally {
    await store.close();
  }
}
