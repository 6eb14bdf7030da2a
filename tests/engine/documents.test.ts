/**
 * Issue #19: the permits and certificates presented with a trade check, each checked against
 * what the movement requires, the permit register and the consignment (cites-rules.md R6,
 * R39, R40, R42, R43), and the decision with them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_STATUSES, documentKey, type PresentedDocument, type RegisteredDocument } from '@cites-permit-check/engine/contract/documents';
import type { TradeCheckRequestInput } from '@cites-permit-check/engine';
import { TradeCheckRequest } from '@cites-permit-check/engine/contract/trade-check';
import { lastValidDay, lastValidDayByDate } from '../../packages/engine/src/documents/validity.js';
import { codes, rulesEngine } from '../helpers/engine.js';

const engine = rulesEngine();

const registerOf = (...docs: RegisteredDocument[]) => new Map(docs.map((d) => [documentKey(d), d]));
const issued = (doc: PresentedDocument, extra: Partial<RegisteredDocument> = {}): RegisteredDocument => ({ ...doc, status: 'issued', ...extra });

function check(request: TradeCheckRequestInput, register?: ReadonlyMap<string, RegisteredDocument>) {
  const result = engine.check(request, register);
  if ('status' in result) throw new Error(`expected a decision, got ${JSON.stringify(result)}`);
  return result;
}
const checkOf = (result: ReturnType<typeof check>, i = 0) => result.documentChecks![i]!;
const reasonCodes = (c: { reasons: { code: string }[] }) => c.reasons.map((r) => r.code);

// A leopard hunting trophy, Namibia to Germany (Appendix I): the German import permit first, then the Namibian export permit.
const LEOPARD = { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', quantity: 1, date: '2026-05-10' } as const;
const leopardItem = { taxon: 'Panthera pardus', term: 'TRO', quantity: 1, source: 'W', appendix: 'I' } as const;
const DE_IMPORT: PresentedDocument = {
  type: 'import-permit',
  number: 'DE-E-2026-00418',
  issuer: 'DE',
  issuedOn: '2026-02-02',
  validUntil: '2027-02-01',
  exporter: 'NA',
  importer: 'DE',
  purpose: 'H',
  items: [leopardItem],
};
const NA_EXPORT: PresentedDocument = {
  type: 'export-permit',
  number: 'NA 2026/0112',
  issuer: 'NA',
  issuedOn: '2026-03-16',
  validUntil: '2026-09-15',
  exporter: 'NA',
  importer: 'DE',
  purpose: 'H',
  items: [leopardItem],
};
const leopardRegister = (exportPermit = NA_EXPORT, importPermit = DE_IMPORT) => registerOf(issued(exportPermit), issued(importPermit));

// Blue-fronted amazons, Argentina to Germany (Appendix II): an Argentine export permit.
const AMAZONS = { taxon: 'Amazona aestiva', exporter: 'AR', importer: 'DE', purpose: 'T', source: 'W', term: 'LIV', quantity: 2, date: '2026-05-10' } as const;
const AR_EXPORT: PresentedDocument = {
  type: 'export-permit',
  number: 'AR-0934/2026',
  issuer: 'AR',
  issuedOn: '2026-01-20',
  exporter: 'AR',
  importer: 'DE',
  purpose: 'T',
  items: [{ taxon: 'Amazona aestiva', term: 'LIV', quantity: 2, source: 'W', appendix: 'II' }],
};

describe('documents the movement requires (R6)', () => {
  it('an Appendix-I leopard trophy with the German import permit and the later Namibian export permit, both registered, is cleared (Art. III(2)–(3))', () => {
    const r = check({ ...LEOPARD, presented: [NA_EXPORT, DE_IMPORT] }, leopardRegister());
    expect(r.documentChecks!.map((c) => [c.type, c.verdict, c.inRegister])).toEqual([
      ['export-permit', 'valid', true],
      ['import-permit', 'valid', true],
    ]);
    expect(r.decision).toBe('allow');
    expect(codes(r)).toContain('DOCUMENTS_VERIFIED');
    expect(r.documents.map((d) => d.type)).toEqual(['import-permit', 'export-permit']); // still what is required
    expect(r.reviewRequired).toBe(false);
  });

  it('an export permit granted before the import permit is refused (Art. III(2)(d))', () => {
    const early = { ...NA_EXPORT, issuedOn: '2026-01-10', validUntil: '2026-07-09' };
    const r = check({ ...LEOPARD, presented: [early, DE_IMPORT] }, leopardRegister(early));
    expect(checkOf(r, 0).verdict).toBe('invalid');
    expect(reasonCodes(checkOf(r, 0))).toEqual(['ISSUED_BEFORE_IMPORT_PERMIT']);
    expect(checkOf(r, 0).reasons[0]!.article).toContain('Art. III(2)(d)');
    expect(checkOf(r, 1).verdict).toBe('valid');
    expect(r.decision).toBe('needs-permit');
    expect(r.reasons.at(-1)!.message).toMatch(/Not accepted: export-permit NA 2026\/0112 from NA \(invalid\)/);
  });

  it('a certificate of origin for an Appendix-I export is not one the movement requires (Art. III–V)', () => {
    const wrong: PresentedDocument = { ...NA_EXPORT, type: 'certificate-of-origin' };
    const r = check({ ...LEOPARD, presented: [wrong, DE_IMPORT] }, registerOf(issued(wrong), issued(DE_IMPORT)));
    expect(reasonCodes(checkOf(r))).toEqual(['DOCUMENT_NOT_REQUIRED']);
    expect(checkOf(r).reasons[0]!.message).toContain('import-permit from DE; export-permit from NA');
    expect(r.decision).toBe('needs-permit');
    expect(r.reasons.at(-1)!.message).toContain('Missing: export-permit from NA.');
  });

  it('an export permit issued by another State than the exporter is refused (Art. III(2); Art. IX(1))', () => {
    const zambian = { ...NA_EXPORT, issuer: 'ZM' };
    const r = check({ ...LEOPARD, presented: [zambian, DE_IMPORT] }, registerOf(issued(zambian), issued(DE_IMPORT)));
    expect(reasonCodes(checkOf(r))).toEqual(['DOCUMENT_WRONG_ISSUER']);
    expect(checkOf(r).reasons[0]!.message).toContain('Issued by ZM; required from NA.');
    expect(r.decision).toBe('needs-permit');
  });

  it('a document presented where the movement needs none is not required, and the allow stands (Art. II(4))', () => {
    const mouse = { taxon: 'Mus musculus', exporter: 'US', importer: 'DE', purpose: 'S', source: 'C', date: '2026-05-10' } as const;
    const permit: PresentedDocument = { type: 'export-permit', number: 'US-1', issuer: 'US', issuedOn: '2026-05-01', items: [{ taxon: 'Mus musculus' }] };
    const r = check({ ...mouse, presented: [permit] }, registerOf(issued(permit)));
    expect(r.decision).toBe('allow');
    expect(checkOf(r).reasons[0]!.message).toContain('This movement requires no CITES document.');
    expect(r.reviewRequired).toBe(false);
  });

  it('with only the export permit presented, the Appendix-I trade still needs the import permit (Art. III(3))', () => {
    const r = check({ ...LEOPARD, presented: [NA_EXPORT] }, leopardRegister());
    expect(checkOf(r).verdict).toBe('valid');
    expect(r.decision).toBe('needs-permit');
    expect(r.reasons.at(-1)).toMatchObject({ code: 'DOCUMENTS_NOT_CLEARED', rule: 'R6' });
    expect(r.reasons.at(-1)!.message).toContain('Missing: import-permit from DE.');
  });

  it('a captive-breeding certificate clears captive-bred amazons in place of the export permit (Art. VII(5))', () => {
    const cert: PresentedDocument = {
      ...AR_EXPORT,
      type: 'captive-breeding-certificate',
      number: 'AR-CB-77',
      items: [{ taxon: 'Amazona aestiva', term: 'LIV', quantity: 2, source: 'C' }],
    };
    const r = check({ ...AMAZONS, source: 'C', presented: [cert] }, registerOf(issued(cert)));
    expect(checkOf(r).verdict).toBe('valid');
    expect(r.decision).toBe('allow');
  });

  it('an Appendix-I trade denied for a commercial purpose stays denied whatever the papers (Art. III(3)(c))', () => {
    const commercial = { ...LEOPARD, purpose: 'T' } as const;
    const papers = [
      { ...NA_EXPORT, purpose: 'T' as const },
      { ...DE_IMPORT, purpose: 'T' as const },
    ];
    const r = check({ ...commercial, presented: papers }, registerOf(...papers.map((p) => issued(p))));
    expect(r.decision).toBe('deny');
    expect(r.documentChecks).toHaveLength(2);
    expect(checkOf(r).reasons[0]!.message).toContain('refused whatever the documents');
    expect(codes(r)).not.toContain('DOCUMENTS_VERIFIED');
  });

  it('Engine.evaluate takes the register too', () => {
    const r = engine.evaluate({ ...LEOPARD, presented: [NA_EXPORT, DE_IMPORT] }, '2026-05-10', undefined, leopardRegister());
    expect('decision' in r && r.decision).toBe('allow');
  });
});

describe('dates (R39, R42)', () => {
  it('an Appendix-II export permit used more than six months after issue has expired (Art. VI(2))', () => {
    const old = { ...AR_EXPORT, issuedOn: '2025-10-20' };
    const r = check({ ...AMAZONS, presented: [old] }, registerOf(issued(old)));
    expect(checkOf(r).verdict).toBe('invalid');
    expect(reasonCodes(checkOf(r))).toEqual(['DOCUMENT_EXPIRED']);
    expect(checkOf(r).reasons[0]!.message).toContain('usable 6 months (Art. VI(2)), up to 2026-04-19');
    expect(r.decision).toBe('needs-permit');
  });

  it('a validity date beyond six months does not extend an export permit (Art. VI(2))', () => {
    const generous = { ...AR_EXPORT, issuedOn: '2025-10-20', validUntil: '2026-10-19' };
    const r = check({ ...AMAZONS, presented: [generous] }, registerOf(issued(generous)));
    expect(reasonCodes(checkOf(r))).toEqual(['DOCUMENT_EXPIRED']);
  });

  it('a document past the last day it states has expired (Res. Conf. 12.3)', () => {
    const lapsed = { ...AR_EXPORT, validUntil: '2026-05-09' };
    const r = check({ ...AMAZONS, presented: [lapsed] }, registerOf(issued(lapsed)));
    expect(checkOf(r).reasons[0]).toMatchObject({ code: 'DOCUMENT_EXPIRED', rule: 'R39' });
    expect(checkOf(r).reasons[0]!.message).toContain('Valid until 2026-05-09; trade on 2026-05-10.');
  });

  it('an import permit is valid twelve months (Res. Conf. 12.3)', () => {
    const withinYear = { ...DE_IMPORT, issuedOn: '2025-06-01', validUntil: undefined };
    const lapsed = { ...DE_IMPORT, issuedOn: '2025-05-10', validUntil: undefined };
    const early = { ...NA_EXPORT, issuedOn: '2026-03-16' };
    expect(checkOf(check({ ...LEOPARD, presented: [withinYear] }, registerOf(issued(withinYear)))).verdict).toBe('valid');
    const r = check({ ...LEOPARD, presented: [lapsed, early] }, registerOf(issued(lapsed), issued(early)));
    expect(checkOf(r).reasons[0]!.message).toContain('usable 12 months (Res. Conf. 12.3 (Rev. CoP19)), up to 2026-05-09');
  });

  it('a certificate of origin past the unconfirmed twelve months is held for review, not refused (Res. Conf. 12.3)', () => {
    const walrus = {
      taxon: 'Odobenus rosmarus',
      exporter: 'US',
      importer: 'JP',
      purpose: 'T',
      source: 'W',
      term: 'TUS',
      quantity: 2,
      date: '2026-05-10',
    } as const;
    const origin: PresentedDocument = {
      type: 'certificate-of-origin',
      number: 'US-CO-2025-19',
      issuer: 'US',
      issuedOn: '2025-03-02',
      items: [{ taxon: 'Odobenus rosmarus', term: 'TUS', quantity: 2, source: 'W' }],
    };
    const r = check({ ...walrus, presented: [origin] }, registerOf(issued(origin)));
    expect(checkOf(r).verdict).toBe('unverified');
    expect(reasonCodes(checkOf(r))).toEqual(['DOCUMENT_VALIDITY_UNCONFIRMED']);
    expect(r.decision).toBe('needs-permit');
    expect(r.reviewRequired).toBe(true);
  });

  it('a permit issued after the trade took place is refused as retrospective (Res. Conf. 12.3, R42)', () => {
    const late = { ...AR_EXPORT, issuedOn: '2026-05-20' };
    const r = check({ ...AMAZONS, presented: [late] }, registerOf(issued(late)));
    expect(checkOf(r).reasons).toMatchObject([{ code: 'DOCUMENT_ISSUED_AFTER_TRADE', rule: 'R42' }]);
    expect(r.decision).toBe('needs-permit');
  });

  it('six months end the day before the same date, or with a month too short for it (Art. VI(2))', () => {
    expect(lastValidDay('2026-01-15', 6)).toBe('2026-07-14');
    expect(lastValidDay('2025-08-31', 6)).toBe('2026-02-28');
    expect(lastValidDay('2025-09-01', 6)).toBe('2026-02-28');
    expect(lastValidDay('2025-11-30', 12)).toBe('2026-11-29');
    expect(lastValidDay('2024-03-01', 12)).toBe('2025-02-28');
    expect(lastValidDay('2023-03-01', 12)).toBe('2024-02-29');
    expect(lastValidDay('2026-07-01', 6)).toBe('2026-12-31');
  });

  it('the day arithmetic on digits agrees with the calendar (Date) on every day of issue, 1999–2101, for every validity in the table', () => {
    const day = new Date(Date.UTC(1999, 0, 1));
    for (; day.getUTCFullYear() <= 2101; day.setUTCDate(day.getUTCDate() + 1)) {
      const issuedOn = day.toISOString().slice(0, 10);
      for (const months of [6, 12, 36]) expect.soft(lastValidDay(issuedOn, months), issuedOn).toBe(lastValidDayByDate(issuedOn, months));
    }
    // Past the year 9999 the calendar's own reading is kept.
    expect(lastValidDay('9999-12-31', 36)).toBe(lastValidDayByDate('9999-12-31', 36));
  });
});

describe('the register (R6, R40)', () => {
  const statuses: [RegisteredDocument['status'], string, string][] = [
    ['cancelled', 'DOCUMENT_CANCELLED', ''],
    ['lost', 'DOCUMENT_LOST_OR_STOLEN', 'Reported lost.'],
    ['stolen', 'DOCUMENT_LOST_OR_STOLEN', 'Reported stolen.'],
  ];
  for (const [status, code, detail] of statuses) {
    it(`a ${status} permit is refused (Res. Conf. 12.3)`, () => {
      const r = check({ ...AMAZONS, presented: [AR_EXPORT] }, registerOf(issued(AR_EXPORT, { status })));
      expect(checkOf(r).verdict).toBe('invalid');
      expect(reasonCodes(checkOf(r))).toEqual([code]);
      expect(checkOf(r).reasons[0]!.message).toContain(detail);
      expect(r.decision).toBe('needs-permit');
    });
  }

  it('a replaced permit is refused and its replacement named (Res. Conf. 12.3)', () => {
    const r = check({ ...AMAZONS, presented: [AR_EXPORT] }, registerOf(issued(AR_EXPORT, { status: 'replaced', replacedBy: 'AR-0951/2026' })));
    expect(checkOf(r).reasons[0]!.message).toContain('Replaced by AR-0951/2026.');
    const unnamed = check({ ...AMAZONS, presented: [AR_EXPORT] }, registerOf(issued(AR_EXPORT, { status: 'replaced' })));
    expect(checkOf(unnamed).reasons[0]!.message).toContain('does not name the replacement');
  });

  it('a permit already used for another consignment is refused: one document, one consignment (Art. VI(5))', () => {
    const used = check({ ...AMAZONS, presented: [AR_EXPORT] }, registerOf(issued(AR_EXPORT, { status: 'used' })));
    expect(checkOf(used).reasons).toMatchObject([{ code: 'DOCUMENT_ALREADY_USED', article: 'Art. VI(5)–(6)' }]);
    const endorsed = check({ ...AMAZONS, presented: [AR_EXPORT] }, registerOf(issued(AR_EXPORT, { usedOn: '2026-04-02' })));
    expect(checkOf(endorsed).reasons[0]!.message).toContain('Endorsed on 2026-04-02.');
    expect(endorsed.decision).toBe('needs-permit');
  });

  it('a travelling-exhibition certificate covers several movements: its earlier use does not refuse it (Res. Conf. 12.3)', () => {
    const tigers = {
      taxon: 'Panthera tigris',
      exporter: 'DE',
      importer: 'FR',
      purpose: 'Q',
      source: 'C',
      term: 'LIV',
      quantity: 2,
      date: '2026-05-10',
    } as const;
    const cert: PresentedDocument = {
      type: 'travelling-exhibition-certificate',
      number: 'DE-TEC-12',
      issuer: 'DE',
      issuedOn: '2025-01-10',
      items: [{ taxon: 'Panthera tigris', term: 'LIV', quantity: 2, source: 'C' }],
    };
    const r = check({ ...tigers, claims: { travellingExhibition: true }, presented: [cert] }, registerOf(issued(cert, { usedOn: '2025-06-01' })));
    expect(checkOf(r).verdict).toBe('valid');
    expect(r.decision).toBe('allow');
  });

  it('boxes presented that contradict the register are refused, naming the box (Art. VI; Res. Conf. 12.3)', () => {
    const altered = { ...AR_EXPORT, validUntil: '2026-12-31', importer: 'FR' };
    const r = check({ ...AMAZONS, presented: [altered] }, registerOf(issued(AR_EXPORT)));
    const contradiction = checkOf(r).reasons.find((x) => x.code === 'DOCUMENT_CONTRADICTS_REGISTER')!;
    expect(contradiction.message).toContain('valid until 2026-12-31 (register: blank)');
    expect(contradiction.message).toContain('country of the importer FR (register: DE)');
    expect(checkOf(r).verdict).toBe('invalid');
  });

  it('a registered document presented by its number alone is checked on the boxes the register holds (Res. Conf. 12.3)', () => {
    const byNumber: PresentedDocument = { type: 'export-permit', number: 'ar-0934/2026', issuer: 'AR' };
    const r = check({ ...AMAZONS, presented: [byNumber] }, registerOf(issued(AR_EXPORT)));
    expect(checkOf(r)).toMatchObject({ verdict: 'valid', inRegister: true, number: 'ar-0934/2026' });
    expect(r.decision).toBe('allow');
  });

  it('a document the register does not hold is checked for form and dates only and left for review (Art. VI; Res. Conf. 12.3)', () => {
    const r = check({ ...AMAZONS, presented: [AR_EXPORT] });
    expect(checkOf(r)).toMatchObject({ verdict: 'unverified', inRegister: false });
    expect(reasonCodes(checkOf(r))).toEqual(['DOCUMENT_NOT_IN_REGISTER']);
    expect(r.decision).toBe('needs-permit');
    expect(r.reviewRequired).toBe(true);
    const elsewhere = check({ ...AMAZONS, presented: [AR_EXPORT] }, registerOf(issued(NA_EXPORT)));
    expect(checkOf(elsewhere).verdict).toBe('unverified');
  });

  it('an unregistered document with blank boxes cannot be checked against the consignment (Art. VI(2); Res. Conf. 12.3)', () => {
    const r = check({ ...AMAZONS, presented: [{ type: 'export-permit', number: 'AR-1', issuer: 'AR' }] });
    expect(reasonCodes(checkOf(r))).toEqual(['DOCUMENT_NOT_IN_REGISTER', 'DOCUMENT_FORM_INCOMPLETE']);
    expect(checkOf(r).reasons[1]!.message).toContain('date of issue (box 2), specimens (boxes 7–11)');
    expect(checkOf(r).verdict).toBe('unverified');
  });

  it('an unregistered expired permit is refused on its dates alone (Art. VI(2))', () => {
    const r = check({ ...AMAZONS, presented: [{ ...AR_EXPORT, issuedOn: '2025-09-01' }] });
    expect(checkOf(r).verdict).toBe('invalid');
  });
});

describe('what the document covers (R40)', () => {
  const amazonsWith = (item: Partial<NonNullable<PresentedDocument['items']>[number]>, doc: Partial<PresentedDocument> = {}) => {
    const permit = { ...AR_EXPORT, ...doc, items: [{ ...AR_EXPORT.items![0]!, ...item }] };
    return check({ ...AMAZONS, presented: [permit] }, registerOf(issued(permit)));
  };

  it('a permit for another species does not cover the consignment (Art. VI(2); Res. Conf. 12.3)', () => {
    const r = amazonsWith({ taxon: 'Amazona oratrix' });
    expect(reasonCodes(checkOf(r))).toEqual(['DOCUMENT_TAXON_MISMATCH']);
    expect(checkOf(r).reasons[0]!.message).toContain('Document: Amazona oratrix; consignment: Amazona aestiva.');
  });

  it('a permit naming the species by a synonym covers it; a common name does not (Res. Conf. 12.11; Res. Conf. 12.3)', () => {
    const elephant = {
      taxon: 'Loxodonta africana',
      exporter: 'BW',
      importer: 'DE',
      purpose: 'H',
      source: 'W',
      term: 'TRO',
      quantity: 1,
      date: '2026-05-10',
    } as const;
    const decision = check(elephant);
    const permit = (taxon: string): PresentedDocument => ({
      type: 'export-permit',
      number: `BW-${taxon.length}`,
      issuer: 'BW',
      issuedOn: '2026-04-01',
      items: [{ taxon, term: 'TRO', quantity: 1, source: 'W' }],
    });
    const required = decision.documents.map((d) => d.type);
    expect(required).toContain('export-permit');
    const synonym = check({ ...elephant, presented: [permit('loxodonta  cyclotis')] }, registerOf(issued(permit('loxodonta  cyclotis'))));
    expect(reasonCodes(checkOf(synonym))).not.toContain('DOCUMENT_TAXON_MISMATCH');
    const common = check({ ...elephant, presented: [permit('African elephant')] }, registerOf(issued(permit('African elephant'))));
    expect(reasonCodes(checkOf(common))).toContain('DOCUMENT_TAXON_MISMATCH');
  });

  it('a permit for skins does not cover live birds (Res. Conf. 12.3)', () => {
    expect(reasonCodes(checkOf(amazonsWith({ term: 'SKI' })))).toEqual(['DOCUMENT_TERM_MISMATCH']);
  });

  it('a permit for captive-bred birds does not cover wild ones (Res. Conf. 12.3)', () => {
    expect(reasonCodes(checkOf(amazonsWith({ source: 'C' })))).toEqual(['DOCUMENT_SOURCE_MISMATCH']);
  });

  it('a permit for a scientific purpose does not cover a commercial trade (Res. Conf. 12.3)', () => {
    expect(reasonCodes(checkOf(amazonsWith({}, { purpose: 'S' })))).toEqual(['DOCUMENT_PURPOSE_MISMATCH']);
  });

  it('a permit made out to another importing or exporting State does not cover this movement (Art. VI(2); Appendix IV)', () => {
    const r = amazonsWith({}, { importer: 'FR', exporter: 'UY' });
    expect(checkOf(r).reasons[0]!.message).toContain('exporter UY, not AR; importer FR, not DE.');
  });

  it('three birds on a permit for two are refused (Art. VI(2); Res. Conf. 12.3)', () => {
    const r = check({ ...AMAZONS, quantity: 3, presented: [AR_EXPORT] }, registerOf(issued(AR_EXPORT)));
    expect(checkOf(r).reasons).toMatchObject([{ code: 'DOCUMENT_QUANTITY_EXCEEDED', rule: 'R40' }]);
    expect(r.decision).toBe('needs-permit');
  });

  it('a quantity not declared, or in another unit, is left for review (Res. Conf. 12.3)', () => {
    const { quantity: _, ...noQuantity } = AMAZONS;
    expect(checkOf(check({ ...noQuantity, presented: [AR_EXPORT] }, registerOf(issued(AR_EXPORT)))).verdict).toBe('unverified');
    const r = check({ ...AMAZONS, unit: 'KIL', presented: [AR_EXPORT] }, registerOf(issued(AR_EXPORT)));
    expect(reasonCodes(checkOf(r))).toEqual(['DOCUMENT_QUANTITY_UNCHECKED']);
    expect(r.reviewRequired).toBe(true);
  });

  it('of several items, the one that covers the consignment speaks for the document (Res. Conf. 12.3)', () => {
    const permit = { ...AR_EXPORT, items: [{ ...AR_EXPORT.items![0]!, term: 'FEA' }, AR_EXPORT.items![0]!] };
    expect(checkOf(check({ ...AMAZONS, presented: [permit] }, registerOf(issued(permit)))).verdict).toBe('valid');
  });
});

describe('re-exports (R43)', () => {
  // Captive-held grey parrots of Ghanaian origin re-exported from South Africa to Germany for research.
  const PARROTS = {
    taxon: 'Psittacus erithacus',
    exporter: 'ZA',
    importer: 'DE',
    origin: 'GH',
    purpose: 'S',
    source: 'W',
    term: 'LIV',
    quantity: 2,
    date: '2026-05-10',
  } as const;
  const parrotItem = { taxon: 'Psittacus erithacus', term: 'LIV', quantity: 2, source: 'W', appendix: 'I' } as const;
  const importPermit: PresentedDocument = {
    type: 'import-permit',
    number: 'DE-S-2026-7',
    issuer: 'DE',
    issuedOn: '2026-02-01',
    purpose: 'S',
    items: [parrotItem],
  };
  const reExport = (item: Partial<typeof parrotItem & { origin: string; originDocument: { number: string; issuer: string } }>): PresentedDocument => ({
    type: 're-export-certificate',
    number: 'ZA-RE-2026-33',
    issuer: 'ZA',
    issuedOn: '2026-03-01',
    purpose: 'S',
    items: [{ ...parrotItem, ...item }],
  });
  const run = (cert: PresentedDocument) => check({ ...PARROTS, presented: [cert, importPermit] }, registerOf(issued(cert), issued(importPermit)));

  it('a grey parrot re-export certificate without the origin permit is refused (Art. III(4)(a); Art. VI; Res. Conf. 12.3)', () => {
    const r = run(reExport({ origin: 'GH' }));
    expect(checkOf(r).reasons).toMatchObject([{ code: 'REEXPORT_ORIGIN_MISSING', rule: 'R43' }]);
    expect(checkOf(r).reasons[0]!.message).toContain('Blank: permit of origin.');
    expect(r.decision).toBe('needs-permit');
  });

  it('a re-export certificate naming another country of origin is refused (Art. III(4)(a); Res. Conf. 12.3)', () => {
    const r = run(reExport({ origin: 'CM', originDocument: { number: 'CM-2015-1', issuer: 'CM' } }));
    expect(reasonCodes(checkOf(r))).toEqual(['REEXPORT_ORIGIN_MISMATCH']);
  });

  it('a re-export certificate tracing the parrots to the Ghanaian permit, with the import permit, clears them (Art. III(3)–(4))', () => {
    const r = run(reExport({ origin: 'GH', originDocument: { number: 'GH-2016-0042', issuer: 'GH' } }));
    expect(r.documentChecks!.map((c) => c.verdict)).toEqual(['valid', 'valid']);
    expect(r.decision).toBe('allow');
  });
});

describe('documents never loosen the Convention (property)', () => {
  const COUNTRIES = ['NA', 'DE', 'AR', 'ZA', 'US', 'JP', 'GH', 'BW'] as const;
  const TAXA = ['Panthera pardus', 'Amazona aestiva', 'Psittacus erithacus', 'Odobenus rosmarus', 'Loxodonta africana', 'Mus musculus'] as const;
  const date = (from: number, to: number) =>
    fc.integer({ min: Date.UTC(from, 0, 1), max: Date.UTC(to, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));
  const trade = fc.record({
    taxon: fc.constantFrom(...TAXA),
    exporter: fc.constantFrom(...COUNTRIES),
    importer: fc.constantFrom(...COUNTRIES),
    origin: fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }),
    purpose: fc.constantFrom('H', 'T', 'S', 'Q'),
    source: fc.constantFrom('W', 'C'),
    term: fc.constantFrom('TRO', 'LIV', 'TUS'),
    quantity: fc.integer({ min: 1, max: 4 }),
    date: date(2025, 2026),
  });
  const document = fc.record(
    {
      type: fc.constantFrom('export-permit', 'import-permit', 're-export-certificate', 'certificate-of-origin', 'captive-breeding-certificate'),
      number: fc.constantFrom('A-1', 'B-2', 'C-3'),
      issuer: fc.constantFrom(...COUNTRIES),
      issuedOn: date(2024, 2027),
      validUntil: fc.option(date(2025, 2027), { nil: undefined }),
      purpose: fc.option(fc.constantFrom('H', 'T', 'S', 'Q'), { nil: undefined }),
      items: fc.array(
        fc.record({
          taxon: fc.constantFrom(...TAXA),
          term: fc.constantFrom('TRO', 'LIV', 'TUS'),
          quantity: fc.integer({ min: 1, max: 4 }),
          source: fc.constantFrom('W', 'C'),
          origin: fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }),
          originDocument: fc.option(fc.constant({ number: 'O-1', issuer: 'GH' }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    },
    { requiredKeys: ['type', 'number', 'issuer'] },
  ) as fc.Arbitrary<PresentedDocument>;
  const held = fc.record({
    status: fc.constantFrom(...DOCUMENT_STATUSES),
    registered: fc.boolean(),
    usedOn: fc.option(date(2024, 2026), { nil: undefined }),
  });

  it('a deny stays a deny, and a trade is cleared only when every document presented is valid (Art. III–VI)', () => {
    fc.assert(
      fc.property(trade, fc.array(fc.tuple(document, held), { minLength: 1, maxLength: 3 }), (t, papers) => {
        const without = check(t);
        const register = registerOf(...papers.filter(([, h]) => h.registered).map(([d, h]) => issued(d, { status: h.status, usedOn: h.usedOn ?? null })));
        const r = check({ ...t, presented: papers.map(([d]) => d) }, register);
        expect(r.documentChecks).toHaveLength(papers.length);
        if (without.decision === 'deny') expect(r.decision).toBe('deny');
        if (without.decision !== 'allow' && r.decision === 'allow') {
          for (const c of r.documentChecks!) expect(c.verdict).toBe('valid');
        }
        if (r.documentChecks!.some((c) => c.verdict !== 'valid')) expect(r.decision).toBe(without.decision);
        if (without.reviewRequired) expect(r.reviewRequired).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('verify: the document verdicts alone, for a caller that decides a trade more than once', () => {
  it('gives exactly what evaluate gives with the documents, cleared or not', () => {
    const cases = [
      { register: leopardRegister(), presented: [DE_IMPORT, NA_EXPORT] },
      { register: undefined, presented: [DE_IMPORT, NA_EXPORT] },
      { register: leopardRegister(), presented: [NA_EXPORT] },
    ];
    for (const { register, presented } of cases) {
      const request = TradeCheckRequest.parse({ ...LEOPARD, presented });
      const whole = engine.evaluate(request, '2026-05-10', undefined, register);
      const decided = engine.evaluate({ ...request, presented: undefined }, '2026-05-10');
      if ('status' in decided) throw new Error('expected a decision');
      expect(engine.verify(request, decided, register)).toEqual(whole);
    }
    expect(check({ ...LEOPARD, presented: [DE_IMPORT, NA_EXPORT] }, leopardRegister()).decision).toBe('allow');
  });
});
