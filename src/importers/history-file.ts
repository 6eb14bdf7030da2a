/**
 * kind `history`: the "History of CITES Listings" CSV (checklist.cites.org): one row per
 * listing change (addition, deletion, reservation, withdrawal) with its effective date. It
 * is the authority on listings: its dated entries replace the undated ones an Index import
 * wrote for the same taxa. Taxa come from the same columns as the Index, so the history
 * can be imported alone; taxa already in the store (by Species+ id) are left as they are.
 */
import type { Readable } from 'node:stream';
import type { BundleListing } from '../contract/bundle.js';

type ExcludedTaxon = BundleListing['excludedTaxa'][number];
import { APPENDICES, type Appendix, type Kingdom } from '@cites-permit-check/engine/contract/codes';
import { plainText } from './annotation-text.js';
import { exceptedTaxa } from './excepted-taxa.js';
import { LineErrors, readCsv } from './csv.js';
import { dayFirstDate, ImportNotes, isCountryCode } from './fields.js';
import { readHashAnnotation } from './hash-annotations.js';
import { replayHistory, type ChangeType, type ListingChange } from './history-events.js';
import { buildTaxonomy, readTaxonColumns, type TaxonRow } from './index-taxa.js';
import { CountryNames, readPopulations } from './populations.js';
import { officialFileBundle, type ParseContext, type ParsedFile } from './types.js';

const HISTORY_COLUMNS = [
  'TaxonId',
  'Kingdom',
  'Phylum',
  'Class',
  'Order',
  'Family',
  'Genus',
  'Species',
  'Subspecies',
  'FullName',
  'AuthorYear',
  'RankName',
  'Appendix',
  'PartyIsoCode',
  'PartyFullName',
  'ChangeType',
  'EffectiveAt',
  'IsCurrent',
  '#AnnotationSymbol',
  '#Annotation',
  'FullAnnotationEnglish',
  'AnnotationEnglish',
  'AnnotationSpanish',
  'AnnotationFrench',
  'NomenclatureNote',
] as const;
type Column = (typeof HISTORY_COLUMNS)[number];
const col = Object.fromEntries(HISTORY_COLUMNS.map((c, i) => [c, i])) as Record<Column, number>;

const CHANGE_TYPES = new Set<ChangeType>(['ADDITION', 'DELETION', 'RESERVATION', 'RESERVATION_WITHDRAWAL']);
const BOOLEAN = /^(?:true|false|t|f|1|0|yes|no|)$/i;

/** The annotation cells may repeat the "Appendix II:" prefix of the Index; it is not part of the text. */
const withoutPrefix = (t: string) => t.replace(/^Appendix I{1,3}\s*:\s*/, '').trim();

/** One listing change as a file gives it (the History CSV, a Species+ record), before it is read. */
export interface RawChange {
  line: number;
  id: string;
  appendix: Appendix;
  party: string | null;
  type: ChangeType;
  date: string;
  hashSymbol: string | null;
  hash: string;
  full: string;
  short: string;
  es: string;
  fr: string;
  kingdom: Kingdom;
  family: string;
}

