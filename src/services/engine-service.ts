/**
 * Holds the engine built from the store's current snapshot. Trade checks read it from
 * memory, never the database; a write that changes the dataset version rebuilds it.
 */
import { createEngine, type Engine, type EnginePolicy } from '@cites-permit-check/engine';
import type { CitesStore } from '../store/types.js';

export class EngineService {
  private warm = false;
  /**
   * Refreshes run one after another: one that started before a write may have read the old
   * version, so a caller after that write gets its own look instead of sharing it.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: CitesStore,
    private readonly policy: Partial<EnginePolicy>,
    private readonly today: () => string,
    private current: Engine,
  ) {}

  static async create(store: CitesStore, policy: Partial<EnginePolicy>, today: () => string): Promise<EngineService> {
    return new EngineService(store, policy, today, createEngine(await store.snapshot(), { policy, today }));
  }

  get engine(): Engine {
    return this.current;
  }

  /**
   * Builds the name index's close-match structures now, and for every engine built after:
   * otherwise the first unknown name a caller sends pays for it (about half a second of a
   * held event loop on the full Checklist). The server turns it on before it listens.
   */
  warmUp(): void {
    this.warm = true;
    this.current.warmUp();
  }

  /** Rebuilds when the stored dataset version differs from the engine's. */
  refresh(): Promise<boolean> {
    const run = this.queue.then(
      () => this.rebuild(),
      () => this.rebuild(),
    );
    this.queue = run;
    return run;
  }

  private async rebuild(): Promise<boolean> {
    if (String((await this.store.state()).version) === this.current.datasetVersion) return false;
    this.current = createEngine(await this.store.snapshot(), { policy: this.policy, today: this.today });
    if (this.warm) this.current.warmUp();
    return true;
  }
}
