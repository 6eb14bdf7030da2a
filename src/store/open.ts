/**
 * Opens the store the configuration names: PostgreSQL when DATABASE_URL is set (several
 * replicas on one database), else the embedded SQLite file at DATABASE_PATH. Everything else
 * depends on the port (types.ts), not on which store this is.
 */
import type { Config } from '../config.js';
import { SqliteStore } from './sqlite/store.js';
import type { CitesStore } from './types.js';

export async function openStore(config: Pick<Config, 'DATABASE_PATH' | 'DATABASE_URL'>): Promise<CitesStore> {
  if (config.DATABASE_URL !== undefined) {
    // Loaded only when asked for: the embedded default never loads the PostgreSQL driver.
    const { PostgresStore } = await import('./postgres/store.js');
    return PostgresStore.open(config.DATABASE_URL);
  }
  return SqliteStore.open(config.DATABASE_PATH);
}
