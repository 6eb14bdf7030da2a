/**
 * The rows of the restriction tables, read and written with one set of drizzle queries for
 * the three (each kind names its table: restriction-kinds.ts). The queries are built on the
 * union of the three tables, which share the columns used here; rows come back typed as the
 * kind's own table.
 */
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { placeholders } from './prepared.js';
import type { DataColumns, RestrictionKind, RestrictionTable } from './restriction-kinds.js';

interface RowFilter {
  id?: number;
  taxonId?: number;
  /** Only records in force on this date. */
  activeOn?: string;
  byId?: boolean;
}

/** The kind's stored rows (in table order, or by id), or those the filter selects. */
export function restrictionRows<R extends { taxon: string | null }, T extends RestrictionTable>(
  db: Db,
  kind: RestrictionKind<R, unknown, T>,
  filter: RowFilter = {},
): T['$inferSelect'][] {
  const t: RestrictionTable = kind.table;
  const query = db
    .select()
    .from(t)
    .where(
      and(
        filter.id !== undefined ? eq(t.id, filter.id) : undefined,
        filter.taxonId !== undefined ? eq(t.taxonId, filter.taxonId) : undefined,
        filter.activeOn !== undefined ? and(lte(t.effectiveFrom, filter.activeOn), or(isNull(t.effectiveTo), gt(t.effectiveTo, filter.activeOn))) : undefined,
      ),
    );
  return (filter.byId ? query.orderBy(t.id) : query).all() as T['$inferSelect'][];
}

/**
 * The writes of one import or officer's change. The insert is prepared once (an import
 * writes a whole dataset's records: prepared.ts says why); an update is built per call
 * (few, and drizzle's set() takes no placeholders).
 */
export function restrictionWriter<R extends { taxon: string | null }, T extends RestrictionTable>(
  db: Db,
  kind: RestrictionKind<R, unknown, T>,
  ctx: { origin: string; now: string; actor: string },
) {
  const t: RestrictionTable = kind.table;
  const insert = db
    .insert(t)
    .values({ ...placeholders(...kind.columns), origin: ctx.origin, revision: 1, updatedAt: ctx.now, updatedBy: ctx.actor })
    .returning({ id: t.id })
    .prepare();
  return {
    /** The new record's id. */
    insert: (values: DataColumns<T>): number => insert.get(values)!.id,
    update: (id: number, values: Partial<DataColumns<T>>) =>
      db
        .update(t)
        .set({ ...values, revision: sql`${t.revision} + 1`, updatedAt: ctx.now, updatedBy: ctx.actor })
        .where(eq(t.id, id))
        .run(),
  };
}
