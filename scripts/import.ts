/** `npm run import -- <kind> <file> [--as-of YYYY-MM-DD] [--mode merge|replace]` (the CLI's `import`). */
import { main } from '../src/cli/main.js';

process.exitCode = await main(['import', ...process.argv.slice(2)]);
