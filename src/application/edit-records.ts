/**
 * Use case "keep the listings current": an officer's write (taxa, listings, reservations,
 * quotas, suspensions), checked and audited by the store, and then in force for trade checks
 * at once: the engine is rebuilt from the new dataset version, whether the write succeeded or
 * not (a failed write changed nothing, and the rebuild is then a no-op).
 */
import type { Services } from '../services/index.js';

export async function edit<T>(services: Services, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    await services.engines.refresh();
  }
}
