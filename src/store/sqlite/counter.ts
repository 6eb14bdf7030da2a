/** Per-kind counts of what an import created, updated, ended or left alone. */
export class Counter {
  readonly created: Record<string, number> = {};
  readonly updated: Record<string, number> = {};
  readonly ended: Record<string, number> = {};
  readonly unchanged: Record<string, number> = {};

  private static bump(into: Record<string, number>, kind: string, n = 1) {
    into[kind] = (into[kind] ?? 0) + n;
  }
  create(kind: string, n = 1) {
    Counter.bump(this.created, kind, n);
  }
  update(kind: string, n = 1) {
    Counter.bump(this.updated, kind, n);
  }
  end(kind: string, n = 1) {
    Counter.bump(this.ended, kind, n);
  }
  same(kind: string, n = 1) {
    Counter.bump(this.unchanged, kind, n);
  }

  get changed(): boolean {
    return [this.created, this.updated, this.ended].some((m) => Object.values(m).some((n) => n > 0));
  }
}
