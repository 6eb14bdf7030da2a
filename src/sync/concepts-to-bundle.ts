/**
 * Species+ taxon concepts (one per bulk-file line, or one per API record) → the records of a
 * bundle. Concepts are added one at a time and only what the bundle needs is kept, so a
 * 360 MB file never sits in memory; the listings are replayed at the end with the History
 * importer's rules (history-events.ts), since Species+ gives the same dated changes.
 *
 * Kept out, with a count in the report: synonym lines (their accepted taxon lists them),
 * deleted concepts, CMS concepts, listing changes a taxon inherits from a higher taxon (the
 * higher taxon's own line records them), and the EU listings and decisions (the store has
 * no place for EU law yet: they are counted, not kept).
 */
import type { BundleListing, BundleQuota, BundleReservation, BundleSuspension, BundleTaxon } from '../contract/bundle.js';
import { APPENDICES, KINGDOMS, RANKS, type Appendix, type Kingdom, type Rank } from '@cites-permit-check/engine/contract/codes';
import { isIsoDate } from '@cites-permit-check/engine/contract/common';
import { plainText } from '../importers/annotation-text.js';
import { ImportNotes, isCountryCode } from '../importers/fields.js';
import { type ChangeType, replayHistory } from '../importers/history-events.js';
import { changeOf, type RawChange } from '../importers/history-file.js';
import { buildTaxonomy, type TaxonRow } from '../importers/index-taxa.js';
import { CountryNames } from '../importers/populations.js';
import { dayAfter, notificationIn } from '../importers/species-plus.js';
import { readSuspensionWording } from '../importers/suspension-wording.js';
import type { CitesQuotaRecord, CitesSuspensionRecord, TaxonConcept } from './taxon-concept.js';

const CHANGE_TYPES: Record<string, ChangeType> = { '+': 'ADDITION', '-': 'DELETION', 'R+': 'RESERVATION', 'R-': 'RESERVATION_WITHDRAWAL' };
const TAXON_NAME = /^[\p{L}×][^\p{Cc}]*$/u;
const COMMON_NAME = /^[^=+\-@\p{Cc}][^\p{Cc}]*$/u;

export interface ConceptContext {
  /** Parties the store knows (a listing Party or reserving Party must be one); null: any. */
  partyCodes: ReadonlySet<string> | null;
  /** Unit codes the store knows; a quota in another unit is left out. null: any. */
  unitCodes: ReadonlySet<string> | null;
  /** Term codes the service knows (what "every term except …" in a suspension stands for). */
  knownTerms: readonly string[];
}

interface Accepted extends TaxonRow {
  synonymList: BundleTaxon['synonyms'];
  commonNameList: BundleTaxon['commonNames'];
}

interface PendingQuota extends Omit<BundleQuota, 'taxon' | 'effectiveTo'> {
  taxonId: string;
  current: boolean;
  line: number;
}

interface PendingSuspension extends Omit<BundleSuspension, 'taxon' | 'effectiveTo'> {
  taxonId: string | null;
  current: boolean;
  end: string | null;
  line: number;
}

export interface ConceptRecords {
  taxa: BundleTaxon[];
  listings: BundleListing[];
  reservations: BundleReservation[];
  quotas: BundleQuota[];
  suspensions: BundleSuspension[];
}

const date = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  const d = v.slice(0, 10);
  return isIsoDate(d) ? d : null;
};
const country = (v: unknown): string | null => {
  const c = typeof v === 'string' ? v.trim().toUpperCase() : '';
  return isCountryCode(c) ? c : null;
};

/** Warnings listed in full; past them only counted (a whole file can give tens of thousands). */
const WARNINGS_LISTED = 1000;

class CappedNotes extends ImportNotes {
  override warn(message: string): void {
    if (this.warnings.length < WARNINGS_LISTED) super.warn(message);
    else this.count('warnings not listed (past the first 1000)');
  }
}

