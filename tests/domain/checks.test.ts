import { describe, expect, it } from 'vitest';
import type { BundleListing } from '../../src/contract/bundle.js';
import { dateProblems, type KnownCodes, listingProblems, termProblems, unitProblems } from '../../src/store/domain/checks.js';
import { TaxonDirectory } from '../../src/store/taxon-directory.js';

const known: KnownCodes = { terms: new Set(['LIV', 'SKI']), units: new Set(['KIL']), parties: new Set(['IN', 'NP']) };
const taxa = new TaxonDirectory([
  { id: 1, name: 'Pholidota', kingdom: 'Animalia' },
  { id: 2, name: 'Pholidota', kingdom: 'Plantae' },
  { id: 3, name: 'Manis crassicaudata', kingdom: 'Animalia' },
]);
const listing = (over: Partial<BundleListing>): BundleListing => ({
  taxon: 'Manis crassicaudata',
  appendix: 'I',
  party: null,
  effectiveFrom: '2017-01-02',
  effectiveTo: null,
  mayStartFrom: null,
  populations: null,
  excludedTaxa: [],
  annotation: null,
  hashAnnotation: null,
  hashAnnotationText: null,
  specimens: null,
  source: null,
  ...over,
});

describe('record checks', () => {
  it('an end date must come after the start', () => {
    expect(dateProblems('/quotas/0', '2024-01-01', '2024-01-01')).toEqual([{ pointer: '/quotas/0/effectiveTo', detail: 'must be after effectiveFrom' }]);
    expect(dateProblems('/quotas/0', '2024-01-01', null)).toEqual([]);
  });

  it('refuses unknown term and unit codes, unless no codes are loaded', () => {
    expect(termProblems('/t', ['LIV', 'XXX'], known)).toEqual([{ pointer: '/t/1', detail: 'unknown term code XXX' }]);
    expect(termProblems('/t', ['XXX'], { ...known, terms: new Set() })).toEqual([]);
    expect(unitProblems('/u', 'LBS', known)).toEqual([{ pointer: '/u', detail: 'unknown unit code LBS' }]);
  });
});

describe('listingProblems', () => {
  it('accepts a plain Appendix I entry', () => {
    expect(listingProblems(listing({}), '/listings/0', known, taxa)).toEqual([]);
  });

  it('gives a listing Party to Appendix III entries only', () => {
    expect(listingProblems(listing({ party: 'IN' }), '/listings/0', known, taxa)).toEqual([
      { pointer: '/listings/0/party', detail: 'only Appendix III entries have a listing Party' },
    ]);
    expect(listingProblems(listing({ appendix: 'III', party: 'XX' }), '', known, taxa)).toEqual([{ pointer: '/party', detail: 'unknown party XX' }]);
  });

  it('asks which Pholidota is meant', () => {
    const [problem] = listingProblems(listing({ taxon: 'Pholidota' }), '', known, taxa);
    expect(problem!.pointer).toBe('/taxon');
    expect(problem!.detail).toContain('"Pholidota [Animalia]" or "Pholidota [Plantae]"');
  });

  it('reads an excluded taxon in the kingdom of the listed one', () => {
    const order = listing({ taxon: 'Pholidota [Animalia]', appendix: 'II', excludedTaxa: ['Manis crassicaudata'] });
    expect(listingProblems(order, '', known, taxa)).toEqual([]);
  });
});
