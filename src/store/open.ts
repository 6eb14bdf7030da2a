/**
 * Opens the store the configuration names: the embedded SQLite file (DATABASE_PATH, the
 * default). Everything else depends on the port (types.ts), not on which store this is.
 */
import type { Config } from '../config.js';
import { SqliteStore } from './sqlite/store.js';
import type { CitesStore } from './types.js';

export async function openStore(config: Pick<Config, 'DATABASE_PATH'>): Promise<CitesStore> {
  return SqliteStore.open(config.DATABASE_PATH);
}
