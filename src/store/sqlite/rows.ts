/**
 * Reading stored rows into the shapes the rest of the code uses: listings (with their
 * exclusions) into the bundle's shape, the listing aggregate's mapper; taxa and their names;
 * Parties and codes as the bundle and the API give them.
 */
import { asc, eq } from 'drizzle-orm';
import type { BundleListing, Populations } from '../../contract/bundle.js';
import type { Db } from '../../db/client.js';
import type { Kingdom, Rank } from '@cites-permit-check/engine/contract/codes';
import { codeEntries, listingExclusions, listings, parties, taxa, taxonNames } from '../../db/schema.js';
import type { CodeRecord, PartyRecord } from '../types.js';
import { canonicalExclusions, canonicalPopulations, type ExcludedOut } from '../domain/canonical.js';
import type { TaxonNames } from '../domain/snapshot.js';
import type { TaxonDirectory } from '../taxon-directory.js';

/**
 * A row of the taxa table. The columns are plain text; rank and kingdom are narrowed to their
 * codes because every write goes through the checks of import-taxa.ts.
 */
export type TaxonRow = Omit<typeof taxa.$inferSelect, 'rank' | 'kingdom'> & { rank: Rank; kingdom: Kingdom };

/** Every stored taxon (in table order, or by id), or the one with this id. */
export function readTaxonRows(db: Db, which: { id?: number; byId?: boolean } = {}): TaxonRow[] {
  const query = db
    .select()
    .from(taxa)
    .where(which.id === undefined ? undefined : eq(taxa.id, which.id));
  return (which.byId ? query.orderBy(taxa.id).all() : query.all()) as TaxonRow[];
}

/** Synonyms and common names of every taxon (or of one), in the order they were written. */
export function namesByTaxon(db: Db, which: { taxonId?: number } = {}): Map<number, TaxonNames> {
  const out = new Map<number, TaxonNames>();
  const rows = db
    .select({ taxonId: taxonNames.taxonId, kind: taxonNames.kind, name: taxonNames.name, lang: taxonNames.lang, author: taxonNames.author })
    .from(taxonNames)
    .where(which.taxonId === undefined ? undefined : eq(taxonNames.taxonId, which.taxonId))
    .orderBy(taxonNames.id)
    .all();
  for (const r of rows) {
    let e = out.get(r.taxonId);
    if (!e) out.set(r.taxonId, (e = { synonyms: [], commonNames: [] }));
    if (r.kind === 'synonym') e.synonyms.push({ name: r.name, author: r.author });
    else e.commonNames.push({ lang: r.lang ?? 'en', name: r.name });
  }
  return out;
}

/** Every stored Party, by code. */
export const partyRows = (db: Db) => db.select().from(parties).orderBy(asc(parties.code)).all();

/** A Party as the bundle and the API name its fields. */
export function partyRecordOf(p: Pick<typeof parties.$inferSelect, 'code' | 'name' | 'entryIntoForce' | 'leftOn' | 'territoryOf'>): PartyRecord {
  return { code: p.code, name: p.name, entryIntoForce: p.entryIntoForce, left: p.leftOn, territoryOf: p.territoryOf };
}

/** Every stored code (of one kind, or all of them by kind), by code. */
export function codeRows(db: Db, kind?: (typeof codeEntries.$inferSelect)['kind']) {
  return db
    .select()
    .from(codeEntries)
    .where(kind === undefined ? undefined : eq(codeEntries.kind, kind))
    .orderBy(asc(codeEntries.kind), asc(codeEntries.code))
    .all();
}

/** A code as the bundle and the API name its fields. */
export function codeRecordOf(c: typeof codeEntries.$inferSelect): CodeRecord {
  return { code: c.code, en: c.nameEn, es: c.nameEs, fr: c.nameFr, retired: c.retired, replacedBy: c.replacedBy };
}

type ListingColumns = typeof listings.$inferSelect;
type ExclusionColumns = typeof listingExclusions.$inferSelect;

