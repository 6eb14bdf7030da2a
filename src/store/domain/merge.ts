/**
 * How an imported bundle meets what is stored. Records are matched by their natural keys
 * (canonical.ts), so importing the same file twice changes nothing: a record the store has
 * in the same canonical form is left alone, one that differs is updated in place (keeping
 * its id, hence its audit trail), one the store lacks is created.
 */
import type { ImportError } from '../types.js';

/** Two records in canonical form are the same when they serialise to the same text. */
export const sameRecord = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export type MergeStep =
  /** The bundle has this record twice (`of` is the pointer of the first). */
  { action: 'duplicate'; of: string } | { action: 'unchanged'; id: number } | { action: 'update'; id: number } | { action: 'create' };

/** Matches the records of one kind, in bundle order, against the stored ones by natural key. */
export class NaturalKeyMerge {
  private readonly claimed = new Map<string, string>();

  constructor(private readonly stored: ReadonlyMap<string, { id: number; canonical: unknown }>) {}

  /** Takes the key for the record at `pointer`; returns the pointer that took it first, if any. */
  claim(key: string, pointer: string): string | undefined {
    const first = this.claimed.get(key);
    if (first === undefined) this.claimed.set(key, pointer);
    return first;
  }

  step(key: string, canonical: unknown, pointer: string): MergeStep {
    const twin = this.claim(key, pointer);
    if (twin !== undefined) return { action: 'duplicate', of: twin };
    const before = this.stored.get(key);
    if (before === undefined) return { action: 'create' };
    return sameRecord(before.canonical, canonical) ? { action: 'unchanged', id: before.id } : { action: 'update', id: before.id };
  }
}

/**
 * A newer complete official file ends what it no longer contains: each open record of its
 * origin that the bundle did not match is ended on `date`, or dropped when it had not begun
 * by then (there is nothing to end).
 */
export function recordsToEnd(
  open: readonly { id: number; effectiveFrom: string }[],
  matched: ReadonlySet<number>,
  date: string,
): { id: number; action: 'end' | 'drop' }[] {
  return open.filter((r) => !matched.has(r.id)).map((r) => ({ id: r.id, action: r.effectiveFrom < date ? 'end' : 'drop' }));
}

/**
 * A more authoritative source takes over the listings of another for the taxa it covers: a
 * dated history replaces them (remove); an official file that gives the current state
 * supersedes them from its date (end), keeping their history before it.
 */
export function listingsTakenOver(
  stored: readonly { id: number; taxonId: number; origin: string; effectiveFrom: string; effectiveTo: string | null }[],
  covered: ReadonlySet<number>,
  superseded: { origins: readonly string[]; from: string } | undefined,
): { id: number; action: 'end' | 'remove' }[] {
  const out: { id: number; action: 'end' | 'remove' }[] = [];
  for (const row of stored) {
    if (!covered.has(row.taxonId)) continue;
    if (superseded?.origins.includes(row.origin) && row.effectiveFrom < superseded.from) {
      if (row.effectiveTo !== null && row.effectiveTo <= superseded.from) continue; // already over by then
      out.push({ id: row.id, action: 'end' });
    } else out.push({ id: row.id, action: 'remove' });
  }
  return out;
}

/** A replace that would remove more than `maxShare` of the stored taxa, listings or Parties is refused until confirmed. */
export function removalProblems(stored: Readonly<Record<string, number>>, kept: Readonly<Record<string, number>>, maxShare: number): ImportError[] {
  const errors: ImportError[] = [];
  for (const [table, after] of Object.entries(kept)) {
    const before = stored[table] ?? 0;
    const removed = before - after;
    if (before > 0 && removed / before > maxShare) {
      errors.push({
        pointer: `/${table}`,
        detail: `replacing would remove ${removed} of the ${before} stored ${table} (${Math.round((100 * removed) / before)} %), more than the ${Math.round(maxShare * 100)} % allowed; send confirm=true to do it anyway (the audit trail keeps the store it replaces)`,
      });
    }
  }
  return errors;
}
