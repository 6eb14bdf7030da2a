/**
 * What an empty store is filled with at start (SEED=builtin, the default): the default
 * dataset, the whole CITES Checklist brought to its as-of date (dataset/, npm run
 * data:build). The small hand-written bundle beside it (builtin-bundle.json) is one of the
 * dataset's inputs, and the rule fixtures' source in tests.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseBundleText } from '../importers/bundle.js';
import { BUILTIN_SEED_FILE, DEFAULT_DATASET_FILE } from '../paths.js';
import type { CitesStore, ImportSummary } from '../store/types.js';

/** The hand-written curated bundle (about 600 taxa). */
export function loadBuiltinSeed(store: CitesStore): Promise<ImportSummary> {
  const { bundle } = parseBundleText(readFileSync(BUILTIN_SEED_FILE, 'utf8'));
  return store.importBundle(bundle, { mode: 'merge', actor: 'seed', origin: 'seed' });
}

export type LoadProgress = (step: string, ms: number) => void;

/** The default dataset: the full Checklist, dated, brought to its as-of date. */
export async function loadDefaultDataset(store: CitesStore, progress: LoadProgress = () => {}): Promise<ImportSummary> {
  let t = Date.now();
  const step = (name: string) => {
    const now = Date.now();
    progress(name, now - t);
    t = now;
  };
  const text = gunzipSync(readFileSync(DEFAULT_DATASET_FILE)).toString('utf8');
  step('read');
  const { bundle } = parseBundleText(text);
  step('checked');
  const summary = await store.importBundle(bundle, { mode: 'merge', actor: 'default dataset', origin: 'dataset' });
  step('written');
  return summary;
}