/** A stored listing with its population scope gathered from its four columns, and its exclusions. */
export type ListingRow = Omit<ListingColumns, 'populationsInclude' | 'populationsExclude' | 'populationsPartly' | 'populationsText'> & {
  populations: Populations | null;
  exclusions: { taxonId: number; populations: Populations | null }[];
};

/** The scope as stored: include wins over exclude; the wording alone is a scope too. */
function populationsOf(include: string[] | null, exclude: string[] | null, partly: string[] | null = null, text: string | null = null): Populations | null {
  const out: Populations = {};
  if (include) out.include = include;
  else if (exclude) out.exclude = exclude;
  if (partly?.length) out.partly = partly;
  if (text) out.text = text;
  return out.include || out.exclude || out.text ? out : null;
}

function exclusionsByListing(rows: ExclusionColumns[]): Map<number, ListingRow['exclusions']> {
  const out = new Map<number, ListingRow['exclusions']>();
  for (const x of rows) {
    let list = out.get(x.listingId);
    if (!list) out.set(x.listingId, (list = []));
    list.push({ taxonId: x.taxonId, populations: populationsOf(x.populationsInclude, x.populationsExclude) });
  }
  return out;
}

function listingRowOf(r: ListingColumns, exclusions: ListingRow['exclusions']): ListingRow {
  const { populationsInclude, populationsExclude, populationsPartly, populationsText, ...rest } = r;
  return { ...rest, populations: populationsOf(populationsInclude, populationsExclude, populationsPartly, populationsText), exclusions };
}

/** Every stored listing (in table order, or by id), or the one with this id. */
export function readListingRows(db: Db, which: { id?: number; byId?: boolean } = {}): ListingRow[] {
  const query = db.select().from(listings);
  const rows = which.id !== undefined ? query.where(eq(listings.id, which.id)).all() : which.byId ? query.orderBy(listings.id).all() : query.all();
  const exclusions = exclusionsByListing(
    which.id !== undefined
      ? db.select().from(listingExclusions).where(eq(listingExclusions.listingId, which.id)).all()
      : db.select().from(listingExclusions).all(),
  );
  return rows.map((r) => listingRowOf(r, exclusions.get(r.id) ?? []));
}

/** The stored entry as a bundle writes it (taxa by reference: name, with the kingdom for a homonym). */
export function listingRowToBundle(r: ListingRow, taxa: Pick<TaxonDirectory, 'refOf'>): Omit<BundleListing, 'excludedTaxa'> & { excludedTaxa: ExcludedOut[] } {
  return {
    taxon: taxa.refOf(r.taxonId),
    appendix: r.appendix,
    party: r.partyCode,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    mayStartFrom: r.mayStartFrom,
    populations: canonicalPopulations(r.populations),
    excludedTaxa: canonicalExclusions(r.exclusions.map((x) => ({ taxon: taxa.refOf(x.taxonId), populations: canonicalPopulations(x.populations) }))),
    annotation: r.annotation,
    hashAnnotation: r.hashAnnotation,
    hashAnnotationText: r.hashAnnotationText,
    specimens: r.specimens,
    source: r.source,
  };
}

/** The columns a listing is written with (its population scope spread over four). */
export function listingColumns(l: {
  populations: Populations | null;
  annotation: BundleListing['annotation'];
  hashAnnotation: string | null;
  hashAnnotationText: BundleListing['hashAnnotationText'];
  specimens: BundleListing['specimens'];
}) {
  return {
    populationsInclude: l.populations?.include ?? null,
    populationsExclude: l.populations?.exclude ?? null,
    populationsPartly: l.populations?.partly ?? null,
    populationsText: l.populations?.text ?? null,
    annotation: l.annotation,
    hashAnnotation: l.hashAnnotation,
    hashAnnotationText: l.hashAnnotationText,
    specimens: l.specimens,
  };
}