export class ConceptsToBundle {
  readonly notes: ImportNotes = new CappedNotes();
  /**
   * One copy of each repeated text (classification names, annotations, notes): every line
   * parses into fresh strings, and 30,000 orchids share one # annotation.
   */
  private readonly texts = new Map<string, string>();
  private readonly accepted: Accepted[] = [];
  private readonly seenIds = new Set<string>();
  private readonly changes: RawChange[] = [];
  private readonly quotas: PendingQuota[] = [];
  private readonly suspensions = new Map<string, PendingSuspension>();
  private latest = '';

  constructor(private readonly ctx: ConceptContext) {}

  /** The latest date any record names: what the data describes when nothing else says. */
  get latestDate(): string {
    return this.latest;
  }

  private intern(text: string): string;
  private intern(text: string | null): string | null;
  private intern(text: string | null): string | null {
    if (text === null) return null;
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }

  private skip(what: string, line: number, why?: string): void {
    this.notes.count(what);
    if (why !== undefined) this.notes.warn(`line ${line}: ${why}`);
  }

  private saw(d: string | null): void {
    if (d !== null && d > this.latest) this.latest = d;
  }

  /** Takes what the bundle needs from one concept (`line`: where it came from, for messages). */
  add(c: TaxonConcept, line: number): void {
    const id = String(c.id);
    if (c.taxonomy !== undefined && c.taxonomy !== 'CITES' && c.taxonomy !== 'CITES_EU') return this.skip('concepts of another taxonomy (skipped)', line);
    if (c.active === false) return this.skip('deleted concepts (skipped)', line);
    if ((c.name_status ?? 'A') !== 'A') return this.skip('synonym and other non-accepted name lines (listed under their accepted taxon)', line);
    if (this.seenIds.has(id)) return this.skip('repeated concepts (skipped)', line, `taxon concept ${id} appears again; the first line is kept`);
    const name = c.full_name.trim().replace(/\s+/g, ' ');
    const rank = (c.rank ?? '').toUpperCase() as Rank;
    const kingdom = c.higher_taxa?.kingdom ?? (rank === 'KINGDOM' ? name : '');
    if (!RANKS.includes(rank)) return this.skip('concepts of a rank the service does not hold (skipped)', line, `${name}: rank "${c.rank}" skipped`);
    if (!(KINGDOMS as readonly string[]).includes(kingdom))
      return this.skip('concepts outside Animalia and Plantae (skipped)', line, `${name}: kingdom "${kingdom}" skipped`);
    if (!TAXON_NAME.test(name) || name.length > 200)
      return this.skip('concepts with an unreadable name (skipped)', line, `"${name.slice(0, 80)}" is not a scientific name`);
    this.seenIds.add(id);

    const words = name.split(' ');
    const h = c.higher_taxa ?? {};
    const below = rank === 'SPECIES' || rank === 'SUBSPECIES' || rank === 'VARIETY';
    this.accepted.push({
      line,
      id,
      name,
      rank,
      author: c.author_year?.trim() || null,
      levels: {
        kingdom: this.intern(kingdom) as Kingdom,
        phylum: this.intern(h.phylum ?? ''),
        class: this.intern(h.class ?? ''),
        order: this.intern(h.order ?? ''),
        family: this.intern(h.family ?? ''),
        genus: below ? this.intern(words[0]!) : '',
        species: rank === 'SUBSPECIES' || rank === 'VARIETY' ? this.intern(words.slice(0, 2).join(' ')) : '',
      },
      synonyms: '',
      names: { en: '', es: '', fr: '' },
      distribution: this.distribution(c),
      synonymList: this.synonyms(c, name),
      commonNameList: this.commonNames(c),
    });
    this.notes.count('taxa');
    if (c.eu_listings?.length) this.notes.count('EU listings (not kept: the store holds CITES law only)', c.eu_listings.length);
    if (c.eu_decisions?.length) this.notes.count('EU decisions (not kept: the store holds CITES law only)', c.eu_decisions.length);
    this.listingChanges(c, id, kingdom as Kingdom, line);
    for (const q of c.cites_quotas ?? []) this.quota(q, id, line);
    for (const s of c.cites_suspensions ?? []) this.suspension(s, id, line);
  }

