import type { FastifyInstance } from 'fastify';
import type { ZodType } from 'zod';
import { buildApp } from '../../src/app.js';
import { generateKey } from '../../src/auth/keys.js';
import { loadConfig } from '../../src/config.js';
import { Bundle, type BundleInput } from '../../src/contract/bundle.js';
import { loadBuiltinSeed, loadDefaultDataset } from '../../src/seed/index.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { RULES_BUNDLE } from '../fixtures/rules-bundle.js';

export const TEST_NOW = new Date('2026-11-01T12:00:00Z');

export interface TestApp {
  app: FastifyInstance;
  store: SqliteStore;
  close(): Promise<void>;
}

/**
 * The app on a private in-memory store: the rule fixtures (the default here), the curated
 * seed, the default dataset a fresh install serves ('dataset'), or nothing.
 */
export async function testApp(
  opts: { data?: 'rules' | 'seed' | 'dataset' | 'empty' | BundleInput; env?: Record<string, string>; logger?: object; file?: string } = {},
): Promise<TestApp> {
  const store = SqliteStore.open(opts.file ?? ':memory:', () => TEST_NOW);
  const data = opts.data ?? 'rules';
  if (data === 'seed') await loadBuiltinSeed(store);
  else if (data === 'dataset') await loadDefaultDataset(store);
  else if (data !== 'empty') await store.importBundle(Bundle.parse(data === 'rules' ? RULES_BUNDLE : data), { mode: 'merge', actor: 'test', origin: 'test' });
  // Tests that import the full Checklist block the event loop for seconds, after which load
  // shedding rightly answers 503 for a moment; only the test of load shedding turns it on.
  // Every reply is checked against its route's documented schema.
  const env = { LOAD_SHED_EVENT_LOOP_DELAY_MS: '0', CHECK_REPLIES: 'true', ...opts.env };
  const app = await buildApp({ config: loadConfig(env), store, now: () => TEST_NOW, logger: opts.logger ?? false, docsUi: true });
  await app.ready();
  return {
    app,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** Asserts that a JSON body matches the route's documented response schema. */
export function conforms<T>(schema: ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`response does not match its schema: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`);
  return parsed.data;
}

/** A new API key with this role, straight in the store (as `npm run keys -- create` does). */
export async function keyFor(t: TestApp, role: 'reader' | 'customs' | 'officer' | 'admin', name = `${role} in tests`): Promise<string> {
  const { id, key, hash } = generateKey();
  await t.store.createApiKey({ id, name, role, hash });
  return key;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
