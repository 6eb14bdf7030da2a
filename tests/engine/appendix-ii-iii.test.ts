import { describe, expect, it } from 'vitest';
import { codes, decide, docs, rulesEngine } from '../helpers/engine.js';

const engine = rulesEngine();

describe('R13/R14 — export and import of an Appendix-II specimen (Art. IV(2), IV(4))', () => {
  it('wild blue-fronted amazons from Argentina: export permit, no import permit (worked example 1)', () => {
    const r = decide(engine, { taxon: 'Amazona aestiva', exporter: 'AR', importer: 'DE', purpose: 'T', source: 'W', term: 'LIV' });
    expect(r.decision).toBe('needs-permit');
    expect(r.documents).toEqual([{ type: 'export-permit', issuer: 'AR' }]);
    expect(r.alternatives).toEqual([]);
    expect(codes(r)).toEqual(['APP_II_EXPORT', 'APP_II_IMPORT']);
    expect(r.listing).toMatchObject({ taxon: 'Psittaciformes', appendix: 'II', inherited: true, effectiveFrom: '1981-06-06' });
  });
});

describe('R26 — certificate in lieu for captive-bred and artificially propagated (Art. VII(5))', () => {
  it('captive-bred App. II animals: export permit or captive-breeding certificate', () => {
    const r = decide(engine, { taxon: 'Amazona aestiva', exporter: 'ZA', importer: 'DE', purpose: 'T', source: 'C' });
    expect(docs(r)).toEqual(['export-permit@ZA']);
    expect(r.alternatives).toEqual([[{ type: 'captive-breeding-certificate', issuer: 'ZA' }]]);
    expect(codes(r)).toContain('CERTIFICATE_IN_LIEU');
  });
});

describe('R15 — re-export of an Appendix-II specimen (Art. IV(5))', () => {
  it('needs a re-export certificate only', () => {
    const r = decide(engine, { taxon: 'Acipenser baerii', exporter: 'CH', importer: 'US', origin: 'CN', purpose: 'T', source: 'C', term: 'CAV' });
    expect(docs(r)).toEqual(['re-export-certificate@CH']);
    expect(codes(r)).toEqual(['APP_II_REEXPORT', 'APP_II_IMPORT']);
  });
});

describe('R16 — introduction from the sea of an Appendix-II specimen (Art. IV(6))', () => {
  const shark = { taxon: 'Carcharhinus longimanus', source: 'X', purpose: 'T', term: 'FIN' } as const;
  it('landed in the flag State: certificate of introduction from the sea', () => {
    const r = decide(engine, { ...shark, exporter: 'ES', importer: 'ES' });
    expect(r.movement).toBe('introduction-from-the-sea');
    expect(docs(r)).toEqual(['introduction-from-the-sea-certificate@ES']);
  });
  it('landed in another State: the flag State exports (Res. Conf. 14.6)', () => {
    const r = decide(engine, { ...shark, exporter: 'ES', importer: 'JP' });
    expect(docs(r)).toEqual(['export-permit@ES']);
    expect(codes(r)).toContain('LANDED_IN_OTHER_STATE');
  });
  it('before the listing took effect (14 September 2014) no document was needed (R4)', () => {
    expect(decide(engine, { ...shark, exporter: 'ES', importer: 'JP', date: '2014-09-13' }).decision).toBe('allow');
  });
});

describe('Appendix III (Art. V)', () => {
  const walrus = { taxon: 'Odobenus rosmarus', importer: 'DE', purpose: 'T', source: 'W', term: 'TUS' } as const;
  it('R19 — export from the listing Party needs an export permit (Art. V(2))', () => {
    const r = decide(engine, { ...walrus, exporter: 'CA' });
    expect(docs(r)).toEqual(['export-permit@CA']);
    expect(r.listing).toMatchObject({ appendix: 'III', party: 'CA', listingParties: ['CA'] });
    expect(r.reasons[0]!.article).toBe('Art. V(2)');
  });
  it('R20 — export from any other State needs a certificate of origin (Art. V(3))', () => {
    const r = decide(engine, { ...walrus, exporter: 'US' });
    expect(docs(r)).toEqual(['certificate-of-origin@US']);
    expect(r.reasons[0]!.article).toBe('Art. V(3)');
  });
  it('R21 — re-export needs a re-export certificate, even from the listing Party (pitfall 2)', () => {
    const r = decide(engine, { ...walrus, exporter: 'CA', origin: 'US' });
    expect(docs(r)).toEqual(['re-export-certificate@CA']);
  });
  it('R22 — Appendix III does not regulate introduction from the sea', () => {
    const r = decide(engine, { taxon: 'Sphyrna lewini', exporter: 'CR', importer: 'CR', purpose: 'T', source: 'X', term: 'FIN', date: '2013-06-01' });
    expect(r.appendix).toBe('III');
    expect(r.decision).toBe('allow');
    expect(codes(r)).toEqual(['APP_III_INTRODUCTION_FROM_SEA']);
  });
  it('worked example 5 — Cedrela odorata sawn wood in 2015: certificate of origin from Ecuador, export permit from Peru', () => {
    const ec = decide(engine, { taxon: 'Cedrela odorata', exporter: 'EC', importer: 'US', purpose: 'T', source: 'W', term: 'SAW', date: '2015-05-01' });
    expect(docs(ec)).toEqual(['certificate-of-origin@EC']);
    expect(ec.listing?.listingParties).toEqual(['BO', 'BR']);
    const pe = decide(engine, { taxon: 'Cedrela odorata', exporter: 'PE', importer: 'US', purpose: 'T', source: 'W', term: 'SAW', date: '2015-05-01' });
    expect(docs(pe)).toEqual(['export-permit@PE']);
    expect(pe.listing?.listingParties).toEqual(['BO', 'BR', 'PE']);
  });
  it('pitfall 24 — a listing Party counts only from its own listing date', () => {
    const gt = decide(engine, { taxon: 'Cedrela odorata', exporter: 'GT', importer: 'US', purpose: 'T', source: 'W', term: 'LOG', date: '2007-06-01' });
    expect(gt.decision).toBe('allow'); // Guatemala listed only its own population, from 2008-02-12
    const gt2 = decide(engine, { taxon: 'Cedrela odorata', exporter: 'GT', importer: 'US', purpose: 'T', source: 'W', term: 'LOG', date: '2009-06-01' });
    expect(docs(gt2)).toEqual(['export-permit@GT']);
  });
  it('an Appendix-II listing supersedes the Appendix-III entries from its date', () => {
    const r = decide(engine, { taxon: 'Cedrela odorata', exporter: 'EC', importer: 'US', purpose: 'T', source: 'W', term: 'SAW', date: '2021-01-01' });
    expect(r.appendix).toBe('II');
    expect(docs(r)).toEqual(['export-permit@EC']);
  });
});
