/**
 * The PostgreSQL schema (drizzle pg-core; migrations in migrations/pg, drizzle.pg.config.ts).
 *
 * Two kinds of table. The dataset and the permit register (dataset_state … endorsements) hold
 * exactly the rows the SQLite store writes, value for value (JSON as text, flags as 0/1): every
 * replica keeps them in a working copy (replica.ts) where the store's rules run, and ships
 * each change here. Their integrity (references, unique names and permit keys) is checked
 * in that copy under the dataset lock, so here they carry plain indexes only: a batch of
 * changed rows can then be applied in any order. The decision log, the audit trail and the API
 * keys are written here directly by every replica.
 */
import { bigint, bigserial, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

export const datasetState = pgTable('dataset_state', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
  asOf: text('as_of'),
  source: text('source'),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
  provenance: text('provenance'),
});

export const parties = pgTable('parties', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  entryIntoForce: text('entry_into_force'),
  leftOn: text('left_on'),
  territoryOf: text('territory_of'),
  origin: text('origin').notNull().default('officer'),
  revision: integer('revision').notNull().default(1),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

export const taxa = pgTable(
  'taxa',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    rank: text('rank').notNull(),
    kingdom: text('kingdom').notNull(),
    author: text('author'),
    parentId: integer('parent_id'),
    externalId: text('external_id'),
    distribution: text('distribution').notNull().default('[]'),
    origin: text('origin').notNull().default('officer'),
    revision: integer('revision').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    index('taxa_kingdom_name').on(t.kingdom, t.name),
    index('taxa_parent').on(t.parentId),
    index('taxa_name_key').on(t.nameKey),
    index('taxa_external_id').on(t.externalId),
  ],
);

export const taxonNames = pgTable(
  'taxon_names',
  {
    id: integer('id').primaryKey(),
    taxonId: integer('taxon_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    lang: text('lang'),
    author: text('author'),
  },
  (t) => [index('taxon_names_taxon').on(t.taxonId), index('taxon_names_key').on(t.nameKey)],
);

export const listings = pgTable(
  'listings',
  {
    id: integer('id').primaryKey(),
    taxonId: integer('taxon_id').notNull(),
    appendix: text('appendix').notNull(),
    partyCode: text('party_code'),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    populationsInclude: text('populations_include'),
    populationsExclude: text('populations_exclude'),
    annotation: text('annotation'),
    hashAnnotation: text('hash_annotation'),
    hashAnnotationText: text('hash_annotation_text'),
    specimens: text('specimens'),
    origin: text('origin').notNull().default('officer'),
    revision: integer('revision').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    populationsPartly: text('populations_partly'),
    populationsText: text('populations_text'),
    mayStartFrom: text('may_start_from'),
    source: text('source'),
  },
  (t) => [index('listings_taxon').on(t.taxonId, t.effectiveFrom)],
);

export const listingExclusions = pgTable(
  'listing_exclusions',
  {
    listingId: integer('listing_id').notNull(),
    taxonId: integer('taxon_id').notNull(),
    populationsInclude: text('populations_include'),
    populationsExclude: text('populations_exclude'),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.taxonId] })],
);

export const reservations = pgTable(
  'reservations',
  {
    id: integer('id').primaryKey(),
    partyCode: text('party_code').notNull(),
    taxonId: integer('taxon_id').notNull(),
    appendix: text('appendix').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    notes: text('notes'),
    origin: text('origin').notNull().default('officer'),
    revision: integer('revision').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [index('reservations_taxon').on(t.taxonId)],
);

export const quotas = pgTable(
  'quotas',
  {
    id: integer('id').primaryKey(),
    taxonId: integer('taxon_id').notNull(),
    exporter: text('exporter'),
    quantity: doublePrecision('quantity').notNull(),
    unit: text('unit'),
    terms: text('terms').notNull(),
    sources: text('sources').notNull(),
    purposes: text('purposes').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    notes: text('notes'),
    origin: text('origin').notNull().default('officer'),
    revision: integer('revision').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [index('quotas_taxon').on(t.taxonId)],
);

export const suspensions = pgTable(
  'suspensions',
  {
    id: integer('id').primaryKey(),
    country: text('country').notNull(),
    taxonId: integer('taxon_id'),
    purposes: text('purposes').notNull(),
    sources: text('sources').notNull(),
    terms: text('terms').notNull(),
    appliesToImports: integer('applies_to_imports').notNull().default(0),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    notification: text('notification'),
    notes: text('notes'),
    origin: text('origin').notNull().default('officer'),
    revision: integer('revision').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    review: integer('review').notNull().default(0),
  },
  (t) => [index('suspensions_country').on(t.country)],
);

export const codeEntries = pgTable(
  'code_entries',
  {
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    nameEn: text('name_en').notNull(),
    nameEs: text('name_es'),
    nameFr: text('name_fr'),
    retired: integer('retired').notNull().default(0),
    replacedBy: text('replaced_by'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.code] })],
);

