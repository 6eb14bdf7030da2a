/**
 * The fixed vocabularies of the Convention (cites-rules.md §5). Source and purpose
 * codes are defined by Res. Conf. 12.3 and decide which Article applies, so the
 * engine knows them by name. Term and unit codes are data (they evolve with the
 * annual-report guidelines) and live in the code-list tables instead.
 */
export const APPENDICES = ['I', 'II', 'III'] as const;
export type Appendix = (typeof APPENDICES)[number];

export const PURPOSES = ['B', 'E', 'G', 'H', 'L', 'M', 'N', 'P', 'Q', 'S', 'T', 'Z'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const SOURCES = ['W', 'R', 'D', 'A', 'C', 'F', 'I', 'O', 'U', 'X', 'Y'] as const;
export type Source = (typeof SOURCES)[number];

export const RANKS = ['KINGDOM', 'PHYLUM', 'CLASS', 'ORDER', 'FAMILY', 'SUBFAMILY', 'GENUS', 'SPECIES', 'SUBSPECIES', 'VARIETY'] as const;
export type Rank = (typeof RANKS)[number];

export const KINGDOMS = ['Animalia', 'Plantae'] as const;
export type Kingdom = (typeof KINGDOMS)[number];

export const CODE_LIST_KINDS = ['sources', 'purposes', 'terms', 'units'] as const;
export type CodeListKind = (typeof CODE_LIST_KINDS)[number];

export const DOCUMENT_TYPES = [
  'export-permit',
  'import-permit',
  're-export-certificate',
  'certificate-of-origin',
  'introduction-from-the-sea-certificate',
  'captive-breeding-certificate',
  'artificial-propagation-certificate',
  'pre-convention-certificate',
  'travelling-exhibition-certificate',
  'scientific-exchange-label',
  'comparable-documentation',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DECISIONS = ['allow', 'needs-permit', 'deny'] as const;
export type DecisionKind = (typeof DECISIONS)[number];
