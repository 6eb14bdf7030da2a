/**
 * The repository port: everything the HTTP layer and the importers need from storage.
 * Routes and the engine depend on this interface only, so another store can stand behind
 * it; `sqlite/` is the implementation the service ships with.
 */
import type { Bundle } from '../contract/bundle.js';
import type { Snapshot } from '../contract/snapshot.js';

export interface DatasetState {
  version: number;
  asOf: string | null;
  source: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface ImportOptions {
  /** merge: add and update by natural keys; replace: the store becomes exactly the bundle. */
  mode: 'merge' | 'replace';
  actor: string;
  /** Provenance tag written on created records (import kind, "seed", "officer"). */
  origin: string;
  /**
   * For an import of a complete official file: dated records of this origin that the
   * bundle no longer contains are ended on `date` (effectiveTo), not deleted.
   */
  endMissing?: { date: string } | undefined;
}

export interface ImportError {
  /** JSON pointer into the imported document (e.g. /taxa/12/parent) or a file location. */
  pointer: string;
  detail: string;
  line?: number;
  column?: string;
}

export interface ImportSummary {
  datasetVersion: number;
  changed: boolean;
  created: Record<string, number>;
  updated: Record<string, number>;
  ended: Record<string, number>;
  unchanged: Record<string, number>;
  warnings: string[];
}

export class BundleRejected extends Error {
  constructor(readonly errors: ImportError[]) {
    super(`${errors.length} error(s); nothing was changed`);
  }
}

export interface TaxonDetails {
  id: string;
  name: string;
  rank: string;
  kingdom: string;
  author: string | null;
  externalId: string | null;
  parentId: string | null;
  distribution: string[];
  synonyms: { name: string; author: string | null }[];
  commonNames: { lang: string; name: string }[];
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export interface PartyRecord {
  code: string;
  name: string;
  entryIntoForce: string | null;
  left: string | null;
  territoryOf: string | null;
}

export interface CodeRecord {
  code: string;
  en: string;
  es: string | null;
  fr: string | null;
}

export interface DecisionRecord {
  id: string;
  createdAt: string;
  datasetVersion: string;
  decision: string;
  apiKeyId: string | null;
  /** JSON text, stored as received (after validation) and as answered. */
  request: string;
  result: string;
}

/** The repository port the HTTP layer, importers and CLI depend on. */
export interface CitesStore {
  state(): DatasetState;
  isEmpty(): boolean;
  importBundle(bundle: Bundle, opts: ImportOptions): ImportSummary;
  exportBundle(): Bundle;
  snapshot(): Snapshot;
  taxon(id: string): TaxonDetails | null;
  parties(): PartyRecord[];
  codes(kind: 'sources' | 'purposes' | 'terms' | 'units'): CodeRecord[];
  saveDecisions(records: readonly DecisionRecord[]): void;
  decision(id: string): DecisionRecord | null;
  health(): { open: boolean; migrationsApplied: number; migrationsExpected: number };
  close(): void;
}
