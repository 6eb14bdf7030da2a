/** `npm run db:migrate`: create the SQLite file if needed and apply the committed migrations. */
import { loadConfig } from '../src/config.js';
import { migrationStatus, openDatabase } from '../src/db/client.js';

const config = loadConfig();
const db = openDatabase(config.DATABASE_PATH);
const status = migrationStatus(db);
db.$client.close();
process.stdout.write(`${config.DATABASE_PATH}: ${status.applied}/${status.expected} migrations applied\n`);
