/**
 * Holds the engine built from the store's current snapshot. Trade checks read it from
 * memory, never the database; a write that changes the dataset version rebuilds it.
 */
import { createEngine, type Engine, type EnginePolicy } from '@cites-permit-check/engine';
import type { CitesStore } from '../store/types.js';

export class EngineService {
  private current: Engine;
  private warm = false;

  constructor(
    private readonly store: CitesStore,
    private readonly policy: Partial<EnginePolicy>,
    private readonly today: () => string,
  ) {
    this.current = this.build();
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
  refresh(): boolean {
    if (String(this.store.state().version) === this.current.datasetVersion) return false;
    this.current = this.build();
    if (this.warm) this.current.warmUp();
    return true;
  }

  private build(): Engine {
    return createEngine(this.store.snapshot(), { policy: this.policy, today: this.today });
  }
}
