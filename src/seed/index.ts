/**
 * The built-in seed: a bundle written by hand from public facts (see SOURCES.md), loaded
 * into an empty store so the service is useful out of the box. The full Checklist comes
 * from the importers.
 */
import { readFileSync } from 'node:fs';
import { parseBundleText } from '../importers/bundle.js';
import { BUILTIN_SEED_FILE } from '../paths.js';

export { BUILTIN_SEED_FILE };
import type { CitesStore, ImportSummary } from '../store/types.js';


export function loadBuiltinSeed(store: CitesStore): ImportSummary {
  const { bundle } = parseBundleText(readFileSync(BUILTIN_SEED_FILE, 'utf8'));
  return store.importBundle(bundle, { mode: 'merge', actor: 'seed', origin: 'seed' });
}
