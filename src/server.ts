/**
 * Production entry point: configuration from the environment, the SQLite store (created,
 * migrated and seeded as needed), the app, and a graceful shutdown on SIGTERM/SIGINT.
 */
import { createServer } from 'node:net';
import pino from 'pino';
import { buildApp } from './app.js';
import { runSyncProcess, schedulePeriodMs, scheduleSyncs } from './services/sync-schedule.js';
import { startCheckpointer } from './db/checkpointer.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { loadDotEnv } from './env-file.js';
import { loadDefaultDataset } from './seed/index.js';
import { openStore } from './store/open.js';
import { SqliteStore } from './store/sqlite/store.js';
import type { CitesStore } from './store/types.js';

/** Whether something already listens on the port: checked before the database is touched. */
function portInUse(host: string, port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? resolve(true) : reject(e)));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}

export class StartError extends Error {}

export async function start(config: Config) {
  if (await portInUse(config.HOST, config.PORT)) {
    throw new StartError(`Port ${config.PORT} on ${config.HOST} is already in use (another copy of the service?): stop it, or set PORT to a free port.`);
  }
  const store = await openStore(config);
  // Log lines are buffered and written asynchronously (flushed every second and at exit):
  // a synchronous write per request line showed in the hot path's profile.
  const logStream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const flusher = setInterval(() => logStream.flush(), 1000);
  flusher.unref();
  const app = await buildApp({
    config,
    store: await seeded(store, config),
    logger: { level: config.LOG_LEVEL, redact: ['req.headers.authorization'], stream: logStream },
  });
  const period = schedulePeriodMs(config.SYNC_SCHEDULE);
  if (period !== null) {
    const stop = scheduleSyncs(period, () => runSyncProcess(app.log));
    app.addHook('onClose', async () => stop());
    app.log.info({ every: config.SYNC_SCHEDULE }, 'syncs from Species+ scheduled');
  }
  // WAL checkpoints are SQLite's own housekeeping (PostgreSQL does its own).
  const checkpointer = store instanceof SqliteStore && startCheckpointer(store.sqlite, 1000, (message) => app.log.warn({ message }, 'WAL checkpoint failed'));

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
      if (checkpointer) await checkpointer.stop();
      await store.close();
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

async function seeded(store: CitesStore, config: Config): Promise<CitesStore> {
  if (config.SEED === 'builtin' && (await store.isEmpty())) {
    const line = (msg: string, extra: object = {}) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg, ...extra })}\n`);
    line('empty store: loading the default dataset (the CITES Checklist, dated; a few seconds, the first time only)');
    const summary = await loadDefaultDataset(store, (step, ms) => line(`default dataset: ${step}`, { ms }));
    line('loaded the default dataset', { asOf: (await store.state()).asOf, created: summary.created });
  }
  return store;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    loadDotEnv();
    await start(loadConfig());
  } catch (e) {
    if (e instanceof ConfigError || e instanceof StartError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}
