/** Entry point of the bundled command-line tool (dist/cli.js), used where the sources are not shipped (the container). */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
