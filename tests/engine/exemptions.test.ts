import { describe, expect, it } from 'vitest';
import { codes, decide, docs, rulesEngine } from '../helpers/engine.js';

const engine = rulesEngine();

describe('R23 — transit under customs control (Art. VII(1), Res. Conf. 9.7)', () => {
  it('the transit State requires no document', () => {
    const r = decide(engine, { taxon: 'Panthera tigris', exporter: 'IN', importer: 'AE', purpose: 'Z', source: 'W', claims: { inTransit: true } });
    expect(r.decision).toBe('allow');
    expect(r.documents).toEqual([]);
    expect(r.conditions.map((c) => c.code)).toEqual(['UNDER_CUSTOMS_CONTROL']);
  });
});

describe('R24 — pre-Convention specimens (Art. VII(2), Res. Conf. 13.6)', () => {
  const skin = { taxon: 'Panthera tigris', exporter: 'GB', importer: 'US', purpose: 'T', source: 'O', term: 'SKI' } as const;
  it('acquired before the first listing: a pre-Convention certificate replaces all permits, even for App. I', () => {
    const r = decide(engine, { ...skin, claims: { acquiredBefore: '1970-01-01' } });
    expect(r.decision).toBe('needs-permit');
    expect(docs(r)).toEqual(['pre-convention-certificate@GB']);
    expect(codes(r)).toEqual(['PRE_CONVENTION']);
  });
  it('uses the date of FIRST inclusion in any Appendix, not the current listing (pitfall 8)', () => {
    // Elephant: App. III 1976, App. I only from 1990. Acquired in 1985 is not pre-Convention.
    const r = decide(engine, {
      taxon: 'Loxodonta africana',
      exporter: 'GB',
      importer: 'US',
      purpose: 'T',
      source: 'O',
      term: 'IVC',
      claims: { acquiredBefore: '1985-01-01' },
    });
    expect(r.decision).toBe('deny');
    expect(r.reviewRequired).toBe(true);
    expect(codes(r)).toContain('PRE_CONVENTION_NOT_SHOWN');
  });
  it('source O without an acquisition date is treated as wild and flagged (R41)', () => {
    const r = decide(engine, { ...skin });
    expect(r.decision).toBe('deny');
    expect(r.reviewRequired).toBe(true);
  });
});

describe('R25 — personal and household effects (Art. VII(3), Res. Conf. 13.7)', () => {
  const caviar = { taxon: 'Acipenser baerii', exporter: 'FR', importer: 'DE', purpose: 'P', source: 'C', term: 'CAV' } as const;
  it('caviar within the 125 g limit is exempt', () => {
    const r = decide(engine, { ...caviar, quantity: 100, unit: 'GRM', claims: { personalEffects: true, ownerResidence: 'DE' } });
    expect(r.decision).toBe('allow');
    expect(codes(r)).toEqual(['PERSONAL_EFFECTS']);
  });
  it('caviar above the limit needs normal documents', () => {
    const r = decide(engine, { ...caviar, quantity: 0.25, unit: 'KIL', claims: { personalEffects: true, ownerResidence: 'DE' } });
    expect(r.decision).toBe('needs-permit');
    expect(codes(r)).toContain('PERSONAL_EFFECTS_LIMIT_EXCEEDED');
  });
  it('an Appendix-I souvenir bought abroad and brought home is not exempt (Art. VII(3)(a))', () => {
    const r = decide(engine, {
      taxon: 'Panthera pardus',
      exporter: 'KE',
      importer: 'DE',
      purpose: 'P',
      source: 'W',
      term: 'SKI',
      claims: { personalEffects: true, ownerResidence: 'DE' },
    });
    expect(r.decision).toBe('needs-permit');
    expect(codes(r)).toContain('PERSONAL_EFFECTS_SOUVENIR_APP_I');
    expect(docs(r)).toEqual(['export-permit@KE', 'import-permit@DE']);
  });
  it('an Appendix-I item owned at home travels with its owner without documents', () => {
    const r = decide(engine, {
      taxon: 'Panthera pardus',
      exporter: 'DE',
      importer: 'FR',
      purpose: 'P',
      source: 'O',
      term: 'SKI',
      claims: { personalEffects: true, ownerResidence: 'DE' },
    });
    expect(r.decision).toBe('allow');
  });
  it("a wild App. II souvenir from its country of origin needs that country's export permit (Art. VII(3)(b))", () => {
    const r = decide(engine, {
      taxon: 'Amazona aestiva',
      exporter: 'AR',
      importer: 'DE',
      purpose: 'P',
      source: 'W',
      term: 'FEA',
      claims: { personalEffects: true, ownerResidence: 'DE' },
    });
    expect(docs(r)).toEqual(['export-permit@AR']);
    expect(codes(r)).toEqual(['PERSONAL_EFFECTS_APP_II_WILD_ORIGIN']);
  });
  it('live animals are not personal effects under the default policy', () => {
    const r = decide(engine, {
      taxon: 'Amazona aestiva',
      exporter: 'FR',
      importer: 'DE',
      purpose: 'P',
      source: 'C',
      term: 'LIV',
      claims: { personalEffects: true, ownerResidence: 'DE' },
    });
    expect(r.decision).toBe('needs-permit');
    expect(r.warnings.map((w) => w.code)).toContain('LIVE_PERSONAL_EFFECTS');
  });
  it('live eggs and fingerlings are live animals too', () => {
    for (const term of ['EGL', 'FIG']) {
      const r = decide(engine, { ...caviar, term, claims: { personalEffects: true, ownerResidence: 'DE' } });
      expect(r.decision, term).toBe('needs-permit');
      expect(r.warnings.map((w) => w.code)).toContain('LIVE_PERSONAL_EFFECTS');
    }
  });
  it('an animal without a trade term is not exempt: nothing shows it is not alive (stricter reading)', () => {
    const r = decide(engine, {
      taxon: 'Panthera pardus',
      exporter: 'DE',
      importer: 'FR',
      purpose: 'P',
      source: 'W',
      claims: { personalEffects: true, ownerResidence: 'DE' },
    });
    expect(r.decision).not.toBe('allow');
    expect(r.warnings.map((w) => w.code)).toContain('TERM_NEEDED_FOR_EXEMPTION');
  });
  it('caviar counted in pieces cannot be shown within the 125 g limit: not exempt (the stricter reading)', () => {
    const r = decide(engine, { ...caviar, quantity: 2, claims: { personalEffects: true, ownerResidence: 'DE' } });
    expect(r.decision).toBe('needs-permit');
    expect(codes(r)).toContain('PERSONAL_EFFECTS_LIMIT_EXCEEDED');
    expect(r.warnings.map((w) => w.code)).toContain('PERSONAL_EFFECTS_LIMIT_UNCHECKED');
  });
  it('a commercial purpose voids the claim', () => {
    const r = decide(engine, { ...caviar, purpose: 'T', quantity: 50, unit: 'GRM', claims: { personalEffects: true, ownerResidence: 'DE' } });
    expect(r.decision).toBe('needs-permit');
  });
});