  /** Suspensions of every taxon, kept apart from any concept (the mirror's row for them). */
  addEveryTaxon(suspensions: readonly CitesSuspensionRecord[], line: number): void {
    for (const s of suspensions) this.suspension(s, '', line);
  }

  private distribution(c: TaxonConcept): string[] {
    const codes = new Set<string>();
    for (const d of c.distributions ?? []) {
      const code = country(d.iso_code2);
      if (code !== null) codes.add(code);
      else if (d.iso_code2) this.notes.count('distribution codes left out (not ISO 3166)');
    }
    return [...codes];
  }

  private synonyms(c: TaxonConcept, accepted: string): BundleTaxon['synonyms'] {
    const out = new Map<string, { name: string; author: string | null }>();
    for (const s of c.synonyms ?? []) {
      const name = (s.full_name ?? '').trim().replace(/\s+/g, ' ');
      const author = s.author_year?.trim() || null;
      if (name === '' || name === accepted || out.has(name)) continue;
      if (!TAXON_NAME.test(name) || name.length > 200 || (author?.length ?? 0) > 300) {
        this.notes.count('synonyms left out (could not be read)');
        continue;
      }
      out.set(name, { name, author });
    }
    return [...out.values()];
  }

  private commonNames(c: TaxonConcept): BundleTaxon['commonNames'] {
    const out = new Map<string, { lang: string; name: string }>();
    for (const n of c.common_names ?? []) {
      const lang = (n.language ?? '').trim().toLowerCase();
      const name = (n.name ?? '').trim();
      if (!/^[a-z]{2,3}$/.test(lang) || name === '' || name.length > 300 || !COMMON_NAME.test(name)) {
        this.notes.count('common names left out (could not be read)');
        continue;
      }
      out.set(`${lang}|${name}`, { lang, name });
    }
    return [...out.values()];
  }

  private listingChanges(c: TaxonConcept, id: string, kingdom: Kingdom, line: number): void {
    for (const l of c.cites_listings ?? []) {
      if (l.taxon_concept_id != null && String(l.taxon_concept_id) !== id) {
        this.notes.count('listing changes inherited from a higher taxon (recorded on it)');
        continue;
      }
      const type = CHANGE_TYPES[l.change_type ?? ''];
      const appendix = l.appendix as Appendix;
      const when = date(l.effective_at);
      if (type === undefined || !APPENDICES.includes(appendix) || when === null) {
        this.skip(
          'listing changes that could not be read (skipped)',
          line,
          `${c.full_name}: listing change ${l.id ?? ''} (${l.change_type} ${l.appendix} ${l.effective_at}) could not be read`,
        );
        continue;
      }
      let party = country(l.party?.iso_code2);
      const reservation = type === 'RESERVATION' || type === 'RESERVATION_WITHDRAWAL';
      if (party !== null && this.ctx.partyCodes !== null && !this.ctx.partyCodes.has(party)) {
        if (reservation) {
          this.skip('reservations by a State that is not a Party in the store (skipped)', line);
          continue;
        }
        this.notes.count('Appendix III listing Parties not in the store (recorded without a Party)');
        party = null;
      }
      if (reservation && party === null) {
        this.skip('reservations without a reserving Party (skipped)', line);
        continue;
      }
      this.saw(when);
      const symbol = /#\d+/.exec(l.hash_annotation?.symbol ?? '')?.[0] ?? null;
      const text = this.intern(l.annotation ?? '');
      this.changes.push({
        line,
        id,
        appendix,
        party: appendix === 'III' || reservation ? party : null,
        type,
        date: when,
        hashSymbol: symbol,
        hash: this.intern(l.hash_annotation?.note ?? ''),
        full: text,
        short: text,
        es: '',
        fr: '',
        kingdom,
        family: this.intern(c.higher_taxa?.family ?? ''),
      });
    }
  }

