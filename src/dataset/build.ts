/**
 * The default dataset: the CITES Checklist as it stands today, composed from the public files
 * in ../shared/data and the project's own records (dataset/):
 *
 * 1. taxa, names and distributions of the 2017 Index of CITES Species;
 * 2. the dated listing history to CoP16 (Species+ import files, 2013), joined to the Index taxa;
 * 3. the amendments up to the Index date, then the Index's own entries merged on its date
 *    (continuing the dated entries they match), then the amendments since (CoP17 to CoP20,
 *    Appendix III), each on its date;
 * 4. reservations, quotas and suspensions (history, Species+ tables, amendment records);
 * 5. Parties (cites.org list, completed by the built-in seed) and the code lists;
 * 6. the built-in seed's hand-checked knowledge where the official files say nothing.
 *
 * Deterministic: the same inputs give the same bundle, byte for byte (no clock, stable order).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Bundle, BundleListing } from '../contract/bundle.js';
import type { Appendix, Kingdom } from '@cites-permit-check/engine/contract/codes';
import { ImportNotes } from '../importers/fields.js';
import { parseIndexFile } from '../importers/index-file.js';
import { loadAmendments, type Change } from './amendments.js';
import { applyChange, type ChangeContext } from './changes.js';
import { HashTexts } from './hash-texts.js';
import { readLegacyHistory } from './legacy-history.js';
import { dayAfter } from '../store/listing-start.js';
import { mergeIndex } from './merge-index.js';
import { TaxonBook, bookKey, kingdomOfTaxon } from './taxon-book.js';
import { Timeline, inForceOn, resolveOverlaps, sameCountries, type Entry } from './timeline.js';
import { mergeRestrictions, placeReservations, readSpeciesPlusTables } from './restrictions.js';
import { parsePartiesFile } from '../importers/parties-file.js';

const INDEX_FILE = 'checklist_index_2017/Index_of_CITES_Species_2017-04-21.csv.gz';
const INDEX_DATE = '2017-04-21';
/** The last date of the Species+ import history (CoP16). */
const HISTORY_HORIZON = '2013-06-12';

interface BuildInputs {
  /** ../shared/data */
  sharedDir: string;
  /** dataset/ (amendments, codes, hash annotation texts) */
  datasetDir: string;
}

interface Composition {
  /** The latest change to the Appendices applied (by date). */
  latest: { effectiveFrom: string; taxon: string; change: string; source: string } | null;
  book: TaxonBook;
  timeline: Timeline;
  notes: ImportNotes;
  index: Awaited<ReturnType<typeof parseIndexFile>>;
  legacy: ReturnType<typeof readLegacyHistory>;
  hash: HashTexts;
}

async function readIndex(sharedDir: string) {
  const input = Readable.from([readFileSync(join(sharedDir, INDEX_FILE))]).pipe(createGunzip({ chunkSize: 1 << 20 }));
  return parseIndexFile(input, { asOf: INDEX_DATE, today: INDEX_DATE, namesByExternalId: async () => new Map() });
}

