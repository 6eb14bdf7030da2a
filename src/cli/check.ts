/**
 * `check`: one trade from flags, or a CSV/JSON file of many with a results file and a
 * summary. Decides with the local store (default), a snapshot file (no database), or a
 * running server. Exit code: 0 all decided and none denied, 10 some denied, 3 some items
 * invalid, 2 usage error.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Problem } from '@cites-permit-check/engine/contract/problem';
import type { TradeCheckResult } from '@cites-permit-check/engine/contract/trade-check';
import { createEngine, isProblem, type Engine } from '@cites-permit-check/engine';
import { ProgressLine, table, type Output } from './output.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, invalid: 3, denied: 10 } as const;

const REQUEST_FIELDS = ['taxon', 'taxonId', 'exporter', 'importer', 'origin', 'purpose', 'source', 'term', 'quantity', 'unit', 'date'] as const;

export interface CheckOptions {
  file?: string | undefined;
  out?: string | undefined;
  json?: boolean | undefined;
  snapshot?: string | undefined;
  server?: string | undefined;
  key?: string | undefined;
  /** Single trade from flags. */
  flags: Partial<Record<(typeof REQUEST_FIELDS)[number], string>>;
}

type Result = TradeCheckResult | Problem;

/** Turns a CSV row or flags (all strings) into a request: numbers for quantity, blanks dropped. */
function requestOf(fields: Record<string, string | undefined>): Record<string, unknown> {
  const req: Record<string, unknown> = {};
  for (const f of REQUEST_FIELDS) {
    const v = fields[f]?.trim();
    if (v === undefined || v === '') continue;
    req[f] = f === 'quantity' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return req;
}

function readRequests(file: string): Record<string, unknown>[] {
  const text = readFileSync(file, 'utf8');
  if (/\.json$/i.test(file) || /^\s*[[{]/.test(text)) {
    const value = JSON.parse(text) as unknown;
    const items = Array.isArray(value) ? value : (value as { items?: unknown[] }).items;
    if (!Array.isArray(items)) throw new Error(`${file}: expected a JSON array of trades or { "items": [...] }`);
    return items as Record<string, unknown>[];
  }
  const rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  return rows.map(requestOf);
}

async function decideRemotely(server: string, key: string | undefined, items: unknown[], progress: ProgressLine | null): Promise<Result[]> {
  const results: Result[] = [];
  for (let i = 0; i < items.length; i += 5000) {
    const res = await fetch(`${server.replace(/\/$/, '')}/v1/trade-checks/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ items: items.slice(i, i + 5000) }),
    });
    if (!res.ok) throw new Error(`${server} answered ${res.status}: ${await res.text()}`);
    results.push(...((await res.json()) as { results: Result[] }).results);
    progress?.update(results.length);
  }
  return results;
}

function decideLocally(engine: Engine, items: unknown[], progress: ProgressLine | null): Result[] {
  return items.map((item, i) => {
    if (progress && i % 500 === 0) progress.update(i);
    return engine.check(item);
  });
}

const docText = (r: TradeCheckResult) => r.documents.map((d) => `${d.type}${d.inLieuOf ? ` (for ${d.inLieuOf})` : ''} [${d.issuer}]`).join(' + ') || '—';

function rowOf(i: number, item: Record<string, unknown>, r: Result): string[] {
  if (isProblem(r)) return [String(i + 1), String(item.taxon ?? item.taxonId ?? ''), 'INVALID', '', r.detail ?? r.title, ''];
  return [
    String(i + 1),
    r.taxon.name,
    r.decision + (r.reviewRequired ? ' (review)' : ''),
    r.appendix ?? '—',
    docText(r),
    r.reasons.map((x) => `${x.code} (${x.article})`).join('; '),
  ];
}

/**
 * One CSV cell. A cell a spreadsheet would run as a formula (=, +, -, @, tab or carriage
 * return first: "=HYPERLINK(...)" in a taxon name) is prefixed with an apostrophe, the
 * OWASP-recommended neutralisation; quoting as RFC 4180 requires.
 */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function writeResults(file: string, items: Record<string, unknown>[], results: Result[]): void {
  if (/\.csv$/i.test(file)) {
    const header = ['item', 'taxon', 'decision', 'appendix', 'documents', 'reasons', 'reviewRequired', 'error'];
    const lines = results.map((r, i) =>
      isProblem(r)
        ? [String(i + 1), String(items[i]?.taxon ?? ''), 'invalid', '', '', '', '', r.detail ?? r.title]
        : [String(i + 1), r.taxon.name, r.decision, r.appendix ?? '', docText(r), r.reasons.map((x) => x.code).join(' '), String(r.reviewRequired), ''],
    );
    writeFileSync(file, `${[header, ...lines].map((l) => l.map(csvCell).join(',')).join('\n')}\n`);
  } else {
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  }
}

interface Summary {
  items: number;
  allow: number;
  'needs-permit': number;
  deny: number;
  invalid: number;
}

function summarise(results: Result[]): Summary {
  const s: Summary = { items: results.length, allow: 0, 'needs-permit': 0, deny: 0, invalid: 0 };
  for (const r of results) {
    if (isProblem(r)) s.invalid++;
    else s[r.decision]++;
  }
  return s;
}

function exitCodeOf(s: Summary): number {
  return s.invalid > 0 ? EXIT.invalid : s.deny > 0 ? EXIT.denied : EXIT.ok;
}

export async function runCheck(opts: CheckOptions, engineFromStore: () => Promise<Engine>, out: Output): Promise<number> {
  const items = opts.file ? readRequests(opts.file) : [requestOf(opts.flags)];
  if (!opts.file && items[0]!.taxon === undefined && items[0]!.taxonId === undefined) {
    out.error('check: give --taxon (and --exporter, --importer, --purpose, --source), or --file trades.csv');
    return EXIT.usage;
  }
  const progress = items.length > 1000 ? new ProgressLine('checking', items.length) : null;
  let results: Result[];
  if (opts.server) results = await decideRemotely(opts.server, opts.key, items, progress);
  else {
    const engine = opts.snapshot ? createEngine(JSON.parse(readFileSync(opts.snapshot, 'utf8'))) : await engineFromStore();
    results = decideLocally(engine, items, progress);
  }
  const summary = summarise(results);
  progress?.done(`${summary.items.toLocaleString('en')} items`);
  if (opts.out) writeResults(opts.out, items, results);
  if (opts.json) {
    out.line(JSON.stringify(opts.file ? { results: opts.out ? undefined : results, summary } : results[0]));
  } else {
    if (!opts.out || items.length <= 50) {
      out.line(
        table(
          ['#', 'taxon', 'decision', 'appendix', 'documents', 'reasons'],
          results.map((r, i) => rowOf(i, items[i]!, r)),
          out.tty ? 60 : 200,
        ),
      );
    }
    out.line(
      `${summary.items} item(s): ${summary.allow} allow, ${summary['needs-permit']} needs-permit, ${summary.deny} deny, ${summary.invalid} invalid` +
        (opts.out ? ` — results in ${opts.out}` : ''),
    );
  }
  return exitCodeOf(summary);
}
