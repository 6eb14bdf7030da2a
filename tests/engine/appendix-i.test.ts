import { describe, expect, it } from 'vitest';
import { codes, decide, docs, rulesEngine } from '../helpers/engine.js';

const engine = rulesEngine();
const tiger = { taxon: 'Panthera tigris', exporter: 'IN', importer: 'DE', source: 'W' } as const;

describe('R7/R8 — export and import of an Appendix-I specimen (Art. III(2)–(3))', () => {
  it('non-commercial export needs both permits, the import permit granted first', () => {
    const r = decide(engine, { ...tiger, purpose: 'S' });
    expect(r.decision).toBe('needs-permit');
    expect(r.documents).toEqual([
      { type: 'import-permit', issuer: 'DE', order: 1 },
      { type: 'export-permit', issuer: 'IN', order: 2 },
    ]);
    expect(codes(r)).toEqual(['APP_I_EXPORT', 'APP_I_IMPORT']);
    expect(r.conditions.map((c) => c.code)).toContain('IMPORT_PERMIT_FIRST');
    expect(r.reasons[0]!.article).toBe('Art. III(2)');
  });

  it('import for primarily commercial purposes is denied (Art. III(3)(c))', () => {
    const r = decide(engine, { ...tiger, purpose: 'T' });
    expect(r.decision).toBe('deny');
    expect(r.documents).toEqual([]);
    expect(r.reasons[0]).toMatchObject({ code: 'APP_I_COMMERCIAL_IMPORT', article: 'Art. III(3)(c); Res. Conf. 5.10' });
  });

  it('zoo, breeding and circus purposes need the primarily-commercial test (Res. Conf. 5.10)', () => {
    for (const purpose of ['Z', 'B', 'Q']) {
      const r = decide(engine, { ...tiger, purpose });
      expect(r.decision).toBe('needs-permit');
      expect(r.reviewRequired).toBe(true);
      expect(codes(r)).toContain('APP_I_PRIMARILY_COMMERCIAL_TEST');
    }
  });

  it('source F is treated as wild (Notification 1998/14)', () => {
    const r = decide(engine, { ...tiger, source: 'F', purpose: 'T' });
    expect(r.decision).toBe('deny');
    expect(codes(r)).toContain('SOURCE_F_AS_WILD');
  });
});

describe('R9 — re-export of an Appendix-I specimen (Art. III(4))', () => {
  it('needs a re-export certificate and the import permit', () => {
    const r = decide(engine, { ...tiger, exporter: 'CH', origin: 'IN', purpose: 'E' });
    expect(r.movement).toBe('re-export');
    expect(docs(r)).toEqual(['import-permit@DE', 're-export-certificate@CH']);
    expect(codes(r)).toContain('APP_I_REEXPORT');
  });

  it('the import permit must come first for a live specimen re-exported (Art. III(4)(c)), not for a dead one', () => {
    const order = (term: string) => decide(engine, { ...tiger, exporter: 'CH', origin: 'IN', purpose: 'E', term }).documents.map((d) => d.order ?? null);
    expect(order('LIV')).toEqual([1, 2]);
    expect(order('SKI')).toEqual([null, null]);
    const skin = decide(engine, { ...tiger, exporter: 'CH', origin: 'IN', purpose: 'E', term: 'SKI' });
    expect(skin.conditions.map((c) => c.code)).not.toContain('IMPORT_PERMIT_FIRST');
    // An export needs the import permit first whatever the specimen (Art. III(2)(d)).
    expect(decide(engine, { ...tiger, purpose: 'E', term: 'SKI' }).documents.map((d) => d.order)).toEqual([1, 2]);
  });

  it('commercial re-export is denied at the import leg', () => {
    expect(decide(engine, { ...tiger, exporter: 'CH', origin: 'IN', purpose: 'T' }).decision).toBe('deny');
  });
});

describe('R10 — introduction from the sea of an Appendix-I specimen (Art. III(5))', () => {
  const sawfish = { taxon: 'Pristis pectinata', exporter: 'ES', importer: 'ES', source: 'X', term: 'BOD' } as const;
  it('scientific introduction needs the certificate of the State of introduction', () => {
    const r = decide(engine, { ...sawfish, purpose: 'S' });
    expect(r.movement).toBe('introduction-from-the-sea');
    expect(docs(r)).toEqual(['introduction-from-the-sea-certificate@ES']);
  });
  it('commercial introduction is denied', () => {
    const r = decide(engine, { ...sawfish, purpose: 'T' });
    expect(r.decision).toBe('deny');
    expect(codes(r)).toEqual(['APP_I_COMMERCIAL_INTRODUCTION_FROM_SEA']);
  });
});

