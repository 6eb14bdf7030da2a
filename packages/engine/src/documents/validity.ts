/**
 * R39: how long each kind of document may be used, and the date arithmetic. The table is
 * data, not law written into the checks: the figures cites-rules.md could not confirm are
 * marked `confirmed: false`, and a document used past them is flagged for review instead of
 * refused. A deployment may replace the table (EnginePolicy.documentValidity).
 */
import type { DocumentType } from '../contract/codes.js';

interface ValidityLimit {
  /** Longest validity from the date of issue, in calendar months. */
  months: number;
  /** The Article or Resolution that sets it. */
  basis: string;
  /** False: the figure is not confirmed against the Resolution; past it the document goes to review. */
  confirmed: boolean;
  /** The certificate may cover several movements (travelling exhibitions): Art. VI(5)'s "one consignment" is not checked. */
  multipleUse?: boolean;
}

/** null: no general maximum; the validity is the one stated on the document. */
export type ValidityTable = Readonly<Record<DocumentType, ValidityLimit | null>>;

export const DOCUMENT_VALIDITY: ValidityTable = {
  'export-permit': { months: 6, basis: 'Art. VI(2)', confirmed: true },
  're-export-certificate': { months: 6, basis: 'Res. Conf. 12.3 (Rev. CoP19)', confirmed: true },
  'import-permit': { months: 12, basis: 'Res. Conf. 12.3 (Rev. CoP19)', confirmed: true },
  // cites-rules.md R39: 12 months from a national implementing rule, not found in Res. Conf. 12.3.
  'certificate-of-origin': { months: 12, basis: 'Res. Conf. 12.3 (Rev. CoP19) (figure unconfirmed)', confirmed: false },
  'introduction-from-the-sea-certificate': { months: 12, basis: 'Res. Conf. 12.3 (Rev. CoP19); Res. Conf. 14.6 (figure unconfirmed)', confirmed: false },
  'travelling-exhibition-certificate': { months: 36, basis: 'Res. Conf. 12.3 (Rev. CoP19)', confirmed: true, multipleUse: true },
  'captive-breeding-certificate': null,
  'artificial-propagation-certificate': null,
  'pre-convention-certificate': null,
  'scientific-exchange-label': null,
  'comparable-documentation': null,
};

/**
 * The last day a document issued on `issuedOn` may be used when valid `months` months.
 * "Six months from the date on which it was granted" is read strictly: the day of issue is
 * the first day, so a permit of 15 January is usable up to 14 July, not 15 July. When the
 * last month has no such day (31 August + 6 months), the period ends with that month.
 * Plain arithmetic on the digits (every presented document is dated on every check); a date
 * outside the years 1000–9999 takes the Date path, which gives the same day for the others.
 */
export function lastValidDay(issuedOn: string, months: number): string {
  const y = digits(issuedOn, 0, 4);
  const m = digits(issuedOn, 5, 7);
  const d = digits(issuedOn, 8, 10);
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  if (
    issuedOn.length !== 10 ||
    issuedOn[4] !== '-' ||
    issuedOn[7] !== '-' ||
    y < 1000 ||
    year > 9999 ||
    !(m >= 1 && d >= 1 && months >= 0 && Number.isInteger(months))
  )
    return lastValidDayByDate(issuedOn, months);
  const days = daysInMonth(year, month);
  if (d > days) return isoDay(year, month, days);
  if (d > 1) return isoDay(year, month, d - 1);
  // Issued on the 1st: the period ends with the month before.
  return month === 1 ? isoDay(year - 1, 12, 31) : isoDay(year, month - 1, daysInMonth(year, month - 1));
}

/** The number written in s[from, to); NaN when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

const daysInMonth = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/** YYYY-MM-DD; the year is at least 999 here (issued in 1000 or later, the day before at the earliest). */
const isoDay = (year: number, month: number, day: number) => `${year < 1000 ? '0' : ''}${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;

/** The same reading with Date, for dates the arithmetic above does not take. */
export function lastValidDayByDate(issuedOn: string, months: number): string {
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = d > daysInMonth ? new Date(Date.UTC(year, month, daysInMonth)) : new Date(Date.UTC(year, month, d - 1));
  return end.toISOString().slice(0, 10);
}
