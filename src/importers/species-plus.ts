/**
 * kinds `reservations`, `quotas`, `suspensions`: the Species+ restriction tables
 * (reservations.csv, quotas.csv, exemptions.csv). Rows name taxa by Species+ taxon concept
 * id (the Index's TaxonId), so they join through the taxa already in the store; a row that
 * does not join is reported with its line, never dropped silently. Each file is a complete
 * list: records it no longer holds are ended (`endMissing`).
 */
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Bundle, BundleQuota, BundleReservation, BundleSuspension } from '../contract/bundle.js';
import { APPENDICES, PURPOSES, SOURCES, type Purpose, type Source } from '@cites-permit-check/engine/contract/codes';
import { BUILTIN_SEED_FILE } from '../paths.js';
import { plainText } from './annotation-text.js';
import { LineErrors, readCsv, type CsvRow } from './csv.js';
import { dayFirstDate, ImportNotes, isCountryCode, splitList } from './fields.js';
import { readSuspensionWording, type ExemptedCodes } from './suspension-wording.js';
import { officialFileBundle, type ParseContext, type ParsedFile } from './types.js';

const RANKS = new Set(['KINGDOM', 'PHYLUM', 'CLASS', 'ORDER', 'FAMILY', 'SUBFAMILY', 'GENUS', 'SPECIES', 'SUBSPECIES', 'VARIETY']);

/** What every Species+ table parser shares: errors, notes, the taxon join, the dates seen. */
class TableRun {
  readonly errors = new LineErrors();
  readonly notes = new ImportNotes();
  private latest = '';

  constructor(
    private readonly ctx: ParseContext,
    /** The store's names by Species+ id, read once before the rows (the store answers asynchronously). */
    private readonly names: ReadonlyMap<string, string>,
  ) {}

  /** A date cell (D/M/YYYY); `open` words (e.g. "Present") and blanks give null when allowed. */
  date(line: number, column: string, value: string, required: boolean, open: readonly string[] = []): string | null | undefined {
    const v = value.trim();
    if (v === '' || open.includes(v)) {
      if (required) this.errors.add(line, column, 'a date is required');
      return required ? undefined : null;
    }
    const d = dayFirstDate(v);
    if (d === null) {
      this.errors.add(line, column, `"${v}" is not a date written DD/MM/YYYY`);
      return undefined;
    }
    if (d > this.latest) this.latest = d;
    return d;
  }

  country(line: number, column: string, value: string): string | undefined {
    const code = value.trim().toUpperCase();
    if (isCountryCode(code)) return code;
    this.errors.add(line, column, `"${value.trim()}" is not an ISO 3166 country code`);
    return undefined;
  }

  rank(line: number, value: string): void {
    const r = value.trim().toUpperCase();
    if (r !== 'ALL' && !RANKS.has(r)) this.errors.add(line, 'rank', `unknown rank "${value.trim()}"`);
  }

  /** The store's name of the taxon with this Species+ id; reported and undefined when it is not there. */
  taxon(row: CsvRow, id: string, name: string): string | undefined {
    const found = this.names.get(id.trim());
    if (found === undefined) {
      this.notes.count('rows not joined to a taxon (skipped)');
      this.notes.warn(
        `line ${row.line}: taxon_concept_id "${id.trim()}" (${name.trim() || 'no name'}) is not a taxon in the store (no imported Index row has this TaxonId); row skipped`,
      );
    }
    return found;
  }

  /** The date the file describes: from the request or file name, else the latest date in it. */
  asOf(): string {
    return this.ctx.asOf ?? (this.latest !== '' && this.latest < this.ctx.today ? this.latest : this.ctx.today);
  }

  finish(origin: string, source: string, part: Partial<Pick<Bundle, 'reservations' | 'quotas' | 'suspensions'>>): ParsedFile {
    this.errors.throwIfAny();
    const asOf = this.asOf();
    const bundle = officialFileBundle(asOf, source, part);
    return { bundle, warnings: this.notes.warnings, stats: this.notes.stats, origin, endMissing: { date: asOf } };
  }
}

/** Skips rows that repeat an earlier one (the store would reject the twin), with a warning. */
function unique<T>(run: TableRun, seen: Map<string, number>, key: string, line: number, record: T, into: T[]): void {
  const first = seen.get(key);
  if (first !== undefined) {
    run.notes.count('duplicate rows skipped');
    run.notes.warn(`line ${line}: same record as line ${first}; skipped`);
    return;
  }
  seen.set(key, line);
  into.push(record);
}

