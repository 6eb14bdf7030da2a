/**
 * Writes openapi/openapi.json from the route schemas, without opening a port.
 * `--check` exits 1 when the committed file differs from what the code generates.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const FILE = new URL('../openapi/openapi.json', import.meta.url);

export async function generateOpenApi(): Promise<string> {
  const store = SqliteStore.open(':memory:');
  const app = await buildApp({ config: loadConfig({}), store, docsUi: false });
  await app.ready();
  const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
  await app.close();
  store.close();
  return doc;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = await generateOpenApi();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(FILE, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (committed !== doc) {
      process.stderr.write('openapi/openapi.json is stale: run `npm run openapi` and commit the result.\n');
      process.exit(1);
    }
    process.stdout.write('openapi/openapi.json is up to date.\n');
  } else {
    mkdirSync(new URL('../openapi/', import.meta.url), { recursive: true });
    writeFileSync(FILE, doc);
    process.stdout.write('wrote openapi/openapi.json\n');
  }
}
