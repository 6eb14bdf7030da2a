/**
 * The mirror of Species+ concepts (bulk file and API reads alike) → the parsed file a sync
 * loads: the same mapping as the bulk file (concepts-to-bundle.ts), so that data read from
 * the API gives what the bulk file gives.
 */
import type { ParseContext, ParsedFile } from '../importers/types.js';
import { conceptContext, speciesPlusFile } from './bulk-file.js';
import { EVERY_TAXON_ID, type CitesSuspensionRecord, type TaxonConcept, mirrorCopy } from './taxon-concept.js';

export async function fileFromMirror(rows: AsyncIterable<string>, ctx: ParseContext, source: string): Promise<ParsedFile> {
  const mapper = await conceptContext(ctx);
  let row = 0;
  for await (const text of rows) {
    row++;
    const c = JSON.parse(text) as TaxonConcept;
    if (c.id === EVERY_TAXON_ID) mapper.addEveryTaxon(c.cites_suspensions ?? [], row);
    else mapper.add(c, row);
  }
  const latest = mapper.latestDate;
  const asOf = ctx.asOf ?? (latest !== '' && latest < ctx.today ? latest : ctx.today);
  mapper.notes.count('concepts in the mirror', row);
  return speciesPlusFile(mapper.finish(asOf), mapper, asOf, source);
}

/** Mirror rows for a concept as read: its own copy, and the row of the suspensions of every taxon when it carries them. */
export function mirrorRows(read: TaxonConcept, everyTaxon: Map<string, CitesSuspensionRecord>): { taxonId: number; concept: string }[] {
  const { concept, everyTaxon: all } = mirrorCopy(read);
  for (const s of all) everyTaxon.set(String(s.id ?? JSON.stringify(s)), s);
  return [{ taxonId: concept.id, concept: JSON.stringify(concept) }];
}

/** The mirror row holding the suspensions of every taxon. */
export function everyTaxonRow(everyTaxon: Map<string, CitesSuspensionRecord>): { taxonId: number; concept: string } {
  const concept: TaxonConcept = { id: EVERY_TAXON_ID, full_name: 'every taxon', name_status: 'X', cites_suspensions: [...everyTaxon.values()] };
  return { taxonId: EVERY_TAXON_ID, concept: JSON.stringify(concept) };
}
