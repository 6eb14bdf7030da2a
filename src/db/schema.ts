/**
 * The whole domain in SQLite (drizzle). Dates are ISO `YYYY-MM-DD` text, which sorts
 * and compares correctly; `effective_to` is the first day a record no longer applies
 * (null = open-ended). Lists that are only ever read whole (distributions, population
 * scopes, code filters) are JSON text columns; anything that is joined on has a table.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { LocalizedText } from '@cites-permit-check/engine/contract/common';
import type { Provenance, Specimens } from '../contract/bundle.js';

/** Revision (for ETags), last change, and which import or officer created the record. */
const audited = {
  origin: text('origin').notNull().default('officer'),
  revision: integer('revision').notNull().default(1),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
};

/** One row (id = 1): the version every decision is stamped with. */
export const datasetState = sqliteTable('dataset_state', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
  asOf: text('as_of'),
  source: text('source'),
  /** Sources and currency of the data, as the last complete dataset gave them (Bundle.provenance). */
  provenance: text('provenance', { mode: 'json' }).$type<Provenance>(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

export const parties = sqliteTable('parties', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  entryIntoForce: text('entry_into_force'),
  leftOn: text('left_on'),
  territoryOf: text('territory_of'),
  ...audited,
});

export const taxa = sqliteTable(
  'taxa',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    rank: text('rank').notNull(),
    kingdom: text('kingdom').notNull(),
    author: text('author'),
    // biome-ignore lint/suspicious/noExplicitAny: a table that references itself needs drizzle's AnySQLiteColumn, which this any stands for
    parentId: integer('parent_id').references((): any => taxa.id),
    externalId: text('external_id'),
    distribution: text('distribution', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    ...audited,
  },
  (t) => [
    // A name is unique within a kingdom only: the order Pholidota (pangolins) and the orchid
    // genus Pholidota are two taxa.
    uniqueIndex('taxa_kingdom_name_unique').on(t.kingdom, t.name),
    uniqueIndex('taxa_external_id_unique').on(t.externalId),
    index('taxa_name_key').on(t.nameKey),
    index('taxa_parent').on(t.parentId),
  ],
);

/** Synonyms and common names of an accepted taxon. */
export const taxonNames = sqliteTable(
  'taxon_names',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taxonId: integer('taxon_id')
      .notNull()
      .references(() => taxa.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['synonym', 'common'] }).notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    lang: text('lang'),
    author: text('author'),
  },
  (t) => [index('taxon_names_key').on(t.nameKey), index('taxon_names_taxon').on(t.taxonId)],
);

export const listings = sqliteTable(
  'listings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taxonId: integer('taxon_id')
      .notNull()
      .references(() => taxa.id),
    appendix: text('appendix', { enum: ['I', 'II', 'III'] }).notNull(),
    partyCode: text('party_code').references(() => parties.code),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    /** The entry may have entered into force as early as this (the source confirms it from effective_from only). */
    mayStartFrom: text('may_start_from'),
    populationsInclude: text('populations_include', { mode: 'json' }).$type<string[]>(),
    populationsExclude: text('populations_exclude', { mode: 'json' }).$type<string[]>(),
    /** Countries of which only part of the population is meant (see Populations.partly). */
    populationsPartly: text('populations_partly', { mode: 'json' }).$type<string[]>(),
    /** The wording of the populations in the Appendices. */
    populationsText: text('populations_text'),
    annotation: text('annotation', { mode: 'json' }).$type<LocalizedText>(),
    hashAnnotation: text('hash_annotation'),
    hashAnnotationText: text('hash_annotation_text', { mode: 'json' }).$type<LocalizedText>(),
    specimens: text('specimens', { mode: 'json' }).$type<Specimens>(),
    /** Where the entry comes from (CoP proposal, Notification, official file). */
    source: text('source'),
    ...audited,
  },
  (t) => [index('listings_taxon').on(t.taxonId, t.effectiveFrom)],
);

