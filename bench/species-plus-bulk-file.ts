/**
 * `npx tsx bench/species-plus-bulk-file.ts [out.ndjson.gz]`: builds a Species+ bulk download
 * of realistic size (`cites_eu_en.ndjson.gz`, shape of /shared/docs/species-plus.md) from the
 * real 2017 Index of CITES Species and the Species+ tables in ../shared/data: one line per
 * accepted taxon (38,079) and one per synonym, about 90,000 lines. No real bulk file is
 * available offline; what the Index lacks is made up deterministically and said so here:
 *
 * - listing dates: Appendix II entries start 1975-07-01; Appendix I taxa were in Appendix II
 *   first and moved on 1990-01-18; Appendix III entries start 1976-02-26, listed by the first
 *   country of the taxon's distribution; the current entries carry the Index's annotations;
 * - reservations, quotas and suspensions come from sapi_current (real Species+ rows);
 *   suspensions of every taxon are written on every accepted line, as Species+ does;
 * - EU listings mirror the CITES ones (Annex A for I, B for II, C for III); each distribution
 *   carries a made-up bibliographic reference, as the real file's do;
 * - the CITES/EU taxonomy also holds species the EU lists alone (Annex D): every second Index
 *   species gets such a made-up sister species ("<Genus> <epithet>-d"), without CITES listings.
 *
 * The file is written to bench/.cache (never committed: the Index is test data only).
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { Rank } from '@cites-permit-check/engine/contract/codes';
import { appendixLines } from '../src/importers/annotation-text.js';
import { dayFirstDate } from '../src/importers/fields.js';
import { parseSynonyms } from '../src/importers/synonyms.js';
import { CACHE, SHARED_FILES } from './lib.js';

export const BULK_FILE = join(CACHE, 'cites_eu_en.ndjson.gz');
const SYNONYM_IDS = 5_000_000;
const EU_ONLY_IDS = 6_000_000;

type Row = Record<string, string>;

const table = (path: string): Row[] =>
  parseSync(readFileSync(path), { columns: (h: string[]) => h.map((c, i) => c || `_${i}`), relax_column_count: true }) as Row[];

function byTaxon<T>(rows: Row[], make: (r: Row, i: number) => T | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  rows.forEach((r, i) => {
    const made = make(r, i);
    if (made === null) return;
    const id = r.taxon_concept_id!.trim();
    out.set(id, [...(out.get(id) ?? []), made]);
  });
  return out;
}

const geo = (code: string) => ({ iso_code2: code, name: code, type: 'COUNTRY' });
const iso = (d: string) => dayFirstDate(d) ?? null;

function restrictions() {
  const quotas = byTaxon(table(SHARED_FILES.quotas), (r, i) => ({
    id: 300_000 + i,
    taxon_concept_id: Number(r.taxon_concept_id),
    quota: Number(r.quota),
    publication_date: iso(r.start_date!),
    notes: r.notes,
    url: null,
    public_display: true,
    is_current: r.end_date === 'Present' || r.end_date === '',
    unit: r.unit && r.unit !== 'All' ? { code: r.unit, name: r.unit } : null,
    geo_entity: geo(r.iso_code2!),
  }));
  const suspensionOf = (r: Row, i: number) => ({
    id: 400_000 + i,
    taxon_concept_id: /^\d+$/.test(r.taxon_concept_id!.trim()) ? Number(r.taxon_concept_id) : null,
    notes: r.notes,
    start_date: iso(r.start_date!),
    end_date: r.end_date ? iso(r.end_date) : null,
    is_current: !r.end_date,
    applies_to_import: /yes/i.test(r.Applies_to_import ?? ''),
    geo_entity: geo(r.iso_code2!),
    start_notification: { name: r.notes?.match(/Notif(?:ication)?\.? No\.? ?\d{4}\/\d{3}/)?.[0] ?? null, date: iso(r.start_date!), url: null },
  });
  const exemptions = table(SHARED_FILES.suspensions).filter((r) => /^[A-Z]{2}$/.test(r.iso_code2 ?? ''));
  const everyTaxon = exemptions.map(suspensionOf).filter((s) => s.taxon_concept_id === null && s.is_current);
  const suspensions = byTaxon(exemptions, (r, i) => (/^\d+$/.test(r.taxon_concept_id!.trim()) ? suspensionOf(r, i) : null));
  const reservations = byTaxon(table(SHARED_FILES.reservations), (r) => (/^[A-Z]{2}$/.test(r.iso_code2 ?? '') ? r : null));
  return { quotas, suspensions, everyTaxon, reservations };
}

interface Listing {
  appendix: string;
  change_type: string;
  effective_at: string;
  party: ReturnType<typeof geo> | null;
  annotation: string | null;
  hash_annotation: { symbol: string; note: string } | null;
  is_current: boolean;
}

function listingsOf(r: Row, distribution: string[], reservations: Row[]): Listing[] {
  const current = new Set(r.CurrentListing!.split('/').filter((a) => a === 'I' || a === 'II' || a === 'III'));
  const notes = new Map((appendixLines(r.AnnotationEnglish ?? '') ?? []).map((l) => [l.appendix as string, l.text]));
  const hash = r['#AnnotationSymbol'] ? { symbol: `CoP17 ${r['#AnnotationSymbol']}`, note: r['#Annotation'] ?? '' } : null;
  const entry = (appendix: string, at: string, isCurrent: boolean, party: string | null = null): Listing => ({
    appendix,
    change_type: '+',
    effective_at: at,
    party: party === null ? null : geo(party),
    annotation: isCurrent ? (notes.get(appendix) ?? null) : null,
    hash_annotation: isCurrent && appendix !== 'I' ? hash : null,
    is_current: isCurrent,
  });
  const out: Listing[] = [];
  // A split listing (I/II) needs the populations or taxa of each part told apart, which the
  // annotations do; without both annotations only the stricter part is written.
  if (current.has('I') && current.has('II') && !(notes.get('I') && notes.get('II') && notes.get('I') !== notes.get('II'))) current.delete('II');
  if (current.has('I')) out.push(entry('II', '1975-07-01', false), entry('I', '1990-01-18', true));
  if (current.has('II')) out.push(entry('II', current.has('I') ? '1990-01-18' : '1975-07-01', true));
  if (current.has('III') && distribution[0]) out.push(entry('III', '1976-02-26', true, distribution[0]));
  const main = current.has('I') ? 'I' : current.has('II') ? 'II' : 'III';
  for (const res of reservations) {
    const from = iso(res.start_date!);
    if (from === null) continue;
    out.push({ ...entry(main, from, !res.end_date, res.iso_code2!), change_type: 'R+', annotation: null });
    const to = res.end_date ? iso(res.end_date) : null;
    if (to) out.push({ ...entry(main, to, false, res.iso_code2!), change_type: 'R-', annotation: null });
  }
  return out;
}

const reference = (code: string, name: string) =>
  `Various authors (1998). Checklist of the wildlife of ${code}: ${name}. National Museum series, ${code.length * 37} pp.`;

async function* lines(): AsyncGenerator<string> {
  const { quotas, suspensions, everyTaxon, reservations } = restrictions();
  const csv = createReadStream(SHARED_FILES.index)
    .pipe(createGunzip())
    .pipe(parse({ columns: true, relax_quotes: true }));
  let synonymId = SYNONYM_IDS;
  let listingId = 1;
  let species = 0;
  for await (const r of csv as AsyncIterable<Row>) {
    const id = Number(r.TaxonId);
    const codes = (r.All_DistributionISOCodes ?? '').split(/,\s*/).filter(Boolean);
    const names = (r.All_DistributionFullNames ?? '').split(/,\s*/);
    const synonyms = r.SynonymsWithAuthors ? parseSynonyms(r.SynonymsWithAuthors, r.RankName as Rank) : [];
    const listings = listingsOf(r, codes, reservations.get(r.TaxonId!) ?? []).map((l) => ({ id: listingId++, taxon_concept_id: id, ...l }));
    const common = (lang: string, cell: string | undefined) =>
      (cell ?? '')
        .split(/,\s+/)
        .filter(Boolean)
        .map((name) => ({ name, language: lang }));
    const concept = {
      id,
      full_name: r.FullName,
      author_year: r.AuthorYear || null,
      rank: r.RankName,
      name_status: 'A',
      taxonomy: 'CITES_EU',
      updated_at: '2017-04-21T00:00:00Z',
      active: true,
      higher_taxa: { kingdom: r.Kingdom, phylum: r.Phylum, class: r.Class, order: r.Order, family: r.Family },
      synonyms: synonyms.map((s, i) => ({ id: synonymId + i + 1, full_name: s.name, author_year: s.author, rank: r.RankName })),
      common_names: [...common('EN', r.EnglishNames), ...common('ES', r.SpanishNames), ...common('FR', r.FrenchNames)],
      cites_listing: r.CurrentListing,
      cites_listings: listings,
      cites_quotas: quotas.get(r.TaxonId!) ?? [],
      cites_suspensions: [...everyTaxon, ...(suspensions.get(r.TaxonId!) ?? [])],
      eu_listings: listings.map((l) => ({ ...l, annex: ({ I: 'A', II: 'B', III: 'C' } as Record<string, string>)[l.appendix] })),
      eu_decisions: [],
      distributions: codes.map((code, i) => ({
        id: id * 100 + i,
        iso_code2: code,
        name: names[i] ?? code,
        type: 'COUNTRY',
        tags: [],
        references: [reference(code, names[i] ?? code)],
      })),
      references: [],
    };
    yield `${JSON.stringify(concept)}\n`;
    if (r.RankName === 'SPECIES' && species++ % 2 === 0) {
      const euOnly = { id: EU_ONLY_IDS + id, full_name: `${r.FullName}-d`, synonyms: [], cites_listing: null, cites_listings: [], cites_quotas: [] };
      const annexD = [
        { id: listingId++, taxon_concept_id: euOnly.id, appendix: null, annex: 'D', change_type: '+', effective_at: '2017-02-04', is_current: true },
      ];
      yield `${JSON.stringify({ ...concept, ...euOnly, eu_listings: annexD })}\n`;
    }
    for (const s of synonyms) {
      synonymId++;
      yield `${JSON.stringify({
        id: synonymId,
        full_name: s.name,
        author_year: s.author,
        rank: r.RankName,
        name_status: 'S',
        taxonomy: 'CITES_EU',
        updated_at: '2017-04-21T00:00:00Z',
        active: true,
        accepted_names: [{ id, full_name: r.FullName }],
        cites_listings: [],
        cites_quotas: [],
        cites_suspensions: everyTaxon,
        eu_listings: [],
        eu_decisions: [],
        distributions: [],
        references: [],
      })}\n`;
    }
  }
}

/** Writes the file (once; kept in bench/.cache) and returns its path. */
export async function bulkFile(out = BULK_FILE): Promise<string> {
  if (existsSync(out)) return out;
  if (!existsSync(SHARED_FILES.index)) throw new Error(`the generator needs the real Checklist at ${SHARED_FILES.index}`);
  mkdirSync(CACHE, { recursive: true });
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(`${out}.part`));
  renameSync(`${out}.part`, out);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = await bulkFile(process.argv[2]);
  process.stdout.write(`${path}\n`);
}
