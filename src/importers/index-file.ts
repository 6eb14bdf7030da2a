/**
 * kind `index`: the "Index of CITES Species" (checklist.cites.org CSV export). The file
 * gives the listings in force on the day it was made, without dates: entries start on that
 * day (`asOf`), continue open entries of earlier Index imports, end when a newer Index no
 * longer has them, and give way to a dated listing history once one is imported.
 */
import type { Readable } from 'node:stream';
import { LineErrors } from './csv.js';
import { ImportNotes } from './fields.js';
import { buildIndexListings } from './index-listings.js';
import { readIndexRows } from './index-rows.js';
import { buildTaxonomy } from './index-taxa.js';
import { CountryNames } from './populations.js';
import { officialFileBundle, type ParseContext, type ParsedFile } from './types.js';

const INDEX_ORIGIN = 'index';

export async function parseIndexFile(input: Readable, ctx: ParseContext): Promise<ParsedFile> {
  const asOf = ctx.asOf ?? ctx.today;
  const errors = new LineErrors();
  const notes = new ImportNotes();
  const rows = await readIndexRows(input, errors, notes, ctx.progress);
  errors.throwIfAny();

  // Country names the file pairs with codes ("Swaziland" → SZ) help read "Population of …".
  const countries = new CountryNames();
  for (const r of rows) for (const [name, code] of r.countryNames) countries.add(name, code);

  const taxonomy = buildTaxonomy(rows, notes);
  const { taxa } = taxonomy;
  const listings = buildIndexListings(rows, taxonomy, asOf, countries, notes, (await ctx.partyCodes?.()) ?? null);
  notes.count('taxa', taxa.length);

  const bundle = officialFileBundle(asOf, 'Index of CITES Species (CITES Checklist, UNEP-WCMC)', { taxa, listings });
  return {
    bundle,
    warnings: notes.warnings,
    stats: notes.stats,
    origin: INDEX_ORIGIN,
    endMissing: { date: asOf },
    continueOpenEntries: true,
    yieldsListingsTo: ['history'],
    // The official Checklist takes over from the hand-written seed and from the default
    // dataset, for the taxa it lists, from the date it describes; their dated history before
    // that stays. (An Index older than the data held is refused in importers/index.ts.)
    supersedesListingsOf: { origins: ['seed', 'dataset'], from: asOf },
  };
}