/** Taxa carved out of a (higher-taxon) listing, optionally only some of their populations. */
export const listingExclusions = sqliteTable(
  'listing_exclusions',
  {
    listingId: integer('listing_id')
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    taxonId: integer('taxon_id')
      .notNull()
      .references(() => taxa.id),
    populationsInclude: text('populations_include', { mode: 'json' }).$type<string[]>(),
    populationsExclude: text('populations_exclude', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.taxonId] })],
);

export const reservations = sqliteTable(
  'reservations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partyCode: text('party_code').notNull(),
    taxonId: integer('taxon_id')
      .notNull()
      .references(() => taxa.id),
    appendix: text('appendix', { enum: ['I', 'II', 'III'] }).notNull(),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    notes: text('notes'),
    ...audited,
  },
  (t) => [index('reservations_taxon').on(t.taxonId)],
);

export const quotas = sqliteTable(
  'quotas',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taxonId: integer('taxon_id')
      .notNull()
      .references(() => taxa.id),
    exporter: text('exporter'),
    quantity: real('quantity').notNull(),
    unit: text('unit'),
    terms: text('terms', { mode: 'json' }).$type<string[]>().notNull(),
    sources: text('sources', { mode: 'json' }).$type<string[]>().notNull(),
    purposes: text('purposes', { mode: 'json' }).$type<string[]>().notNull(),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    notes: text('notes'),
    ...audited,
  },
  (t) => [index('quotas_taxon').on(t.taxonId)],
);

export const suspensions = sqliteTable(
  'suspensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    country: text('country').notNull(),
    taxonId: integer('taxon_id').references(() => taxa.id),
    purposes: text('purposes', { mode: 'json' }).$type<string[]>().notNull(),
    sources: text('sources', { mode: 'json' }).$type<string[]>().notNull(),
    terms: text('terms', { mode: 'json' }).$type<string[]>().notNull(),
    appliesToImports: integer('applies_to_imports', { mode: 'boolean' }).notNull().default(false),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    notification: text('notification'),
    notes: text('notes'),
    /** The wording could not be mapped to codes: flag matching trades instead of denying them. */
    review: integer('review', { mode: 'boolean' }).notNull().default(false),
    ...audited,
  },
  (t) => [index('suspensions_country').on(t.country)],
);

export const codeEntries = sqliteTable(
  'code_entries',
  {
    kind: text('kind', { enum: ['sources', 'purposes', 'terms', 'units'] }).notNull(),
    code: text('code').notNull(),
    nameEn: text('name_en').notNull(),
    nameEs: text('name_es'),
    nameFr: text('name_fr'),
    /** Retired from the annual-report guidelines: accepted with a warning. */
    retired: integer('retired', { mode: 'boolean' }).notNull().default(false),
    replacedBy: text('replaced_by'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.code] })],
);

/**
 * Every trade decision answered, append-only (audit trail for customs). Ids start with the
 * time in hex, so they sort by time and a time range is an id range: no index on
 * created_at to update on every check.
 */
export const decisions = sqliteTable('decisions', {
  id: text('id').primaryKey(),
  createdAt: text('created_at').notNull(),
  datasetVersion: text('dataset_version').notNull(),
  decision: text('decision').notNull(),
  apiKeyId: text('api_key_id'),
  request: text('request').notNull(),
  result: text('result').notNull(),
});

/** Who changed what, when, with the record before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ['reader', 'customs', 'officer', 'admin'] }).notNull(),
    secretHash: text('secret_hash').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.secretHash)],
);

export const importRuns = sqliteTable('import_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
  actor: text('actor').notNull(),
  summary: text('summary'),
});

/**
 * Syncs from Species+ (issue 20): one row per run, for GET /v1/dataset (last success, last
 * failure and why), for the next API run (`updated_since` the API time of the last success)
 * and as the record of who synced what. `progress` is the resumable state of an API run.
 */
