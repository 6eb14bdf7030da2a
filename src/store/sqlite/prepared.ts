/**
 * drizzle queries prepared once and run for many rows. drizzle builds and prepares its SQL
 * on every call, which for the rows of a whole dataset (tens of thousands of taxa, names and
 * listings) made loading the default dataset four times slower (2.7 s → 12 s). A query
 * prepared with named placeholders keeps the schema's column names and encoders (JSON
 * columns) and costs a bound run per row.
 */
import { type Placeholder, sql } from 'drizzle-orm';

/** A placeholder named after each column, to spread into `values()` or `set()`. */
export function placeholders<K extends string>(...names: K[]): { [P in K]: Placeholder<P> } {
  return Object.fromEntries(names.map((n) => [n, sql.placeholder(n)])) as { [P in K]: Placeholder<P> };
}
