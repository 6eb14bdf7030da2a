/**
 * The regions the Appendices use to name populations ("Only the population of Asia",
 * "Neotropical populations", "Population of Europe excluding the area that formerly
 * constituted the USSR") as country lists. Geography, not CITES law: a country that lies
 * only partly in the region (Russia, Egypt, Türkiye, Mexico in the Neotropics) is listed
 * under `partly`, so a specimen from it is weighed both ways and flagged for review.
 */

export interface Region {
  /** Countries wholly (or for listing purposes entirely) in the region. */
  codes: readonly string[];
  /** Countries of which only part lies in the region. */
  partly: readonly string[];
}

const list = (codes: string) => codes.split(/\s+/).filter(Boolean);

const AFRICA = list(`DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML
  MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW`);
const ASIA = list(`AF AM BH BD BT BN KH CN CY HK IN IR IQ IL JP JO KP KR KW KG LA LB MO MY MV MN MM NP OM PK PS PH
  QA SA SG LK SY TW TJ TH TL TM AE UZ VN YE`);
const EUROPE = list(`AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE LV LI LT LU MT MD MC ME
  NL MK NO PL PT RO SM RS SK SI ES SE CH UA GB VA AX SJ`);
const FORMER_USSR = list('AM AZ BY EE GE KZ KG LV LT MD RU TJ TM UA UZ');
const NORTH_AMERICA = list('CA US BM PM');
const CENTRAL_AMERICA = list('BZ CR SV GT HN NI PA');
const CARIBBEAN = list(`AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI`);
const SOUTH_AMERICA = list('AR BO BR CL CO EC FK GF GY PY PE SR UY VE');

const REGIONS: Record<string, Region> = {
  africa: { codes: AFRICA, partly: ['EG'] },
  asia: { codes: ASIA, partly: ['AZ', 'EG', 'GE', 'ID', 'KZ', 'RU', 'TR'] },
  europe: { codes: EUROPE, partly: ['AZ', 'GE', 'KZ', 'RU', 'TR'] },
  'europe excluding the area that formerly constituted the ussr': {
    codes: EUROPE.filter((c) => !FORMER_USSR.includes(c)),
    partly: ['TR'],
  },
  americas: { codes: [...NORTH_AMERICA, 'MX', ...CENTRAL_AMERICA, ...CARIBBEAN, ...SOUTH_AMERICA], partly: ['GL'] },
  'central and north america': { codes: [...NORTH_AMERICA, 'MX', ...CENTRAL_AMERICA], partly: [] },
  neotropics: { codes: ['MX', ...CENTRAL_AMERICA, ...CARIBBEAN, ...SOUTH_AMERICA], partly: ['US'] },
};

/** The region a phrase names ("Asia", "Asian", "the Americas", "Neotropical"), if any. */
export function regionNamed(phrase: string): Region | null {
  const p = phrase
    .toLowerCase()
    .replace(/[.;,]+$/, '')
    .replace(/^the /, '')
    .trim();
  const aliases: Record<string, string> = {
    asian: 'asia',
    african: 'africa',
    european: 'europe',
    neotropical: 'neotropics',
    'the neotropics': 'neotropics',
    'the americas': 'americas',
  };
  return REGIONS[aliases[p] ?? p] ?? null;
}

/**
 * Parts of a country the Appendices name ("west Greenland", "the Province of Salta",
 * "Cispata Bay"): only part of that country's population is meant.
 */
const SUBNATIONAL: ReadonlyArray<readonly [RegExp, string]> = [[/\b(?:west|western|east|eastern) Greenland\b/i, 'GL']];

export function countryOfPart(phrase: string): string | null {
  for (const [pattern, code] of SUBNATIONAL) if (pattern.test(phrase)) return code;
  return null;
}
