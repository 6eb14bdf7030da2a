/**
 * Writes openapi/openapi.json from the route schemas, without opening a port.
 * `--check` exits 1 when the committed file differs from what the code generates.
 */
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { writeOrCheck } from './generated-file.js';

const FILE = new URL('../openapi/openapi.json', import.meta.url);

export async function generateOpenApi(): Promise<string> {
  const store = SqliteStore.open(':memory:');
  const app = await buildApp({ config: loadConfig({}), store, docsUi: false });
  await app.ready();
  const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  await store.close();
  return doc;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeOrCheck(FILE, await generateOpenApi(), 'npm run openapi');
}