/** Steps 1–3: taxa and the listing timeline. */
async function composeListings(inputs: BuildInputs): Promise<Composition> {
  const notes = new ImportNotes();
  const index = await readIndex(inputs.sharedDir);
  const book = new TaxonBook(index.bundle.taxa);
  const amendments = loadAmendments(join(inputs.datasetDir, 'amendments'));
  for (const { name, file } of amendments.files) {
    for (const t of file.taxa) {
      const kingdom = kingdomOfTaxon(t);
      if (book.isAccepted(kingdom, t.name)) {
        notes.count('amendment taxa already in the Checklist');
        continue;
      }
      if (book.join(kingdom, t.name) !== null) {
        book.split(kingdom, t.name);
        notes.count('amendment taxa split from the taxon whose synonym they were');
        notes.warn(`${name}: ${t.name} was a synonym in the Checklist and is now a taxon of its own`);
      }
      const { source: _s, unconfirmed: _u, note: _n, ...taxon } = t;
      book.add(taxon, kingdom);
      book.addAncestors(taxon, kingdom);
      notes.count(`taxa added by the amendments (${name})`);
    }
  }

  // # annotation texts: the Index's, as of its date, then the later versions.
  const hash = new HashTexts();
  for (const l of index.bundle.listings) {
    if (l.hashAnnotation && l.hashAnnotationText?.en) hash.add(l.hashAnnotation, '1975-07-01', l.hashAnnotationText.en);
  }
  hash.addFile(join(inputs.datasetDir, 'hash-annotations.json'));

  // 2. The dated history, joined to the Index taxa by name or synonym.
  const timeline = new Timeline();
  const legacy = readLegacyHistory(join(inputs.sharedDir, 'sapi_import_2013'));
  const joinLegacy = (legacyKey: string): string | null => {
    const [kingdom, name] = legacyKey.split('|') as [Kingdom, string];
    return book.join(kingdom, name);
  };
  // Older names the 2013 taxonomy knows and the Checklist does not: traders and permits
  // still use them (Pachypodium windsorii, Borzicactus), so they are added as synonyms of the
  // taxon they meant, where that taxon is in the Checklist at the same rank.
  let legacySynonyms = 0;
  for (const [synonym, accepted] of legacy.synonyms) {
    const name = synonym.split('|')[1]!;
    const key = joinLegacy(accepted);
    if (key === null || name.split(' ').length !== book.get(key)!.name.split(' ').length) continue;
    if (book.addSynonym(key, name)) legacySynonyms++;
  }
  notes.count('synonyms added from the 2013 taxonomy', legacySynonyms);
  const unjoined = new Set<string>();
  const otherRank = new Set<string>();
  for (const l of legacy.listings) {
    const key = joinLegacy(l.taxon);
    if (key === null) {
      unjoined.add(l.taxon);
      continue;
    }
    // A subspecies the Checklist now treats as a synonym of its species had listings of its
    // own, not the species': they are not the species' history.
    if (book.get(key)!.rank !== legacy.taxa.get(l.taxon)!.rank) {
      otherRank.add(`${l.taxon.split('|')[1]} (${legacy.taxa.get(l.taxon)!.rank.toLowerCase()}) → ${book.refOf(key)}`);
      continue;
    }
    const kingdom = key.split('|')[0] as Kingdom;
    const excludedTaxa = l.excludedTaxa.flatMap((x) => {
      const k = book.join(kingdom, typeof x === 'string' ? x : x.taxon);
      return k === null ? [] : [typeof x === 'string' ? k : { ...x, taxon: k }];
    });
    timeline.add(key, { ...l, taxon: key, excludedTaxa, provenance: 'history to CoP16 (Species+ import files, 2013)' });
  }
  notes.count('history taxa not in the Checklist (their history is left out)', unjoined.size);
  notes.count('history taxa now a synonym of a taxon of another rank (their history is left out)', otherRank.size);
  if (otherRank.size) notes.warn(`history taxa now synonyms of a taxon of another rank (left out): ${[...otherRank].sort().join('; ')}`);
  if (unjoined.size) notes.warn(`history taxa not in the 2017 Checklist, by name or synonym (left out): ${[...unjoined].sort().slice(0, 200).join('; ')}`);

  // 3. Amendments in date order around the Index date.
  const ctx: ChangeContext = { book, timeline, hash, warn: (m) => notes.warn(m), count: (k) => notes.count(k) };
  const changes: { change: Change; provenance: string; order: number }[] = [];
  let order = 0;
  for (const { name, file } of amendments.files)
    for (const change of file.changes) changes.push({ change, provenance: `${change.source} (${name})`, order: order++ });
  changes.sort((a, b) => (a.change.effectiveFrom < b.change.effectiveFrom ? -1 : a.change.effectiveFrom > b.change.effectiveFrom ? 1 : a.order - b.order));
  for (const c of changes) if (c.change.effectiveFrom <= INDEX_DATE) applyChange(ctx, c.change, c.provenance);

  const indexEntries = new Map<string, Entry[]>();
  const notYetInEffect: string[] = [];
  for (const l of index.bundle.listings) {
    const key = book.keyOfRef(l.taxon);
    if (key === null) throw new Error(`Index entry for ${l.taxon}: no such taxon`);
    // The Index lists CoP17's delayed shark entries with "Entry into effect delayed by 12
    // months, i.e. until 4 October 2017": not in effect on the Index date. The amendment
    // records give them from their date.
    const until = delayedUntil(l.annotation?.en ?? '');
    if (until !== null && until > INDEX_DATE) {
      notYetInEffect.push(`${l.taxon} (until ${until})`);
      continue;
    }
    const kingdom = key.split('|')[0] as Kingdom;
    const excludedTaxa: BundleListing['excludedTaxa'] = l.excludedTaxa.flatMap((x) => {
      const k = book.join(kingdom, typeof x === 'string' ? x : x.taxon);
      return k === null ? [] : [typeof x === 'string' ? k : { ...x, taxon: k }];
    });
    const list = indexEntries.get(key) ?? [];
    list.push({ ...l, taxon: key, excludedTaxa, provenance: `Index of CITES Species, ${INDEX_DATE}` });
    indexEntries.set(key, list);
  }
  notes.count('Index entries not yet in effect on the Index date (left to the amendments)', notYetInEffect.length);
  if (notYetInEffect.length) notes.warn(`Index entries whose entry into effect was delayed past the Index date: ${notYetInEffect.join('; ')}`);
  const listedThroughAncestor = (key: string, appendix: string) => {
    for (let t = book.get(key); t && t.parent !== null; ) {
      const parentKey = book.keyOfRef(t.parent) ?? bookKey(key.split('|')[0] as Kingdom, t.parent);
      if ((indexEntries.get(parentKey) ?? []).some((e) => e.appendix === appendix)) return true;
      t = book.get(parentKey);
    }
    return false;
  };
  // The history knows the listings of its taxa to its last date (CoP16): a Checklist taxon
  // whose name (or a synonym's) is in its taxonomy had no entry then that the history lacks.
  const joinedLegacy = new Set<string>();
  for (const n of legacy.names) {
    const k = joinLegacy(n);
    if (k !== null) joinedLegacy.add(k);
  }
  const knownUntil = (key: string) => (joinedLegacy.has(key) ? dayAfter(HISTORY_HORIZON) : null);
  const merged = mergeIndex(timeline, book, indexEntries, INDEX_DATE, listedThroughAncestor, knownUntil);
  notes.count('Index entries continuing a dated entry', merged.continued);
  notes.count('Index entries without a known start (start on the Index date)', merged.startedOnIndexDate.length);
  notes.count('dated entries the Index no longer has (end on the Index date)', merged.endedOnIndexDate.length);
  if (merged.startedOnIndexDate.length) notes.warn(`Index entries without a known start, starting on ${INDEX_DATE}: ${merged.startedOnIndexDate.join('; ')}`);
  if (merged.endedOnIndexDate.length)
    notes.warn(`entries in force in the history that the Index no longer has, ended on ${INDEX_DATE}: ${merged.endedOnIndexDate.join('; ')}`);

  const covered = coverNamedSynonyms(timeline, book);
  notes.count('taxa covered by the listing whose annotation names them as a synonym', covered.length);
  if (covered.length)
    notes.warn(`taxa the Checklist keeps apart but a listing's annotation includes as its synonym (given that listing): ${covered.join('; ')}`);

  let latest: Composition['latest'] = null;
  for (const c of changes) {
    if (c.change.effectiveFrom <= INDEX_DATE || !applyChange(ctx, c.change, c.provenance)) continue;
    if (c.change.action !== 'rename' && (latest === null || c.change.effectiveFrom >= latest.effectiveFrom)) {
      latest = { effectiveFrom: c.change.effectiveFrom, taxon: c.change.taxon, change: c.change.action, source: c.change.source };
    }
  }

  const conflicts: string[] = [];
  for (const key of timeline.taxa()) {
    const { entries, resolved } = resolveOverlaps(book.refOf(key), timeline.entries(key));
    timeline.set(key, entries);
    conflicts.push(...resolved);
  }
  notes.count('overlapping entries of one scope resolved', conflicts.length);
  if (conflicts.length) notes.warn(`overlapping entries of one taxon and scope (sources that disagree): ${conflicts.join('; ')}`);
  return { book, timeline, notes, index, legacy, hash, latest };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The date in "Entry into effect delayed by 12 months, i.e. until 4 October 2017", or null. */
function delayedUntil(annotation: string): string | null {
  const m = /delayed by \d+ months?, i\.e\. until (\d{1,2}) ([A-Za-z]+) (\d{4})/i.exec(annotation);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (!m || month < 0) return null;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/**
 * A listing whose annotation says it "includes synonym X" covers X, whatever the Checklist's
 * later taxonomy says: the annotation is part of the listing. The 2017 Index keeps Pachypodium
 * windsorii apart (Appendix II through its genus) while Pachypodium baronii, in Appendix I,
 * "includes synonym Pachypodium windsorii"; the Trade Database records it in Appendix I. Such a
 * taxon gets the including entries as its own.
 */
function coverNamedSynonyms(timeline: Timeline, book: TaxonBook): string[] {
  const covered: string[] = [];
  for (const key of timeline.taxa()) {
    const kingdom = key.split('|')[0] as Kingdom;
    for (const e of timeline.entries(key)) {
      const m = /Includes synonyms? ([^.;]+)/i.exec(e.annotation?.en ?? '');
      if (!m) continue;
      for (const name of m[1]!.split(/\s*(?:,|\band\b)\s*/).map((n) => n.trim())) {
        const other = bookKey(kingdom, name);
        if (other === key || !book.isAccepted(kingdom, name)) continue;
        if (timeline.entries(other).some((o) => o.appendix === e.appendix && o.effectiveFrom === e.effectiveFrom)) continue;
        timeline.add(other, {
          ...e,
          taxon: other,
          annotation: { en: `Included in the listing of ${book.refOf(key)}, whose annotation names it as a synonym.` },
          provenance: `${e.provenance}; annotation of ${book.refOf(key)}`,
        });
        covered.push(`${name} (${e.appendix}, from ${e.effectiveFrom}, with ${book.refOf(key)})`);
      }
    }
  }
  return covered;
}

// ───────────────────────────── the whole dataset ─────────────────────────────

export interface DatasetInputs extends BuildInputs {
  /** The built-in seed: hand-checked Parties, quotas, reservations, suspensions and annotation coverage. */
  seed: Bundle;
  /** The date the dataset describes (from dataset/dataset.json, never the clock). */
  asOf: string;
  /** Provenance line of the bundle. */
  source: string;
}

export interface BuiltDataset {
  bundle: Bundle;
  notes: ImportNotes;
}

/** Resolves a name from any source (accepted name, synonym, "Name [Kingdom]") to a taxon key. */
function resolver(book: TaxonBook) {
  return (name: string): string | null => {
    const direct = book.keyOfRef(name);
    if (direct !== null) return book.current(direct);
    const found = (['Animalia', 'Plantae'] as const).map((k) => book.join(k, name)).filter((k): k is string => k !== null);
    return found.length === 1 ? found[0]! : null;
  };
}

export async function buildDataset(inputs: DatasetInputs): Promise<BuiltDataset> {
  const c = await composeListings(inputs);
  const { book, timeline, notes } = c;
  const resolve = resolver(book);
  mergeSeedCoverage(timeline, inputs.seed, resolve, notes);
  const amendments = loadAmendments(join(inputs.datasetDir, 'amendments')).files.map((f) => f.file);

  // Restrictions, each source's taxa resolved to keys, then merged by authority.
  const byExternalId = new Map<string, string>();
  for (const key of book.keys()) {
    const ext = book.get(key)!.externalId;
    if (ext !== null) byExternalId.set(ext, book.refOf(key));
  }
  const species = await readSpeciesPlusTables(inputs.sharedDir, { today: inputs.asOf, asOf: inputs.asOf, namesByExternalId: async () => byExternalId });
  for (const [kind, parsed] of Object.entries(species)) for (const [k, v] of Object.entries(parsed.stats)) notes.count(`Species+ ${kind}: ${k}`, v);
  const keyed = <T extends { taxon: string | null }>(list: readonly T[], what: string): T[] =>
    list.flatMap((r) => {
      if (r.taxon === null) return [r];
      const key = resolve(r.taxon);
      if (key === null) {
        notes.count(`${what} on taxa not in the dataset (left out)`);
        notes.warn(`${what}: ${r.taxon} is not a taxon of the dataset; record left out`);
        return [];
      }
      return [{ ...r, taxon: key }];
    });
  const appendixOn = (taxonKey: string, date: string): Appendix[] => {
    for (let key: string | null = taxonKey; key !== null; ) {
      const found = [
        ...new Set(
          timeline
            .entries(key)
            .filter((e) => inForceOn(e, date))
            .map((e) => e.appendix),
        ),
      ];
      if (found.length) return found;
      const parent: string | null = book.get(key)?.parent ?? null;
      key = parent === null ? null : resolve(parent);
    }
    return [];
  };
  const restrictions = mergeRestrictions(
    amendments.map((f) => ({
      ...f,
      reservations: keyed(f.reservations, 'reservation'),
      quotas: keyed(f.quotas, 'quota'),
      suspensions: keyed(f.suspensions, 'suspension'),
    })),
    {
      reservations: placeReservations(keyed(species.reservations.bundle.reservations, 'reservation'), appendixOn),
      quotas: keyed(species.quotas.bundle.quotas, 'quota'),
      suspensions: keyed(species.suspensions.bundle.suspensions, 'suspension'),
    },
    {
      reservations: keyed(
        c.legacy.reservations.map((r) => ({ ...r, taxon: r.taxon.split('|')[1]! })),
        'reservation (history)',
      ),
    },
    {
      reservations: keyed(inputs.seed.reservations, 'reservation (seed)'),
      quotas: keyed(inputs.seed.quotas, 'quota (seed)'),
      suspensions: keyed(inputs.seed.suspensions, 'suspension (seed)'),
    },
  );

  const ref = (key: string) => book.refOf(book.current(key));
  const listings: BundleListing[] = timeline.taxa().flatMap((key) =>
    timeline.entries(key).map(({ provenance, ...e }) => ({
      ...e,
      taxon: ref(key),
      excludedTaxa: e.excludedTaxa.map((x) => (typeof x === 'string' ? ref(x) : { ...x, taxon: ref(x.taxon) })),
      source: provenance,
    })),
  );
  const codes = JSON.parse(readFileSync(join(inputs.datasetDir, 'codes', 'codes.json'), 'utf8')) as Bundle['codes'];
  const unconfirmed = amendments.reduce(
    (n, f) => n + [...f.taxa, ...f.changes, ...f.reservations, ...f.quotas, ...f.suspensions].filter((r) => r.unconfirmed).length,
    0,
  );
  const bundle: Bundle = {
    format: 'cites-bundle/1',
    asOf: inputs.asOf,
    source: inputs.source,
    provenance: {
      sources: [
        { title: 'Index of CITES Species (CITES Checklist, UNEP-WCMC): taxa, names, distributions, listings in force', date: INDEX_DATE },
        { title: 'Species+ listing history to CoP16 (UNEP-WCMC import files): dated listing changes and reservations', date: HISTORY_HORIZON },
        { title: 'Species+ reservations, quotas and trade-suspension tables (UNEP-WCMC)', date: null },
        { title: 'CITES chronological list of Parties (cites.org)', date: '2017-10-19' },
        {
          title:
            'Amendment records of this project (dataset/amendments): CoP16 delayed entries to CoP20, Appendix III, reservations, quotas, suspensions, each with its source',
          date: inputs.asOf,
        },
        { title: 'Annual-report guidelines code lists (Notification 2021/044, via the CITES Trade Database Guide v9)', date: '2022-09-01' },
        { title: 'Hand-checked seed of this project (annotation coverage, Parties, restrictions)', date: inputs.seed.asOf },
      ],
      latestAmendment: c.latest,
      unconfirmed,
    },
    codes: {
      sources: codes.sources.map(codeEntry),
      purposes: codes.purposes.map(codeEntry),
      terms: codes.terms.map(codeEntry),
      units: codes.units.map(codeEntry),
    },
    parties: await mergeParties(inputs, notes),
    taxa: book.all().map((t) => ({ ...t, parent: t.parent === null ? null : resolve(t.parent) === null ? t.parent : ref(resolve(t.parent)!) })),
    listings,
    reservations: restrictions.reservations.map((r) => ({ ...r, taxon: ref(r.taxon) })),
    quotas: restrictions.quotas.map((q) => ({ ...q, taxon: ref(q.taxon) })),
    suspensions: restrictions.suspensions.map((s) => ({ ...s, taxon: s.taxon === null ? null : ref(s.taxon) })),
  };
  return { bundle, notes };
}

function codeEntry(c: Bundle['codes']['terms'][number] & Record<string, unknown>): Bundle['codes']['terms'][number] {
  return { code: c.code, en: c.en, es: c.es ?? null, fr: c.fr ?? null, retired: c.retired ?? false, replacedBy: c.replacedBy ?? null };
}

/** The cites.org list of Parties for entry-into-force dates; the seed for territories and later Parties. */
async function mergeParties(inputs: DatasetInputs, notes: ImportNotes): Promise<Bundle['parties']> {
  const file = Readable.from([readFileSync(join(inputs.sharedDir, 'parties', 'CITES_Parties_chronological_2017-10-19.csv'))]);
  const official = (await parsePartiesFile(file, { today: inputs.asOf, namesByExternalId: async () => new Map() })).bundle.parties;
  const byCode = new Map(inputs.seed.parties.map((p) => [p.code, { ...p }]));
  for (const p of official) {
    const seed = byCode.get(p.code);
    if (seed && seed.entryIntoForce !== p.entryIntoForce) {
      notes.warn(`Party ${p.code}: entry into force ${p.entryIntoForce} (cites.org list) instead of the seed's ${seed.entryIntoForce}`);
      notes.count('Party dates taken from the cites.org list over the seed');
    }
    byCode.set(p.code, { ...p, name: seed?.name ?? p.name, left: seed?.left ?? null, territoryOf: seed?.territoryOf ?? null });
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

/**
 * The official files keep an annotation that restricts which specimens an entry covers as
 * text only (the elephant, vicuña and white rhino populations in Appendix II: only the
 * specimens named, all others deemed Appendix I). The seed states that coverage as
 * `specimens`: it goes onto the dataset's entries of the same taxon, Appendix, Party and
 * countries over the same period that have none.
 */
function mergeSeedCoverage(timeline: Timeline, seed: Bundle, resolve: (name: string) => string | null, notes: ImportNotes): void {
  const withCoverage = seed.listings.filter((s) => s.specimens !== null);
  for (const key of new Set(withCoverage.map((s) => resolve(s.taxon)).filter((k): k is string => k !== null))) {
    const mine = withCoverage.filter((s) => resolve(s.taxon) === key);
    const next: Entry[] = [];
    for (const d of timeline.entries(key)) {
      const overlapping =
        d.specimens !== null
          ? []
          : mine.filter(
              (s) =>
                d.effectiveFrom < (s.effectiveTo ?? '9999') &&
                s.effectiveFrom < (d.effectiveTo ?? '9999') &&
                d.appendix === s.appendix &&
                (d.party ?? null) === (s.party ?? null),
            );
      const same = overlapping.find((s) => sameCountries(d.populations, s.populations));
      if (same) {
        next.push({ ...d, specimens: same.specimens });
        notes.count("entries given the seed's specimen coverage (annotation read by hand)");
        continue;
      }
      // The seed may state the coverage country by country (Zimbabwe's ivory carvings): the
      // entry is split by the seed's countries, each with its coverage.
      const included = d.populations?.include;
      const parts = included ? overlapping.filter((s) => s.populations?.include?.every((c) => included.includes(c))) : [];
      if (parts.length === 0) {
        next.push(d);
        continue;
      }
      const covered = new Set(parts.flatMap((s) => s.populations!.include!));
      for (const s of parts) {
        next.push({ ...d, populations: { ...d.populations, include: [...s.populations!.include!] }, specimens: s.specimens });
        notes.count("entries given the seed's specimen coverage (annotation read by hand)");
      }
      const rest = included!.filter((c) => !covered.has(c));
      if (rest.length) next.push({ ...d, populations: { ...d.populations, include: rest } });
    }
    timeline.set(key, next);
  }
}
