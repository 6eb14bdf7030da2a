/**
 * Every reason, condition and warning the engine can give, with the rule of
 * cites-rules.md and the Article or Resolution that decides it. Resolutions are cited
 * in the revision the rule was implemented from (pitfall 30): Res. Conf. 12.3 (Rev. CoP19),
 * 13.7 (Rev. CoP17), 14.6 (Rev. CoP16), 9.5 (Rev. CoP16), 4.25 (Rev. CoP18), 10.16 (Rev.),
 * 11.11 (Rev. CoP18), 12.10 (Rev. CoP15), 5.10 (Rev. CoP15), 13.6 (Rev. CoP16), 14.7 (Rev. CoP15).
 * The objects are frozen and shared: a decision points at them, it does not copy them.
 */
import type { Note, Reason } from './contract/trade-check.js';
import { DOCUMENT_REASONS } from './documents/reasons.js';

const reason = (code: string, rule: string, article: string, message: string): Reason => Object.freeze({ code, rule, article, message });

export const REASONS = {
  // Scope (R1–R3, R34)
  NOT_LISTED: reason(
    'NOT_LISTED',
    'R1',
    'Art. II(4); Art. I(b)',
    'No listing in force on this date covers this taxon and population: CITES requires no document.',
  ),
  EXCLUDED_FROM_LISTING: reason(
    'EXCLUDED_FROM_LISTING',
    'R1',
    'Interp. §1–3; Res. Conf. 11.21',
    'The taxon (or this population of it) is excepted from the higher-taxon listing and is not included in the Appendices.',
  ),
  PART_NOT_COVERED: reason(
    'PART_NOT_COVERED',
    'R3',
    'Art. I(b)(ii)–(iii); Interp. §7',
    'This part or derivative is not among the specimens the listing covers (annotation).',
  ),
  NOT_INTERNATIONAL_TRADE: reason(
    'NOT_INTERNATIONAL_TRADE',
    'R2',
    'Art. I(c)–(e)',
    'Exporter and importer are the same State and the specimen was not taken at sea: this is not export, re-export, import or introduction from the sea.',
  ),
  OUTSIDE_CITES: reason(
    'OUTSIDE_CITES',
    'R34',
    'Art. X; Art. XV(3); Art. XXIII(3)',
    'Neither State is a Party for this species on this date (non-Party or reservation): the trade is outside the Convention.',
  ),

  // Compliance measures (R18, R36)
  SC_TRADE_SUSPENSION: reason(
    'SC_TRADE_SUSPENSION',
    'R36',
    'Art. VIII; Art. XIII; Res. Conf. 14.3',
    'A recommendation to suspend trade covers this country, taxon and specimen: Parties should not issue or accept documents for it.',
  ),
  ZERO_QUOTA: reason(
    'ZERO_QUOTA',
    'R18',
    'Art. IV(3); Res. Conf. 14.7',
    'A zero export quota covers these specimens from this exporter: no export may be authorised.',
  ),
  QUOTA_EXCEEDED: reason('QUOTA_EXCEEDED', 'R18', 'Art. IV(3); Res. Conf. 14.7', 'The quantity exceeds the whole export quota for the period.'),
  QUOTA_EXHAUSTED: reason(
    'QUOTA_EXHAUSTED',
    'R18',
    'Art. IV(3); Res. Conf. 14.7',
    'Together with the exports already endorsed against it, the quantity exceeds the export quota for the period.',
  ),

  // Exemptions (Art. VII)
  TRANSIT: reason(
    'TRANSIT',
    'R23',
    'Art. VII(1); Res. Conf. 9.7',
    'Transit or transshipment under customs control: the transit State requires no document; the export documents travel with the goods.',
  ),
  PRE_CONVENTION: reason(
    'PRE_CONVENTION',
    'R24',
    'Art. VII(2); Res. Conf. 13.6',
    'Acquired before the species was first included in the Appendices: a pre-Convention certificate replaces all other documents.',
  ),
  PRE_CONVENTION_NOT_SHOWN: reason(
    'PRE_CONVENTION_NOT_SHOWN',
    'R24',
    'Art. VII(2); Res. Conf. 13.6',
    'Source O needs an acquisition date before the first listing of the species; it was not shown, so the specimen is treated as wild.',
  ),
  PERSONAL_EFFECTS: reason(
    'PERSONAL_EFFECTS',
    'R25',
    'Art. VII(3); Res. Conf. 13.7',
    'Personal or household effects: the Convention does not require documents for this movement.',
  ),
  PERSONAL_EFFECTS_SOUVENIR_APP_I: reason(
    'PERSONAL_EFFECTS_SOUVENIR_APP_I',
    'R25',
    'Art. VII(3)(a)',
    "An Appendix-I specimen acquired outside the owner's State of usual residence and imported into it is not exempt as a personal effect.",
  ),
  PERSONAL_EFFECTS_APP_II_WILD_ORIGIN: reason(
    'PERSONAL_EFFECTS_APP_II_WILD_ORIGIN',
    'R25',
    'Art. VII(3)(b)',
    "An Appendix-II specimen taken from the wild in the State where the owner acquired it abroad and brought home needs that State's export permit.",
  ),
  PERSONAL_EFFECTS_LIMIT_EXCEEDED: reason(
    'PERSONAL_EFFECTS_LIMIT_EXCEEDED',
    'R25',
    'Res. Conf. 13.7 (Rev. CoP17)',
    'The quantity is above the personal-effects limit for this taxon: normal documents are required.',
  ),
  SCIENTIFIC_EXCHANGE: reason(
    'SCIENTIFIC_EXCHANGE',
    'R27',
    'Art. VII(6); Res. Conf. 11.15',
    'Non-commercial exchange between registered scientific institutions under an approved label.',
  ),
  TRAVELLING_EXHIBITION: reason(
    'TRAVELLING_EXHIBITION',
    'R28',
    'Art. VII(7); Res. Conf. 12.3',
    'Travelling exhibition of pre-Convention, captive-bred or artificially propagated specimens: a travelling-exhibition certificate is required.',
  ),

  // Appendix I (Art. III, VII(4)–(5))
  APP_I_EXPORT: reason('APP_I_EXPORT', 'R7', 'Art. III(2)', 'Export of an Appendix-I specimen needs an export permit, granted only after the import permit.'),
  APP_I_IMPORT: reason(
    'APP_I_IMPORT',
    'R8',
    'Art. III(3)',
    'Import of an Appendix-I specimen needs an import permit, granted only if it will not be used for primarily commercial purposes.',
  ),
  APP_I_COMMERCIAL_IMPORT: reason(
    'APP_I_COMMERCIAL_IMPORT',
    'R8',
    'Art. III(3)(c); Res. Conf. 5.10',
    'Appendix-I specimens may not be imported for primarily commercial purposes.',
  ),
  APP_I_PRIMARILY_COMMERCIAL_TEST: reason(
    'APP_I_PRIMARILY_COMMERCIAL_TEST',
    'R8',
    'Art. III(3)(c); Res. Conf. 5.10',
    'Zoo, breeding and exhibition purposes can be commercial: the importing Management Authority must be satisfied that non-commercial use clearly predominates.',
  ),
  APP_I_REEXPORT: reason(
    'APP_I_REEXPORT',
    'R9',
    'Art. III(4)',
    "Re-export of an Appendix-I specimen needs a re-export certificate and the importing State's import permit.",
  ),
  APP_I_INTRODUCTION_FROM_SEA: reason(
    'APP_I_INTRODUCTION_FROM_SEA',
    'R10',
    'Art. III(5); Res. Conf. 14.6',
    'Introduction from the sea of an Appendix-I specimen needs a certificate from the State of introduction.',
  ),
  APP_I_COMMERCIAL_INTRODUCTION_FROM_SEA: reason(
    'APP_I_COMMERCIAL_INTRODUCTION_FROM_SEA',
    'R10',
    'Art. III(5)(c); Res. Conf. 5.10',
    'Appendix-I specimens may not be introduced from the sea for primarily commercial purposes.',
  ),
  APP_I_REGISTERED_OPERATION: reason(
    'APP_I_REGISTERED_OPERATION',
    'R11',
    'Art. VII(4); Res. Conf. 12.10; Res. Conf. 9.19',
    'Bred in captivity or artificially propagated for commercial purposes in a registered operation (source D): treated as Appendix II, export permit only.',
  ),
  UNREGISTERED_APP_I_BREEDER: reason(
    'UNREGISTERED_APP_I_BREEDER',
    'R11',
    'Art. VII(4); Res. Conf. 12.10',
    'Appendix-I animals bred for commercial purposes outside a registered operation may not be traded commercially.',
  ),
  APP_I_CAPTIVE_BRED: reason(
    'APP_I_CAPTIVE_BRED',
    'R12',
    'Art. VII(5); Res. Conf. 10.16',
    'Appendix-I animal bred in captivity, not for commercial purposes: a captive-breeding certificate replaces the permits.',
  ),
  APP_I_ARTIFICIALLY_PROPAGATED: reason(
    'APP_I_ARTIFICIALLY_PROPAGATED',
    'R12',
    'Art. VII(5); Res. Conf. 11.11',
    'Appendix-I plant artificially propagated, not for commercial purposes: a certificate of artificial propagation replaces the permits.',
  ),
  APP_I_CAPTIVE_BRED_COMMERCIAL: reason(
    'APP_I_CAPTIVE_BRED_COMMERCIAL',
    'R12',
    'Art. VII(4)–(5); Res. Conf. 12.10',
    'Commercial trade in captive-bred Appendix-I animals must come from a registered operation (source D).',
  ),
  APP_I_PROPAGATED_COMMERCIAL: reason(
    'APP_I_PROPAGATED_COMMERCIAL',
    'R11',
    'Art. VII(4); Res. Conf. 9.19',
    'Appendix-I plant artificially propagated for commercial purposes: treated as Appendix II, export permit only.',
  ),
  RANCHED_APP_I: reason(
    'RANCHED_APP_I',
    'R41',
    'Res. Conf. 11.16; Res. Conf. 12.3',
    'Source R (ranched) is not valid for an Appendix-I population: ranching presupposes a transfer to Appendix II.',
  ),
  APP_I_PLANT_HYBRID_PROPAGATED: reason(
    'APP_I_PLANT_HYBRID_PROPAGATED',
    'R29',
    'Interp. §5 of the Appendices; Res. Conf. 11.11',
    'An artificially propagated hybrid of an Appendix-I plant is not treated under Article III (no Appendix-I plant is annotated so): it is traded on a certificate of artificial propagation, for commercial purposes too, without an import permit.',
  ),
  APP_I_PLANT_HYBRID_PARTS_EXEMPT: reason(
    'APP_I_PLANT_HYBRID_PARTS_EXEMPT',
    'R29',
    'Interp. §5 of the Appendices; Res. Conf. 11.11',
    'Seeds, pollen, cut flowers and in-vitro cultures of artificially propagated hybrids of Appendix-I plants are not subject to the Convention.',
  ),
  LIVE_TO_APPROPRIATE_DESTINATION: reason(
    'LIVE_TO_APPROPRIATE_DESTINATION',
    'R17',
    'annotation to the listing; Res. Conf. 11.20 (Rev. CoP18)',
    "Live animals of this Appendix-II population may go only to appropriate and acceptable destinations; other live trade is deemed Appendix I: the importing State's permit, issued once its Scientific Authority is satisfied of the destination, comes first.",
  ),
  DEEMED_APPENDIX_I: reason(
    'DEEMED_APPENDIX_I',
    'R17',
    'Res. Conf. 11.21; annotation to the listing',
    'The specimen type or purpose is outside the annotation of this Appendix-II population: it is deemed a specimen of Appendix I.',
  ),

  // Appendix II (Art. IV)
  APP_II_EXPORT: reason(
    'APP_II_EXPORT',
    'R13',
    'Art. IV(2)',
    'Export of an Appendix-II specimen needs an export permit (non-detriment and legal-acquisition findings).',
  ),
  APP_II_IMPORT: reason(
    'APP_II_IMPORT',
    'R14',
    'Art. IV(4)',
    'Import of an Appendix-II specimen needs prior presentation of the export permit or re-export certificate; no import permit under the Convention.',
  ),
  APP_II_REEXPORT: reason('APP_II_REEXPORT', 'R15', 'Art. IV(5)', 'Re-export of an Appendix-II specimen needs a re-export certificate.'),
  APP_II_INTRODUCTION_FROM_SEA: reason(
    'APP_II_INTRODUCTION_FROM_SEA',
    'R16',
    'Art. IV(6)–(7); Res. Conf. 14.6',
    'Introduction from the sea of an Appendix-II specimen needs a certificate from the State of introduction.',
  ),
  LANDED_IN_OTHER_STATE: reason(
    'LANDED_IN_OTHER_STATE',
    'R16',
    'Res. Conf. 14.6 (Rev. CoP16)',
    'Taken on the high seas and landed in a State other than the flag State: the flag State exports it and the landing State imports it.',
  ),
  CERTIFICATE_IN_LIEU: reason(
    'CERTIFICATE_IN_LIEU',
    'R26',
    'Art. VII(5)',
    'A captive-breeding or artificial-propagation certificate is accepted in lieu of the permit.',
  ),

  // Appendix III (Art. V)
  APP_III_LISTING_PARTY_EXPORT: reason(
    'APP_III_LISTING_PARTY_EXPORT',
    'R19',
    'Art. V(2)',
    'Export from a State that listed the species in Appendix III needs an export permit.',
  ),
  APP_III_CERTIFICATE_OF_ORIGIN: reason(
    'APP_III_CERTIFICATE_OF_ORIGIN',
    'R20',
    'Art. V(3)',
    'Export of an Appendix-III specimen from a State that did not list it needs a certificate of origin.',
  ),
  APP_III_REEXPORT: reason('APP_III_REEXPORT', 'R21', 'Art. V(4)', 'Re-export of an Appendix-III specimen needs a re-export certificate, whoever listed it.'),
  APP_III_INTRODUCTION_FROM_SEA: reason(
    'APP_III_INTRODUCTION_FROM_SEA',
    'R22',
    'Art. V; Art. I(e)',
    'Article V has no provision on introduction from the sea: Appendix III does not regulate it.',
  ),

  // Non-Parties and reservations (Art. X, XV, XXIII)
  NON_PARTY_COMPARABLE_DOCUMENTATION: reason(
    'NON_PARTY_COMPARABLE_DOCUMENTATION',
    'R32',
    'Art. X; Res. Conf. 9.5',
    'One State is not a Party for this species: comparable documentation from its competent authority replaces the CITES documents it would issue.',
  ),
  RESERVATION: reason(
    'RESERVATION',
    'R33',
    'Art. XV(3); Art. XVI(2); Art. XXIII(3); Res. Conf. 4.25',
    'A State holds a reservation on this listing and is treated as a non-Party for this species.',
  ),

  // Code consistency (R41)
  SOURCE_CODE_INCONSISTENT: reason(
    'SOURCE_CODE_INCONSISTENT',
    'R41',
    'Res. Conf. 12.3',
    'The source code does not fit this taxon or trade; the specimen is evaluated as wild and must be reviewed.',
  ),
  SOURCE_UNKNOWN: reason('SOURCE_UNKNOWN', 'R41', 'Res. Conf. 12.3', 'Source U (unknown) must be justified: evaluated as wild, for review.'),
  SOURCE_CONFISCATED: reason(
    'SOURCE_CONFISCATED',
    'R41',
    'Res. Conf. 12.3; Res. Conf. 17.8',
    'Source I (confiscated or seized): disposal is governed by the confiscating Party; for review.',
  ),
  SOURCE_F_AS_WILD: reason(
    'SOURCE_F_AS_WILD',
    'R7',
    'Notification to the Parties No. 1998/14',
    'Source F (born in captivity, not meeting Res. Conf. 10.16) is treated as wild for permits.',
  ),

  // Presented documents (R6, R39, R40, R42, R43): documents/reasons.ts
  ...DOCUMENT_REASONS,
} as const;
export type ReasonCode = keyof typeof REASONS;

