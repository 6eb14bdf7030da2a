import { describe, expect, it } from 'vitest';
import { createEngine } from '@cites-permit-check/engine';
import { RULES_BUNDLE } from '../fixtures/rules-bundle.js';
import { codes, decide, docs, rulesEngine, snapshotOf } from '../helpers/engine.js';

const engine = rulesEngine();
const trade = { exporter: 'KE', importer: 'DE', purpose: 'T', source: 'W' } as const;

describe('R1 — only listed specimens are regulated (Art. II(4), Art. I(b))', () => {
  it('a budgerigar, excepted from Psittaciformes, needs no CITES document', () => {
    const r = decide(engine, { ...trade, taxon: 'Melopsittacus undulatus', exporter: 'AR' });
    expect(r.decision).toBe('allow');
    expect(r.appendix).toBeNull();
    expect(codes(r)).toEqual(['EXCLUDED_FROM_LISTING']);
    expect(r.documents).toEqual([]);
  });

  it('the domestic cat is excepted from Felidae spp. (Interp. §1–3)', () => {
    const r = decide(engine, { ...trade, taxon: 'Felis catus' });
    expect(r.decision).toBe('allow');
    expect(codes(r)).toContain('EXCLUDED_FROM_LISTING');
  });

  it('a known unlisted taxon is allowed (Art. II(4))', () => {
    const r = decide(engine, { ...trade, taxon: 'Mus musculus' });
    expect(r.decision).toBe('allow');
    expect(codes(r)).toEqual(['NOT_LISTED']);
  });
  it('a higher taxon not listed itself is decided by its strictest listed member, flagged (never allow)', () => {
    // Bovidae is in the fixture as the family of the saiga (Appendix II): "Bovidae spp." may be a saiga.
    const r = decide(engine, { ...trade, taxon: 'Bovidae' });
    expect(r).toMatchObject({ decision: 'needs-permit', appendix: 'II', reviewRequired: true });
    expect(r.warnings.find((w) => w.code === 'MEMBER_DECIDES')?.message).toMatch(/Saiga/);
  });
});

describe('R3 — which parts and derivatives are covered (Art. I(b)(iii), Interp. §7)', () => {
  it('orchid seeds are exempted by annotation #4', () => {
    const r = decide(engine, { ...trade, taxon: 'Phalaenopsis amabilis', term: 'SEE', exporter: 'CN' });
    expect(r.decision).toBe('allow');
    expect(codes(r)).toEqual(['PART_NOT_COVERED']);
  });

  it('cut flowers of artificially propagated orchids are exempt, wild-collected flowers are not', () => {
    expect(decide(engine, { ...trade, taxon: 'Phalaenopsis amabilis', term: 'FLO', source: 'A', exporter: 'CN' }).decision).toBe('allow');
    expect(decide(engine, { ...trade, taxon: 'Phalaenopsis amabilis', term: 'FLO', source: 'W', exporter: 'CN' }).decision).toBe('needs-permit');
  });

  it('a # annotation does not reach Appendix-I orchids (pitfall 4): Paphiopedilum seeds are covered', () => {
    const r = decide(engine, { ...trade, taxon: 'Paphiopedilum rothschildianum', term: 'SEE', purpose: 'S', exporter: 'CN' });
    expect(r.appendix).toBe('I');
    expect(r.decision).toBe('needs-permit');
  });

  it('Cedrela odorata furniture is outside #6 (logs, sawn wood, veneer, plywood only)', () => {
    expect(decide(engine, { ...trade, taxon: 'Cedrela odorata', term: 'WOO', exporter: 'BR' }).decision).toBe('allow');
    expect(decide(engine, { ...trade, taxon: 'Cedrela odorata', term: 'SAW', exporter: 'BR' }).decision).toBe('needs-permit');
  });

  it('without a term, an annotated listing is applied in its stricter reading and flagged', () => {
    const r = decide(engine, { ...trade, taxon: 'Cedrela odorata', exporter: 'BR' });
    expect(r.decision).toBe('needs-permit');
    expect(r.reviewRequired).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('TERM_NEEDED_FOR_COVERAGE');
  });
});

