/**
 * The listing history Species+ was first built from (UNEP-WCMC, `lib/files` of the SAPI
 * application, as of CoP16, 12 June 2013): a taxonomic tree of epithets with parent pointers,
 * and one row per listing change (addition, deletion, reservation entered or withdrawn,
 * "included in a higher taxon"), each with its effective date. Read into the same listing
 * changes the History of CITES Listings gives, and replayed into dated entries.
 *
 * Record ids are the legacy RecIDs, unique per rank only; names are rebuilt from the tree
 * ("Magnolia liliifera var. obovata") so that they can be joined to the Checklist.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { BundleListing } from '../contract/bundle.js';
import type { Appendix, Kingdom, Rank } from '@cites-permit-check/engine/contract/codes';
import { plainText } from '../importers/annotation-text.js';
import { dayFirstDate, ImportNotes, isCountryCode } from '../importers/fields.js';
import { readHashAnnotation } from '../importers/hash-annotations.js';
import { replayHistory, type ChangeType, type History, type ListingChange } from '../importers/history-events.js';
import type { PopulationReading } from '../importers/populations.js';

interface LegacyTaxon {
  kingdom: Kingdom;
  rank: Rank;
  name: string;
  author: string | null;
  /** Family of a plant (for # annotations). */
  family: string | null;
}

export interface LegacyHistory extends History {
  /** Legacy key (kingdom|name) of each taxon a change names. */
  taxa: Map<string, LegacyTaxon>;
  /** Synonym name → legacy key of its accepted taxon. */
  synonyms: Map<string, string>;
  /** Every accepted name of the 2013 taxonomy (kingdom|name): its listing state to 2013 is known. */
  names: Set<string>;
  notes: ImportNotes;
}

type Row = Record<string, string>;

function readTable(dir: string, file: string): Row[] {
  // Some files use old Mac (CR) line endings.
  const text = readFileSync(join(dir, file), 'utf8').replace(/\r\n?/g, '\n');
  return parse(text, { columns: true, skip_empty_lines: true, relax_quotes: true, relax_column_count: true }) as Row[];
}

const RANK_OF: Record<string, Rank> = {
  KINGDOM: 'KINGDOM',
  PHYLUM: 'PHYLUM',
  CLASS: 'CLASS',
  ORDER: 'ORDER',
  FAMILY: 'FAMILY',
  SUBFAMILY: 'SUBFAMILY',
  GENUS: 'GENUS',
  SPECIES: 'SPECIES',
  SUBSPECIES: 'SUBSPECIES',
  VARIETY: 'VARIETY',
};

const capitalised = (s: string) => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1).toLowerCase());

/** Full names of one kingdom's tree, by rank-qualified RecID ("SPECIES:4521"). */
function buildTree(rows: readonly Row[], kingdom: Kingdom) {
  const byId = new Map<string, Row>();
  for (const r of rows) byId.set(`${r.Rank!.toUpperCase()}:${r.RecID}`, r);
  const names = new Map<string, LegacyTaxon>();
  const nameOf = (id: string, depth = 0): LegacyTaxon | null => {
    const known = names.get(id);
    if (known) return known;
    const r = byId.get(id);
    const rank = r ? RANK_OF[r.Rank!.toUpperCase()] : undefined;
    if (!r || !rank || depth > 20) return null;
    const parentId = `${(r.ParentRank ?? '').toUpperCase()}:${r.ParentRecID ?? r['Parent recID']}`;
    const epithet = r['Scientific name']!.trim();
    let name: string;
    let family: string | null = null;
    if (rank === 'SPECIES' || rank === 'SUBSPECIES' || rank === 'VARIETY') {
      const parent = nameOf(parentId, depth + 1);
      if (!parent) return null;
      name = rank === 'VARIETY' ? `${parent.name} var. ${epithet}` : `${parent.name} ${epithet.toLowerCase()}`;
      family = parent.family;
    } else {
      name = capitalised(epithet);
      if (rank === 'FAMILY') family = name;
      else if (rank !== 'KINGDOM') family = nameOf(parentId, depth + 1)?.family ?? null;
    }
    const taxon: LegacyTaxon = { kingdom, rank, name, author: r['Species Author']?.trim() || null, family };
    names.set(id, taxon);
    return taxon;
  };
  return { byId, nameOf };
}

const LISTING = /^(DEL)?(I{1,3})(?:\/([rw]))?$/;

