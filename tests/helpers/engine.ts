import { Bundle, type BundleInput } from '../../src/contract/bundle.js';
import type { Snapshot } from '@cites-permit-check/engine/contract/snapshot';
import { createEngine, type Engine, type EnginePolicy } from '@cites-permit-check/engine';
import { openDatabase } from '../../src/db/client.js';
import { importBundle } from '../../src/store/sqlite/bundle-import.js';
import { buildSnapshot } from '../../src/store/sqlite/export.js';
import { RULES_BUNDLE } from '../fixtures/rules-bundle.js';

/**
 * Loads a bundle into a private in-memory SQLite store and returns its engine snapshot. The
 * store's synchronous internals, so the engine tests build their engines without a promise.
 */
export function snapshotOf(bundle: BundleInput): Snapshot {
  const db = openDatabase(':memory:');
  importBundle(db, Bundle.parse(bundle), { mode: 'merge', actor: 'test', origin: 'test' }, new Date().toISOString());
  const snapshot = buildSnapshot(db);
  db.$client.close();
  return snapshot;
}

let rulesSnapshot: Snapshot | null = null;

/** The engine over the rule fixtures; today is fixed so that results never drift. */
export function rulesEngine(policy: Partial<EnginePolicy> = {}, today = '2026-11-01'): Engine {
  rulesSnapshot ??= snapshotOf(RULES_BUNDLE);
  return createEngine(rulesSnapshot, { policy, today: () => today });
}

type Request = Parameters<Engine['check']>[0] & Record<string, unknown>;

/** Checks a trade that must evaluate (not a problem) and returns the result. */
export function decide(engine: Engine, request: Request) {
  const result = engine.check(request);
  if ('status' in result) throw new Error(`expected a decision, got ${JSON.stringify(result)}`);
  return result;
}

export const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);
export const docs = (r: { documents: { type: string; issuer: string }[] }) => r.documents.map((d) => `${d.type}@${d.issuer}`).sort();
