/**
 * Quantities in the units of the annual-report guidelines (Notification 2021/044), old and
 * new codes alike (KIL was renamed KGM, CUM MTQ, SQM MTK, CCM CMQ; blank, NO and NAR are a
 * number of specimens). Like is compared with like: mass with mass, volume with volume,
 * never a number of specimens with kilograms (cites-rules §5.4).
 */
type Dimension = 'number' | 'mass' | 'volume' | 'length' | 'area';

/** Each unit's dimension and its size in the dimension's base unit (g, ml, cm, cm²; 1 specimen). */
const UNITS: Record<string, readonly [Dimension, number]> = {
  NAR: ['number', 1],
  NO: ['number', 1],
  MYG: ['mass', 1e-6],
  MGM: ['mass', 1e-3],
  GRM: ['mass', 1],
  KGM: ['mass', 1e3],
  KIL: ['mass', 1e3],
  TON: ['mass', 1e6],
  OUN: ['mass', 28.349523125],
  PND: ['mass', 453.59237],
  MLT: ['volume', 1],
  CCM: ['volume', 1],
  CMQ: ['volume', 1],
  LTR: ['volume', 1e3],
  CUM: ['volume', 1e6],
  MTQ: ['volume', 1e6],
  CUF: ['volume', 28_316.846592],
  CTM: ['length', 1],
  MTR: ['length', 100],
  INC: ['length', 2.54],
  FEE: ['length', 30.48],
  YAR: ['length', 91.44],
  SQC: ['area', 1],
  SQD: ['area', 100],
  SQM: ['area', 1e4],
  MTK: ['area', 1e4],
  SQF: ['area', 929.0304],
};

const unitOf = (u: string | undefined | null) => UNITS[u === undefined || u === null || u === '' ? 'NAR' : u];

/** A quantity in another unit, or null when the two cannot be compared. */
export function inUnit(quantity: number, from: string | undefined | null, to: string | undefined | null): number | null {
  const f = unitOf(from);
  const t = unitOf(to);
  if (f === undefined || t === undefined || f[0] !== t[0]) return null;
  return (quantity * f[1]) / t[1];
}