export async function parseHistoryFile(input: Readable, ctx: ParseContext): Promise<ParsedFile> {
  const errors = new LineErrors();
  const notes = new ImportNotes();
  const taxaById = new Map<string, TaxonRow>();
  const raw: RawChange[] = [];
  let latest = '';

  await readCsv(input, { columns: HISTORY_COLUMNS, format: 'the History of CITES Listings', progress: ctx.progress }, errors, ({ line, fields }) => {
    const f = (c: Column) => fields[col[c]]!.trim();
    const bad = (c: Column, why: string) => errors.add(line, c, why);
    const before = errors.count;
    const taxon = readTaxonColumns(f, bad);
    const { id, name } = taxon;
    const appendix = f('Appendix') as Appendix;
    if (!APPENDICES.includes(appendix)) bad('Appendix', `"${appendix}" is not I, II or III`);
    const type = f('ChangeType') as ChangeType;
    if (!CHANGE_TYPES.has(type)) bad('ChangeType', `"${type}" is not one of ${[...CHANGE_TYPES].join(', ')}`);
    const date = dayFirstDate(f('EffectiveAt'));
    if (date === null) bad('EffectiveAt', `"${f('EffectiveAt')}" is not a date written DD/MM/YYYY`);
    if (!BOOLEAN.test(f('IsCurrent'))) bad('IsCurrent', `"${f('IsCurrent')}" is not true or false`);
    const party = f('PartyIsoCode').toUpperCase() || null;
    if (party !== null && !isCountryCode(party)) bad('PartyIsoCode', `"${party}" is not an ISO 3166 country code`);
    if (party === null && (type === 'RESERVATION' || type === 'RESERVATION_WITHDRAWAL')) bad('PartyIsoCode', 'a reservation names the reserving Party');
    const hashSymbol = f('#AnnotationSymbol') || null;
    if (hashSymbol !== null && !/^#\d+$/.test(hashSymbol)) bad('#AnnotationSymbol', `"${hashSymbol}" is not a # annotation symbol such as #4`);
    const known = taxaById.get(id);
    if (known && known.name !== name) bad('FullName', `taxon ${id} is named "${known.name}" on line ${known.line}`);
    if (errors.count > before) return;

    if (date! > latest) latest = date!;
    if (!known) {
      taxaById.set(id, { line, ...taxon, synonyms: '', names: { en: '', es: '', fr: '' }, distribution: [] });
    }
    raw.push({
      line,
      id,
      appendix,
      party,
      type,
      date: date!,
      hashSymbol,
      hash: withoutPrefix(f('#Annotation')),
      full: withoutPrefix(f('FullAnnotationEnglish')),
      short: withoutPrefix(f('AnnotationEnglish')),
      es: withoutPrefix(f('AnnotationSpanish')),
      fr: withoutPrefix(f('AnnotationFrench')),
      kingdom: taxon.levels.kingdom,
      family: f('Family'),
    });
  });
  errors.throwIfAny();

  // Taxa the store already has (by Species+ id) keep their names and details; the others are added.
  const stored = await ctx.namesByExternalId();
  const taxonomy = buildTaxonomy(
    [...taxaById.values()].filter((t) => !stored.has(t.id)),
    notes,
  );
  const { taxa } = taxonomy;
  const nameOf = new Map([...taxaById].map(([id, t]) => [id, stored.get(id) ?? taxonomy.refOf(t.levels.kingdom, t.name)]));
  const knownNames = new Set([...stored.values(), ...nameOf.values(), ...taxa.map((t) => t.name)]);

  const countries = new CountryNames();
  const changes: ListingChange[] = raw.map((r) => changeOf(r, nameOf.get(r.id)!, knownNames, countries, notes));
  const { listings, reservations } = replayHistory(changes, notes);
  notes.count('taxa in the file', taxaById.size);
  notes.count('listing entries', listings.length);
  notes.count('reservations', reservations.length);

  const asOf = ctx.asOf ?? (latest !== '' ? latest : ctx.today);
  const bundle = officialFileBundle(asOf, 'History of CITES Listings (CITES Checklist, UNEP-WCMC)', { taxa, listings, reservations });
  return { bundle, warnings: notes.warnings, stats: notes.stats, origin: 'history', replacesListingsOf: ['index', 'seed'] };
}

export function changeOf(r: RawChange, taxon: string, knownNames: ReadonlySet<string>, countries: CountryNames, notes: ImportNotes): ListingChange {
  const isEntry = r.type === 'ADDITION';
  const text = (t: { en?: string; es?: string; fr?: string }) => {
    const out: Record<string, string> = {};
    for (const [lang, v] of Object.entries(t)) if (v) out[lang] = plainText(v);
    return Object.keys(out).length ? out : null;
  };
  let specimens: BundleListing['specimens'] = null;
  if (isEntry && r.kingdom === 'Plantae' && r.hashSymbol !== null && r.appendix !== 'I') {
    const read = readHashAnnotation(r.hashSymbol, r.hash, r.family);
    if (read.mapped) {
      specimens = read.specimens;
      notes.count('# annotations read as specimens');
    } else {
      notes.count('# annotations left as text');
      notes.warn(`line ${r.line}: ${taxon}: # annotation ${r.hashSymbol} left as text`);
    }
  }
  return {
    line: r.line,
    taxon,
    appendix: r.appendix,
    party: r.party,
    type: r.type,
    date: r.date,
    populations: isEntry ? readPopulations(r.short, countries) : { scope: { kind: 'whole' }, partly: [] },
    populationWording: r.short,
    entry: {
      excludedTaxa: isEntry ? exclusionsOf(r, knownNames, countries, notes) : [],
      annotation: isEntry ? text({ en: r.full || r.short, es: r.es, fr: r.fr }) : null,
      hashAnnotation: isEntry && r.hashSymbol !== null && r.hash !== '' ? r.hashSymbol : null,
      hashAnnotationText: isEntry && r.hashSymbol !== null && r.hash !== '' ? text({ en: r.hash }) : null,
      specimens,
    },
    reservationNote: r.type === 'RESERVATION' ? plainText(r.full || r.short) || null : null,
  };
}

/** Exceptions an addition states, kept when the taxon is known (in the file or the store), reported otherwise. */
function exclusionsOf(r: RawChange, knownNames: ReadonlySet<string>, countries: CountryNames, notes: ImportNotes): ExcludedTaxon[] {
  const kept: ExcludedTaxon[] = [];
  for (const x of exceptedTaxa([r.short, r.full], countries)) {
    const name = typeof x === 'string' ? x : x.taxon;
    if (knownNames.has(name)) kept.push(x);
    else {
      notes.count('excluded taxa not known (left out)');
      notes.warn(`line ${r.line}: excluded taxon "${name}" is neither in the file nor in the store; left out of the exclusions`);
    }
  }
  if (kept.length) notes.count('exclusions read from annotations', kept.length);
  return kept;
}
