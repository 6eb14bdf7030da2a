/**
 * Listing entries from the Index of CITES Species. The Index repeats a higher taxon's
 * listing on every row below it; the engine instead walks up the classification, so each
 * taxon gets its own entries only:
 *
 * - a line is inherited (no entry) when the nearest ancestor row with a line in the same
 *   Appendix has the same text, or the line just says "Included in X spp.";
 * - a row without lines that is "NC" (not covered) under a listed ancestor becomes an
 *   exclusion of that ancestor's entries; a row whose own lines leave populations out
 *   ("All populations except those of US and MX") excludes those populations there;
 * - population texts become include/exclude lists and # annotations of plants become
 *   `specimens`. What cannot be read with certainty stays as annotation text and is reported.
 *
 * Quotas stated in annotations (zero quotas for Crocodylus niloticus from EG, for nine Cuora
 * species…) are read but not loaded: the Index gives no start date, so every newer Index would
 * end and recreate them; the Species+ quotas table (kind `quotas`) holds them with their dates.
 */
import type { BundleListing, Populations, Specimens } from '../contract/bundle.js';
import type { Appendix } from '@cites-permit-check/engine/contract/codes';
import type { LocalizedText } from '@cites-permit-check/engine/contract/common';
import { readAnnotationQuotas } from './annotation-quotas.js';
import { comparable, plainText } from './annotation-text.js';
import type { ImportNotes } from './fields.js';
import { readAppendixIPlantAnnotation, readHashAnnotation } from './hash-annotations.js';
import type { IndexLine, IndexRow } from './index-rows.js';
import { taxonKey, type Taxonomy } from './index-taxa.js';
import { populationsOf, readPopulations, type CountryNames, type PopulationReading } from './populations.js';

const STRICTNESS: Record<Appendix, number> = { I: 0, II: 1, III: 2 };
/** The Convention entered into force on 1 July 1975 (Art. XXII): no listing is older. */
const CONVENTION_IN_FORCE = '1975-07-01';
const REFERS_UP = /^(?:Included in|Listed under) (?!Appendix)/i;

interface Entry {
  listing: BundleListing;
}

/** Builds the entries and exclusions of every row (quotas are only reported). */
export function buildIndexListings(
  rows: readonly IndexRow[],
  taxonomy: Pick<Taxonomy, 'ancestors' | 'refOf'>,
  asOf: string,
  countries: CountryNames,
  notes: ImportNotes,
  /** Parties the store knows, when it knows any: a listing Party must be one of them. */
  parties: ReadonlySet<string> | null = null,
): BundleListing[] {
  const keyOf = (r: IndexRow) => taxonKey(r.levels.kingdom, r.name);
  const refOf = (r: IndexRow) => taxonomy.refOf(r.levels.kingdom, r.name);
  const rowByKey = new Map(rows.map((r) => [keyOf(r), r]));
  const rowNames = new Set(rows.map((r) => r.name));
  const chainOf = (r: IndexRow) => (taxonomy.ancestors.get(keyOf(r)) ?? []).map((k) => rowByKey.get(k)).filter((a): a is IndexRow => a !== undefined);

  /** Is this line of the row the repetition of an ancestor's listing? */
  const inherited = (r: IndexRow, line: IndexLine): boolean => {
    for (const a of chainOf(r)) {
      const same = a.lines.filter((l) => l.appendix === line.appendix);
      if (same.length === 0) continue;
      const text = comparable(line.short);
      return REFERS_UP.test(text) || same.some((l) => comparable(l.short) === text);
    }
    return false;
  };

  const entriesOf = new Map<string, Entry[]>();
  const quotas: string[] = [];
  const pending: { row: IndexRow; populations: Populations | null }[] = [];

  for (const row of rows) {
    const own = row.lines.filter((l) => !inherited(row, l));
    notes.count('listing lines repeating an ancestor (no entry written)', row.lines.length - own.length);
    if (own.length === 0) {
      if (row.lines.length === 0 && (row.currentListing === '' || row.currentListing.split('/').includes('NC'))) pending.push({ row, populations: null });
      continue;
    }
    const readings = new Map(row.lines.map((l) => [l, readPopulations(l.short, countries)] as const));
    const entries = own.map((l) => entryOf(row, refOf(row), l, readings, asOf, notes, parties));
    entriesOf.set(keyOf(row), resolveConflicts(row, entries, notes));
    for (const l of own) quotas.push(...quotasIn(row, l, rowNames, notes));

    // Populations an own line leaves out, that no other line of the row takes in, are not listed at all.
    if (own.length === row.lines.length) {
      const left = unlistedPopulations([...readings.values()]);
      if (left.length) pending.push({ row, populations: { include: left } });
    }
  }

  // Exclusions go on the entries of the nearest ancestor that has entries of its own.
  for (const { row, populations } of pending) {
    const lineage = chainOf(row);
    if (!lineage.some((a) => a.lines.length > 0)) continue; // nothing above lists it: nothing to except
    const holder = lineage.find((a) => entriesOf.has(keyOf(a)));
    if (!holder) continue;
    for (const e of entriesOf.get(keyOf(holder))!) {
      e.listing.excludedTaxa.push(populations ? { taxon: refOf(row), populations } : refOf(row));
    }
    notes.count(populations ? 'population exclusions on ancestor entries' : 'taxa excluded from an ancestor entry (NC)');
  }

  const listings = [...entriesOf.values()].flat().map((e) => e.listing);
  for (const l of listings) {
    notes.count('listing entries');
    if (l.appendix === 'III' && l.party === null) notes.count('Appendix III entries without a listing Party');
  }
  const withoutParty = notes.stats['Appendix III entries without a listing Party'] ?? 0;
  if (withoutParty > 0)
    notes.warn(`${withoutParty} Appendix III entries have no listing Party: the Index does not name it (import the listing history to add it)`);
  if (quotas.length > 0) {
    notes.count('quotas stated in annotations (not loaded)', quotas.length);
    notes.warn(
      `${quotas.length} quotas stated in listing annotations were not loaded (the Index gives no start date; import the Species+ quotas table): ${quotas.join('; ')}`,
    );
  }
  return listings;
}

