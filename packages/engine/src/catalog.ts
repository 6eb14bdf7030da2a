/**
 * Read-side questions permit officers ask of the listings (GET /v1/taxa...), answered
 * from the same indexed data the decisions use, so the two never disagree.
 */
import type { Appendix, Purpose, Rank, Source } from './contract/codes.js';
import { inForce, type EngineData, type ListingEntry } from './data.js';
import { resolveListing, type ResolutionNote } from './listing.js';
import type { ListingView } from './contract/listing-view.js';
import { explainResolution } from './listing-why.js';
import { normaliseName, type MatchKind } from './names.js';

export type { ListingView } from './contract/listing-view.js';

function listingView(data: EngineData, e: ListingEntry, forTaxon: number): ListingView {
  const s = e.source;
  return {
    id: s.id,
    taxonId: s.taxonId,
    taxon: data.taxa[e.taxon]!.name,
    appendix: s.appendix,
    party: s.party,
    effectiveFrom: s.effectiveFrom,
    effectiveTo: s.effectiveTo,
    populations: s.populations,
    excludedTaxa: s.excludedTaxa.map((x) => ({
      taxonId: x.taxonId,
      taxon: data.taxa[data.taxonById.get(x.taxonId)!]!.name,
      populations: x.populations,
    })),
    annotation: s.annotation,
    hashAnnotation: s.hashAnnotation,
    specimens: s.specimens,
    inherited: e.taxon !== forTaxon,
  };
}

/** How an entry treats the taxon: it applies, or it excepts the taxon (wholly or some populations). */
function exceptionOf(e: ListingEntry, below: readonly number[]) {
  for (const t of below) if (e.excluded?.has(t)) return { taxon: t, partial: e.excluded.get(t) !== null };
  return null;
}

interface InForce {
  /** The entries of the most specific level that has any in force (what decides). */
  entries: ListingView[];
  /** A higher-taxon entry that excepts this taxon, if that is what decides. */
  exceptedBy: (ListingView & { partial: boolean }) | null;
  appendices: Appendix[];
}

/** The listing in force on `date` for a taxon, whatever the population (GET /v1/taxa/{id}). */
function listingInForce(data: EngineData, taxon: number, date: string): InForce {
  const below: number[] = [];
  for (let t = taxon; t !== -1; t = data.taxa[t]!.parent) {
    const entries = (data.listingsByTaxon.get(t) ?? []).filter((e) => inForce(e.from, e.to, date));
    const applying: ListingEntry[] = [];
    let excepted: { e: ListingEntry; partial: boolean } | null = null;
    for (const e of entries) {
      const ex = exceptionOf(e, below);
      if (ex === null) applying.push(e);
      else {
        if (ex.partial) applying.push(e);
        excepted ??= { e, partial: ex.partial };
      }
    }
    if (applying.length > 0 || excepted !== null) {
      const views = applying.map((e) => listingView(data, e, taxon));
      return {
        entries: views,
        exceptedBy: excepted ? { ...listingView(data, excepted.e, taxon), partial: excepted.partial } : null,
        appendices: [...new Set(views.map((v) => v.appendix))].sort(),
      };
    }
    below.push(t);
  }
  return { entries: [], exceptedBy: null, appendices: [] };
}

/** Every entry that ever applied to the taxon or its ancestors, oldest first (GET /v1/taxa/{id}/history). */
function listingHistory(data: EngineData, taxon: number): ListingView[] {
  const out: ListingView[] = [];
  for (let t = taxon; t !== -1; t = data.taxa[t]!.parent) {
    for (const e of data.listingsByTaxon.get(t) ?? []) out.push(listingView(data, e, taxon));
  }
  return out.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.taxon.localeCompare(b.taxon)));
}

function classification(data: EngineData, taxon: number) {
  const chain: { id: string; name: string; rank: Rank }[] = [];
  for (let t = data.taxa[taxon]!.parent; t !== -1; t = data.taxa[t]!.parent) {
    const n = data.taxa[t]!;
    chain.unshift({ id: n.id, name: n.name, rank: n.rank });
  }
  return chain;
}

export interface SearchHit {
  id: string;
  name: string;
  rank: Rank;
  kingdom: string;
  matchedName: string;
  matchedAs: MatchKind;
  appendices: Appendix[];
}

const KIND_ORDER: Record<MatchKind, number> = { accepted: 0, synonym: 1, 'common-name': 2 };

/**
 * Taxa whose scientific name, synonym or common name contains `q` (case-, space- and
 * accent-insensitive), exact matches first, then prefixes, then the rest by name.
 */
