/**
 * Taxa a higher-taxon listing excepts, as its annotation states them: "Excludes <i>A, B</i>",
 * "… <i>X</i> spp., which are not included in the Appendices", "the populations of
 * <i>Pecari tajacu</i> of Mexico and the United States of America, which are not included
 * in the Appendices" (an exception for those populations only). The species "included in
 * Appendix I" that such texts also name are listed elsewhere, not excepted.
 */
import type { BundleListing } from '../contract/bundle.js';
import { namesIn, plainText } from './annotation-text.js';
import { readCountryList, type CountryNames } from './populations.js';

export type ExceptedTaxon = BundleListing['excludedTaxa'][number];

const EXCLUDES = /Excludes?\s+((?:<i>[^<]*<\/?i>|[A-Z][a-z]+ spp\.|,|\s|and|&)+)/g;
const NOT_INCLUDED = /which (?:is|are) (?:not included in|excluded from) the Appendices/;
/** "Except the species included in Appendix I (<i>Catagonus wagneri</i>)": not an exception. */
const APPENDIX_I_SPECIES = /^.*?species included in Appendix(?:\s|&nbsp;|\u00a0)*I\b(?:\s*\([^)]*\))?/;
const POPULATIONS_OF = /populations? of <i>([^<]+)<\/?i> of ([^,]+)/g;

/** Every taxon the texts (short and full annotation of one listing) except, by name. */
export function exceptedTaxa(texts: readonly string[], countries: CountryNames): ExceptedTaxon[] {
  const out = new Map<string, ExceptedTaxon>();
  const clauses: string[] = [];
  for (const t of texts) {
    for (const m of t.matchAll(EXCLUDES)) clauses.push(m[1]!);
    for (const sentence of t.split(/(?<=\.)\s+(?=[A-Z])/)) if (NOT_INCLUDED.test(sentence)) clauses.push(sentence.replace(APPENDIX_I_SPECIES, ''));
  }
  for (const clause of clauses) {
    for (const m of clause.matchAll(POPULATIONS_OF)) {
      const { codes } = readCountryList(plainText(m[2]!), countries);
      if (codes.length) out.set(m[1]!.trim(), { taxon: m[1]!.trim(), populations: { include: codes.sort() } });
    }
    const rest = clause.replace(POPULATIONS_OF, '');
    const genera = [...rest.matchAll(/(?:<i>)?([A-Z][a-z]+)(?:<\/?i>)? spp\./g)].map((m) => m[1]!);
    for (const name of [...namesIn(rest), ...genera]) if (!out.has(name)) out.set(name, name);
  }
  return [...out.values()];
}
