/**
 * A fixed one-minute window per caller (API key, or IP address without one), used for two
 * limits: requests per minute (plugins/request-limit.ts) and trade checks per minute, where a
 * batch counts its items, not one request, so twenty 20,000-item batches cannot fill the
 * decision log in seconds under a request limit meant for single checks. Over the limit:
 * 429 with the seconds until the window turns. Synchronous and allocation-free on the hot
 * path (a request costs a map lookup).
 */
export class MinuteLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    /** The default limit; 0 switches the limiter off. */
    private readonly perMinute: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Takes `amount` from the caller's window; null when allowed, else the seconds to wait. */
  take(caller: string, amount: number, max = this.perMinute): number | null {
    if (max <= 0) return null;
    const now = this.clock();
    let w = this.windows.get(caller);
    if (w === undefined || now - w.start >= 60_000) {
      if (this.windows.size > 50_000) this.windows.clear();
      w = { start: now, used: 0 };
      this.windows.set(caller, w);
    }
    if (w.used + amount > max) return this.secondsLeft(w, now);
    w.used += amount;
    return null;
  }

  /** What is left of the caller's window: the amount and the seconds until it turns. */
  left(caller: string, max = this.perMinute): { remaining: number; resetSeconds: number } {
    const now = this.clock();
    const w = this.windows.get(caller);
    if (w === undefined || now - w.start >= 60_000) return { remaining: max, resetSeconds: 60 };
    return { remaining: Math.max(0, max - w.used), resetSeconds: this.secondsLeft(w, now) };
  }

  private secondsLeft(w: { start: number }, now: number): number {
    return Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
  }
}
