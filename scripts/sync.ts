/** `npm run sync -- [--dry-run] [--file cites_eu_en.ndjson.gz] [--as-of YYYY-MM-DD] [--json]` (the CLI's `sync`). */
import { main } from '../src/cli/main.js';

process.exitCode = await main(['sync', ...process.argv.slice(2)]);
