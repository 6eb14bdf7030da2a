/**
 * What the sync tests share: a store that knows the Parties and code lists (from the built-in
 * seed) and no taxa, as a deployment that syncs everything from Species+ starts; and the
 * hand-written bulk sample (tests/fixtures/species-plus/bulk-sample.ndjson, in the shape of
 * /shared/docs/species-plus.md, with simplified listing facts).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { BUILTIN_SEED_FILE } from '../../src/paths.js';
import { testApp, type TestApp } from '../helpers/app.js';

export const BULK_SAMPLE_PATH = new URL('../fixtures/species-plus/bulk-sample.ndjson', import.meta.url);
export const BULK_SAMPLE = readFileSync(BULK_SAMPLE_PATH, 'utf8');
export const bulkGz = (text: string = BULK_SAMPLE) => gzipSync(Buffer.from(text));

/** The bulk sample's lines as objects (to derive variants and API pages from). */
export const sampleConcepts = (): (Record<string, unknown> & { id: number; updated_at?: string })[] =>
  BULK_SAMPLE.split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

export async function partiesOnlyApp(env: Record<string, string> = {}): Promise<TestApp> {
  const seed = JSON.parse(readFileSync(BUILTIN_SEED_FILE, 'utf8'));
  return testApp({ data: { format: 'cites-bundle/1', asOf: seed.asOf, parties: seed.parties, codes: seed.codes }, env });
}
