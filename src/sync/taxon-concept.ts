/**
 * The records Species+ publishes (API v1 and the weekly bulk download), as far as
 * /shared/docs/species-plus.md knows them. Every field is optional here: the service reads
 * what it needs and ignores the rest, so a field Species+ adds or drops later does not stop
 * a sync; a field it needs and cannot read is reported with the taxon's line.
 */

interface GeoEntity {
  iso_code2?: string | null;
  name?: string | null;
  type?: string | null;
}

export interface CitesListingRecord {
  id?: number;
  taxon_concept_id?: number | null;
  is_current?: boolean;
  appendix?: string;
  /** `+` inclusion, `-` deletion, `R+` reservation entered, `R-` reservation withdrawn. */
  change_type?: string;
  effective_at?: string;
  party?: GeoEntity | null;
  annotation?: string | null;
  hash_annotation?: { symbol?: string | null; note?: string | null } | null;
}

export interface CitesQuotaRecord {
  id?: number;
  taxon_concept_id?: number | null;
  quota?: number | string | null;
  publication_date?: string | null;
  notes?: string | null;
  url?: string | null;
  public_display?: boolean;
  is_current?: boolean;
  unit?: { code?: string | null; name?: string | null } | null;
  geo_entity?: GeoEntity | null;
}

export interface CitesSuspensionRecord {
  id?: number;
  taxon_concept_id?: number | null;
  notes?: string | null;
  start_date?: string | null;
  /** Not in the documented shape; read when present. */
  end_date?: string | null;
  is_current?: boolean;
  applies_to_import?: boolean;
  geo_entity?: GeoEntity | null;
  start_notification?: { name?: string | null; date?: string | null; url?: string | null } | null;
  end_notification?: { name?: string | null; date?: string | null; url?: string | null } | null;
}

export interface DistributionRecord {
  id?: number;
  iso_code2?: string | null;
  name?: string | null;
  type?: string | null;
  tags?: string[];
}

export interface TaxonConcept {
  id: number;
  full_name: string;
  author_year?: string | null;
  rank?: string;
  /** `A` accepted, `S` synonym (others: trade names, hybrids). */
  name_status?: string;
  taxonomy?: string;
  updated_at?: string;
  /** false: deleted in Species+, kept as a record. */
  active?: boolean;
  higher_taxa?: { kingdom?: string; phylum?: string; class?: string; order?: string; family?: string } | null;
  synonyms?: { id?: number; full_name?: string; author_year?: string | null; rank?: string }[];
  common_names?: { name?: string; language?: string }[];
  cites_listing?: string | null;
  cites_listings?: CitesListingRecord[];
  cites_quotas?: CitesQuotaRecord[];
  cites_suspensions?: CitesSuspensionRecord[];
  eu_listings?: unknown[];
  eu_decisions?: unknown[];
  distributions?: DistributionRecord[];
}

/** What a line must hold to be a taxon concept at all; the reason it is not, otherwise. */
export function notATaxonConcept(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number' || !Number.isInteger(v.id)) return 'has no numeric "id"';
  if (typeof v.full_name !== 'string' || v.full_name.trim() === '') return 'has no "full_name"';
  for (const list of ['synonyms', 'common_names', 'cites_listings', 'cites_quotas', 'cites_suspensions', 'distributions'] as const) {
    if (v[list] !== undefined && v[list] !== null && !Array.isArray(v[list])) return `has a "${list}" that is not a list`;
  }
  return null;
}

/** The concept a mirror row holds for the suspensions of every taxon (Species+ ids start at 1). */
export const EVERY_TAXON_ID = 0;

/**
 * What the mirror keeps of a concept: the fields a sync reads. Suspensions of every taxon
 * (repeated on every concept) are kept once, apart (`everyTaxon`).
 */
export function mirrorCopy(c: TaxonConcept): { concept: TaxonConcept; everyTaxon: CitesSuspensionRecord[] } {
  const own = (c.cites_suspensions ?? []).filter((s) => s.taxon_concept_id != null);
  const everyTaxon = (c.cites_suspensions ?? []).filter((s) => s.taxon_concept_id == null);
  const concept: TaxonConcept = {
    id: c.id,
    full_name: c.full_name,
    author_year: c.author_year ?? null,
    rank: c.rank ?? '',
    name_status: c.name_status ?? 'A',
    active: c.active !== false,
    higher_taxa: c.higher_taxa ?? null,
    synonyms: (c.synonyms ?? []).map((s) => ({ full_name: s.full_name ?? '', author_year: s.author_year ?? null })),
    common_names: c.common_names ?? [],
    cites_listings: c.cites_listings ?? [],
    cites_quotas: c.cites_quotas ?? [],
    cites_suspensions: own,
    distributions: (c.distributions ?? []).map((d) => ({ iso_code2: d.iso_code2 ?? null })),
  };
  if (c.taxonomy !== undefined) concept.taxonomy = c.taxonomy;
  return { concept, everyTaxon };
}
