/**
 * Choices the Convention leaves to each Party or that rest on facts we could not confirm
 * (cites-rules.md marks them): configuration with safe defaults, never hard-coded law.
 */
import { DOCUMENT_VALIDITY, type ValidityTable } from './documents/validity.js';

export interface PersonalEffectsLimit {
  /** Taxon (at any rank) whose specimens the limit applies to. */
  taxon: string;
  /** Only for these terms; empty = any term. */
  terms: string[];
  /**
   * Maximum per person in `unit`; 0: these specimens are not personal effects at all
   * (crocodilian meat and trophies). Several entries for one taxon and terms are one limit
   * measured several ways (giant clams: 3 shells and 3 kg): the quantity is compared with
   * the entry in its own dimension, and the others are conditions.
   */
  max: number;
  unit: 'count' | 'grams' | 'millilitres';
  source: string;
}

export interface EnginePolicy {
  /** R12: App. I source C traded for purpose T: deny (default) or flag for review. */
  appendixICaptiveBredCommercial: 'deny' | 'review';
  /** R36: suspensions are recommendations; a Party may implement them as review. */
  suspensions: 'deny' | 'review';
  /** R25: whether live animals can be personal effects (unconfirmed in Res. Conf. 13.7). */
  personalEffectsLiveAnimals: 'exclude' | 'include';
  /** R25: per-person limits of Res. Conf. 13.7 as implemented nationally. */
  personalEffectsLimits: PersonalEffectsLimit[];
  /** R4: a trade dated this many days past the data's as-of date is warned about (listings may have changed since). */
  datasetHorizonDays: number;
  /** R39: the longest validity of each kind of document; unconfirmed figures send a document to review (documents/validity.ts). */
  documentValidity: ValidityTable;
  /**
   * R18: the period over which exports are counted against a quota. A quota is "normally" for
   * a calendar year (Res. Conf. 14.7; unconfirmed as a rule, hence configurable): the
   * Appendix I annotation quotas (cheetah, markhor, black rhinoceros) are annual. With
   * 'quota-period', everything exported while the quota is in force counts.
   */
  quotaCountedPer: 'calendar-year' | 'quota-period';
}

/** The table of Res. Conf. 13.7 (Rev. CoP17), paragraph on personal and household effects. */
const DEFAULT_PERSONAL_EFFECTS_LIMITS: PersonalEffectsLimit[] = [
  { taxon: 'Acipenseriformes', terms: ['CAV'], max: 125, unit: 'grams', source: 'Res. Conf. 13.7 (Rev. CoP17): caviar, up to 125 g per person' },
  { taxon: 'Cactaceae', terms: [], max: 3, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): rainsticks of Cactaceae, up to 3 per person' },
  {
    taxon: 'Crocodylia',
    terms: ['MEA', 'TRO'],
    max: 0,
    unit: 'count',
    source: 'Res. Conf. 13.7 (Rev. CoP17): crocodilian specimens, excluding meat and hunting trophies',
  },
  { taxon: 'Crocodylia', terms: [], max: 4, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): crocodilian specimens, up to 4 per person' },
  { taxon: 'Strombus gigas', terms: [], max: 3, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): queen conch shells, up to 3 per person' },
  { taxon: 'Aliger gigas', terms: [], max: 3, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): queen conch shells, up to 3 per person' },
  { taxon: 'Hippocampus', terms: [], max: 4, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): dead seahorses, up to 4 per person' },
  {
    taxon: 'Tridacnidae',
    terms: [],
    max: 3,
    unit: 'count',
    source: 'Res. Conf. 13.7 (Rev. CoP17): giant clam shells, up to 3 per person (one intact shell or two matching halves each)',
  },
  { taxon: 'Tridacnidae', terms: [], max: 3000, unit: 'grams', source: 'Res. Conf. 13.7 (Rev. CoP17): giant clam shells, not exceeding 3 kg per person' },
  ...['Aquilaria', 'Gyrinops'].flatMap((taxon): PersonalEffectsLimit[] => [
    { taxon, terms: ['CHP'], max: 1000, unit: 'grams', source: 'Res. Conf. 13.7 (Rev. CoP17): agarwood woodchips, up to 1 kg per person' },
    { taxon, terms: ['OIL'], max: 24, unit: 'millilitres', source: 'Res. Conf. 13.7 (Rev. CoP17): agarwood oil, up to 24 ml per person' },
    {
      taxon,
      terms: ['JWL', 'CAR'],
      max: 2,
      unit: 'count',
      source: 'Res. Conf. 13.7 (Rev. CoP17): agarwood beads or prayer beads, two sets (or two necklaces or bracelets) per person',
    },
  ]),
];

export const DEFAULT_POLICY: EnginePolicy = {
  appendixICaptiveBredCommercial: 'deny',
  suspensions: 'deny',
  personalEffectsLiveAnimals: 'exclude',
  personalEffectsLimits: DEFAULT_PERSONAL_EFFECTS_LIMITS,
  datasetHorizonDays: 730,
  documentValidity: DOCUMENT_VALIDITY,
  quotaCountedPer: 'calendar-year',
};