function text(parts: { en?: string; es?: string; fr?: string }): LocalizedText | null {
  const out: LocalizedText = {};
  for (const lang of ['en', 'es', 'fr'] as const) {
    const t = parts[lang] ? plainText(parts[lang]) : '';
    if (t !== '') out[lang] = t;
  }
  return Object.keys(out).length ? out : null;
}

function entryOf(
  row: IndexRow,
  taxon: string,
  line: IndexLine,
  readings: Map<IndexLine, PopulationReading>,
  asOf: string,
  notes: ImportNotes,
  parties: ReadonlySet<string> | null,
): Entry {
  const where = `line ${row.line}: ${row.name}, Appendix ${line.appendix}`;
  const reading = readings.get(line)!;
  const siblings = (of: Appendix) => row.lines.filter((l) => l.appendix === of).map((l) => readings.get(l)!.scope);
  const populations = populationsOf(reading, siblings, line.short);
  // "Population of GT" on an Appendix III line is Guatemala's listing of its own population
  // ("Cedrela odorata (population of Guatemala) (Guatemala)"): that Party is the listing Party.
  let party: string | null = null;
  if (line.appendix === 'III' && populations?.include?.length === 1 && !populations.partly) {
    if (parties === null || parties.has(populations.include[0]!)) {
      party = populations.include[0]!;
      notes.count('Appendix III listing Parties read from their population');
    } else notes.warn(`${where}: listing Party ${populations.include[0]} is not among the Parties the store knows (import the Parties first); left unnamed`);
  }
  if (populations?.include || populations?.exclude) notes.count('populations structured');
  else if (populations !== null) {
    notes.count('populations left as text');
    notes.warn(`${where}: populations "${populations.text}" left as text (decisions by this entry are flagged for review)`);
  }
  if (reading.partly.length) {
    notes.count('populations naming part of a country');
    notes.warn(`${where}: only part of the populations of ${reading.partly.join(', ')} is meant; decisions on specimens from there are flagged for review`);
  }

  let specimens: Specimens | null = null;
  const hashSymbol = line.hash !== '' ? row.hashSymbol : null;
  if (row.levels.kingdom === 'Plantae') {
    if (hashSymbol !== null && line.appendix !== 'I') {
      const read = readHashAnnotation(hashSymbol, line.hash, row.levels.family);
      if (read.mapped) {
        specimens = read.specimens;
        notes.count('# annotations read as specimens');
        if (read.notExpressed) notes.count('# annotation parts kept as text only');
      } else {
        notes.count('# annotations left as text');
        notes.warn(`${where}: # annotation ${hashSymbol} left as text (no machine-readable form for "${plainText(line.hash).slice(0, 80)}…")`);
      }
    } else if (line.appendix === 'I') {
      specimens = readAppendixIPlantAnnotation(line.short);
    }
  }

  return {
    listing: {
      taxon,
      appendix: line.appendix,
      party,
      effectiveFrom: asOf,
      effectiveTo: null,
      // The Index gives the listings in force on its date, not when they began: the store
      // narrows this to the last change it knows of (or drops it when the entry continues one).
      mayStartFrom: CONVENTION_IN_FORCE,
      source: null,
      populations,
      excludedTaxa: [],
      annotation: text({ en: line.full || line.short, es: line.es, fr: line.fr }),
      hashAnnotation: hashSymbol,
      hashAnnotationText: hashSymbol !== null ? text({ en: line.hash }) : null,
      specimens,
    },
  };
}

const scopeKey = (p: Populations | null) => JSON.stringify(p ?? null);

