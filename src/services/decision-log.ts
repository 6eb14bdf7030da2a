/**
 * Append-only decision log with group commit: every decision answered in the same turn
 * of the event loop is written in one transaction, and each request's reply waits for
 * that commit, so a decision id returned to a client is already durable (WAL survives a
 * process crash) while the per-decision cost stays a fraction of a single insert. On
 * PostgreSQL a commit takes a round trip: decisions answered while one is in flight queue
 * up and go out together in the next (one multi-row insert), so a busy replica still writes
 * one transaction at a time, not one per request.
 */
import { randomUUID } from 'node:crypto';
import type { CitesStore, DecisionRecord } from '../store/types.js';

let counter = 0;

/**
 * Time-ordered, unguessable id: 12 hex digits of milliseconds, a counter, 60 random bits.
 * The random bits come from randomUUID, which draws on a pre-filled pool (randomBytes per
 * id made a system call per trade check and showed in the profile).
 */
export function newDecisionId(now = Date.now()): string {
  counter = (counter + 1) & 0xffff;
  const random = randomUUID();
  return `${now.toString(16).padStart(12, '0')}${counter.toString(16).padStart(4, '0')}${random.slice(0, 8)}${random.slice(9, 13)}${random.slice(14, 18)}`;
}

interface Pending {
  records: DecisionRecord[];
  waiters: { resolve: () => void; reject: (e: unknown) => void }[];
}

export class DecisionLog {
  private pending: Pending | null = null;
  /** The commit under way, if any: the next batch waits for it (one writer at a time). */
  private writing: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;

  constructor(private readonly store: CitesStore) {}

  /** Queues records; resolves once they are committed. */
  append(records: readonly DecisionRecord[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('decision log is closed'));
    this.pending ??= { records: [], waiters: [] };
    const batch = this.pending;
    for (const r of records) batch.records.push(r);
    this.schedule();
    return new Promise((resolve, reject) => batch.waiters.push({ resolve, reject }));
  }

  private schedule(): void {
    if (this.scheduled || this.writing !== null) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  /** Writes whatever is queued (also used at shutdown); resolves when nothing is left to write. */
  async flush(): Promise<void> {
    while (this.writing !== null) await this.writing;
    const batch = this.pending;
    if (batch === null) return;
    this.pending = null;
    this.writing = this.write(batch);
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
    // Decisions queued during the commit go out in the next one.
    if (this.pending !== null) this.schedule();
  }

  private async write(batch: Pending): Promise<void> {
    try {
      await this.store.saveDecisions(batch.records);
      for (const w of batch.waiters) w.resolve();
    } catch (e) {
      for (const w of batch.waiters) w.reject(e);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
}
