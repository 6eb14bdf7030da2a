/**
 * The server the HTTP benchmarks load: the real app (all plugins, hooks, logging, decision
 * storage) on a copy of the full-Checklist database, plus the two baselines measured in the
 * same process: a bare route returning fixed JSON, and a route that validates the same
 * request body with the same zod schema and echoes it. Bundled like dist/server.js.
 */
import type { FastifyInstance } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startCheckpointer } from '../src/db/checkpointer.js';
import { TradeCheckRequest } from '@cites-permit-check/engine/contract/trade-check';
import { SqliteStore } from '../src/store/sqlite/store.js';

const config = loadConfig();
const store = SqliteStore.open(config.DATABASE_PATH);
const logStream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
const app = await buildApp({ config, store, logger: { level: config.LOG_LEVEL, stream: logStream } });
const checkpointer = startCheckpointer(store.sqlite); // as src/server.ts does

await app.register(async (scope: FastifyInstance) => {
  scope.setValidatorCompiler(validatorCompiler);
  scope.setSerializerCompiler(() => (data) => JSON.stringify(data));
  const r = scope.withTypeProvider<ZodTypeProvider>();
  const fixed = { ok: true, service: 'cites-permit-check' };
  r.post('/bench/bare', { config: { access: 'public' } }, async () => fixed);
  r.post('/bench/echo', { config: { access: 'public' }, schema: { body: TradeCheckRequest } }, async (req) => req.body);
});

await app.listen({ port: config.PORT, host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await checkpointer?.stop();
  await store.close();
  logStream.flushSync();
  process.exit(0);
});