  private quota(q: CitesQuotaRecord, id: string, line: number): void {
    if (q.taxon_concept_id != null && String(q.taxon_concept_id) !== id) return;
    const from = date(q.publication_date);
    const exporter = country(q.geo_entity?.iso_code2);
    const quantity = typeof q.quota === 'number' ? q.quota : Number(q.quota);
    const unit = q.unit?.code?.trim().toUpperCase() || null;
    if (from === null || exporter === null || !Number.isFinite(quantity) || quantity < 0) {
      return this.skip('quotas that could not be read (skipped)', line, `quota ${q.id ?? ''} could not be read (date, country or quantity)`);
    }
    if (unit !== null && this.ctx.unitCodes !== null && !this.ctx.unitCodes.has(unit)) {
      return this.skip('quotas in a unit the service does not know (skipped)', line, `quota ${q.id ?? ''}: unit ${unit} is not a known unit code`);
    }
    this.saw(from);
    const notes = plainText(q.notes ?? '');
    this.quotas.push({
      taxonId: id,
      exporter,
      quantity,
      unit,
      // The API gives a quota's terms and sources only in its notes: it binds every term.
      terms: [],
      sources: [],
      purposes: [],
      effectiveFrom: from,
      notes: notes === '' ? null : this.intern(notes.slice(0, 4000)),
      current: q.is_current !== false,
      line,
    });
  }

  private suspension(s: CitesSuspensionRecord, id: string, line: number): void {
    const everyTaxon = s.taxon_concept_id == null;
    if (!everyTaxon && String(s.taxon_concept_id) !== id) return;
    // A suspension of every taxon repeats on every line: once is enough.
    const key = everyTaxon ? `all|${s.id ?? JSON.stringify(s)}` : `${id}|${s.id ?? JSON.stringify(s)}`;
    if (this.suspensions.has(key)) return;
    const from = date(s.start_date);
    const where = country(s.geo_entity?.iso_code2);
    if (from === null || where === null) {
      return this.skip('suspensions that could not be read (skipped)', line, `suspension ${s.id ?? ''} could not be read (start date or country)`);
    }
    this.saw(from);
    const end = date(s.end_date) ?? date(s.end_notification?.date);
    this.saw(end);
    this.suspensions.set(key, {
      taxonId: everyTaxon ? null : id,
      country: where,
      purposes: [],
      sources: [],
      terms: [],
      appliesToImports: s.applies_to_import === true,
      effectiveFrom: from,
      notification: notificationIn(`${s.start_notification?.name ?? ''} ${s.notes ?? ''}`),
      notes: this.intern(s.notes ?? null),
      review: false,
      current: s.is_current !== false,
      end,
      line,
    });
  }

  /**
   * The bundle's records, once every concept has been added. The raw records are released as
   * they are turned into bundle records, and each taxon's listing changes are replayed on
   * their own, so the two forms are never all in memory together.
   */
  finish(asOf: string): ConceptRecords {
    const notes = this.notes;
    const taxonomy = buildTaxonomy(this.accepted, notes);
    const taxa = taxonomy.taxa;
    for (const [i, t] of taxa.entries()) {
      t.synonyms = this.accepted[i]!.synonymList;
      t.commonNames = this.accepted[i]!.commonNameList;
    }
    const byId = new Map(this.accepted.map((a) => [a.id, taxonomy.refOf(a.levels.kingdom, a.name)]));
    this.accepted.length = 0;
    const knownNames = new Set(byId.values());
    const countries = new CountryNames();
    const byTaxon = new Map<string, RawChange[]>();
    for (const r of this.changes) {
      const list = byTaxon.get(r.id);
      if (list) list.push(r);
      else byTaxon.set(r.id, [r]);
    }
    this.changes.length = 0;
    const listings: BundleListing[] = [];
    const reservations: BundleReservation[] = [];
    for (const [id, raw] of byTaxon) {
      const replayed = replayHistory(
        raw.map((r) => changeOf(r, byId.get(id)!, knownNames, countries, notes)),
        notes,
      );
      listings.push(...replayed.listings);
      for (const r of replayed.reservations) if (r.effectiveTo === null || r.effectiveFrom < r.effectiveTo) reservations.push(r);
    }
    byTaxon.clear();
    this.texts.clear();
    notes.count('listing entries', listings.length);
    notes.count('reservations', reservations.length);
    return {
      taxa,
      listings,
      reservations,
      quotas: this.finishQuotas(byId),
      suspensions: this.finishSuspensions(byId, asOf),
    };
  }