/** Reads the two kingdoms' files from `dir` (../shared/data/sapi_import_2013) and replays them. */
export function readLegacyHistory(dir: string): LegacyHistory {
  const notes = new ImportNotes();
  const hashTexts = new Map(readTable(dir, 'hash_annotations_cites_translations.csv').map((r) => [r['For Display']!.trim(), r.Annotations_English ?? '']));
  const taxa = new Map<string, LegacyTaxon>();
  const synonyms = new Map<string, string>();
  const names = new Set<string>();
  const changes: ListingChange[] = [];
  let line = 0;

  for (const kingdom of ['Animalia', 'Plantae'] as const) {
    const prefix = kingdom.toLowerCase();
    const tree = buildTree(readTable(dir, `${prefix}_taxa_utf8.csv`), kingdom);
    const keyOf = (t: LegacyTaxon) => `${t.kingdom}|${t.name}`;
    for (const id of tree.byId.keys()) {
      const t = tree.nameOf(id);
      if (t) names.add(keyOf(t));
    }

    for (const s of readTable(dir, `${prefix}_synonyms_utf8.csv`)) {
      const accepted = tree.nameOf(`${(s.AcceptedRank ?? '').toUpperCase()}:${s.AcceptedRecID}`);
      const parent = tree.nameOf(`${(s.ParentRank ?? '').toUpperCase()}:${s['Parent recID']}`);
      if (!accepted || !parent) continue;
      const rank = (s.Rank ?? '').toUpperCase();
      const epithet = (s['Scientific name'] ?? '').trim();
      const name =
        rank === 'SPECIES' || rank === 'SUBSPECIES'
          ? `${parent.name} ${epithet.toLowerCase()}`
          : rank === 'VARIETY'
            ? `${parent.name} var. ${epithet}`
            : capitalised(epithet);
      if (!synonyms.has(`${kingdom}|${name}`)) synonyms.set(`${kingdom}|${name}`, keyOf(accepted));
    }

    // Listing notes name synonyms the taxonomy files lack ("Includes synonym Pachypodium
    // windsorii"); the EU Annex notes are about the same taxa, so both are read for them.
    for (const file of [`${prefix}_legislation_utf8.csv`, `${prefix}_eu_legislation_utf8.csv`]) {
      for (const r of readTable(dir, file)) {
        const taxon = tree.nameOf(`${(r.rank_name ?? '').toUpperCase()}:${r.rec_id}`);
        // Tags are dropped first: one note closes its italics mid-word ("windsori</i>i").
        const m = /Includes synonyms?\s+([^.;]+)/i.exec(`${r.short_note_en ?? ''} ${r.full_note_en ?? ''}`.replace(/<[^>]*>/g, ''));
        if (!taxon || !m) continue;
        for (const name of m[1]!.split(/\s*(?:,|\band\b)\s*/)) {
          const clean = name.replace(/[.\s]+$/, '').trim();
          if (/^[A-Z][a-z-]+ [a-z-]+( [a-z-]+)?$/.test(clean) && !synonyms.has(`${kingdom}|${clean}`)) synonyms.set(`${kingdom}|${clean}`, keyOf(taxon));
        }
      }
    }

    for (const r of readTable(dir, `${prefix}_legislation_utf8.csv`)) {
      line++;
      const taxon = tree.nameOf(`${r.rank_name!.toUpperCase()}:${r.rec_id}`);
      const m = LISTING.exec((r.listing ?? '').trim());
      const date = dayFirstDate(r.effective_from ?? '');
      if (!taxon || !m || date === null) {
        notes.count('history rows not read (unknown taxon, listing or date)');
        continue;
      }
      taxa.set(keyOf(taxon), taxon);
      const appendix = m[2] as Appendix;
      const inclusion = r.is_inclusion === '1';
      const type: ChangeType =
        m[3] === 'r' ? 'RESERVATION' : m[3] === 'w' ? 'RESERVATION_WITHDRAWAL' : m[1] ? 'DELETION' : inclusion ? 'INCLUSION' : 'ADDITION';
      const party = (r.party_iso2 ?? '').trim().toUpperCase() || null;
      const codes = (v: string | undefined) =>
        (v ?? '')
          .split(/\s*,\s*/)
          .map((c) => c.trim().toUpperCase())
          .filter(isCountryCode);
      const included = codes(r.populations_iso2);
      const excluded = codes(r.EXCLUDEDpopulations_iso);
      const populations: PopulationReading = {
        scope: included.length ? { kind: 'include', codes: included } : excluded.length ? { kind: 'exclude', codes: excluded } : { kind: 'whole' },
        partly: [],
      };
      const excludedTaxa: BundleListing['excludedTaxa'] = [];
      for (const ref of (r.excluded_rec_ids ?? '').split(/\s*,\s*/).filter(Boolean)) {
        const [rank, id] = ref.split(/\s*:\s*/);
        const x = tree.nameOf(`${(rank ?? '').toUpperCase()}:${id}`);
        if (x) {
          excludedTaxa.push(x.name);
          taxa.set(keyOf(x), x);
        }
      }
      const symbol = /#(\d+)$/.exec(r.hash_note ?? '')?.[0] ?? null;
      const hashText = symbol !== null ? (hashTexts.get((r.hash_note ?? '').trim()) ?? '') : '';
      let specimens = null;
      if (symbol !== null && kingdom === 'Plantae' && appendix !== 'I' && type === 'ADDITION') {
        const read = readHashAnnotation(symbol, hashText, taxon.family ?? '');
        if (read.mapped) specimens = read.specimens;
      }
      const text = (v: string | undefined) =>
        plainText(v ?? '')
          .replace(/\s+/g, ' ')
          .trim();
      const annotation = { en: text(r.full_note_en) || text(r.short_note_en), es: text(r.short_note_es), fr: text(r.short_note_fr) };
      changes.push({
        line,
        taxon: keyOf(taxon),
        appendix,
        party: appendix === 'III' || type === 'RESERVATION' || type === 'RESERVATION_WITHDRAWAL' ? party : null,
        type,
        date,
        populations,
        populationWording: r.short_note_en ?? '',
        entry: {
          excludedTaxa,
          annotation: annotation.en || annotation.es || annotation.fr ? Object.fromEntries(Object.entries(annotation).filter(([, v]) => v !== '')) : null,
          hashAnnotation: symbol,
          hashAnnotationText: hashText ? { en: plainText(hashText) } : null,
          specimens,
        },
        reservationNote: null,
      });
    }
  }
  notes.count('history rows read', changes.length);
  const replayed = replayHistory(changes, notes);
  return { ...replayed, taxa, synonyms, names, notes };
}