export const permits = pgTable(
  'permits',
  {
    id: integer('id').primaryKey(),
    key: text('key').notNull(),
    type: text('type').notNull(),
    number: text('number').notNull(),
    issuer: text('issuer').notNull(),
    registeredAs: text('registered_as').notNull(),
    issuedOn: text('issued_on').notNull(),
    validUntil: text('valid_until'),
    exporter: text('exporter'),
    importer: text('importer'),
    purpose: text('purpose'),
    items: text('items').notNull(),
    traders: text('traders').notNull(),
    securityStamp: text('security_stamp'),
    conditions: text('conditions'),
    status: text('status').notNull().default('issued'),
    replacedBy: text('replaced_by'),
    usedOn: text('used_on'),
    createdAt: text('created_at').notNull(),
    revision: integer('revision').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [index('permits_key').on(t.key)],
);

export const endorsements = pgTable(
  'endorsements',
  {
    id: integer('id').primaryKey(),
    permitId: integer('permit_id').notNull(),
    date: text('date').notNull(),
    port: text('port').notNull(),
    quantity: doublePrecision('quantity'),
    unit: text('unit'),
    note: text('note'),
    by: text('by').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('endorsements_permit').on(t.permitId)],
);

/** What each endorsed export drew on an export quota (replicated like the register it belongs to). */
export const quotaDraws = pgTable(
  'quota_draws',
  {
    id: integer('id').primaryKey(),
    quotaKey: text('quota_key').notNull(),
    permitId: integer('permit_id').notNull(),
    endorsementId: integer('endorsement_id').notNull(),
    quantity: doublePrecision('quantity').notNull(),
    drawnOn: text('drawn_on').notNull(),
  },
  (t) => [index('quota_draws_key').on(t.quotaKey)],
);

/** Syncs from Species+ (issue #20): written by the replica that runs them, straight here. */
export const syncRuns = pgTable('sync_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  via: text('via').notNull(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  status: text('status').notNull(),
  actor: text('actor').notNull(),
  source: text('source').notNull(),
  apiTime: text('api_time'),
  progress: text('progress'),
  error: text('error'),
  datasetVersion: integer('dataset_version'),
  changes: text('changes'),
});

/** The mirror of Species+ taxon concepts the syncs have read (see the SQLite schema). */
export const syncStaging = pgTable(
  'sync_staging',
  {
    runId: bigint('run_id', { mode: 'number' }).notNull(),
    taxonId: integer('taxon_id').notNull(),
    concept: text('concept').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.taxonId] }), index('sync_staging_taxon').on(t.taxonId, t.runId)],
);

export const decisions = pgTable('decisions', {
  id: text('id').primaryKey(),
  createdAt: text('created_at').notNull(),
  datasetVersion: text('dataset_version').notNull(),
  decision: text('decision').notNull(),
  apiKeyId: text('api_key_id'),
  request: text('request').notNull(),
  result: text('result').notNull(),
});

export const decisionParts = pgTable('decision_parts', {
  key: text('key').primaryKey(),
  json: text('json').notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.secretHash)],
);

/**
 * Every row of a replicated table changed by a write, in commit order (writes hold the
 * dataset lock, so sequence order is commit order): a replica catches up by reading the rows
 * named after the last sequence it applied.
 */
export const storeChanges = pgTable('store_changes', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  tableName: text('table_name').notNull(),
  /** The row's primary key values, in key column order. */
  key: jsonb('key').$type<(string | number)[]>().notNull(),
});

/** The working copy's id counters (SQLite AUTOINCREMENT never reuses an id; neither may a replica). */
export const idCounters = pgTable('id_counters', {
  tableName: text('table_name').primaryKey(),
  seq: integer('seq').notNull(),
});