const note = (code: string, message: string): Note => Object.freeze({ code, message });

export const CONDITIONS = {
  IMPORT_PERMIT_FIRST: note(
    'IMPORT_PERMIT_FIRST',
    'The export permit (or re-export certificate of a live specimen) may be granted only after the import permit (Art. III(2)(d), III(4)(c)).',
  ),
  APPROPRIATE_DESTINATION: note(
    'APPROPRIATE_DESTINATION',
    'The destination is appropriate and acceptable as Res. Conf. 11.20 (Rev. CoP18) defines it (for wild-caught elephants: in-situ conservation in the natural range, save exceptional cases agreed with the Animals Committee).',
  ),
  WITHIN_QUOTA: note('WITHIN_QUOTA', 'Must fall within the unused export quota for the period (Art. IV(3), Res. Conf. 14.7).'),
  UNDER_CUSTOMS_CONTROL: note(
    'UNDER_CUSTOMS_CONTROL',
    'Only while the goods stay under customs control and are not split, sold or stored beyond transport needs (Res. Conf. 9.7).',
  ),
  PERSONALLY_OWNED: note(
    'PERSONALLY_OWNED',
    'Personally owned, legally acquired, for non-commercial use, and worn, carried, in personal baggage or part of a household move (Art. VII(3)).',
  ),
  WITHIN_PERSONAL_EFFECTS_LIMIT: note('WITHIN_PERSONAL_EFFECTS_LIMIT', 'Within the per-person limit of Res. Conf. 13.7 for this taxon.'),
  BOTH_REGISTERED: note('BOTH_REGISTERED', 'Both institutions are registered by their Management Authority (Art. VII(6)).'),
  LABELLED: note('LABELLED', 'Each package carries the scientific-exchange label issued or approved by a Management Authority.'),
  NON_COMMERCIAL: note('NON_COMMERCIAL', 'Non-commercial loan, donation or exchange.'),
  REGISTERED_OPERATION: note('REGISTERED_OPERATION', 'The operation is in the CITES register (Res. Conf. 12.10 for animals, 9.19 for plants).'),
  ACQUIRED_BEFORE_FIRST_LISTING: note(
    'ACQUIRED_BEFORE_FIRST_LISTING',
    'The Management Authority is satisfied the specimen was acquired before the first listing date.',
  ),
  REGISTERED_EXHIBITION: note(
    'REGISTERED_EXHIBITION',
    'The exhibition is registered with the Management Authority and live specimens are transported and cared for humanely (Art. VII(7)).',
  ),
} as const;

