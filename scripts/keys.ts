/** `npm run keys -- create --role admin --name ops` (same as the CLI's `keys` command). */
import { main } from '../src/cli/main.js';

process.exitCode = await main(['keys', ...process.argv.slice(2)]);