/**
 * Entries of one taxon must differ in scope (the store rejects overlapping entries of the
 * same taxon and populations): lines repeating a scope in the same Appendix are merged;
 * lines of different Appendices with the same scope (texts that could not be structured)
 * keep the strictest Appendix, with every line's text, and are reported.
 */
function resolveConflicts(row: IndexRow, entries: Entry[], notes: ImportNotes): Entry[] {
  const byScope = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = scopeKey(e.listing.populations);
    byScope.set(key, [...(byScope.get(key) ?? []), e]);
  }
  const out: Entry[] = [];
  for (const group of byScope.values()) {
    group.sort((a, b) => STRICTNESS[a.listing.appendix] - STRICTNESS[b.listing.appendix]);
    const kept = group[0]!;
    if (group.length > 1) {
      const appendices = [...new Set(group.map((e) => e.listing.appendix))];
      if (appendices.length > 1) {
        notes.count('entries dropped (same populations as a stricter entry)');
        notes.warn(
          `line ${row.line}: ${row.name}: lines in Appendices ${appendices.join(' and ')} could not be told apart by population; Appendix ${kept.listing.appendix} applies to the whole taxon until the populations are structured`,
        );
      }
      kept.listing.annotation = mergeText(group.map((e) => [e.listing.appendix, e.listing.annotation] as const));
      kept.listing.specimens = mergeSpecimens(group.filter((e) => e.listing.appendix === kept.listing.appendix).map((e) => e.listing.specimens));
      const hashTexts = group.map((e) => e.listing.hashAnnotationText?.en).filter((t): t is string => t !== undefined);
      if (hashTexts.length > 1) kept.listing.hashAnnotationText = { en: [...new Set(hashTexts)].join('\n') };
    }
    out.push(kept);
  }
  return out;
}

function mergeText(parts: ReadonlyArray<readonly [Appendix, LocalizedText | null]>): LocalizedText | null {
  const out: LocalizedText = {};
  const appendices = new Set(parts.map(([a]) => a));
  for (const lang of ['en', 'es', 'fr'] as const) {
    const texts = [...new Set(parts.map(([a, t]) => (t?.[lang] ? (appendices.size > 1 ? `Appendix ${a}: ${t[lang]}` : t[lang]) : '')).filter((t) => t !== ''))];
    if (texts.length) out[lang] = texts.join('\n');
  }
  return Object.keys(out).length ? out : null;
}

/** Two "only" lists of the same scope cover the union of their parts; anything else: every part. */
function mergeSpecimens(list: (Specimens | null)[]): Specimens | null {
  const distinct = [...new Map(list.map((s) => [JSON.stringify(s), s])).values()];
  if (distinct.length === 1) return distinct[0]!;
  if (distinct.every((s) => s?.only !== undefined && s.otherwise === 'not-covered')) {
    const terms = [...new Set(distinct.flatMap((s) => s!.only!.flatMap((c) => c.terms ?? [])))];
    return { only: [{ terms }], otherwise: 'not-covered' };
  }
  return null;
}

/** Populations an "all except X" line leaves out and no other line of the row takes in. */
function unlistedPopulations(readings: readonly PopulationReading[]): string[] {
  const scopes = readings.map((r) => r.scope);
  if (scopes.some((s) => s.kind !== 'include' && s.kind !== 'exclude')) return [];
  const included = new Set(scopes.flatMap((s) => (s.kind === 'include' ? s.codes : [])));
  const excludes = scopes.filter((s) => s.kind === 'exclude');
  if (excludes.length === 0) return [];
  // A population is listed if some exclude-line does not exclude it, or an include-line names it.
  // A country only partly excluded is still partly listed: it is never "not listed".
  const partly = new Set(scopes.flatMap((s) => ('partly' in s ? (s.partly ?? []) : [])));
  const left = excludes[0]!.codes.filter((c) => excludes.every((s) => s.codes.includes(c)) && !included.has(c) && !partly.has(c));
  return [...new Set(left)].sort();
}

/** Quotas an own line states, described for the report ("Crocodylus niloticus from EG: 0, W, T"). */
function quotasIn(row: IndexRow, line: IndexLine, rowNames: ReadonlySet<string>, notes: ImportNotes): string[] {
  const { quotas, mentioned } = readAnnotationQuotas(line.short);
  if (mentioned && quotas.length === 0) {
    notes.count('quotas left as text');
    notes.warn(`line ${row.line}: ${row.name}: quota in "${plainText(line.short).slice(0, 120)}" left as text`);
  }
  return quotas.flatMap((q) =>
    (q.taxa.length ? q.taxa : [row.name]).map((taxon) => {
      const known = rowNames.has(taxon) ? '' : ' (not in the file)';
      const what = [q.quantity, q.terms.join('+'), q.sources.join('+'), q.purposes.join('+')].filter((x) => x !== '').join(', ');
      return `${taxon}${known}${q.exporter ? ` from ${q.exporter}` : ''}: ${what}`;
    }),
  );
}
