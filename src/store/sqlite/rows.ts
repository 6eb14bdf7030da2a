/** Reading stored listings (with their exclusions) into the bundle's shape. */
import type Database from 'better-sqlite3';
import type { BundleListing, Specimens } from '../../contract/bundle.js';
import type { Appendix, Kingdom, Rank } from '@cites-permit-check/engine/contract/codes';
import type { LocalizedText } from '@cites-permit-check/engine/contract/common';
import type { TaxonDirectory } from '../taxon-directory.js';
import { canonicalExclusions, canonicalPopulations, type ExcludedOut } from './canonical.js';

/** A row of the taxa table, as SELECT * reads it (the columns the store reads by name). */
export interface TaxonRow {
  id: number;
  name: string;
  rank: Rank;
  kingdom: Kingdom;
  author: string | null;
  parent_id: number | null;
  external_id: string | null;
  distribution: string;
}

export interface ListingRow {
  id: number;
  taxon_id: number;
  appendix: Appendix;
  party_code: string | null;
  effective_from: string;
  effective_to: string | null;
  may_start_from: string | null;
  populations: { include?: string[]; exclude?: string[]; partly?: string[]; text?: string } | null;
  annotation: LocalizedText | null;
  hash_annotation: string | null;
  hash_annotation_text: LocalizedText | null;
  specimens: Specimens | null;
  source: string | null;
  exclusions: { taxon_id: number; populations: { include?: string[]; exclude?: string[] } | null }[];
  revision: number;
  origin: string;
  updated_at: string;
  updated_by: string;
}

const parse = <T>(v: string | null): T | null => (v === null ? null : (JSON.parse(v) as T));

function populationsOf(include: string | null, exclude: string | null, partly: string | null = null, text: string | null = null) {
  const inc = parse<string[]>(include);
  const exc = parse<string[]>(exclude);
  const part = parse<string[]>(partly);
  const out: { include?: string[]; exclude?: string[]; partly?: string[]; text?: string } = {};
  if (inc) out.include = inc;
  else if (exc) out.exclude = exc;
  if (part?.length) out.partly = part;
  if (text) out.text = text;
  return out.include || out.exclude || out.text ? out : null;
}

export function readListingRows(sqlite: Database.Database, where = '', ...params: unknown[]): ListingRow[] {
  const rows = sqlite.prepare(`SELECT * FROM listings ${where}`).all(...params) as Record<string, unknown>[];
  const exclusions = new Map<number, ListingRow['exclusions']>();
  const exRows = sqlite.prepare('SELECT * FROM listing_exclusions').all() as {
    listing_id: number;
    taxon_id: number;
    populations_include: string | null;
    populations_exclude: string | null;
  }[];
  for (const x of exRows) {
    let list = exclusions.get(x.listing_id);
    if (!list) exclusions.set(x.listing_id, (list = []));
    list.push({ taxon_id: x.taxon_id, populations: populationsOf(x.populations_include, x.populations_exclude) });
  }
  return rows.map((r) => ({
    id: r.id as number,
    taxon_id: r.taxon_id as number,
    appendix: r.appendix as Appendix,
    party_code: r.party_code as string | null,
    effective_from: r.effective_from as string,
    effective_to: r.effective_to as string | null,
    may_start_from: (r.may_start_from as string | null) ?? null,
    populations: populationsOf(
      r.populations_include as string | null,
      r.populations_exclude as string | null,
      r.populations_partly as string | null,
      r.populations_text as string | null,
    ),
    annotation: parse<LocalizedText>(r.annotation as string | null),
    hash_annotation: r.hash_annotation as string | null,
    hash_annotation_text: parse<LocalizedText>(r.hash_annotation_text as string | null),
    specimens: parse<Specimens>(r.specimens as string | null),
    source: (r.source as string | null) ?? null,
    exclusions: exclusions.get(r.id as number) ?? [],
    revision: r.revision as number,
    origin: r.origin as string,
    updated_at: r.updated_at as string,
    updated_by: r.updated_by as string,
  }));
}

/** The stored entry as a bundle writes it (taxa by reference: name, with the kingdom for a homonym). */
export function listingRowToBundle(r: ListingRow, taxa: Pick<TaxonDirectory, 'refOf'>): Omit<BundleListing, 'excludedTaxa'> & { excludedTaxa: ExcludedOut[] } {
  return {
    taxon: taxa.refOf(r.taxon_id),
    appendix: r.appendix,
    party: r.party_code,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    mayStartFrom: r.may_start_from,
    populations: canonicalPopulations(r.populations),
    excludedTaxa: canonicalExclusions(r.exclusions.map((x) => ({ taxon: taxa.refOf(x.taxon_id), populations: canonicalPopulations(x.populations) }))),
    annotation: r.annotation,
    hashAnnotation: r.hash_annotation,
    hashAnnotationText: r.hash_annotation_text,
    specimens: r.specimens,
    source: r.source,
  };
}
