/**
 * Small readers for the values official CSV files hold (dates written day first, code
 * lists, country codes), and the notes a parser keeps for the import summary.
 */
import { isIsoDate } from '@cites-permit-check/engine/contract/common';
import { COUNTRY_CODES } from '@cites-permit-check/engine/contract/countries';

const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** `DD/MM/YYYY` or `D/M/YYYY` (a time after it is ignored) as `YYYY-MM-DD`; null if it is not a calendar date. */
export function dayFirstDate(text: string): string | null {
  const m = DAY_FIRST.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** The first `YYYY-MM-DD` in a file name ("Index_of_CITES_Species_2017-04-21.csv.gz"). */
export function dateInFileName(name: string): string | undefined {
  const m = /(\d{4}-\d{2}-\d{2})/.exec(name);
  return m && isIsoDate(m[1]!) ? m[1] : undefined;
}

/** Splits a multi-valued cell ("a, b, c" or "a; b"), dropping empty items. */
export function splitList(text: string, separator: RegExp = /\s*,\s*/): string[] {
  const t = text.trim();
  return t === ''
    ? []
    : t
        .split(separator)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

export const isCountryCode = (code: string): boolean => COUNTRY_CODES.has(code);

/** Warnings and counts a parser reports with the import summary. */
export class ImportNotes {
  readonly warnings: string[] = [];
  readonly stats: Record<string, number> = {};

  count(key: string, n = 1): void {
    this.stats[key] = (this.stats[key] ?? 0) + n;
  }

  warn(message: string): void {
    this.warnings.push(message);
  }
}
