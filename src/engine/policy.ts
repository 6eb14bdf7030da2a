/**
 * Choices the Convention leaves to each Party or that rest on facts we could not confirm
 * (cites-rules.md marks them): configuration with safe defaults, never hard-coded law.
 */
export interface PersonalEffectsLimit {
  /** Taxon (at any rank) whose specimens the limit applies to. */
  taxon: string;
  /** Only for these terms; empty = any term. */
  terms: string[];
  /** Maximum per person: a count, or a mass in grams. */
  max: number;
  unit: 'count' | 'grams';
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
}

export const DEFAULT_PERSONAL_EFFECTS_LIMITS: PersonalEffectsLimit[] = [
  { taxon: 'Acipenseriformes', terms: ['CAV'], max: 125, unit: 'grams', source: 'Res. Conf. 13.7 (Rev. CoP17): caviar' },
  { taxon: 'Hippocampus', terms: [], max: 4, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): seahorses' },
  { taxon: 'Crocodylia', terms: [], max: 4, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): crocodilian items' },
  { taxon: 'Strombus gigas', terms: [], max: 3, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): queen conch shells' },
  { taxon: 'Aliger gigas', terms: [], max: 3, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): queen conch shells' },
  { taxon: 'Tridacnidae', terms: [], max: 3, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): giant clam shells' },
  { taxon: 'Cactaceae', terms: [], max: 3, unit: 'count', source: 'Res. Conf. 13.7 (Rev. CoP17): rainsticks' },
];

export const DEFAULT_POLICY: EnginePolicy = {
  appendixICaptiveBredCommercial: 'deny',
  suspensions: 'deny',
  personalEffectsLiveAnimals: 'exclude',
  personalEffectsLimits: DEFAULT_PERSONAL_EFFECTS_LIMITS,
  datasetHorizonDays: 730,
};
