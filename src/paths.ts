/**
 * Files the service reads beside its code (migrations, the seed, package.json), found
 * from the project root so that the same code works from src/ (tsx) and from the
 * bundled dist/server.js.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the project root (package.json)');
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot();
export const MIGRATIONS_FOLDER = join(PROJECT_ROOT, 'migrations');
export const BUILTIN_SEED_FILE = join(PROJECT_ROOT, 'src', 'seed', 'builtin-bundle.json');
/** The default dataset (npm run data:build): loaded into an empty store at start. */
export const DEFAULT_DATASET_FILE = join(PROJECT_ROOT, 'dataset', 'cites-default.bundle.json.gz');
export const DATASET_DIR = join(PROJECT_ROOT, 'dataset');
export const PACKAGE_JSON = join(PROJECT_ROOT, 'package.json');
