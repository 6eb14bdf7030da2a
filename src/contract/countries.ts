/**
 * Country codes the service accepts: ISO 3166-1 alpha-2, plus the codes CITES data
 * uses beside them. This is a standard, not CITES law, so it is kept as code; the
 * English short names let importers turn "Population of Brazil" into `BR`.
 */
export const ISO_COUNTRIES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['AD', 'Andorra'], ['AE', 'United Arab Emirates'], ['AF', 'Afghanistan'],
  ['AG', 'Antigua and Barbuda'], ['AI', 'Anguilla'], ['AL', 'Albania'], ['AM', 'Armenia'],
  ['AO', 'Angola'], ['AQ', 'Antarctica'], ['AR', 'Argentina'], ['AS', 'American Samoa'],
  ['AT', 'Austria'], ['AU', 'Australia'], ['AW', 'Aruba'], ['AX', 'Åland Islands'],
  ['AZ', 'Azerbaijan'], ['BA', 'Bosnia and Herzegovina'], ['BB', 'Barbados'],
  ['BD', 'Bangladesh'], ['BE', 'Belgium'], ['BF', 'Burkina Faso'], ['BG', 'Bulgaria'],
  ['BH', 'Bahrain'], ['BI', 'Burundi'], ['BJ', 'Benin'], ['BL', 'Saint Barthélemy'],
  ['BM', 'Bermuda'], ['BN', 'Brunei Darussalam'], ['BO', 'Bolivia (Plurinational State of)'],
  ['BQ', 'Bonaire, Sint Eustatius and Saba'], ['BR', 'Brazil'], ['BS', 'Bahamas'],
  ['BT', 'Bhutan'], ['BV', 'Bouvet Island'], ['BW', 'Botswana'], ['BY', 'Belarus'],
  ['BZ', 'Belize'], ['CA', 'Canada'], ['CC', 'Cocos (Keeling) Islands'],
  ['CD', 'Democratic Republic of the Congo'], ['CF', 'Central African Republic'],
  ['CG', 'Congo'], ['CH', 'Switzerland'], ['CI', "Côte d'Ivoire"], ['CK', 'Cook Islands'],
  ['CL', 'Chile'], ['CM', 'Cameroon'], ['CN', 'China'], ['CO', 'Colombia'],
  ['CR', 'Costa Rica'], ['CU', 'Cuba'], ['CV', 'Cabo Verde'], ['CW', 'Curaçao'],
  ['CX', 'Christmas Island'], ['CY', 'Cyprus'], ['CZ', 'Czechia'], ['DE', 'Germany'],
  ['DJ', 'Djibouti'], ['DK', 'Denmark'], ['DM', 'Dominica'], ['DO', 'Dominican Republic'],
  ['DZ', 'Algeria'], ['EC', 'Ecuador'], ['EE', 'Estonia'], ['EG', 'Egypt'],
  ['EH', 'Western Sahara'], ['ER', 'Eritrea'], ['ES', 'Spain'], ['ET', 'Ethiopia'],
  ['FI', 'Finland'], ['FJ', 'Fiji'], ['FK', 'Falkland Islands (Malvinas)'],
  ['FM', 'Micronesia (Federated States of)'], ['FO', 'Faroe Islands'], ['FR', 'France'],
  ['GA', 'Gabon'], ['GB', 'United Kingdom of Great Britain and Northern Ireland'],
  ['GD', 'Grenada'], ['GE', 'Georgia'], ['GF', 'French Guiana'], ['GG', 'Guernsey'],
  ['GH', 'Ghana'], ['GI', 'Gibraltar'], ['GL', 'Greenland'], ['GM', 'Gambia'],
  ['GN', 'Guinea'], ['GP', 'Guadeloupe'], ['GQ', 'Equatorial Guinea'], ['GR', 'Greece'],
  ['GS', 'South Georgia and the South Sandwich Islands'], ['GT', 'Guatemala'], ['GU', 'Guam'],
  ['GW', 'Guinea-Bissau'], ['GY', 'Guyana'], ['HK', 'Hong Kong'],
  ['HM', 'Heard Island and McDonald Islands'], ['HN', 'Honduras'], ['HR', 'Croatia'],
  ['HT', 'Haiti'], ['HU', 'Hungary'], ['ID', 'Indonesia'], ['IE', 'Ireland'], ['IL', 'Israel'],
  ['IM', 'Isle of Man'], ['IN', 'India'], ['IO', 'British Indian Ocean Territory'],
  ['IQ', 'Iraq'], ['IR', 'Iran (Islamic Republic of)'], ['IS', 'Iceland'], ['IT', 'Italy'],
  ['JE', 'Jersey'], ['JM', 'Jamaica'], ['JO', 'Jordan'], ['JP', 'Japan'], ['KE', 'Kenya'],
  ['KG', 'Kyrgyzstan'], ['KH', 'Cambodia'], ['KI', 'Kiribati'], ['KM', 'Comoros'],
  ['KN', 'Saint Kitts and Nevis'], ['KP', "Democratic People's Republic of Korea"],
  ['KR', 'Republic of Korea'], ['KW', 'Kuwait'], ['KY', 'Cayman Islands'], ['KZ', 'Kazakhstan'],
  ['LA', "Lao People's Democratic Republic"], ['LB', 'Lebanon'], ['LC', 'Saint Lucia'],
  ['LI', 'Liechtenstein'], ['LK', 'Sri Lanka'], ['LR', 'Liberia'], ['LS', 'Lesotho'],
  ['LT', 'Lithuania'], ['LU', 'Luxembourg'], ['LV', 'Latvia'], ['LY', 'Libya'],
  ['MA', 'Morocco'], ['MC', 'Monaco'], ['MD', 'Republic of Moldova'], ['ME', 'Montenegro'],
  ['MF', 'Saint Martin (French part)'], ['MG', 'Madagascar'], ['MH', 'Marshall Islands'],
  ['MK', 'North Macedonia'], ['ML', 'Mali'], ['MM', 'Myanmar'], ['MN', 'Mongolia'],
  ['MO', 'Macao'], ['MP', 'Northern Mariana Islands'], ['MQ', 'Martinique'],
  ['MR', 'Mauritania'], ['MS', 'Montserrat'], ['MT', 'Malta'], ['MU', 'Mauritius'],
  ['MV', 'Maldives'], ['MW', 'Malawi'], ['MX', 'Mexico'], ['MY', 'Malaysia'],
  ['MZ', 'Mozambique'], ['NA', 'Namibia'], ['NC', 'New Caledonia'], ['NE', 'Niger'],
  ['NF', 'Norfolk Island'], ['NG', 'Nigeria'], ['NI', 'Nicaragua'], ['NL', 'Netherlands'],
  ['NO', 'Norway'], ['NP', 'Nepal'], ['NR', 'Nauru'], ['NU', 'Niue'], ['NZ', 'New Zealand'],
  ['OM', 'Oman'], ['PA', 'Panama'], ['PE', 'Peru'], ['PF', 'French Polynesia'],
  ['PG', 'Papua New Guinea'], ['PH', 'Philippines'], ['PK', 'Pakistan'], ['PL', 'Poland'],
  ['PM', 'Saint Pierre and Miquelon'], ['PN', 'Pitcairn'], ['PR', 'Puerto Rico'],
  ['PS', 'State of Palestine'], ['PT', 'Portugal'], ['PW', 'Palau'], ['PY', 'Paraguay'],
  ['QA', 'Qatar'], ['RE', 'Réunion'], ['RO', 'Romania'], ['RS', 'Serbia'],
  ['RU', 'Russian Federation'], ['RW', 'Rwanda'], ['SA', 'Saudi Arabia'],
  ['SB', 'Solomon Islands'], ['SC', 'Seychelles'], ['SD', 'Sudan'], ['SE', 'Sweden'],
  ['SG', 'Singapore'], ['SH', 'Saint Helena, Ascension and Tristan da Cunha'],
  ['SI', 'Slovenia'], ['SJ', 'Svalbard and Jan Mayen'], ['SK', 'Slovakia'],
  ['SL', 'Sierra Leone'], ['SM', 'San Marino'], ['SN', 'Senegal'], ['SO', 'Somalia'],
  ['SR', 'Suriname'], ['SS', 'South Sudan'], ['ST', 'Sao Tome and Principe'],
  ['SV', 'El Salvador'], ['SX', 'Sint Maarten (Dutch part)'], ['SY', 'Syrian Arab Republic'],
  ['SZ', 'Eswatini'], ['TC', 'Turks and Caicos Islands'], ['TD', 'Chad'],
  ['TF', 'French Southern Territories'], ['TG', 'Togo'], ['TH', 'Thailand'],
  ['TJ', 'Tajikistan'], ['TK', 'Tokelau'], ['TL', 'Timor-Leste'], ['TM', 'Turkmenistan'],
  ['TN', 'Tunisia'], ['TO', 'Tonga'], ['TR', 'Türkiye'], ['TT', 'Trinidad and Tobago'],
  ['TV', 'Tuvalu'], ['TW', 'Taiwan, Province of China'], ['TZ', 'United Republic of Tanzania'],
  ['UA', 'Ukraine'], ['UG', 'Uganda'], ['UM', 'United States Minor Outlying Islands'],
  ['US', 'United States of America'], ['UY', 'Uruguay'], ['UZ', 'Uzbekistan'],
  ['VA', 'Holy See'], ['VC', 'Saint Vincent and the Grenadines'],
  ['VE', 'Venezuela (Bolivarian Republic of)'], ['VG', 'Virgin Islands (British)'],
  ['VI', 'Virgin Islands (U.S.)'], ['VN', 'Viet Nam'], ['VU', 'Vanuatu'],
  ['WF', 'Wallis and Futuna'], ['WS', 'Samoa'], ['XK', 'Kosovo'], ['YE', 'Yemen'],
  ['YT', 'Mayotte'], ['ZA', 'South Africa'], ['ZM', 'Zambia'], ['ZW', 'Zimbabwe'],
];

