import { describe, expect, it } from 'vitest';
import { codes, decide, docs, rulesEngine } from '../helpers/engine.js';

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
    // Bovidae is in the fixture only as the family of the saiga: not listed itself.
    const r = decide(engine, { ...trade, taxon: 'Bovidae' });
    expect(r.decision).toBe('allow');
    expect(codes(r)).toEqual(['NOT_LISTED']);
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

  it('a name that matches nothing at all is a problem, not an allow', () => {
    expect(engine.check({ ...trade, taxon: 'Zzyzx nonexistens' })).toMatchObject({ status: 422 });
  });

  it('an unknown term code is a 400 naming the field', () => {
    expect(engine.check({ ...trade, taxon: 'Panthera tigris', term: 'XYZ' })).toMatchObject({ status: 400, errors: [{ pointer: '#/term' }] });
  });
});