export const syncRuns = sqliteTable('sync_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** `bulk` (a downloaded file) or `api` (incremental). */
  via: text('via').notNull(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
  actor: text('actor').notNull(),
  /** The file read, or the API address. */
  source: text('source').notNull(),
  /** API runs: the instant the reading started (the next run asks for changes since it). */
  apiTime: text('api_time'),
  /** API runs: JSON of what has been read so far, so that a new run continues it. */
  progress: text('progress'),
  error: text('error'),
  datasetVersion: integer('dataset_version'),
  /** JSON: the diff's counts. */
  changes: text('changes'),
});

/**
 * The Species+ taxon concepts the syncs have read (only the fields a sync uses), under the run
 * that read them: the mirror a sync builds the data from. An API run adds the concepts that
 * changed, in small transactions as it reads them (so a new run continues where one stopped);
 * the data itself changes only when the run applies the whole mirror in one import.
 */
export const syncStaging = sqliteTable(
  'sync_staging',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => syncRuns.id, { onDelete: 'cascade' }),
    taxonId: integer('taxon_id').notNull(),
    /** The concept as read, with its legislation and distributions, as JSON. */
    concept: text('concept').notNull(),
  },
  // The newest copy of each concept is looked up by taxon.
  (t) => [primaryKey({ columns: [t.runId, t.taxonId] }), index('sync_staging_taxon').on(t.taxonId, t.runId)],
);

/**
 * The engine snapshot of one dataset version, as JSON text: start-up and GET /v1/snapshot
 * read it instead of rebuilding it from every table (about 0.3 s saved with the full
 * Checklist). Only the current version is kept.
 */
export const snapshotCache = sqliteTable('snapshot_cache', {
  version: integer('version').primaryKey(),
  json: text('json').notNull(),
});

/**
 * Parts of stored decisions that many decisions share verbatim (reason texts, the applied
 * listing with its annotation), kept once: a stored result refers to them as
 * {"$ref":"<key>"} and is expanded back, byte for byte, when read. Cuts the decision log
 * to about a third of its size.
 */
export const decisionParts = sqliteTable('decision_parts', {
  key: text('key').primaryKey(),
  json: text('json').notNull(),
});

/**
 * The permit register (issue #19): one row per permit or certificate, found by its key
 * (issuer, type and number without case or spaces). The boxes a trade check compares are
 * columns; the items and the traders (personal data) are JSON read whole.
 */
export const permits = sqliteTable(
  'permits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    type: text('type').notNull(),
    number: text('number').notNull(),
    issuer: text('issuer').notNull(),
    registeredAs: text('registered_as', { enum: ['issued', 'received'] }).notNull(),
    issuedOn: text('issued_on').notNull(),
    validUntil: text('valid_until'),
    exporter: text('exporter'),
    importer: text('importer'),
    purpose: text('purpose'),
    items: text('items', { mode: 'json' }).notNull(),
    traders: text('traders', { mode: 'json' }).notNull(),
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
  (t) => [uniqueIndex('permits_key').on(t.key)],
);

/** Each use of a document at the border, in order (a document is used once: Art. VI(5)). */
export const endorsements = sqliteTable(
  'endorsements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    permitId: integer('permit_id')
      .notNull()
      .references(() => permits.id),
    date: text('date').notNull(),
    port: text('port').notNull(),
    quantity: real('quantity'),
    unit: text('unit'),
    note: text('note'),
    by: text('by').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('endorsements_permit').on(t.permitId)],
);

/**
 * What each endorsed export drew on an export quota (Res. Conf. 14.7), in the quota's unit,
 * keyed by the engine's quotaKey: written with the endorsement, summed by trade checks.
 */
export const quotaDraws = sqliteTable(
  'quota_draws',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    quotaKey: text('quota_key').notNull(),
    permitId: integer('permit_id')
      .notNull()
      .references(() => permits.id),
    endorsementId: integer('endorsement_id')
      .notNull()
      .references(() => endorsements.id),
    quantity: real('quantity').notNull(),
    drawnOn: text('drawn_on').notNull(),
  },
  (t) => [index('quota_draws_key').on(t.quotaKey)],
);