/** Codes CITES uses beside ISO 3166-1 (contract §0). */
export const CITES_EXTRA_CODES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['EU', 'European Union'],
  ['XX', 'Unknown'],
  ['ZZ', 'Introduction from the sea'],
  // The CITES Trade Database's own codes, read as the two above (Trade Database Guide, Annex 5).
  ['XV', 'Various'],
  ['HS', 'Introduction from the sea (Trade Database code)'],
];

/**
 * Codes of countries that no longer exist but still appear in distributions and
 * historical trade records (Species+ keeps them). Accepted in data, never needed
 * for a current trade.
 */
export const FORMER_CODES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['AN', 'Netherlands Antilles'], ['CS', 'Serbia and Montenegro'], ['DD', 'German Democratic Republic'],
  ['SU', 'Union of Soviet Socialist Republics'], ['YU', 'Yugoslavia'], ['ZR', 'Zaire'],
  ['TP', 'East Timor'], ['YD', 'Democratic Yemen'], ['PC', 'Pacific Islands (Trust Territory)'],
];

const ALL = [...ISO_COUNTRIES, ...CITES_EXTRA_CODES, ...FORMER_CODES];

export const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map(ALL);

/** Every code the service accepts for a country field. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(ALL.map(([code]) => code));

/** Codes that stand for a place of trade today (a real State or territory, or the EU). */
export const TRADING_COUNTRY_CODES: ReadonlySet<string> = new Set(
  [...ISO_COUNTRIES, ['EU', 'European Union'] as const].map(([code]) => code),
);

export const UNKNOWN_COUNTRY = 'XX';
export const HIGH_SEAS = 'ZZ';

/** Codes that mean the same as ours: XV (various origins) is an unknown origin; HS is the high seas. */
export const SYNONYM_COUNTRY_CODES: ReadonlyMap<string, string> = new Map([['XV', UNKNOWN_COUNTRY], ['HS', HIGH_SEAS]]);
