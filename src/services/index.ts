import type { MinuteLimiter } from './minute-limiter.js';
import type { Config } from '../config.js';
import type { CitesStore } from '../store/types.js';
import type { DecisionLog } from './decision-log.js';
import type { EngineService } from './engine-service.js';

/** What route handlers may use: the store behind its port, the engine, the decision log, a clock. */
export interface Services {
  config: Config;
  store: CitesStore;
  engines: EngineService;
  decisions: DecisionLog;
  /** When a write last failed for a full disk (ms since epoch), for /ready. */
  storage: { fullAt: number | null };
  /** Trade checks per minute per caller, batch items counted one by one. */
  items: MinuteLimiter;
  now(): Date;
  /** Today's date, UTC, YYYY-MM-DD. */
  today(): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}
