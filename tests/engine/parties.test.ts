import { describe, expect, it } from 'vitest';
import { codes, decide, rulesEngine } from '../helpers/engine.js';

const engine = rulesEngine();
const parrot = { taxon: 'Psittacus erithacus', purpose: 'S', source: 'W', term: 'LIV' } as const;

describe('R5 — Party status per State and date (Art. XXII, XXIV)', () => {
  it('Namibia was not yet a Party in 1990: its export was outside CITES on that side', () => {
    const r = decide(engine, { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', date: '1990-06-01' });
    expect(r.documents).toContainEqual({ type: 'comparable-documentation', issuer: 'NA', inLieuOf: 'export-permit', order: 2 });
    expect(r.documents).toContainEqual({ type: 'import-permit', issuer: 'DE', order: 1 });
  });
  it('a dependent territory trades as its Party (Hong Kong → China)', () => {
    const r = decide(engine, { taxon: 'Amazona aestiva', exporter: 'HK', importer: 'DE', purpose: 'T', source: 'C', origin: 'HK' });
    expect(r.documents).toEqual([{ type: 'export-permit', issuer: 'HK' }]);
  });
});

describe('R32 — trade with a non-Party: comparable documentation (Art. X, Res. Conf. 9.5)', () => {
  it('export from a non-Party to a Party', () => {
    const r = decide(engine, { taxon: 'Amazona aestiva', exporter: 'TW', importer: 'DE', purpose: 'T', source: 'C' });
    expect(r.documents).toEqual([{ type: 'comparable-documentation', issuer: 'TW', inLieuOf: 'export-permit' }]);
    expect(codes(r)).toContain('NON_PARTY_COMPARABLE_DOCUMENTATION');
  });
  it('an App. I import by a non-Party: comparable documentation for the import permit; the Party still issues its export permit', () => {
    const r = decide(engine, { taxon: 'Panthera tigris', exporter: 'IN', importer: 'TW', purpose: 'S', source: 'W' });
    expect(r.documents).toEqual([
      { type: 'comparable-documentation', issuer: 'TW', inLieuOf: 'import-permit', order: 1 },
      { type: 'export-permit', issuer: 'IN', order: 2 },
    ]);
  });
  it('a non-Party does not make commercial App. I trade possible', () => {
    expect(decide(engine, { taxon: 'Panthera tigris', exporter: 'TW', importer: 'DE', purpose: 'T', source: 'W' }).decision).toBe('deny');
  });
});

describe('R33/R34 — reservations (Art. XV(3), XXIII(3), Res. Conf. 4.25)', () => {
  it('a State with a reservation on the grey parrot is a non-Party for it', () => {
    const r = decide(engine, { ...parrot, exporter: 'AE', importer: 'DE', date: '2018-01-01' });
    expect(codes(r)).toContain('RESERVATION');
    expect(r.documents).toContainEqual({ type: 'comparable-documentation', issuer: 'AE', inLieuOf: 'export-permit', order: 2 });
  });
  it('between two reserving States the trade is outside CITES, with a warning (R34)', () => {
    const r = decide(engine, { ...parrot, exporter: 'AE', importer: 'SA', purpose: 'T', date: '2018-01-01' });
    expect(r.decision).toBe('allow');
    expect(codes(r)).toEqual(['RESERVATION', 'OUTSIDE_CITES']);
    expect(r.warnings.map((w) => w.code)).toContain('OUTSIDE_CITES_NATIONAL_LAW');
  });
  it('between two non-Parties the trade is outside CITES', () => {
    const r = decide(engine, { taxon: 'Panthera tigris', exporter: 'TW', importer: 'VA', purpose: 'T', source: 'W' });
    expect(r.decision).toBe('allow');
    expect(codes(r)).toEqual(['OUTSIDE_CITES']);
  });
  it('R35 — a reservation is per listing: it did not apply while the grey parrot was in App. II', () => {
    const r = decide(engine, { ...parrot, exporter: 'AE', importer: 'SA', purpose: 'T', date: '2016-06-01' });
    expect(r.appendix).toBe('II');
    expect(r.decision).toBe('needs-permit');
    expect(codes(r)).not.toContain('RESERVATION');
  });
});