describe('R27 — scientific exchange between registered institutions (Art. VII(6))', () => {
  it('preserved museum specimens: allowed with the label as a condition', () => {
    const r = decide(engine, {
      taxon: 'Panthera tigris',
      exporter: 'GB',
      importer: 'US',
      purpose: 'S',
      source: 'W',
      term: 'SPE',
      claims: { registeredInstitutions: true },
    });
    expect(r.decision).toBe('allow');
    expect(r.documents).toEqual([]);
    expect(r.conditions.map((c) => c.code)).toEqual(['BOTH_REGISTERED', 'LABELLED', 'NON_COMMERCIAL']);
  });
  it('never for live animals (pitfall 19)', () => {
    const r = decide(engine, {
      taxon: 'Panthera tigris',
      exporter: 'GB',
      importer: 'US',
      purpose: 'S',
      source: 'C',
      term: 'LIV',
      claims: { registeredInstitutions: true },
    });
    expect(r.decision).toBe('needs-permit');
    expect(r.warnings.map((w) => w.code)).toContain('CLAIM_NOT_APPLICABLE');
  });
  it('live eggs are live animals: hyacinth macaw eggs follow the Appendix-I rules', () => {
    const r = decide(engine, {
      taxon: 'Anodorhynchus hyacinthinus',
      exporter: 'BR',
      importer: 'DE',
      purpose: 'S',
      source: 'W',
      term: 'EGL',
      claims: { registeredInstitutions: true },
    });
    expect(r.decision).toBe('needs-permit');
    expect(docs(r)).toEqual(['export-permit@BR', 'import-permit@DE']);
  });
  it('an animal specimen without a trade term does not qualify (stricter reading)', () => {
    const r = decide(engine, { taxon: 'Panthera tigris', exporter: 'GB', importer: 'US', purpose: 'S', source: 'W', claims: { registeredInstitutions: true } });
    expect(r.decision).toBe('needs-permit');
    expect(r.warnings.map((w) => w.code)).toContain('TERM_NEEDED_FOR_EXEMPTION');
  });
  it('only between Parties: a non-Party has no Management Authority to register an institution', () => {
    const r = decide(engine, {
      taxon: 'Panthera tigris',
      exporter: 'GB',
      importer: 'TW',
      purpose: 'S',
      source: 'W',
      term: 'SPE',
      claims: { registeredInstitutions: true },
    });
    expect(r.decision).toBe('needs-permit');
    expect(r.warnings.map((w) => w.code)).toContain('CLAIM_NOT_APPLICABLE');
  });
});

describe('R28 — travelling exhibitions (Art. VII(7))', () => {
  it('captive-bred circus tigers travel on a travelling-exhibition certificate', () => {
    const r = decide(engine, {
      taxon: 'Panthera tigris',
      exporter: 'DE',
      importer: 'FR',
      purpose: 'Q',
      source: 'C',
      term: 'LIV',
      claims: { travellingExhibition: true },
    });
    expect(docs(r)).toEqual(['travelling-exhibition-certificate@DE']);
    expect(codes(r)).toEqual(['TRAVELLING_EXHIBITION']);
  });
  it('wild-caught exhibition animals do not qualify', () => {
    const r = decide(engine, {
      taxon: 'Panthera tigris',
      exporter: 'DE',
      importer: 'FR',
      purpose: 'Q',
      source: 'W',
      term: 'LIV',
      claims: { travellingExhibition: true },
    });
    expect(docs(r)).toEqual(['export-permit@DE', 'import-permit@FR']);
  });
});
