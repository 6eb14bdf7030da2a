/**
 * Trade checks per minute per caller (API key, or IP address without one): a batch counts
 * its items, not one request, so twenty 20,000-item batches cannot fill the decision log
 * in seconds under a request limit meant for single checks. A fixed one-minute window per
 * caller; over it, 429 with the seconds until the window turns.
 */
export class ItemLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Takes `items` from the caller's window; null when allowed, else the seconds to wait. */
  take(caller: string, items: number): number | null {
    if (this.perMinute <= 0) return null;
    const now = this.clock();
    let w = this.windows.get(caller);
    if (w === undefined || now - w.start >= 60_000) {
      if (this.windows.size > 50_000) this.windows.clear();
      w = { start: now, used: 0 };
      this.windows.set(caller, w);
    }
    if (w.used + items > this.perMinute) return Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
    w.used += items;
    return null;
  }
}