export const WARNINGS = {
  ORIGIN_UNKNOWN_SPLIT_LISTING: note(
    'ORIGIN_UNKNOWN_SPLIT_LISTING',
    'The listing differs by population and the country of origin is unknown: the strictest entry was applied.',
  ),
  TERM_NEEDED_FOR_COVERAGE: note('TERM_NEEDED_FOR_COVERAGE', 'The listing covers only some specimen types; without a term the stricter reading was applied.'),
  OVERLAPPING_ENTRIES: note('OVERLAPPING_ENTRIES', 'Several entries of different Appendices apply to this population on this date; the strictest was applied.'),
  EXCLUSION_POPULATION_UNKNOWN: note(
    'EXCLUSION_POPULATION_UNKNOWN',
    'Some populations of this taxon are excepted from the listing; the origin is unknown, so the listing was applied.',
  ),
  SPECIES_INFERRED: note(
    'SPECIES_INFERRED',
    'The subspecies or variety named is not in the Checklist; the listing of its species was applied (a listed subspecies of it may be stricter: see the other warnings).',
  ),
  GENUS_INFERRED: note('GENUS_INFERRED', 'The species name is not known; the listing of its genus (or a higher taxon) was applied.'),
  QUOTA_TERM_UNKNOWN: note('QUOTA_TERM_UNKNOWN', 'A quota for some specimen types of this taxon may apply; give the term to decide.'),
  SUSPENSION_TERM_UNKNOWN: note('SUSPENSION_TERM_UNKNOWN', 'A trade suspension for some specimen types may apply; give the term to decide.'),
  COUNTRY_CODE_READ_AS: note(
    'COUNTRY_CODE_READ_AS',
    "A CITES Trade Database country code was read as the code the Convention's documents use (XV various: XX unknown; HS: ZZ, introduction from the sea):",
  ),
  BEYOND_DATASET_HORIZON: note(
    'BEYOND_DATASET_HORIZON',
    'The trade is dated well after the date the listings data describes: the Appendices may have changed since (a Conference of the Parties meets about every three years); load newer data before relying on this answer.',
  ),
  RETIRED_CODE: note('RETIRED_CODE', 'A code no longer in the annual-report guidelines (Notification to the Parties No. 2021/044) was read as given:'),
  LISTING_START_UNKNOWN: note(
    'LISTING_START_UNKNOWN',
    'An entry the sources confirm only from a later date may already have been in force on the trade date: the stricter reading was applied; an officer must check the listing history.',
  ),
  MEMBER_DECIDES: note(
    'MEMBER_DECIDES',
    'The name covers taxa listed differently (a higher taxon, or a species listed through some subspecies or populations only): the strictest listing among the members the specimen may belong to was applied; an officer must identify the specimen to the listed taxon.',
  ),
  ORIGIN_OUTSIDE_RANGE: note(
    'ORIGIN_OUTSIDE_RANGE',
    "The listing differs by population and the country of origin given is outside the taxon's known range (captive-bred abroad, or the origin of the wild stock not stated), so it does not tell which population the specimen comes from: the strictest entry was applied. Give as origin the country where the specimen or its parental stock was taken from the wild.",
  ),
  MEMBER_OUTSIDE_RANGE: note(
    'MEMBER_OUTSIDE_RANGE',
    'Bred or propagated in a range State of the taxon named, outside the range of its more strictly listed members: taken to be of local stock, not those members (the Management Authority issuing the permit checks the parental stock):',
  ),
  REGISTERED_OPERATION_READ_AS_D: note(
    'REGISTERED_OPERATION_READ_AS_D',
    'Source C was declared for an Appendix-I animal from an operation in the CITES register (Res. Conf. 12.10): Article VII(4) applies by registration, so it is treated as source D; the documents should carry code D (R41).',
  ),
  COMMON_NAME_COVERS: note(
    'COMMON_NAME_COVERS',
    'The common name given is shared by several taxa; each gets this same answer for this specimen, so it stands. The taxa:',
  ),
  ANIMAL_HYBRID: note(
    'ANIMAL_HYBRID',
    'A hybrid is treated as the listed species in its recent lineage, the strictest when there are several (Res. Conf. 10.17); with a parent unknown, an officer must establish the lineage.',
  ),
  PLANT_HYBRID: note(
    'PLANT_HYBRID',
    "A plant hybrid is covered through its listed parents (Res. Conf. 11.11); artificially propagated hybrids of some orchid genera are exempt when the Appendix-II orchid annotation's conditions are met, which an officer checks.",
  ),
  OTHER_SUBSPECIES_LISTED: note(
    'OTHER_SUBSPECIES_LISTED',
    "The subspecies or variety named is one the Checklist includes in its species, so the species' listing was applied; other subspecies of the species are listed on their own, more strictly: an officer must confirm the specimen is not one of them:",
  ),
  POPULATION_PARTLY_LISTED: note(
    'POPULATION_PARTLY_LISTED',
    'The listing names a population that covers only part of the country of origin (a province, a stock, a region): the specimen may or may not belong to it, so the stricter entry is applied; an officer must check which population it comes from.',
  ),
  SUSPENSION_SCOPE_UNCERTAIN: note(
    'SUSPENSION_SCOPE_UNCERTAIN',
    'A recommendation to suspend trade may cover this trade, but its wording does not say so in terms the engine can check (or the declared source is not one it names): an officer must read it before documents are issued or accepted.',
  ),
  SUSPENSION_FOR_REVIEW: note(
    'SUSPENSION_FOR_REVIEW',
    "A trade suspension covers this trade; under this deployment's policy it is flagged for review instead of denied.",
  ),
  LISTING_PARTY_UNKNOWN: note(
    'LISTING_PARTY_UNKNOWN',
    'The Appendix-III listing Party of this entry is not recorded: the exporter needs an export permit if it listed the species, otherwise a certificate of origin.',
  ),
  OUTSIDE_CITES_NATIONAL_LAW: note('OUTSIDE_CITES_NATIONAL_LAW', 'Outside the Convention, national law and the controls of any transit Party still apply.'),
  CLAIM_NOT_APPLICABLE: note('CLAIM_NOT_APPLICABLE', 'An exemption was claimed but its conditions are not met; the normal rules were applied.'),
  OWNER_RESIDENCE_NEEDED: note(
    'OWNER_RESIDENCE_NEEDED',
    "Personal-effects exemption: give the owner's State of usual residence to decide it; the normal rules were applied.",
  ),
  TERM_NEEDED_FOR_EXEMPTION: note(
    'TERM_NEEDED_FOR_EXEMPTION',
    'The exemption claimed depends on the kind of specimen (not a live animal; the part a per-person limit is set for): give the trade term. Without it the normal rules were applied.',
  ),
  PERSONAL_EFFECTS_LIMIT_UNCHECKED: note(
    'PERSONAL_EFFECTS_LIMIT_UNCHECKED',
    'The quantity is not in a unit the per-person limit of Res. Conf. 13.7 can be compared with (a mass against a count, or the reverse): it is not shown to be within the limit, so the exemption is not applied.',
  ),
  LIVE_PERSONAL_EFFECTS: note(
    'LIVE_PERSONAL_EFFECTS',
    "Live animals are not treated as personal effects under this deployment's policy (certificate of ownership, Res. Conf. 10.20).",
  ),
  EXPORT_PERMIT_REQUIREMENT_ASSUMED: note(
    'EXPORT_PERMIT_REQUIREMENT_ASSUMED',
    'Assumed that the State of wild origin requires export permits for this species (Art. VII(3)(b)(iii)).',
  ),
  SOURCE_X_WITH_ORIGIN: note(
    'SOURCE_X_WITH_ORIGIN',
    "Source X (high seas) with a country of origin: a catch in waters under a State's jurisdiction is not introduction from the sea.",
  ),
  STATE_UNKNOWN: note(
    'STATE_UNKNOWN',
    'State of export or import unknown (XX): its Party status cannot be checked; the documents shown are those a Party would issue or require.',
  ),
  RE_EXPORT_ORIGIN_UNKNOWN: note('RE_EXPORT_ORIGIN_UNKNOWN', 'Re-export with an unknown country of origin.'),
} as const;
