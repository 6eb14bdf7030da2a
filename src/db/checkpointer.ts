/**
 * WAL checkpoints off the event loop.
 *
 * SQLite checkpoints the WAL into the database file on the connection that happens to
 * commit when the WAL passes 1,000 pages, and that checkpoint (with its fsyncs) runs
 * inside the commit: with better-sqlite3 the whole event loop waits. Under steady trade
 * checks that was a 5–20 ms stall every few thousand decisions, felt by every request in
 * flight (bench/commits.ts measures it). The server therefore turns automatic checkpoints
 * off on its own connection and lets a worker thread with a second connection run PASSIVE
 * checkpoints, which never block the writer or the readers.
 *
 * The worker is inline CommonJS so it needs no separate build entry and runs the same
 * under tsx, vitest and the bundled dist/server.js. If it stops for any reason the main
 * connection gets its automatic checkpoints back, so the WAL cannot grow without bound.
 */
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e)); }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** SQLite's default: automatic checkpoint when the WAL reaches this many pages. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface Checkpointer {
  /** Stops the worker; the caller closes the main connection afterwards (a last checkpoint). */
  stop(): Promise<void>;
}

export function startCheckpointer(sqlite: Database.Database, everyMs = 1000, onError: (message: string) => void = () => {}): Checkpointer | null {
  if (sqlite.memory || sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: sqlite.name, driver, everyMs } });
  sqlite.pragma('wal_autocheckpoint = 0');
  const restoreAutomatic = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  };
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      restoreAutomatic();
      resolve();
    }),
  );
  worker.on('message', (m: string) => onError(m));
  worker.on('error', (e) => onError(String(e)));
  worker.unref();
  return {
    async stop() {
      worker.ref(); // keep the process alive until the worker has closed its connection
      worker.postMessage('stop');
      await exited;
    },
  };
}
