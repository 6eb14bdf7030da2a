/**
 * What a recommendation to suspend trade covers, read from its wording (R36, Res. Conf.
 * 14.3). The Species+ table (exemptions.csv) also carries code columns, but those list
 * what the CITES compliance tool exempts (purposes Z, G, Q and S for "all commercial
 * trade", sources A, C, D, F, I for "wild-taken"), not what the Notification suspends: a
 * suspension covers exactly the purposes, sources and terms its wording names.
 *
 * - "commercial" is purpose T; "all trade", "all exports" are every purpose;
 * - "wild-taken", "wild specimens", "W only" is source W;
 * - "trade in live specimens" is term LIV;
 * - "imports" ("covering exports, re-exports and imports"), or commercial trade with a
 *   country as a whole, extends it to imports into the country;
 * - exceptions of terms or sources ("except for trophies", "except for specimens from
 *   ranching operations") come from the code columns, which say the same;
 * - a row whose taxon the wording names as an exception ("All exports, except
 *   Calumma andringitraense, ...") records an exemption, not a suspension;
 * - anything else (a scope by Appendix, no purpose at all) cannot be mapped: the
 *   suspension is kept with `review`, so a matching trade is flagged, not denied.
 */
import { PURPOSES, SOURCES, type Purpose, type Source } from '@cites-permit-check/engine/contract/codes';
import { plainText } from './annotation-text.js';

export interface ExemptedCodes {
  terms: readonly string[];
  sources: readonly Source[];
  purposes: readonly Purpose[];
}

export type SuspensionReading =
  | { kind: 'exempted-taxon'; why: string }
  | {
      kind: 'suspension';
      purposes: Purpose[];
      sources: Source[];
      terms: string[];
      appliesToImports: boolean;
      /** The wording could not be mapped to codes mechanically. */
      review: boolean;
      /** How the wording was read, in words (for the import report). */
      reading: string;
    };

const COMMERCIAL = /\bcommercial\b/i;
const NON_COMMERCIAL = /\bnon-commercial\b/i;
const ALL_TRADE = /\ball (?:trade|exports?)\b|^(?:the )?exports? of\b/i;
const WILD = /\bwild[- ]taken\b|\bwild[- ]caught\b|\bwild specimens\b|\btaken from the wild\b|\bfor W only\b/i;
const LIVE_ONLY = /\btrade in live specimens\b/i;
const IMPORTS = /\bimports?\b/i;
const BY_APPENDIX = /\bAppendix (?:I{1,3}) species\b/i;

/** Species named in an "except <i>…</i>" list: full names and "F. antimena" abbreviations. */
function exceptedNames(html: string): string[] {
  const out: string[] = [];
  // Abbreviated names ("F. antimena") hold full stops: take everything after "except".
  for (const m of html.matchAll(/except(?:ion of| for)?\b(.*)$/gis)) {
    for (const i of m[1]!.matchAll(/<i>([^<]+)<\/i>/g))
      out.push(
        ...i[1]!
          .split(/,\s*|\s+and\s+/)
          .map((n) => n.trim())
          .filter(Boolean),
      );
  }
  return out;
}

/** Is the row's taxon an exception of the wording, and not the taxon it suspends ("Dalbergia spp. …, with the exception of Dalbergia spp. products …")? */
function namedAsException(taxon: string, html: string): boolean {
  const words = taxon.split(' ');
  const abbreviated = words.length >= 2 ? `${words[0]![0]}. ${words.slice(1).join(' ')}` : taxon;
  const is = (n: string) => n === taxon || n === abbreviated;
  const main = html.split(/\bexcept/i)[0]!;
  const suspended = [...main.matchAll(/<i>([^<]+)<\/i>/g)].flatMap((m) => m[1]!.split(/,\s*|\s+and\s+/).map((n) => n.trim()));
  return !suspended.some(is) && exceptedNames(html).some(is);
}

/**
 * Reads one row: its taxon (null for every CITES species), the wording (HTML allowed), the
 * compliance tool's internal note, the code columns read as exempted codes, and whether
 * the row says it applies to imports.
 */
export function readSuspensionWording(row: {
  taxon: string | null;
  wording: string;
  internalNote: string;
  exempted: ExemptedCodes;
  appliesToImport: boolean;
  knownTerms: readonly string[];
}): SuspensionReading {
  const text = plainText(row.wording).replace(/\s+/g, ' ').trim();
  if (row.taxon !== null && namedAsException(row.taxon, row.wording)) {
    return { kind: 'exempted-taxon', why: `${row.taxon} is named as an exception of the recommendation` };
  }
  if (row.taxon !== null && /only App(?:endix)? III taxon/i.test(row.internalNote) && BY_APPENDIX.test(text)) {
    return { kind: 'exempted-taxon', why: `${row.taxon} is not in the Appendix the recommendation covers` };
  }

  const read: string[] = [];
  let review = false;
  let purposes: Purpose[];
  if (COMMERCIAL.test(text) && !NON_COMMERCIAL.test(text)) {
    purposes = ['T'];
    read.push('commercial trade (purpose T)');
  } else if (ALL_TRADE.test(text) || /\bSuspension for W only\b/i.test(text)) {
    purposes = [];
    read.push('every purpose');
  } else {
    purposes = row.exempted.purposes.length ? PURPOSES.filter((p) => !row.exempted.purposes.includes(p)) : [];
    review = true;
    read.push('purposes not stated in the wording');
  }

  let sources: Source[];
  if (WILD.test(text)) {
    sources = ['W'];
    read.push('wild-taken specimens (source W)');
  } else {
    sources = row.exempted.sources.length ? SOURCES.filter((s) => !row.exempted.sources.includes(s)) : [];
    if (sources.length) read.push(`sources ${sources.join(', ')}`);
  }

  let terms: string[];
  if (LIVE_ONLY.test(text)) {
    terms = ['LIV'];
    read.push('live specimens (term LIV)');
  } else {
    terms = row.exempted.terms.length ? row.knownTerms.filter((t) => !row.exempted.terms.includes(t)) : [];
    if (row.exempted.terms.length) read.push(`every term except ${row.exempted.terms.join(', ')}`);
  }

  if (BY_APPENDIX.test(text)) {
    review = true;
    read.push('limited to the species of one Appendix (not expressible as codes)');
  }
  // A recommendation to suspend trade with a country covers imports into it as well as
  // exports from it; one about exports ("the export of", "from Madagascar") does not.
  const main = text.split(/,? (?:with the exception|except)\b/i)[0]!;
  const withCountry = row.taxon === null && /\btrade\b/i.test(main) && !/\bexports?\b/i.test(main);
  const appliesToImports = row.appliesToImport || IMPORTS.test(main) || withCountry;
  if (appliesToImports) read.push('imports too');
  return { kind: 'suspension', purposes, sources, terms, appliesToImports, review, reading: read.join('; ') };
}
