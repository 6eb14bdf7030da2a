/**
 * What each rule id a reason cites (`reasons[].rule`) means, in this project's words: the
 * rules document the engine was specified from numbers them R1–R43. `npm run docs` turns
 * this and the codes of reasons.ts into docs/decision-codes.md.
 */
export interface RuleEntry {
  title: string;
  /** What the rule decides and how the engine applies it. */
  explains: string;
  /** The Convention's text or Resolution it rests on. */
  basis: string;
}

export const RULE_BOOK: Readonly<Record<string, RuleEntry>> = {
  R1: {
    title: 'Only listed specimens are regulated',
    basis: 'Art. I(b), Art. II',
    explains:
      'A specimen needs CITES documents only if a listing in force on the trade date covers its taxon and its population. A taxon excepted from a higher-taxon listing is not listed.',
  },
  R2: {
    title: 'What a trade event is',
    basis: 'Art. I(c)–(e)',
    explains:
      'Export, re-export, import and introduction from the sea are regulated; a movement inside one State is not. When the country of origin differs from the exporter the movement is a re-export.',
  },
  R3: {
    title: 'Parts and derivatives',
    basis: 'Art. I(b)(ii)–(iii), Interpretation of the Appendices',
    explains:
      'Animals in Appendix I or II are covered in every readily recognisable part or derivative; annotated listings (most plants, some animal populations) cover only the specimen types their annotation names.',
  },
  R4: {
    title: 'The listing in force on the trade date',
    basis: 'Art. XV, Art. XVI',
    explains:
      'Listings change at each Conference of the Parties (in force 90 days after it, some later) and when a Party lists or withdraws an Appendix III species. The trade is judged on the listing of its date.',
  },
  R5: {
    title: 'Party status per State, species and date',
    basis: 'Art. XXII, Art. XXIII',
    explains: 'A State becomes bound 90 days after joining; a reservation makes it a non-Party for one species; both are read on the trade date.',
  },
  R6: {
    title: 'Documents before the trade',
    basis: 'Res. Conf. 12.3',
    explains:
      'Documents are issued before the goods move, one set per consignment. The service lists which documents are needed; with the documents presented it checks each is one the movement requires (or one accepted in its place), that an Appendix I export permit came after the import permit, and that the register does not show it used for another consignment. Every required document valid and held in the register clears the trade; a deny is never lifted.',
  },
  R7: {
    title: 'Export of an Appendix I specimen',
    basis: 'Art. III(2)',
    explains: 'An export permit, which the exporting State may grant only after the importing State has granted its import permit.',
  },
  R8: {
    title: 'Import of an Appendix I specimen',
    basis: 'Art. III(3), Res. Conf. 5.10',
    explains: 'An import permit, refused when the specimen is to be used for primarily commercial purposes.',
  },
  R9: {
    title: 'Re-export of an Appendix I specimen',
    basis: 'Art. III(4)',
    explains: 'A re-export certificate, and the import permit of the State of destination.',
  },
  R10: {
    title: 'Introduction from the sea, Appendix I',
    basis: 'Art. III(5), Res. Conf. 14.6',
    explains: 'A certificate from the State of introduction; not for primarily commercial purposes.',
  },
  R11: {
    title: 'Appendix I bred or propagated for commercial purposes',
    basis: 'Art. VII(4), Res. Conf. 12.10, Res. Conf. 9.19',
    explains:
      'Specimens from operations registered with the Secretariat (source D) are treated as Appendix II; Appendix I plants artificially propagated for commerce likewise.',
  },
  R12: {
    title: 'Appendix I bred or propagated, non-commercial',
    basis: 'Art. VII(5), Res. Conf. 10.16, Res. Conf. 11.11',
    explains:
      'A captive-breeding or artificial-propagation certificate replaces the permits; commercial trade in captive-bred Appendix I animals outside registered operations is refused (configurable).',
  },
  R13: {
    title: 'Export of an Appendix II specimen',
    basis: 'Art. IV(2)',
    explains: 'An export permit, after findings that the export is not detrimental and the specimen was legally acquired.',
  },
  R14: {
    title: 'Import of an Appendix II specimen',
    basis: 'Art. IV(4)',
    explains: 'The export permit or re-export certificate is presented; the Convention requires no import permit.',
  },
  R15: { title: 'Re-export of an Appendix II specimen', basis: 'Art. IV(5)', explains: 'A re-export certificate.' },
  R16: {
    title: 'Introduction from the sea, Appendix II',
    basis: 'Art. IV(6)–(7), Res. Conf. 14.6',
    explains:
      'A certificate from the flag State; when the catch is landed in another State, it is an export from the flag State and an import into the landing State.',
  },
  R17: {
    title: 'Annotated Appendix II populations',
    basis: 'Res. Conf. 11.21, the annotation',
    explains: 'Populations moved to Appendix II for named purposes only (elephant ivory, vicuña fibre): every other specimen of them is treated as Appendix I.',
  },
  R18: {
    title: 'Export quotas',
    basis: 'Art. IV(3), Res. Conf. 14.7',
    explains: 'A zero quota forbids export; a shipment larger than the whole quota is refused; otherwise exports must stay within the quota left for the year.',
  },
  R19: { title: 'Appendix III export from a listing Party', basis: 'Art. V(2)', explains: 'An export permit from the State that listed the species.' },
  R20: { title: 'Appendix III export from another State', basis: 'Art. V(3)', explains: 'A certificate of origin.' },
  R21: { title: 'Appendix III re-export', basis: 'Art. V(4)', explains: 'A re-export certificate, whoever listed the species.' },
  R22: {
    title: 'What Appendix III does not regulate',
    basis: 'Art. V, Art. I(e)',
    explains: 'Article V has no rule for introduction from the sea, and an Appendix III annotation limits the parts covered.',
  },
  R23: {
    title: 'Transit and transshipment',
    basis: 'Art. VII(1), Res. Conf. 9.7',
    explains: 'No document from the transit State while the goods stay under customs control.',
  },
  R24: {
    title: 'Pre-Convention specimens',
    basis: 'Art. VII(2), Res. Conf. 13.6',
    explains: 'A specimen acquired before its species was first listed travels on a pre-Convention certificate instead of permits.',
  },
  R25: {
    title: 'Personal and household effects',
    basis: 'Art. VII(3), Res. Conf. 13.7',
    explains:
      'Personally owned, non-commercial specimens carried or moved with a household need no documents, except Appendix I souvenirs brought home and Appendix II wild specimens from a State that requires export permits; some species have per-person limits.',
  },
  R26: {
    title: 'Certificates in lieu of permits',
    basis: 'Art. VII(5)',
    explains: 'For Appendix II and III specimens bred in captivity or artificially propagated, a certificate may replace the export permit.',
  },
  R27: {
    title: 'Scientific exchange',
    basis: 'Art. VII(6), Res. Conf. 11.15',
    explains: 'Non-commercial loans, donations and exchanges of labelled herbarium and museum specimens between registered institutions need no permits.',
  },
  R28: {
    title: 'Travelling exhibitions',
    basis: 'Art. VII(7), Res. Conf. 12.3',
    explains: 'A travelling-exhibition certificate for pre-Convention, captive-bred or propagated specimens of a registered exhibition.',
  },
  R29: {
    title: 'Plant hybrids and listed plant exemptions',
    basis: 'Res. Conf. 11.11, annotations #1–#17',
    explains: 'Artificially propagated hybrids of some plants, seeds, cultures and cut flowers are exempt where the annotation says so.',
  },
  R30: { title: 'Animal hybrids', basis: 'Res. Conf. 10.17', explains: 'A hybrid with a listed species in its recent lineage is treated as that species.' },
  R31: {
    title: 'Domesticated forms',
    basis: 'annotations to the Appendices',
    explains: 'Domesticated forms the Appendices except (the domestic dog, the domestic ferret) are not covered.',
  },
  R32: {
    title: 'Trade with a non-Party',
    basis: 'Art. X, Res. Conf. 9.5',
    explains: 'Documents of a competent authority of the non-Party that are comparable to CITES documents are accepted in their place.',
  },
  R33: {
    title: 'Reservations',
    basis: 'Art. XV(3), Art. XVI(2), Art. XXIII(3), Res. Conf. 4.25',
    explains: 'A State with a reservation on a listing is treated as a non-Party for that species.',
  },
  R34: {
    title: 'Trade outside the Convention',
    basis: 'Art. X, Art. XV(3)',
    explains: 'When neither State is a Party for the species (non-Parties or reservations), the Convention does not apply; national law still does.',
  },
  R35: {
    title: 'Transfers void earlier reservations',
    basis: 'Art. XV, Art. XVI',
    explains: 'A reservation was entered against one Appendix; after a transfer to another it no longer applies unless entered again.',
  },
  R36: {
    title: 'Recommendations to suspend trade',
    basis: 'Art. VIII, Art. XIII, Res. Conf. 14.3',
    explains:
      'Parties should not issue or accept documents for trade the Standing Committee has recommended suspending; the engine refuses (configurable to review).',
  },
  R37: {
    title: 'Stricter domestic measures',
    basis: 'Art. XIV(1)',
    explains: "Any State may require more than the Convention; the service answers the Convention's floor.",
  },
  R38: {
    title: 'Earlier marine treaties',
    basis: 'Art. XIV(4)–(5)',
    explains: "Marine Appendix II species taken under an earlier treaty may be traded on that treaty's terms; not implemented.",
  },
  R39: {
    title: 'Validity periods',
    basis: 'Art. VI(2), Res. Conf. 12.3',
    explains:
      'Export permits and re-export certificates are usable six months from issue, import permits twelve; a date of validity on the document cannot extend that. The twelve months presumed for certificates of origin and introduction-from-the-sea certificates are not confirmed in the Resolution, so a document used past them is held for review, not refused (the table is configuration).',
  },
  R40: {
    title: 'Content and form of documents',
    basis: 'Art. VI, Res. Conf. 12.3',
    explains:
      'What a permit must say. For a presented document the service checks the boxes that decide whether it covers the consignment (States, purpose, taxon, term, source, quantity), its status in the register and that the boxes presented agree with the register. A document the register does not hold is checked for form and dates only and left for review.',
  },
  R41: {
    title: 'Codes that do not fit',
    basis: 'Res. Conf. 12.3',
    explains:
      'A source code that cannot apply (A for an animal, D outside Appendix I, U or I) is evaluated as wild and flagged for review, never silently allowed.',
  },
  R42: {
    title: 'No retrospective documents',
    basis: 'Res. Conf. 12.3',
    explains:
      'Documents issued after the trade are not accepted save in the narrow cases the Resolution allows; a presented document dated after the trade is refused (the exceptions are for the authorities to apply, not the service).',
  },
  R43: {
    title: 'Re-exports trace to a lawful import',
    basis: 'Art. III(4), Art. IV(5), Res. Conf. 12.3',
    explains:
      "A re-export certificate must rest on the specimen's lawful import: a presented one must name the country of origin and the permit of origin, and that origin must be the consignment's.",
  },
};