  /**
   * A quota that is no longer current ends when the next one for the same taxon and
   * exporter was published; without a successor, at the end of its year (quotas are set
   * per calendar year). The same key twice (two units on one date) keeps the first.
   */
  private finishQuotas(byId: Map<string, string>): BundleQuota[] {
    const out: BundleQuota[] = [];
    const seen = new Set<string>();
    const sorted = [...this.quotas].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
    for (const [i, q] of sorted.entries()) {
      const key = `${q.taxonId}|${q.exporter}|${q.effectiveFrom}`;
      if (seen.has(key)) {
        this.skip('quotas repeating another of the same taxon, exporter and date (skipped)', q.line);
        continue;
      }
      seen.add(key);
      let effectiveTo: string | null = null;
      if (!q.current) {
        const next = sorted.slice(i + 1).find((n) => n.taxonId === q.taxonId && n.exporter === q.exporter && n.effectiveFrom > q.effectiveFrom);
        effectiveTo = next?.effectiveFrom ?? dayAfter(`${q.effectiveFrom.slice(0, 4)}-12-31`);
      }
      const { taxonId, current: _c, line: _l, ...rest } = q;
      out.push({ ...rest, taxon: byId.get(taxonId)!, effectiveTo });
      this.notes.count('quotas');
    }
    return out;
  }

  /** What each suspension covers comes from its wording, as for the Species+ table (suspension-wording.ts). */
  private finishSuspensions(byId: Map<string, string>, asOf: string): BundleSuspension[] {
    const out: BundleSuspension[] = [];
    const seen = new Set<string>();
    for (const s of this.suspensions.values()) {
      const taxon = s.taxonId === null ? null : byId.get(s.taxonId)!;
      // No end date given for a suspension no longer current: it ended by the file's date at the latest.
      const effectiveTo = s.end ?? (s.current ? null : asOf);
      if (effectiveTo !== null && effectiveTo <= s.effectiveFrom) {
        this.skip('suspensions ending before they start (skipped)', s.line);
        continue;
      }
      const reading = readSuspensionWording({
        taxon,
        wording: s.notes ?? '',
        internalNote: '',
        exempted: { terms: [], sources: [], purposes: [] },
        appliesToImport: s.appliesToImports,
        knownTerms: this.ctx.knownTerms,
      });
      if (reading.kind === 'exempted-taxon') {
        this.skip('suspensions naming their taxon as an exception (no suspension)', s.line);
        continue;
      }
      const record: BundleSuspension = {
        country: s.country,
        taxon,
        purposes: reading.purposes,
        sources: reading.sources,
        terms: reading.terms,
        appliesToImports: reading.appliesToImports,
        effectiveFrom: s.effectiveFrom,
        effectiveTo,
        notification: s.notification,
        notes: s.notes === null ? null : plainText(s.notes).slice(0, 4000) || null,
        review: reading.review,
      };
      const key = JSON.stringify([record.country, taxon, record.purposes, record.sources, record.terms, record.effectiveFrom]);
      if (seen.has(key)) {
        this.skip('suspensions repeating another (skipped)', s.line);
        continue;
      }
      seen.add(key);
      if (reading.review) this.notes.count('suspensions whose wording could not be mapped (flagged, not denied)');
      out.push(record);
      this.notes.count('suspensions');
    }
    return out;
  }
}
