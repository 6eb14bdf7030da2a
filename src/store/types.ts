/**
 * The repository port: everything the HTTP layer and the importers need from storage.
 * Routes and the engine depend on this interface only, so another store can stand behind
 * it; `sqlite/` is the implementation the service ships with.
 */
import type { Bundle, BundleListing, Provenance, BundleQuota, BundleReservation, BundleSuspension, BundleTaxon } from '../contract/bundle.js';
import type { z } from 'zod';
import type { ApiKey, AuditEntry } from '../contract/admin.js';
import type { ImportSummary } from '../contract/imports.js';
import type { Endorsement, NewPermit, PermitRecord, PermitStatusChange } from '../contract/permits.js';
import type { RecordMeta as RecordMetaSchema, TaxonRecord } from '../contract/records.js';
import type { Snapshot } from '@cites-permit-check/engine/contract/snapshot';
import type { QuotaDraw } from '@cites-permit-check/engine';
import type { CodeView, PartyView } from '../contract/taxa.js';

export interface DatasetState {
  version: number;
  asOf: string | null;
  source: string | null;
  provenance: Provenance | null;
  updatedAt: string;
  updatedBy: string;
}

export interface ImportOptions {
  /** merge: add and update by natural keys; replace: the store becomes exactly the bundle. */
  mode: 'merge' | 'replace';
  /**
   * replace only: the largest share (0–1) of the stored taxa, listings or Parties the bundle
   * may remove; beyond it the import is refused unless `confirmed`. Absent: no limit.
   */
  maxRemovedShare?: number | undefined;
  confirmed?: boolean | undefined;
  actor: string;
  /** Provenance tag written on created records (import kind, "seed", "officer"). */
  origin: string;
  /**
   * For an import of a complete official file: dated records of this origin that the
   * bundle no longer contains are ended on `date` (effectiveTo), not deleted.
   */
  endMissing?: { date: string } | undefined;
  /**
   * An official file gives the current state, not start dates: a listing that continues an
   * open entry of the same origin and scope keeps that entry (and its start date).
   */
  continueOpenEntries?: boolean | undefined;
  /** Stored listings of these origins, for taxa the bundle lists, are replaced by the bundle's. */
  replacesListingsOf?: string[] | undefined;
  /**
   * Stored listings of these origins, for taxa the bundle lists, end on `from` (the bundle
   * takes over then; their history before it stays).
   */
  supersedesListingsOf?: { origins: string[]; from: string } | undefined;
  /** The bundle's listings of a taxon are skipped when it already has listings of these origins. */
  yieldsListingsTo?: string[] | undefined;
}

export interface ImportError {
  /** JSON pointer into the imported document (e.g. /taxa/12/parent) or a file location. */
  pointer: string;
  detail: string;
  line?: number;
  column?: string;
}

export type { ImportSummary };

export class BundleRejected extends Error {
  constructor(readonly errors: ImportError[]) {
    super(`${errors.length} error(s); nothing was changed`);
  }
}

/** A stored taxon with its names and who last changed it. */
export type TaxonDetails = z.output<typeof TaxonRecord>;

export type PartyRecord = Omit<z.output<typeof PartyView>, 'isParty'>;

export type CodeRecord = z.output<typeof CodeView>;

export interface DecisionRecord {
  id: string;
  createdAt: string;
  datasetVersion: string;
  decision: string;
  apiKeyId: string | null;
  /** JSON text, stored as received (after validation) and as answered. */
  request: string;
  /**
   * The answer as JSON. When writing, it may refer to shared `parts` as {"$ref":"<key>"};
   * when read back it is always the full text, exactly as answered.
   */
  result: string;
  parts?: readonly { key: string; text: string }[];
}

/** Who last changed a record and its revision (the ETag officers send back with If-Match). */
export type RecordMeta = z.output<typeof RecordMetaSchema>;

export type ListingRecord = BundleListing & RecordMeta;

export type RestrictionKind = 'reservations' | 'quotas' | 'suspensions';
export type RestrictionOf<K extends RestrictionKind> = K extends 'reservations' ? BundleReservation : K extends 'quotas' ? BundleQuota : BundleSuspension;

/** The revision sent with If-Match is no longer the stored one. */
/** A document that cannot be endorsed: already used for a consignment, cancelled, replaced, lost or stolen. */
export class DocumentInUse extends Error {
  constructor(
    readonly status: string,
    readonly usedOn: string | null,
  ) {
    super(usedOn === null ? `the document is ${status}` : `the document was used on ${usedOn}`);
  }
}

export class StaleRevision extends Error {
  constructor(readonly current: number) {
    super(`the record is at revision ${current}`);
  }
}

export type ApiKeyRecord = ApiKey;

export type AuditRecord = AuditEntry;

/** One sync from Species+ (issue 20), as recorded. */
export interface SyncRun {
  id: number;
  via: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed';
  actor: string;
  source: string;
  apiTime: string | null;
  progress: string | null;
  error: string | null;
  datasetVersion: number | null;
  changes: string | null;
}
export type NewSyncRun = Pick<SyncRun, 'via' | 'actor' | 'source' | 'apiTime' | 'progress'>;
export type SyncRunChange = Partial<Pick<SyncRun, 'status' | 'finishedAt' | 'apiTime' | 'progress' | 'error' | 'datasetVersion' | 'changes'>>;

/**
 * The repository port the HTTP layer, importers and CLI depend on. Every method is async so a
 * networked store (PostgreSQL) can stand behind it; the SQLite store answers with resolved
 * promises and keeps each write inside one synchronous transaction. Trade checks never wait
 * on it (they read the in-memory engine) except for the decision log's group commit.
 */
