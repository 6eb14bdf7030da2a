/**
 * Real shipments (tests/fixtures/trade-db/shipments.csv: CITES Trade Database records as
 * published in public analyses, see SOURCE.md) as trade-check requests: the Trade
 * Database's names for terms and units turned into the codes of the annual-report
 * guidelines. A record gives a year, not a date: the middle of the year stands for it.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { TradeCheckRequestInput, TradeCheckResult } from '@cites-permit-check/engine/contract/trade-check';

export interface Shipment {
  line: number;
  year: number;
  appendix: string;
  taxon: string;
  request: TradeCheckRequestInput;
}

const CODES = JSON.parse(readFileSync(new URL('../../dataset/codes/codes.json', import.meta.url), 'utf8')) as { terms: { code: string; en: string }[] };

/** Trade Database names that differ from the guidelines' (plurals, older wordings). */
const TERM_NAMES: Record<string, string> = {
  carvings: 'CAR',
  'leather products (small)': 'LPS',
  'leather products (large)': 'LPL',
  plates: 'PLA',
  specimens: 'SPE',
  'skin pieces': 'SKP',
  skins: 'SKI',
  garments: 'GAR',
  bodies: 'BOD',
  scales: 'SCA',
  skeletons: 'SKE',
  ears: 'EAR',
  'bone pieces': 'BOP',
  'bone carvings': 'BOC',
  teeth: 'TEE',
  'eggs (live)': 'EGL',
  eggs: 'EGG',
  trophies: 'TRO',
  feathers: 'FEA',
  fins: 'FIN',
  'fin (dried)': 'FIN',
  skulls: 'SKU',
  tails: 'TAI',
  claws: 'CLA',
  feet: 'FOO',
  tusks: 'TUS',
  'ivory pieces': 'IVP',
  'ivory carvings': 'IVC',
  'jewellery - ivory': 'IJW',
  'swim bladders': 'SWI',
  'fur product (small)': 'FPS',
  shells: 'SHE',
  flowers: 'FLO',
  'dried plants': 'DPL',
  roots: 'ROO',
  seeds: 'SEE',
  'horn carvings': 'HOC',
  carapaces: 'CAP',
  horns: 'HOR',
  veneer: 'VEN',
  'piano keys': 'KEY',
  'raw corals': 'COR',
  cultures: 'CUL',
  sides: 'SID',
  stems: 'STE',
  leaves: 'LVS',
  chips: 'CHP',
  'horn pieces': 'HOP',
  'gall bladders': 'GAB',
  fibres: 'FIB',
  'timber pieces': 'TIP',
  'frog legs': 'LEG',
  'wood product': 'WPR',
  'sawn wood': 'SAW',
  logs: 'LOG',
};
const BY_NAME = new Map(CODES.terms.map((t) => [t.en.toLowerCase(), t.code]));

export function termCode(name: string): string | undefined {
  const n = name.trim().toLowerCase();
  if (n === '') return undefined;
  return TERM_NAMES[n] ?? BY_NAME.get(n) ?? BY_NAME.get(n.replace(/s$/, ''));
}

const UNITS: Record<string, string | undefined> = {
  '': undefined,
  'number of specimens': 'NAR',
  kg: 'KGM',
  g: 'GRM',
  mg: 'MGM',
  microgrammes: 'MYG',
  m3: 'MTQ',
  cm3: 'CMQ',
  m2: 'MTK',
  cm2: 'SQC',
  ml: 'MLT',
  l: 'LTR',
  m: 'MTR',
  cm: 'CTM',
};

export function readShipments(): Shipment[] {
  const rows = parse(readFileSync(new URL('../fixtures/trade-db/shipments.csv', import.meta.url), 'utf8'), { columns: true }) as Record<string, string>[];
  return rows.map((r, i) => {
    const term = termCode(r.term!);
    const unit = UNITS[r.unit!.trim().toLowerCase()];
    const quantity = Number(r.quantity);
    const origin = r.origin!.trim();
    const request: TradeCheckRequestInput = {
      taxon: r.taxon!,
      exporter: r.exporter!,
      importer: r.importer!,
      ...(origin !== '' && origin !== r.exporter ? { origin } : {}),
      // A blank purpose or source is not a CITES code: read as the strictest (commercial, unknown).
      purpose: (r.purpose || 'T') as TradeCheckRequestInput['purpose'],
      source: (r.source || 'U') as TradeCheckRequestInput['source'],
      ...(term ? { term } : {}),
      ...(Number.isFinite(quantity) && quantity > 0 ? { quantity } : {}),
      ...(unit && Number.isFinite(quantity) && quantity > 0 ? { unit } : {}),
      date: `${r.year}-07-01`,
    };
    return { line: i + 2, year: Number(r.year), appendix: r.appendix!, taxon: r.taxon!, request };
  });
}

/**
 * The Appendix a Trade Database record would carry for an answer: the Appendix whose rules
 * apply, except for a population deemed Appendix I for a part its annotation does not cover,
 * which is recorded under the population's own Appendix.
 */
export function statedAppendix(r: TradeCheckResult): string | null {
  return r.reasons.some((x) => x.code === 'DEEMED_APPENDIX_I') ? (r.listing?.appendix ?? r.appendix) : r.appendix;
}
