/**
 * # annotations of Appendix II/III plant listings as machine-readable specimen coverage
 * (Art. I(b)(iii); cites-rules §4.2 principle 5). The symbols are renumbered from one CoP to
 * the next, so a rule applies only when the annotation text reads as the rule expects;
 * anything else keeps its text and no `specimens` (every part covered), and is reported.
 */
import type { Specimens } from '../contract/bundle.js';
import { plainText } from './annotation-text.js';

interface HashRule {
  symbol: string;
  /** What the text must say for the rule to apply (plain text, spaces collapsed). */
  reads: RegExp;
  /** null: every part and derivative is covered (no clause needed). */
  specimens: (family: string) => Specimens | null;
  /** Parts of the text the clauses cannot express (reported, the text stays on the entry). */
  notExpressed?: string;
}

const only = (...terms: string[]): Specimens => ({ only: [{ terms }], otherwise: 'not-covered' });

/**
 * "Extracts" as the Interpretation section of the Appendices defines them: any substance
 * obtained directly from plant material, solid, semisolid (gums, waxes) or liquid (oils and
 * essential oils included). Guaiac wood oil is an extract of Bulnesia sarmientoi (#11).
 */
const EXTRACTS = ['EXT', 'OIL', 'WAX'];

/** Seeds/spores/pollen, in-vitro cultures, cut flowers of artificially propagated plants. */
const COMMON_EXEMPTIONS: Specimens['except'] = [{ terms: ['SEE'] }, { terms: ['CUL', 'TIS'] }, { terms: ['FLO'], sources: ['A'] }];