describe('R11/R12 — Appendix-I specimens bred or propagated (Art. VII(4)–(5))', () => {
  const macaw = { taxon: 'Anodorhynchus hyacinthinus', exporter: 'ZA', importer: 'DE', term: 'LIV' } as const;
  it('source D from a registered operation: export permit only, commercial allowed (Art. VII(4))', () => {
    const r = decide(engine, { ...macaw, source: 'D', purpose: 'T' });
    expect(r.decision).toBe('needs-permit');
    expect(docs(r)).toEqual(['export-permit@ZA']);
    expect(codes(r)).toEqual(['APP_I_REGISTERED_OPERATION']);
  });
  it('source D declared as not from a registered operation is denied (Res. Conf. 12.10)', () => {
    const r = decide(engine, { ...macaw, source: 'D', purpose: 'T', claims: { registeredOperation: false } });
    expect(r.decision).toBe('deny');
    expect(codes(r)).toEqual(['UNREGISTERED_APP_I_BREEDER']);
  });
  it('source C, non-commercial: a captive-breeding certificate in lieu of permits (Art. VII(5))', () => {
    const r = decide(engine, { ...macaw, source: 'C', purpose: 'P' });
    expect(docs(r)).toEqual(['captive-breeding-certificate@ZA']);
  });
  it('source C with purpose T is denied by default, flagged for review by policy (pitfall 10)', () => {
    expect(decide(engine, { ...macaw, source: 'C', purpose: 'T' }).decision).toBe('deny');
    const lenient = decide(rulesEngine({ appendixICaptiveBredCommercial: 'review' }), { ...macaw, source: 'C', purpose: 'T' });
    expect(lenient.decision).toBe('needs-permit');
    expect(lenient.reviewRequired).toBe(true);
  });
  it('Appendix-I orchid artificially propagated: certificate (non-commercial) or export permit as App. II (commercial)', () => {
    const orchid = { taxon: 'Paphiopedilum rothschildianum', exporter: 'CN', importer: 'DE', source: 'A', term: 'LIV' } as const;
    expect(docs(decide(engine, { ...orchid, purpose: 'S' }))).toEqual(['artificial-propagation-certificate@CN']);
    expect(docs(decide(engine, { ...orchid, purpose: 'T' }))).toEqual(['export-permit@CN']);
  });
  it('source R is not valid for an Appendix-I population (R41)', () => {
    const r = decide(engine, { ...tiger, source: 'R', purpose: 'S' });
    expect(r.decision).toBe('deny');
    expect(r.reviewRequired).toBe(true);
    expect(codes(r)).toContain('RANCHED_APP_I');
  });
});

describe('R17 — annotated Appendix-II populations: uncovered specimens are Appendix I', () => {
  it('a hunting trophy from Botswana for non-commercial purposes is Appendix II', () => {
    const r = decide(engine, { taxon: 'Loxodonta africana', exporter: 'BW', importer: 'DE', source: 'W', purpose: 'H', term: 'TRO' });
    expect(r.appendix).toBe('II');
    expect(docs(r)).toEqual(['export-permit@BW']);
  });
  it('commercial raw ivory from Botswana is deemed Appendix I and denied (worked example 4)', () => {
    const r = decide(engine, { taxon: 'Loxodonta africana', exporter: 'BW', importer: 'JP', source: 'W', purpose: 'T', term: 'TUS' });
    expect(r.appendix).toBe('I');
    expect(r.listing).toMatchObject({ appendix: 'II', deemedAppendixI: true });
    expect(r.decision).toBe('deny');
    expect(codes(r)).toEqual(['DEEMED_APPENDIX_I', 'APP_I_COMMERCIAL_IMPORT']);
  });
  it('the same trophy from Kenya is Appendix I: both permits', () => {
    const r = decide(engine, { taxon: 'Loxodonta africana', exporter: 'KE', importer: 'DE', source: 'W', purpose: 'H', term: 'TRO' });
    expect(r.appendix).toBe('I');
    expect(docs(r)).toEqual(['export-permit@KE', 'import-permit@DE']);
  });
  it('1997-2000: Botswana, Namibia and Zimbabwe elephants were Appendix II under the CoP10 annotation, never unlisted', () => {
    const skins = decide(engine, { taxon: 'Loxodonta africana', exporter: 'BW', importer: 'DE', purpose: 'T', source: 'W', term: 'SKI', date: '1998-06-01' });
    expect(skins).toMatchObject({ decision: 'deny', appendix: 'I', listing: { appendix: 'II', deemedAppendixI: true, effectiveFrom: '1997-09-18' } });
    const trophy = decide(engine, { taxon: 'Loxodonta africana', exporter: 'ZW', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', date: '1997-09-18' });
    expect(trophy).toMatchObject({ decision: 'needs-permit', appendix: 'II' });
  });
});
