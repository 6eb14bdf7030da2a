/**
 * Child process for the crash-safety test: imports the Index into the SQLite file named on
 * the command line and says when it starts writing, so that the test can kill it then.
 *   node --import tsx tests/importers/crash-child.ts <database> <index file>
 */
import { createReadStream } from 'node:fs';
import { runImport } from '../../src/importers/index.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';

const [database, file] = process.argv.slice(2) as [string, string];
const store = SqliteStore.open(database);
await runImport(store, 'index', createReadStream(file), {
  actor: 'crash-test',
  asOf: '2017-04-21',
  // stdout to a pipe is written synchronously on Linux: the line is out before the transaction starts.
  progress: (p) => {
    if (p.phase === 'writing') process.stdout.write('WRITING\n');
  },
});
process.stdout.write('DONE\n');
await store.close();
