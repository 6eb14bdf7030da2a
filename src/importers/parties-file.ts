/**
 * kind `parties`: the CITES chronological list of Parties (cites.org, as a CSV:
 * Country, ISO, Region, Type, date_of_joining, entry_into_force; dates D/M/YYYY).
 */
import type { Readable } from 'node:stream';
import type { BundleParty } from '../contract/bundle.js';
import { LineErrors, readCsv } from './csv.js';
import { dayFirstDate, ImportNotes, isCountryCode } from './fields.js';
import { officialFileBundle, type ParseContext, type ParsedFile } from './types.js';

const COLUMNS = ['Country', 'ISO', 'Region', 'Type', 'date_of_joining', 'entry_into_force'] as const;
/** How a State becomes a Party (Art. XIX–XXI, and succession of States). */
const WAYS_OF_JOINING = new Set(['Ratification', 'Accession', 'Acceptance', 'Approval', 'Succession', 'Continuation']);

export async function parsePartiesFile(input: Readable, ctx: ParseContext): Promise<ParsedFile> {
  const errors = new LineErrors();
  const notes = new ImportNotes();
  const parties: BundleParty[] = [];
  const lineOf = new Map<string, number>();
  await readCsv(input, { columns: COLUMNS, format: 'the CITES list of Parties', progress: ctx.progress }, errors, ({ line, fields }) => {
    const [country, iso, region, type, joined, inForce] = fields.map((f) => f.trim()) as [string, string, string, string, string, string];
    const before = errors.count;
    const code = iso.toUpperCase();
    if (!isCountryCode(code)) errors.add(line, 'ISO', `"${iso}" is not an ISO 3166 country code (or EU)`);
    else if (lineOf.has(code)) errors.add(line, 'ISO', `${code} is listed twice (also on line ${lineOf.get(code)})`);
    if (country === '') errors.add(line, 'Country', 'empty');
    if (region === '') errors.add(line, 'Region', 'empty');
    if (!WAYS_OF_JOINING.has(type)) errors.add(line, 'Type', `"${type}" is not one of ${[...WAYS_OF_JOINING].join(', ')}`);
    const joinedOn = dayFirstDate(joined);
    if (joinedOn === null) errors.add(line, 'date_of_joining', `"${joined}" is not a date written D/M/YYYY`);
    const entryIntoForce = dayFirstDate(inForce);
    if (entryIntoForce === null) errors.add(line, 'entry_into_force', `"${inForce}" is not a date written D/M/YYYY`);
    // No order check between the two dates: a successor State is bound from the date of
    // independence, before it notifies its succession (Belize, Slovakia, Montenegro).
    if (errors.count > before) return;
    lineOf.set(code, line);
    parties.push({ code, name: country, entryIntoForce, left: null, territoryOf: null });
  });
  errors.throwIfAny();
  notes.count('parties', parties.length);
  const asOf = ctx.asOf ?? ctx.today;
  const bundle = officialFileBundle(asOf, 'CITES chronological list of Parties', { parties });
  return { bundle, warnings: notes.warnings, stats: notes.stats, origin: 'parties' };
}