describe('R2 — what counts as a trade event (Art. I(c)–(e))', () => {
  it('a movement inside one State is not trade under the Convention', () => {
    const r = decide(engine, { ...trade, taxon: 'Panthera tigris', exporter: 'IN', importer: 'IN' });
    expect(r.decision).toBe('allow');
    expect(r.movement).toBe('domestic');
    expect(codes(r)).toEqual(['NOT_INTERNATIONAL_TRADE']);
  });

  it('an origin different from the exporter makes a re-export', () => {
    const r = decide(engine, { ...trade, taxon: 'Amazona aestiva', exporter: 'CH', origin: 'AR' });
    expect(r.movement).toBe('re-export');
    expect(docs(r)).toEqual(['re-export-certificate@CH']);
  });

  // Hammerhead fins landed in Hong Kong from the high seas (origin ZZ), then sent to China.
  const fins = { taxon: 'Sphyrna lewini', exporter: 'HK', importer: 'CN', origin: 'ZZ', purpose: 'T', source: 'X', term: 'FIN' } as const;
  it('a specimen introduced from the sea and sent on is re-exported: App. III needs a re-export certificate (Art. V(4), pitfall 2)', () => {
    const r = decide(engine, { ...fins, date: '2013-06-01' });
    expect(r.movement).toBe('re-export');
    expect(r.decision).toBe('needs-permit');
    expect(docs(r)).toEqual(['re-export-certificate@HK']);
  });
  it('... and App. II a re-export certificate, not an export permit (Art. IV(5))', () => {
    const r = decide(engine, { ...fins, date: '2024-06-01' });
    expect(r.movement).toBe('re-export');
    expect(docs(r)).toEqual(['re-export-certificate@HK']);
    expect(r.reviewRequired).toBe(false);
  });

  it('an unknown State (XX) is never taken for a non-Party: no "outside the Convention" allow (R34, row 30)', () => {
    const r = decide(engine, { taxon: 'Panthera tigris', exporter: 'XX', importer: 'TW', purpose: 'T', source: 'W' });
    expect(r.decision).not.toBe('allow');
    expect(codes(r)).not.toContain('OUTSIDE_CITES');
    expect(r.reviewRequired).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('STATE_UNKNOWN');
  });
  it('an unknown State as importer of Appendix-I specimens: the Appendix-I documents, flagged', () => {
    const r = decide(engine, { taxon: 'Panthera tigris', exporter: 'IN', importer: 'XX', purpose: 'S', source: 'W' });
    expect(r.decision).toBe('needs-permit');
    expect(docs(r)).toEqual(['export-permit@IN', 'import-permit@XX']);
    expect(r.reviewRequired).toBe(true);
  });
  it('two unknown States are not taken for one: not a domestic movement', () => {
    const r = decide(engine, { taxon: 'Panthera tigris', exporter: 'XX', importer: 'XX', purpose: 'S', source: 'W' });
    expect(r.movement).toBe('export');
    expect(r.decision).toBe('needs-permit');
  });
});

describe('Listing resolution: an exclusion removes the taxon from that entry only (cites-rules §4.2)', () => {
  // A constructed listing (not a real one) of the order above Felidae, whose App. II entry
  // excepts the domestic cat: the resolution climbs past the exception to the order's entry.
  const withOrderEntry = createEngine(
    snapshotOf({ ...RULES_BUNDLE, listings: [...RULES_BUNDLE.listings!, { taxon: 'Carnivora', appendix: 'III', party: 'IN', effectiveFrom: '2030-01-01' }] }),
    { today: () => '2026-11-01' },
  );
  it('without a broader entry the excepted taxon is not listed', () => {
    const r = decide(withOrderEntry, { ...trade, taxon: 'Felis catus', date: '2029-12-31' });
    expect(r.decision).toBe('allow');
    expect(r.listing).toBeNull();
  });
  it('with one, the broader entry applies', () => {
    const r = decide(withOrderEntry, { ...trade, taxon: 'Felis catus', date: '2030-06-01' });
    expect(r.appendix).toBe('III');
    expect(r.listing).toMatchObject({ taxon: 'Carnivora', inherited: true });
  });
});

describe('Names resolve in any case and spacing; unknown names are reported, never allowed', () => {
  it('scientific names, synonyms and common names', () => {
    expect(decide(engine, { ...trade, taxon: '  panthera   TIGRIS ' }).taxon).toMatchObject({ name: 'Panthera tigris', matchedAs: 'accepted' });
    expect(decide(engine, { ...trade, taxon: 'Loxodonta cyclotis' }).taxon).toMatchObject({ name: 'Loxodonta africana', matchedAs: 'synonym' });
    expect(decide(engine, { ...trade, taxon: "ELEPHANT D'AFRIQUE" }).taxon).toMatchObject({ name: 'Loxodonta africana', matchedAs: 'common-name' });
  });

  it('a misspelled listed species gets 422 unknown-taxon with the right suggestion', () => {
    const p = engine.check({ ...trade, taxon: 'Panthera tigirs' });
    expect(p).toMatchObject({ status: 422, type: '/problems/unknown-taxon' });
    expect((p as { suggestions: { name: string }[] }).suggestions[0]!.name).toBe('Panthera tigris');
  });

  it('an unknown species of a listed genus inherits the higher-taxon listing, with a warning', () => {
    const r = decide(engine, { ...trade, taxon: 'Amazona kawalli' });
    expect(r.appendix).toBe('II');
    expect(r.taxon.matchedAs).toBe('genus');
    expect(r.listing?.taxon).toBe('Psittaciformes');
    expect(r.warnings.map((w) => w.code)).toContain('GENUS_INFERRED');
  });

  it('taxon and taxonId together must name the same taxon: a conflict is a 400, never a decision', () => {
    const tiger = decide(engine, { ...trade, taxon: 'Panthera tigris' });
    const budgie = decide(engine, { ...trade, taxon: 'Melopsittacus undulatus' });
    expect(decide(engine, { ...trade, taxon: 'tiger', taxonId: tiger.taxon.id }).decision).toBe('deny');
    const conflict = engine.check({ ...trade, taxon: 'Panthera tigris', taxonId: budgie.taxon.id });
    expect(conflict).toMatchObject({ status: 400, errors: [{ pointer: '#/taxonId' }] });
  });

  it('a name that matches nothing at all is a problem, not an allow', () => {
    expect(engine.check({ ...trade, taxon: 'Zzyzx nonexistens' })).toMatchObject({ status: 422 });
  });

  it('an unknown term code is a 400 naming the field', () => {
    expect(engine.check({ ...trade, taxon: 'Panthera tigris', term: 'XYZ' })).toMatchObject({ status: 400, errors: [{ pointer: '#/term' }] });
  });
});
