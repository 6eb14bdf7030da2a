import { CountryCode } from '@cites-permit-check/engine/contract/common';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** Every setting the server reads from the environment (README "Configuration"). */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Behind a load balancer: how many proxy hops to trust for the client's address
   * (X-Forwarded-For), so per-address limits see callers, not the balancer. 0: none.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  DATABASE_PATH: z.string().min(1).default('./data/cites.db'),
  /** PostgreSQL instead of the SQLite file, for several replicas on one database (postgres://user:password@host:port/db). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// (or postgresql://) connection URL')
    .optional(),
  SEED: z.enum(['builtin', 'none']).default('builtin'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DOCS: bool.default(true),
  REQUIRE_KEY_FOR_READS: bool.optional(),
  CORS_ORIGINS: z.string().default(''),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  ANONYMOUS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  IMPORT_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(200 * 1024 * 1024),
  LOAD_SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  BATCH_MAX_ITEMS: z.coerce.number().int().min(1).default(20_000),
  /** Trade checks a minute per caller, batch items counted one by one (0: no limit). */
  RATE_LIMIT_ITEMS_PER_MINUTE: z.coerce.number().int().min(0).default(100_000),
  /** Fuzzy name searches (suggestions for unknown names) one request may run. */
  NAME_SEARCHES_PER_REQUEST: z.coerce.number().int().min(0).default(100),
  /** Failed authentications a minute per IP address before 429 (made-up keys are not looked up again). */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Largest size a gzip upload may unpack to. */
  IMPORT_UNPACKED_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024 * 1024),
  /** Share of the store's taxa, listings or Parties a replace import may remove without confirm=true. */
  REPLACE_MAX_REMOVED_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  /** Time a client has to send a whole request (headers and body), and idle keep-alive time. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  /** Show officer and admin operations in the OpenAPI document and Swagger UI (default: not in production). */
  DOCS_SHOW_ALL_OPERATIONS: bool.optional(),
  DATASET_POLL_MS: z.coerce.number().int().min(0).default(10_000),
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).default(5_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  POLICY_APP_I_CAPTIVE_BRED_COMMERCIAL: z.enum(['deny', 'review']).default('deny'),
  POLICY_SUSPENSIONS: z.enum(['deny', 'review']).default('deny'),
  POLICY_PERSONAL_EFFECTS_LIVE_ANIMALS: z.enum(['exclude', 'include']).default('exclude'),
  /** The country whose Management Authority runs this service: documents it issues are registered as issued, others as received. */
  AUTHORITY_COUNTRY: CountryCode.optional(),
  /** Check every JSON reply against its route's documented schema (the tests turn it on; it costs a parse per reply). */
  CHECK_REPLIES: bool.default(false),
  /** Trades dated this many days past the dataset's as-of date get a warning (a CoP cycle: two years). */
  DATASET_HORIZON_DAYS: z.coerce.number().int().min(0).default(730),
  /** Species+ API token (sent as X-Authentication-Token) for syncs from the API (issue 20). */
  SPECIES_PLUS_TOKEN: z.string().trim().min(1).optional(),
  SPECIES_PLUS_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) address')
    .transform((u) => u.replace(/\/+$/, ''))
    .default('https://api.speciesplus.net/api/v1'),
  /** Pause between two requests to Species+: it refuses bursts (about one request a second). */
  SPECIES_PLUS_INTERVAL_MS: z.coerce.number().int().min(0).default(1_000),
  SPECIES_PLUS_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Attempts after the first for a request refused with 429 or 5xx, or timed out. */
  SPECIES_PLUS_RETRIES: z.coerce.number().int().min(0).max(20).default(5),
  /** Sync from Species+ inside the server: `off`, or every <n>m, <n>h or <n>d (e.g. 24h). */
  SYNC_SCHEDULE: z
    .string()
    .trim()
    .regex(/^(?:off|[1-9]\d{0,4}[mhd])$/, 'must be off, or a period such as 30m, 24h or 7d')
    .default('off'),
});
export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(Object.keys(ConfigSchema.shape).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])));
  const parsed = ConfigSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(known[String(i.path[0])])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Whether the published API document lists officer and admin operations. */
export function docsShowAllOperations(config: Config): boolean {
  return config.DOCS_SHOW_ALL_OPERATIONS ?? config.NODE_ENV !== 'production';
}

/** Keys are required for reads in production unless configured otherwise (security issue). */
export function requireKeyForReads(config: Config): boolean {
  return config.REQUIRE_KEY_FOR_READS ?? config.NODE_ENV === 'production';
}
