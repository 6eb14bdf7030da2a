/**
 * The store's domain rules, as plain functions: data in, data out, no database and no I/O.
 * How a bundle merges into or replaces what is stored (merge.ts, listing-merge.ts), which
 * listings may not overlap (overlaps.ts), what makes a record invalid (checks.ts), the
 * canonical form and natural key of each record (canonical.ts) and the engine snapshot
 * (snapshot.ts).
 *
 * They live under src/store/ rather than beside the engine because they are the rules of
 * keeping the data (matching records across imports, ending what a newer file dropped), not
 * of deciding a trade; every store implementation (SQLite today, PostgreSQL later) reads its
 * rows, calls these, and writes the rows they say, so the rules exist once and are tested
 * without a database (tests/domain/).
 */
export * from './canonical.js';
export * from './checks.js';
export * from './listing-merge.js';
export * from './merge.js';
export * from './overlaps.js';
export * from './snapshot.js';
