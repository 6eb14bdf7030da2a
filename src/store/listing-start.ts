/**
 * When an entry of a file that gives only the listings in force on its date (the Index of
 * CITES Species) may have begun. If the taxon had the same entry (Appendix, Party, countries)
 * in force the day before, the entry continues a known one: no doubt. Otherwise it began after
 * the last change the store knows of for the taxon (or, with none, at any time since the
 * Convention): trades dated in between are weighed both ways by the engine.
 */
import type { Populations } from '../contract/bundle.js';

export interface DatedEntry {
  appendix: string;
  party: string | null;
  populations: Populations | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}

const codes = (p: Populations | null) => JSON.stringify([[...(p?.include ?? [])].sort(), [...(p?.exclude ?? [])].sort()]);

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function narrowStart(entry: DatedEntry & { mayStartFrom: string | null }, known: readonly DatedEntry[]): string | null {
  if (entry.mayStartFrom === null) return null;
  const before = dayBefore(entry.effectiveFrom);
  const continues = known.some(
    (k) =>
      k.effectiveFrom <= before &&
      (k.effectiveTo === null || before < k.effectiveTo) &&
      k.appendix === entry.appendix &&
      (k.party ?? null) === (entry.party ?? null) &&
      codes(k.populations) === codes(entry.populations),
  );
  if (continues) return null;
  // Another state was confirmed on the day an entry began, so the new one began after it; a
  // dated end is the day the change took place.
  let latest = entry.mayStartFrom;
  for (const k of known) {
    if (k.effectiveFrom < entry.effectiveFrom && dayAfter(k.effectiveFrom) > latest) latest = dayAfter(k.effectiveFrom);
    if (k.effectiveTo !== null && k.effectiveTo <= entry.effectiveFrom && k.effectiveTo > latest) latest = k.effectiveTo;
  }
  return latest < entry.effectiveFrom ? latest : null;
}
