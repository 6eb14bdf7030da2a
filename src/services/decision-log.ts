/**
 * Append-only decision log with group commit: every decision answered in the same turn
 * of the event loop is written in one transaction, and each request's reply waits for
 * that commit, so a decision id returned to a client is already durable (WAL survives a
 * process crash) while the per-decision cost stays a fraction of a single insert.
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
  private closed = false;

  constructor(private readonly store: CitesStore) {}

  /** Queues records; resolves once they are committed. */
  append(records: readonly DecisionRecord[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('decision log is closed'));
    if (this.pending === null) {
      this.pending = { records: [], waiters: [] };
      setImmediate(() => this.flush());
    }
    const batch = this.pending;
    for (const r of records) batch.records.push(r);
    return new Promise((resolve, reject) => batch.waiters.push({ resolve, reject }));
  }

  /** Writes whatever is queued now (also used at shutdown). */
  flush(): void {
    const batch = this.pending;
    if (batch === null) return;
    this.pending = null;
    try {
      this.store.saveDecisions(batch.records);
      for (const w of batch.waiters) w.resolve();
    } catch (e) {
      for (const w of batch.waiters) w.reject(e);
    }
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
