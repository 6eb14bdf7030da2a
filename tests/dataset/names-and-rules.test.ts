/**
 * Issue #14 on the real listings (the default dataset): hybrids as traders write them,
 * common names shared by several taxa, and Article VII(4) decided by registration.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '@cites-permit-check/engine';
import { loadDefaultDataset } from '../../src/seed/index.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { codes, decide } from '../helpers/engine.js';

let engine: Engine;
beforeAll(async () => {
  const store = SqliteStore.open(':memory:');
  loadDefaultDataset(store);
  engine = createEngine(await store.snapshot(), { today: () => '2026-12-03' });
  await store.close();
}, 120_000);

const trade = { exporter: 'GB', importer: 'AE', purpose: 'T', source: 'C', term: 'LIV', date: '2026-06-01' } as const;
const warningCodes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

describe('hybrids (R30, Res. Conf. 10.17; R29, Res. Conf. 11.11)', () => {
  it('a cross takes its strictest listed parent: gyrfalcon (I) × saker (II) is Appendix I', () => {
    const r = decide(engine, { ...trade, taxon: 'Falco rusticolus x cherrug', purpose: 'Q' });
    expect(r.appendix).toBe('I');
    expect(r.taxon).toMatchObject({ name: 'Falco rusticolus', input: 'Falco rusticolus x cherrug', hybridOf: ['Falco rusticolus', 'Falco cherrug'] });
    expect(warningCodes(r)).toContain('ANIMAL_HYBRID');
    expect(r.reviewRequired).toBe(false);
  });

  it('a cross of two Appendix II species is Appendix II, whichever notation', () => {
    for (const taxon of ['Falco cherrug × Falco biarmicus', 'Falco cherrug X biarmicus', 'Falco cherrug x Falco biarmicus hybrid']) {
      expect(decide(engine, { ...trade, taxon }).appendix, taxon).toBe('II');
    }
  });

  it('a hybrid with one parent unknown takes the strictest member and is flagged for review', () => {
    const r = decide(engine, { ...trade, taxon: 'Falco hybrid' });
    expect(r.appendix).toBe('I');
    expect(warningCodes(r)).toEqual(expect.arrayContaining(['MEMBER_DECIDES', 'ANIMAL_HYBRID']));
    expect(r.reviewRequired).toBe(true);
  });

  it('an artificially propagated hybrid of Appendix I orchids stays Appendix I but trades on a certificate of artificial propagation (Interp. §5)', () => {
    const r = decide(engine, { ...trade, exporter: 'TH', importer: 'JP', source: 'A', taxon: 'Paphiopedilum hybrid' });
    expect(r.decision).toBe('needs-permit');
    expect(r.appendix).toBe('I');
    expect(codes(r)).toEqual(['APP_I_PLANT_HYBRID_PROPAGATED']);
    expect(r.documents).toEqual([{ type: 'artificial-propagation-certificate', issuer: 'TH' }]);
  });

  it('its cut flowers are not subject to the Convention; a wild-collected one stays Appendix I', () => {
    const flowers = decide(engine, { ...trade, exporter: 'TH', importer: 'JP', source: 'A', term: 'FLO', taxon: 'Paphiopedilum hybrids' });
    expect(flowers.decision).toBe('allow');
    expect(codes(flowers)).toEqual(['APP_I_PLANT_HYBRID_PARTS_EXEMPT']);
    const wild = decide(engine, { ...trade, exporter: 'TH', importer: 'JP', source: 'W', taxon: 'Paphiopedilum hybrid' });
    expect(wild.decision).toBe('deny');
  });

  it('a hybrid of an unknown parent is an unknown name, not an allow', () => {
    const r = engine.check({ ...trade, taxon: 'Falco rusticolus x Nonexistus fictus' });
    expect('status' in r && r.status).toBe(422);
  });
});

describe('common names (issue #14.4)', () => {
  it('"mahogany" covers three Swietenia species, all Appendix II #6 for sawn wood: decided, naming them', () => {
    const r = decide(engine, { exporter: 'BR', importer: 'DE', purpose: 'T', source: 'W', term: 'SAW', taxon: 'mahogany' });
    expect(r.appendix).toBe('II');
    expect(r.taxon.commonNameOf).toEqual(['Swietenia humilis', 'Swietenia macrophylla', 'Swietenia mahagoni']);
    expect(warningCodes(r)).toContain('COMMON_NAME_COVERS');
  });

  it('for carvings their annotations differ: the caller must choose (422 with the candidates)', () => {
    const r = engine.check({ exporter: 'BR', importer: 'DE', purpose: 'T', source: 'W', term: 'CAR', taxon: 'mahogany' });
    expect('status' in r && r.status).toBe(422);
    expect('status' in r && r.suggestions?.map((s) => s.name)).toContain('Swietenia macrophylla');
  });
});

describe('Article VII(4) decides by registration, not by the letter (issue #14.5)', () => {
  const parrot = { taxon: 'Psittacus erithacus', exporter: 'ZA', importer: 'AE', purpose: 'T', term: 'LIV', date: '2026-06-01' } as const;

  it('an Appendix I animal from a registered operation declared as source C is treated as source D', () => {
    const r = decide(engine, { ...parrot, source: 'C', claims: { registeredOperation: true } });
    expect(r.decision).toBe('needs-permit');
    expect(codes(r)).toContain('APP_I_REGISTERED_OPERATION');
    expect(warningCodes(r)).toContain('REGISTERED_OPERATION_READ_AS_D');
    // Without the registration, commercial trade in captive-bred Appendix I animals is refused.
    expect(decide(engine, { ...parrot, source: 'C' }).decision).toBe('deny');
  });

  it('an artificially propagated Appendix I plant for commerce needs an export permit or a certificate, registered nursery or not', () => {
    const orchid = { taxon: 'Paphiopedilum rothschildianum', exporter: 'TH', importer: 'JP', purpose: 'T', term: 'LIV', date: '2026-06-01' } as const;
    for (const r of [
      decide(engine, { ...orchid, source: 'D' }),
      decide(engine, { ...orchid, source: 'D', claims: { registeredOperation: false } }),
      decide(engine, { ...orchid, source: 'A' }),
    ]) {
      expect(r.decision).toBe('needs-permit');
      expect(codes(r)).toContain('APP_I_PROPAGATED_COMMERCIAL');
      expect(r.documents.map((d) => d.type)).toEqual(['export-permit']);
      expect(r.alternatives).toEqual([[{ type: 'artificial-propagation-certificate', issuer: 'TH' }]]);
    }
  });
});

describe('personal and household effects: the table of Res. Conf. 13.7 (Rev. CoP17) (issue #14.6)', () => {
  const effects = (taxon: string, term: string, quantity: number, unit?: string, extra: Record<string, unknown> = {}) =>
    decide(engine, {
      taxon,
      exporter: 'TH',
      importer: 'DE',
      purpose: 'P',
      source: 'W',
      term,
      quantity,
      ...(unit ? { unit } : {}),
      date: '2026-06-01',
      claims: { personalEffects: true, ownerResidence: 'DE', acquiredIn: 'DE' },
      ...extra,
    });

  it.each([
    ['caviar, 100 g', 'Acipenser gueldenstaedtii', 'CAV', 100, 'GRM', 'allow'],
    ['caviar, 0.2 kg', 'Acipenser gueldenstaedtii', 'CAV', 0.2, 'KGM', 'needs-permit'],
    ['crocodile handbags, 3', 'Crocodylus niloticus', 'LPL', 3, undefined, 'allow'],
    ['crocodile handbags, 5', 'Crocodylus niloticus', 'LPL', 5, undefined, 'needs-permit'],
    ['crocodile meat, however little', 'Crocodylus niloticus', 'MEA', 1, undefined, 'needs-permit'],
    ['giant clam shells, 2', 'Tridacna gigas', 'SHE', 2, undefined, 'allow'],
    ['giant clam shells, 2.5 kg', 'Tridacna gigas', 'SHE', 2.5, 'KGM', 'allow'],
    ['giant clam shells, 4 kg', 'Tridacna gigas', 'SHE', 4, 'KGM', 'needs-permit'],
    ['seahorses, 4', 'Hippocampus kuda', 'BOD', 4, undefined, 'allow'],
    ['seahorses, 6', 'Hippocampus kuda', 'BOD', 6, undefined, 'needs-permit'],
    ['agarwood oil, 20 ml', 'Aquilaria malaccensis', 'OIL', 20, 'MLT', 'allow'],
    ['agarwood oil, 30 ml', 'Aquilaria malaccensis', 'OIL', 30, 'MLT', 'needs-permit'],
    ['agarwood chips, 0.5 kg', 'Aquilaria malaccensis', 'CHP', 0.5, 'KGM', 'allow'],
    ['agarwood chips counted in pieces: not comparable with 1 kg', 'Aquilaria malaccensis', 'CHP', 3, undefined, 'needs-permit'],
  ])('%s', (_label, taxon, term, quantity, unit, decision) => {
    expect(effects(taxon, term, quantity, unit).decision).toBe(decision);
  });

  it('the Appendix I souvenir clause does not reach an artificially propagated plant or a source D animal (Art. VII(4))', () => {
    const souvenir = { claims: { personalEffects: true, ownerResidence: 'DE', acquiredIn: 'TH' } };
    expect(effects('Paphiopedilum rothschildianum', 'LIV', 1, undefined, { ...souvenir, source: 'A', exporter: 'TH' }).decision).toBe('allow');
    expect(effects('Crocodylus siamensis', 'LPS', 1, undefined, { ...souvenir, source: 'D', exporter: 'TH' }).decision).toBe('allow');
    // Wild Appendix I specimens acquired abroad and brought home are not exempt (Art. VII(3)(a)).
    expect(effects('Crocodylus siamensis', 'LPS', 1, undefined, { ...souvenir, source: 'W', exporter: 'TH' }).decision).not.toBe('allow');
  });

  it('an owner travelling with his own pre-Convention instrument keeps the exemption', () => {
    const r = decide(engine, {
      taxon: 'Dalbergia nigra',
      exporter: 'DE',
      importer: 'US',
      purpose: 'P',
      source: 'O',
      term: 'MUS',
      quantity: 1,
      date: '2026-06-01',
      claims: { personalEffects: true, ownerResidence: 'DE', acquiredBefore: '1980-01-01' },
    });
    expect(r.decision).toBe('allow');
    expect(codes(r)).toContain('PERSONAL_EFFECTS');
  });
});

describe('live elephants and white rhinos go only to appropriate and acceptable destinations (issue #14.7)', () => {
  it.each([
    ['Loxodonta africana', 'ZW'],
    ['Ceratotherium simum simum', 'ZA'],
  ])('%s from %s: the import permit first, with the destination as condition', (taxon, exporter) => {
    const r = decide(engine, { taxon, exporter, importer: 'CN', purpose: 'Z', source: 'W', term: 'LIV', date: '2026-06-01' });
    expect(r.decision).toBe('needs-permit');
    expect(codes(r)).toContain('LIVE_TO_APPROPRIATE_DESTINATION');
    expect(r.documents.map((d) => `${d.type}@${d.issuer}`)).toEqual(['import-permit@CN', `export-permit@${exporter}`]);
    expect(r.conditions.map((c) => c.code)).toContain('APPROPRIATE_DESTINATION');
  });

  it('a hunting trophy from the same population needs the export permit only', () => {
    const r = decide(engine, { taxon: 'Loxodonta africana', exporter: 'ZW', importer: 'US', purpose: 'H', source: 'W', term: 'TRO', date: '2026-06-01' });
    expect(r.documents.map((d) => d.type)).toEqual(['export-permit']);
  });
});