/** "3–94, 120" */
function lineRanges(lines: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    out.push(j > i ? `${lines[i]}–${lines[j]}` : String(lines[i]));
    i = j;
  }
  return out.join(', ');
}

const note = (text: string) => {
  const t = plainText(text);
  return t === '' ? null : t.slice(0, 2000);
};

// ── reservations.csv ────────────────────────────────────────────────────────────────────

const RESERVATION_COLUMNS = ['start_date', 'end_date', 'taxon_name', 'taxon_concept_id', 'rank', 'iso_code2', 'notes', 'Internal Notes'] as const;

/**
 * The table does not say which Appendix a reservation was entered against. Species+ ends a
 * reservation when the taxon moves to another Appendix (R35), so over its dates it applies
 * to whatever listing is in force: it is recorded once per Appendix, and the engine uses the
 * one that matches the listing.
 */
export async function parseReservationsFile(input: Readable, ctx: ParseContext): Promise<ParsedFile> {
  const run = new TableRun(ctx, await ctx.namesByExternalId());
  const reservations: BundleReservation[] = [];
  const seen = new Map<string, number>();
  await readCsv(input, { columns: RESERVATION_COLUMNS, format: 'the Species+ reservations table', progress: ctx.progress }, run.errors, (row) => {
    const [start, end, name, id, rank, iso, notes] = row.fields as [string, string, string, string, string, string, string];
    const before = run.errors.count;
    const from = run.date(row.line, 'start_date', start, true);
    const to = run.date(row.line, 'end_date', end, false);
    const party = run.country(row.line, 'iso_code2', iso);
    run.rank(row.line, rank);
    if (from && to && to <= from) run.errors.add(row.line, 'end_date', `${to} is not after the start date ${from}`);
    if (run.errors.count > before) return;
    const taxon = run.taxon(row, id, name);
    if (taxon === undefined) return;
    for (const appendix of APPENDICES) {
      const r: BundleReservation = { party: party!, taxon, appendix, effectiveFrom: from!, effectiveTo: to ?? null, notes: note(notes) };
      unique(run, seen, `${party}|${taxon}|${appendix}|${from}`, row.line, r, reservations);
    }
    run.notes.count('reservations');
  });
  if (reservations.length)
    run.notes.warn('the table does not give the Appendix of a reservation: each is recorded for Appendices I, II and III over its own dates');
  return run.finish('reservations', 'Species+ reservations', { reservations });
}

// ── quotas.csv ──────────────────────────────────────────────────────────────────────────

const QUOTA_COLUMNS = [
  'quota_type',
  'start_date',
  'end_date',
  'taxon_name',
  'taxon_concept_id',
  'rank',
  'iso_code2',
  'quota',
  'unit',
  'term',
  'source',
  'purpose',
  'Applies_to_import',
  'notes',
  'internal notes',
] as const;
const QUOTA_TYPES: Record<string, string> = {
  Listing_annotations: 'Quota stated in the listing annotation',
  CoP_approved: 'Quota set by the Conference of the Parties',
};

/** "All" or a ";"-separated list of codes of one kind; undefined (reported) when a code is unknown. */
function codeList<T extends string>(run: TableRun, line: number, column: string, value: string, known: readonly T[] | null): T[] | undefined {
  const v = value.trim();
  if (v === '' || /^all$/i.test(v)) return [];
  const codes = splitList(v, /\s*[;,]\s*/).map((c) => c.toUpperCase());
  const bad = codes.filter((c) => (known ? !(known as readonly string[]).includes(c) : !/^[A-Z0-9]{1,8}$/.test(c)));
  if (bad.length) {
    run.errors.add(line, column, `unknown code${bad.length > 1 ? 's' : ''} ${bad.join(', ')}`);
    return undefined;
  }
  return [...new Set(codes)] as T[];
}

/**
 * Species+ gives a quota's last day (a calendar-year quota ends 31/12/2017, the next starts
 * 01/01/2018; CoP18 quotas end 25/11/2019, their successors start 26/11/2019), whereas our
 * dates end the day before `effectiveTo`. One file's rows end on a successor's first day
 * instead; reading every end as a last day keeps those a day longer: the stricter reading.
 */
