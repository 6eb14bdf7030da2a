/**
 * The built-in seed: a bundle written by hand from public facts (see SOURCES.md), loaded
 * into an empty store so the service is useful out of the box. The full Checklist comes
 * from the importers.
 */
import { readFileSync } from 'node:fs';
import { parseBundleText } from '../importers/bundle.js';
import type { CitesStore, ImportSummary } from '../store/types.js';

export const BUILTIN_SEED_FILE = new URL('./builtin-bundle.json', import.meta.url);

export function loadBuiltinSeed(store: CitesStore): ImportSummary {
  const { bundle } = parseBundleText(readFileSync(BUILTIN_SEED_FILE, 'utf8'));
  return store.importBundle(bundle, { mode: 'merge', actor: 'seed', origin: 'seed' });
}
