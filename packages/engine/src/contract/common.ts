import { z } from 'zod';
import { COUNTRY_CODES } from './countries.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date, `YYYY-MM-DD`. Dates compare correctly as strings. */
export const IsoDate = z
  .string()
  .refine(isIsoDate, { message: 'must be a calendar date written YYYY-MM-DD' })
  .meta({ description: 'Calendar date, YYYY-MM-DD', examples: ['2026-03-05'] });

/**
 * A country code: ISO 3166-1 alpha-2 or one CITES uses beside it (EU, XX, ZZ).
 * Any case is accepted on input; it is upper-cased.
 */
export const CountryCode = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .refine((v) => COUNTRY_CODES.has(v), { message: 'must be an ISO 3166-1 alpha-2 country code (or EU, XX, ZZ)' })
  .meta({ description: 'ISO 3166-1 alpha-2 country code, any case', examples: ['KE'] });

/** A list of country codes, de-duplicated and sorted so that equal sets compare equal. */
export const CountryList = z.array(CountryCode).transform((codes) => [...new Set(codes)].sort());

/** Trims and upper-cases a code (term, unit) before checking it against a code list. */
export const CodeString = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .refine((v) => /^[A-Z0-9]{1,8}$/.test(v), { message: 'must be a CITES code (letters and digits)' });

export const LocalizedText = z
  .object({
    en: z.string().optional(),
    es: z.string().optional(),
    fr: z.string().optional(),
  })
  .meta({ id: 'LocalizedText', description: 'Text in the three CITES working languages' });
export type LocalizedText = z.infer<typeof LocalizedText>;