export function dayAfter(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function parseQuotasFile(input: Readable, ctx: ParseContext): Promise<ParsedFile> {
  const run = new TableRun(ctx, await ctx.namesByExternalId());
  const quotas: BundleQuota[] = [];
  const seen = new Map<string, number>();
  await readCsv(input, { columns: QUOTA_COLUMNS, format: 'the Species+ quotas table', progress: ctx.progress }, run.errors, (row) => {
    const [type, start, end, name, id, rank, iso, quota, unit, term, source, purpose, toImport, notes] = row.fields as string[] as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const line = row.line;
    const before = run.errors.count;
    const kind = QUOTA_TYPES[type.trim()];
    if (kind === undefined) run.errors.add(line, 'quota_type', `"${type.trim()}" is not one of ${Object.keys(QUOTA_TYPES).join(', ')}`);
    const from = run.date(line, 'start_date', start, true);
    const lastDay = run.date(line, 'end_date', end, false, ['Present']);
    const to = lastDay ? dayAfter(lastDay) : lastDay;
    if (from && to && to <= from) run.errors.add(line, 'end_date', `${lastDay} is before the start date ${from}`);
    const exporter = /^all$/i.test(iso.trim()) ? null : run.country(line, 'iso_code2', iso);
    run.rank(line, rank);
    const quantity = Number(quota.trim().replace(/,/g, ''));
    if (quota.trim() === '' || !Number.isFinite(quantity) || quantity < 0) run.errors.add(line, 'quota', `"${quota.trim()}" is not a quantity (0 or more)`);
    const units = codeList(run, line, 'unit', unit, null);
    if (units && units.length > 1) run.errors.add(line, 'unit', 'one unit at most');
    const terms = codeList(run, line, 'term', term, null);
    const sources = codeList<Source>(run, line, 'source', source, SOURCES);
    const purposes = codeList<Purpose>(run, line, 'purpose', purpose, PURPOSES);
    if (run.errors.count > before) return;
    if (/^(yes|true)$/i.test(toImport.trim())) run.notes.warn(`line ${line}: the quota is said to apply to imports too; quotas are checked on exports only`);
    const taxon = run.taxon(row, id, name);
    if (taxon === undefined) return;
    const q: BundleQuota = {
      taxon,
      exporter: exporter ?? null,
      quantity,
      unit: units?.[0] ?? null,
      terms: terms!,
      sources: sources!,
      purposes: purposes!,
      effectiveFrom: from!,
      effectiveTo: to ?? null,
      notes: [kind, note(notes)].filter(Boolean).join(': ').slice(0, 4000),
    };
    unique(run, seen, JSON.stringify([taxon, q.exporter, [...q.terms].sort(), [...q.sources].sort(), [...q.purposes].sort(), from]), line, q, quotas);
    run.notes.count('quotas');
  });
  return run.finish('quotas', 'Species+ quotas', { quotas });
}

// ── exemptions.csv (trade suspensions) ──────────────────────────────────────────────────

/** The Notification a row cites ("Notif. No. 2019/075"), if any: the last one named. */
export function notificationIn(text: string): string | null {
  const all = [...text.matchAll(/Notif(?:ication)?s?\.? No\.? ?(\d{4}\/\d{3})/gi)].map((m) => m[1]!);
  return all.length ? all[all.length - 1]! : null;
}

const SUSPENSION_COLUMNS = [
  'start_date',
  'end_date',
  'taxon_name',
  'taxon_concept_id',
  'rank',
  'iso_code2',
  'unit',
  'term',
  'source',
  'purpose',
  'Applies_to_import',
  'notes',
  'internal notes',
] as const;

/** Term codes the service knows (the built-in code list): what "every term except …" stands for. */
export function knownTerms(): string[] {
  const seed = JSON.parse(readFileSync(BUILTIN_SEED_FILE, 'utf8')) as { codes?: { terms?: { code: string }[] } };
  return (seed.codes?.terms ?? []).map((t) => t.code);
}

/** One code, possibly with the space of an unquoted ", "-joined list in front of it. */
const CODE_CELL = /^ ?(?:ALL|[A-Z0-9]{1,3})$/;

interface Exemption extends ExemptedCodes {
  terms: string[];
  sources: Source[];
  purposes: Purpose[];
  unknown: string[];
  applies: string;
  notes: string;
  internal: string;
}

/**
 * Reads the code part of a row (what the compliance tool exempts). The export writes the term/source/purpose lists as
 * ", "-joined text without quotes, so one list spreads over several cells (" G", " Q") and
 * sometimes runs into the next column. Source and purpose letters never overlap and terms
 * have three letters, so every code is sorted into its list by what it is, not where it sits.
 */
function readExemption(cells: readonly string[]): Exemption {
  const out: Exemption = { terms: [], sources: [], purposes: [], unknown: [], applies: '', notes: '', internal: '' };
  let i = 0;
  for (; i < cells.length && CODE_CELL.test(cells[i]!); i++) {
    const code = cells[i]!.trim();
    if (code === 'ALL') continue;
    if ((SOURCES as readonly string[]).includes(code)) out.sources.push(code as Source);
    else if ((PURPOSES as readonly string[]).includes(code)) out.purposes.push(code as Purpose);
    else if (code.length === 3) out.terms.push(code);
    else out.unknown.push(code);
  }
  const rest = cells.slice(i).map((c) => c.trim());
  if (/^(yes|no|)$/i.test(rest[0] ?? '')) out.applies = rest.shift() ?? '';
  out.notes = rest[0] ?? '';
  out.internal = rest[1] ?? '';
  return out;
}

export async function parseSuspensionsFile(input: Readable, ctx: ParseContext): Promise<ParsedFile> {
  const run = new TableRun(ctx, await ctx.namesByExternalId());
  const suspensions: BundleSuspension[] = [];
  const seen = new Map<string, number>();
  const terms = knownTerms();
  const everyCountry: number[] = [];
  const spec = {
    columns: SUSPENSION_COLUMNS,
    allowEmptyTrailingColumns: true,
    format: 'the Species+ trade suspensions table (exemptions.csv)',
    progress: ctx.progress,
  };
  await readCsv(input, spec, run.errors, (row) => {
    const [start, end, name, id, rank, iso, unit] = row.fields as [string, string, string, string, string, string, string];
    const line = row.line;
    const before = run.errors.count;
    const from = run.date(line, 'start_date', start, true);
    const to = run.date(line, 'end_date', end, false);
    if (from && to && to <= from) run.errors.add(line, 'end_date', `${to} is not after the start date ${from}`);
    const everywhere = /^all$/i.test(iso.trim());
    const country = everywhere ? undefined : run.country(line, 'iso_code2', iso);
    run.rank(line, rank);
    if (!/^all$/i.test(unit.trim()) && !/^[A-Z]{3}$/.test(unit.trim())) run.errors.add(line, 'unit', `"${unit.trim()}" is not a unit code`);
    const ex = readExemption(row.fields.slice(7));
    if (ex.unknown.length)
      run.errors.add(line, 'source', `unknown code${ex.unknown.length > 1 ? 's' : ''} ${ex.unknown.join(', ')} (not a source, purpose or term code)`);
    if (run.errors.count > before) return;
    if (everywhere) {
      everyCountry.push(line);
      return;
    }
    const allTaxa = /^all$/i.test(id.trim()) && /^all$/i.test(name.trim());
    const taxon = allTaxa ? null : run.taxon(row, id, name);
    if (taxon === undefined) return;
    const reading = readSuspensionWording({
      taxon: allTaxa ? null : name.trim(),
      wording: ex.notes,
      internalNote: ex.internal,
      exempted: ex,
      appliesToImport: /^yes$/i.test(ex.applies),
      knownTerms: terms,
    });
    if (reading.kind === 'exempted-taxon') {
      run.notes.count('rows naming a taxon the recommendation exempts (no suspension)');
      run.notes.warn(`line ${line}: ${reading.why}; no suspension recorded for it`);
      return;
    }
    const unknownTerms = ex.terms.filter((t) => !terms.includes(t));
    if (unknownTerms.length)
      run.notes.warn(
        `line ${line}: exempted terms ${unknownTerms.join(', ')} are not in the service's term list; the suspension still covers only known terms`,
      );
    const s: BundleSuspension = {
      country: country!,
      taxon,
      purposes: reading.purposes,
      sources: reading.sources,
      terms: reading.terms,
      appliesToImports: reading.appliesToImports,
      effectiveFrom: from!,
      effectiveTo: to ?? null,
      notification: notificationIn(`${ex.notes} ${ex.internal}`),
      notes: note(ex.notes),
      review: reading.review,
    };
    if (reading.review) {
      run.notes.count('suspensions whose wording could not be mapped (flagged, not denied)');
      run.notes.warn(`line ${line}: "${plainText(ex.notes).slice(0, 100)}" read as ${reading.reading}: matching trades are flagged for review`);
    }
    unique(run, seen, JSON.stringify([s.country, taxon, s.purposes, s.sources, s.terms, from]), line, s, suspensions);
    run.notes.count('suspensions');
  });
  if (everyCountry.length) {
    run.notes.count('rows for every country (not representable, skipped)', everyCountry.length);
    run.notes.warn(
      `${everyCountry.length} rows suspend trade for every country (iso_code2 ALL), which a suspension (one country) cannot record; skipped: lines ${lineRanges(everyCountry)}`,
    );
  }
  return run.finish('suspensions', 'Species+ trade suspensions', { suspensions });
}