function searchTaxa(
  data: EngineData,
  query: { q?: string | undefined; rank?: Rank | undefined; appendix?: Appendix | undefined; date: string },
  page: number,
  pageSize: number,
): { total: number; items: SearchHit[] } {
  const key = query.q === undefined ? '' : normaliseName(query.q);
  const best = new Map<number, { score: number; name: string; kind: MatchKind }>();
  const consider = (taxon: number, name: string, kind: MatchKind, score: number) => {
    const prev = best.get(taxon);
    if (!prev || score < prev.score || (score === prev.score && KIND_ORDER[kind] < KIND_ORDER[prev.kind])) {
      best.set(taxon, { score, name, kind });
    }
  };
  if (key === '') {
    for (const t of data.taxa) consider(t.index, normaliseName(t.name), 'accepted', 2);
  } else {
    data.names.forEach((name, taxa, kind) => {
      const at = name.indexOf(key);
      if (at < 0) return;
      const score = name === key ? 0 : at === 0 ? 1 : 2;
      for (const t of taxa) consider(t, name, kind, score);
    });
  }
  const ranked: { hit: SearchHit; score: number }[] = [];
  for (const [t, m] of best) {
    const node = data.taxa[t]!;
    if (query.rank !== undefined && node.rank !== query.rank) continue;
    const appendices = listingInForce(data, t, query.date).appendices;
    if (query.appendix !== undefined && !appendices.includes(query.appendix)) continue;
    ranked.push({
      hit: { id: node.id, name: node.name, rank: node.rank, kingdom: node.kingdom, matchedName: data.names.writtenAs(m.name), matchedAs: m.kind, appendices },
      score: m.score,
    });
  }
  ranked.sort((a, b) => a.score - b.score || a.hit.name.localeCompare(b.hit.name));
  const items = ranked.slice((page - 1) * pageSize, page * pageSize).map((r) => r.hit);
  return { total: ranked.length, items };
}

/** A specimen as GET /v1/taxa/{id} describes it: split listings turn on the origin, annotations on the term. */
export interface CatalogSpecimen {
  origin: string | null;
  term: string | undefined;
  source: Source;
  purpose: Purpose;
}

export interface TaxonListing {
  name: string;
  classification: ReturnType<typeof classification>;
  /** The listing in force on the date, whatever the population. */
  listings: ListingView[];
  exceptedBy: InForce['exceptedBy'];
  /** Which entry applies to the specimen, and why in plain words. */
  resolution: {
    listed: boolean;
    appendix: Appendix | null;
    deemedAppendixI: boolean;
    entry: ListingView | null;
    why: string;
    notes: ResolutionNote[];
  };
}

export interface TaxonHistory {
  name: string;
  listings: ListingView[];
  reservations: { party: string; taxon: string; appendix: Appendix; effectiveFrom: string; effectiveTo: string | null }[];
}

/**
 * The read-side questions, by taxon id, over the engine's data: the server's GET /v1/taxa
 * routes ask these instead of walking the engine's indexes (which stay private).
 */
export interface Catalog {
  search(query: Parameters<typeof searchTaxa>[1], page: number, pageSize: number): ReturnType<typeof searchTaxa>;
  /** null for an unknown taxon id. */
  taxon(id: string, date: string, specimen: CatalogSpecimen): TaxonListing | null;
  /** null for an unknown taxon id. */
  history(id: string): TaxonHistory | null;
}

export function createCatalog(data: EngineData): Catalog {
  return {
    search: (query, page, pageSize) => searchTaxa(data, query, page, pageSize),
    taxon(id, date, specimen) {
      const index = data.taxonById.get(id);
      if (index === undefined) return null;
      const found = listingInForce(data, index, date);
      const { origin, ...rest } = specimen;
      const r = resolveListing(data, index, origin, rest, date);
      return {
        name: data.taxa[index]!.name,
        classification: classification(data, index),
        listings: found.entries,
        exceptedBy: found.exceptedBy,
        resolution: {
          listed: r.listed,
          appendix: r.listed ? r.appendix : null,
          deemedAppendixI: r.listed && r.deemedAppendixI,
          entry: r.entry === null ? null : listingView(data, r.entry, index),
          why: explainResolution(data, r),
          notes: r.notes,
        },
      };
    },
    history(id) {
      const index = data.taxonById.get(id);
      if (index === undefined) return null;
      const chain = new Set<number>();
      for (let t = index; t !== -1; t = data.taxa[t]!.parent) chain.add(t);
      const reservations = [...data.reservationsByParty.values()]
        .flat()
        .filter((x) => chain.has(x.taxon))
        .map((x) => ({ party: x.party, taxon: data.taxa[x.taxon]!.name, appendix: x.appendix, effectiveFrom: x.effectiveFrom, effectiveTo: x.effectiveTo }))
        .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
      return { name: data.taxa[index]!.name, listings: listingHistory(data, index), reservations };
    },
  };
}
