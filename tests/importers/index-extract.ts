/**
 * Small Index files made, in memory or in a temporary directory, from real rows of the 2017
 * Index (never stored in the repository): the header and the records of the taxa named.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataFile } from './shared-data.js';

let cache: { header: string; records: Map<string, string> } | null = null;

/** Records start with "TaxonId,Kingdom," at the beginning of a line; quoted fields may hold newlines. */
function load() {
  if (cache) return cache;
  const text = gunzipSync(readFileSync(dataFile('index'))).toString('utf8');
  const [header, ...records] = text.split(/\r?\n(?=\d+,(?:Animalia|Plantae),)/);
  const byName = new Map<string, string>();
  // FullName is the tenth field; the nine before it are never quoted.
  for (const r of records) byName.set(r.split(',', 10)[9]!, r.replace(/\r?\n$/, ''));
  cache = { header: header!, records: byName };
  return cache;
}

export function indexRecord(name: string): string {
  const record = load().records.get(name);
  if (record === undefined) throw new Error(`no row for ${name} in the Index`);
  return record;
}

/** A CSV file with the Index header and these rows (records may be edited first). */
export function indexFile(records: readonly string[]): string {
  return `${load().header}\n${records.join('\n')}\n`;
}

/** Line on which each record starts in `indexFile(records)`. */
export function startLines(records: readonly string[]): number[] {
  let line = 2;
  return records.map((r) => {
    const start = line;
    line += 1 + (r.match(/\n/g)?.length ?? 0);
    return start;
  });
}