export interface CitesStore {
  state(): Promise<DatasetState>;
  isEmpty(): Promise<boolean>;
  /** The latest start date of the listings of these origins (null: none stored). */
  latestListingStart(origins: readonly string[]): Promise<string | null>;
  importBundle(bundle: Bundle, opts: ImportOptions): Promise<ImportSummary>;
  exportBundle(): Promise<Bundle>;
  snapshot(): Promise<Snapshot>;
  /** The same snapshot as JSON text (cached per dataset version). */
  snapshotJson(): Promise<string>;
  taxon(id: string): Promise<TaxonDetails | null>;
  /** Accepted name of every taxon that came from an import with an external (Species+) id. */
  namesByExternalId(): Promise<Map<string, string>>;
  parties(): Promise<PartyRecord[]>;
  codes(kind: 'sources' | 'purposes' | 'terms' | 'units'): Promise<CodeRecord[]>;
  saveDecisions(records: readonly DecisionRecord[]): Promise<void>;
  decision(id: string): Promise<DecisionRecord | null>;
  decisions(filter: { from?: string; to?: string; decision?: string; apiKeyId?: string; limit: number; before?: string }): Promise<DecisionRecord[]>;
  audit(filter: { entity?: string; entityId?: string; limit: number; before?: number }): Promise<AuditRecord[]>;

  createApiKey(key: { id: string; name: string; role: ApiKeyRecord['role']; hash: string }): Promise<ApiKeyRecord>;
  apiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  apiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, actor: string): Promise<ApiKeyRecord | null>;
  touchApiKeys(lastUsed: ReadonlyMap<string, string>): Promise<void>;
  health(): Promise<{ open: boolean; migrationsApplied: number; migrationsExpected: number }>;

  // The permit register (issue #19): documents issued here or received, and their endorsements.
  permit(id: string): Promise<PermitRecord | null>;
  permits(filter: { number?: string | undefined; issuer?: string | undefined; limit: number }): Promise<PermitRecord[]>;
  permitsByKeys(keys: readonly string[]): Promise<PermitRecord[]>;
  /** Null when a document with the same issuer, type and number is already registered. */
  createPermit(p: NewPermit, actor: string): Promise<PermitRecord | null>;
  /** All in one transaction; null for each document already registered (left as it is). */
  createPermits(list: readonly NewPermit[], actor: string): Promise<(PermitRecord | null)[]>;
  changePermitStatus(id: string, change: PermitStatusChange, revision: number, actor: string): Promise<PermitRecord | null>;
  /**
   * Throws DocumentInUse when the document cannot be endorsed again. `draws`: what this
   * export takes from export quotas, recorded with the endorsement (in the same transaction).
   */
  endorsePermit(id: string, e: Endorsement, actor: string, draws?: readonly QuotaDraw[]): Promise<PermitRecord | null>;
  /** What endorsed exports have drawn on each of these quotas (by the engine's quotaKey). */
  quotaUse(keys: readonly string[]): Promise<Map<string, number>>;

  // Officers' writes: each is validated like an import, audited and bumps the dataset version.
  // Updates take the revision the officer read and throw StaleRevision when it moved on.
  listing(id: string): Promise<ListingRecord | null>;
  createListing(l: BundleListing, actor: string): Promise<ListingRecord>;
  updateListing(id: string, change: (l: BundleListing) => BundleListing, revision: number, actor: string): Promise<ListingRecord | null>;
  restriction<K extends RestrictionKind>(kind: K, id: string): Promise<(RestrictionOf<K> & RecordMeta) | null>;
  restrictionList<K extends RestrictionKind>(kind: K, filter: { taxonId?: number; activeOn?: string }): Promise<(RestrictionOf<K> & RecordMeta)[]>;
  createRestriction<K extends RestrictionKind>(kind: K, r: RestrictionOf<K>, actor: string): Promise<RestrictionOf<K> & RecordMeta>;
  updateRestriction<K extends RestrictionKind>(
    kind: K,
    id: string,
    change: (r: RestrictionOf<K>) => RestrictionOf<K>,
    revision: number,
    actor: string,
  ): Promise<(RestrictionOf<K> & RecordMeta) | null>;
  taxonAsBundle(id: string): Promise<BundleTaxon | null>;
  createTaxon(t: BundleTaxon, actor: string): Promise<TaxonDetails>;
  updateTaxon(id: string, change: (t: BundleTaxon) => BundleTaxon, revision: number, actor: string): Promise<TaxonDetails | null>;
  /**
   * Stores shared by several processes (PostgreSQL) call `changed` soon after another one
   * commits a change to the dataset or the register, so the engine is rebuilt within a
   * second; without it, DATASET_POLL_MS polling finds the change.
   */
  watch?(changed: () => void): Promise<void>;

  // Syncs from Species+ (issue 20): the runs, newest first, and the mirror of every Species+
  // taxon concept the syncs have read, which an API run completes with the concepts it reads.
  syncRuns(limit: number): Promise<SyncRun[]>;
  startSyncRun(run: NewSyncRun): Promise<SyncRun>;
  updateSyncRun(id: number, change: SyncRunChange): Promise<void>;
  /** Kept under the run (JSON text by Species+ taxon id, each in its own small transaction); a later copy replaces an earlier one. */
  stageConcepts(runId: number, concepts: ReadonlyArray<{ taxonId: number; concept: string }>): Promise<void>;
  /** The newest copy of every concept, from the runs that succeeded and from this one, by taxon id. */
  mirroredConcepts(runId: number): AsyncIterable<string>;
  /** After the run succeeded: drop the copies it replaced (`whole`: it read every concept, so all other copies). */
  settleMirror(runId: number, whole: boolean): Promise<void>;
  /** After a run that will not be continued: drop what it staged. */
  dropStaged(runId: number): Promise<void>;
  close(): Promise<void>;
}
