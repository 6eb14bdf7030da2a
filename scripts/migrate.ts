/**
 * `npm run db:migrate`: apply the committed migrations to the configured store: the SQLite
 * file (created if needed), or PostgreSQL when DATABASE_URL is set (under the same advisory
 * lock the replicas take at start).
 */
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/store/open.js';

const config = loadConfig();
const store = await openStore(config);
const status = await store.health();
await store.close();
// Never the URL itself: it may carry a password.
const where = config.DATABASE_URL === undefined ? config.DATABASE_PATH : 'PostgreSQL (DATABASE_URL)';
process.stdout.write(`${where}: ${status.migrationsApplied}/${status.migrationsExpected} migrations applied\n`);
