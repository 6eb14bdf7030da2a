/**
 * Production entry point: configuration from the environment, the SQLite store (created,
 * migrated and seeded as needed), the app, and a graceful shutdown on SIGTERM/SIGINT.
 */
import pino from 'pino';
import { buildApp } from './app.js';
import { startCheckpointer } from './db/checkpointer.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { loadDefaultDataset } from './seed/index.js';
import { SqliteStore } from './store/sqlite/store.js';

export async function start(config: Config) {
  const store = SqliteStore.open(config.DATABASE_PATH);
  // Log lines are buffered and written asynchronously (flushed every second and at exit):
  // a synchronous write per request line showed in the hot path's profile.
  const logStream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const flusher = setInterval(() => logStream.flush(), 1000);
  flusher.unref();
  const app = await buildApp({
    config,
    store: seeded(store, config),
    logger: { level: config.LOG_LEVEL, redact: ['req.headers.authorization'], stream: logStream },
  });
  const checkpointer = startCheckpointer(store.sqlite, 1000, (message) => app.log.warn({ message }, 'WAL checkpoint failed'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out');
      logStream.flushSync();
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    // Clients on keep-alive connections can keep a socket busy forever; once in-flight
    // requests have had a fair chance to finish, close whatever is left.
    const force = setTimeout(() => app.server.closeAllConnections(), Math.min(3000, config.SHUTDOWN_TIMEOUT_MS / 2));
    force.unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests, flushes the decision log
      await checkpointer?.stop();
      store.close();
      logStream.flushSync();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      logStream.flushSync();
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  app.services.engines.warmUp(); // before the first caller, not during its request
  await app.listen({ port: config.PORT, host: config.HOST });
  return app;
}

function seeded(store: SqliteStore, config: Config): SqliteStore {
  if (config.SEED === 'builtin' && store.isEmpty()) {
    const line = (msg: string, extra: object = {}) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg, ...extra })}\n`);
    line('empty store: loading the default dataset (the CITES Checklist, dated; about 15 s the first time)');
    const summary = loadDefaultDataset(store, (step, ms) => line(`default dataset: ${step}`, { ms }));
    line('loaded the default dataset', { asOf: store.state().asOf, created: summary.created });
  }
  return store;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await start(loadConfig());
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}