const RULES: readonly HashRule[] = [
  {
    symbol: '#1',
    reads:
      /^All parts and derivatives, except: a\) seeds, spores and pollen .*b\) seedling or tissue cultures obtained in vitro.*c\) cut flowers of artificially propagated plants/,
    specimens: () => ({ except: COMMON_EXEMPTIONS, otherwise: 'not-covered' }),
    notExpressed: 'd) fruits of artificially propagated Vanilla',
  },
  {
    symbol: '#2',
    reads: /^All parts and derivatives except: a\) seeds and pollen; and b\) finished products packaged and ready for retail trade$/,
    specimens: () => ({ except: [{ terms: ['SEE'] }], otherwise: 'not-covered' }),
    notExpressed: 'b) finished products packaged and ready for retail trade',
  },
  {
    symbol: '#3',
    reads: /^Designates whole and sliced roots and parts of roots, excluding manufactured parts or derivatives/,
    specimens: () => only('ROO'),
  },
  {
    symbol: '#4',
    reads:
      /^All parts and derivatives, except: a\) seeds \(including seedpods of Orchidaceae\), spores and pollen.*b\) seedling or tissue cultures obtained in vitro.*c\) cut flowers of artificially propagated plants; d\) fruits,? and parts and derivatives thereof,? of naturalized or artificially propagated plants of the genus Vanilla \(Orchidaceae\) and of the family Cactaceae/,
    // d) applies to Vanilla (Orchidaceae) and Cactaceae only, so artificially propagated fruit is exempt there only.
    specimens: (family) => ({
      except: family === 'Orchidaceae' || family === 'Cactaceae' ? [...COMMON_EXEMPTIONS, { terms: ['FRU'], sources: ['A'] }] : COMMON_EXEMPTIONS,
      otherwise: 'not-covered',
    }),
    notExpressed:
      'the seed exemption does not apply to Cactaceae from Mexico and two palms from Madagascar; e) Opuntia and Selenicereus stems and flowers; f) Euphorbia antisyphilitica retail products',
  },
  { symbol: '#5', reads: /^(?:Designates )?logs, sawn wood and veneer sheets$/i, specimens: () => only('LOG', 'SAW', 'VEN', 'TIM') },
  { symbol: '#6', reads: /^(?:Designates )?logs, sawn wood, veneer sheets and plywood$/i, specimens: () => only('LOG', 'SAW', 'VEN', 'PLY', 'TIM') },
  { symbol: '#7', reads: /^Logs, wood-chips, powder and extracts$/, specimens: () => only('LOG', 'CHP', 'POW', ...EXTRACTS, 'TIM') },
  { symbol: '#8', reads: /^Underground parts \(i\.e\. roots, rhizomes\): whole, parts and powdered$/, specimens: () => only('ROO', 'POW') },
  {
    symbol: '#10',
    reads: /^Logs, sawn wood, veneer sheets, including unfinished wood articles used for the fabrication of bows/,
    specimens: () => only('LOG', 'SAW', 'VEN', 'TIM'),
    notExpressed: 'unfinished wood articles for bows',
  },
  {
    // CoP19 (Paubrasilia echinata): the whole plant and finished products, bows included.
    symbol: '#10',
    reads: /^All parts, derivatives and finished products, except re-export of finished musical instruments/,
    specimens: () => null,
    notExpressed: 're-export of finished musical instruments, their accessories and parts (an officer decides: the request says nothing of an earlier import)',
  },
  {
    symbol: '#11',
    reads: /^Logs, sawn wood, veneer sheets, plywood, powder and extracts\./,
    specimens: () => only('LOG', 'SAW', 'VEN', 'PLY', 'POW', ...EXTRACTS, 'TIM'),
  },
  { symbol: '#12', reads: /^Logs, sawn wood, veneer sheets, plywood and extracts\./, specimens: () => only('LOG', 'SAW', 'VEN', 'PLY', ...EXTRACTS, 'TIM') },
  { symbol: '#12', reads: /^Logs, sawn wood, veneer sheets, plywood and essential oil/, specimens: () => only('LOG', 'SAW', 'VEN', 'PLY', 'OIL', 'TIM') },
  {
    symbol: '#14',
    reads: /^All parts and derivatives except: a\) seeds and pollen; b\) seedling or tissue cultures obtained in vitro.*c\) fruits; d\) leaves;/,
    specimens: () => ({ except: [{ terms: ['SEE'] }, { terms: ['CUL', 'TIS'] }, { terms: ['FRU'] }, { terms: ['LVS'] }], otherwise: 'not-covered' }),
    notExpressed: 'e) exhausted agarwood powder; f) finished products packaged for retail',
  },
  {
    symbol: '#15',
    reads: /^All parts and derivatives are included, except: a\) Leaves, flowers, pollen, fruits, and seeds;/,
    specimens: () => ({ except: [{ terms: ['LVS'] }, { terms: ['FLO'] }, { terms: ['FRU'] }, { terms: ['SEE'] }], otherwise: 'not-covered' }),
    notExpressed: 'b) non-commercial exports of at most 10 kg per shipment; c), d) species and origins covered by other annotations',
  },
  { symbol: '#16', reads: /^Seeds, fruits, oil and live plants$/, specimens: () => only('SEE', 'FRU', 'OIL', 'LIV') },
  // Transformed wood is the trade term TRW (annual-report guidelines, 2021).
  { symbol: '#17', reads: /^Logs, sawn wood, veneer sheets, plywood and transformed wood$/i, specimens: () => only('LOG', 'SAW', 'VEN', 'PLY', 'TRW', 'TIM') },
];

/** Appendix I plants: in-vitro cultures are outside the Convention only if artificially propagated. */
const APPENDIX_I_IN_VITRO =
  /^Seedling or tissue cultures obtained in vitro, in solid or liquid media,(?: and)? transported in sterile containers are not subject to the provisions of the Convention only if the specimens meet the definition of .artificially propagated./;

export type HashReading = { mapped: true; specimens: Specimens | null; notExpressed: string | null } | { mapped: false };

/** Reads the # annotation text of a plant entry. */
export function readHashAnnotation(symbol: string, html: string, family: string): HashReading {
  const text = plainText(html)
    .replace(/\s+/g, ' ')
    .replace(/\s*\.?\s*$/, '')
    .replace(/^\s+/, '');
  const withStop = `${text}.`;
  for (const rule of RULES) {
    if (rule.symbol !== symbol) continue;
    if (rule.reads.test(text) || rule.reads.test(withStop)) return { mapped: true, specimens: rule.specimens(family), notExpressed: rule.notExpressed ?? null };
  }
  return { mapped: false };
}

/** Specimen coverage an Appendix I plant annotation gives (the in-vitro rule), or null. */
export function readAppendixIPlantAnnotation(html: string): Specimens | null {
  const text = plainText(html).replace(/\s+/g, ' ');
  return APPENDIX_I_IN_VITRO.test(text) ? { except: [{ terms: ['CUL', 'TIS'], sources: ['A', 'D'] }], otherwise: 'not-covered' } : null;
}
