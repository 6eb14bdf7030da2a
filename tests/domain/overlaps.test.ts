import { describe, expect, it } from 'vitest';
import { describeOverlap, findOverlaps, type ListingSpan } from '../../src/store/domain/overlaps.js';

const PANTHERA_LEO = 101;
const entry = (over: Partial<ListingSpan> & { id: number }): ListingSpan & { id: number } => ({
  taxonId: PANTHERA_LEO,
  appendix: 'II',
  partyCode: null,
  populations: null,
  effectiveFrom: '1977-02-04',
  effectiveTo: null,
  ...over,
});

describe('findOverlaps', () => {
  it('refuses two Appendix II entries for the same taxon whose dates overlap', () => {
    const a = entry({ id: 1, effectiveFrom: '1977-02-04', effectiveTo: '2000-01-01' });
    const b = entry({ id: 2, effectiveFrom: '1999-06-01' });
    expect(findOverlaps([b, a])).toEqual([{ earlier: a, later: b }]);
  });

  it('accepts a change of Appendix on the day the earlier entry ends (effectiveTo is the first day it no longer applies)', () => {
    const appendixII = entry({ id: 1, effectiveFrom: '1977-02-04', effectiveTo: '1990-01-18' });
    const appendixI = entry({ id: 2, appendix: 'I', effectiveFrom: '1990-01-18' });
    expect(findOverlaps([appendixII, appendixI])).toEqual([]);
  });

  it('an open entry overlaps any later one of the same scope', () => {
    const open = entry({ id: 1 });
    const later = entry({ id: 2, appendix: 'I', effectiveFrom: '2020-01-01' });
    expect(findOverlaps([open, later])).toHaveLength(1);
  });

  it('lets different population scopes run side by side (Loxodonta africana: Appendix II for four countries, I for the rest)', () => {
    const four = { include: ['BW', 'NA', 'ZA', 'ZW'] };
    const appendixII = entry({ id: 1, taxonId: 7, populations: four, effectiveFrom: '2000-07-19' });
    const appendixI = entry({ id: 2, taxonId: 7, appendix: 'I', populations: { exclude: ['BW', 'NA', 'ZA', 'ZW'] }, effectiveFrom: '2000-07-19' });
    expect(findOverlaps([appendixII, appendixI])).toEqual([]);
  });

  it('reads the scope by its countries, not their order', () => {
    const a = entry({ id: 1, populations: { include: ['ZW', 'BW'] }, effectiveTo: '2010-01-01' });
    const b = entry({ id: 2, populations: { include: ['BW', 'ZW'] }, effectiveFrom: '2005-01-01' });
    expect(findOverlaps([a, b])).toHaveLength(1);
  });

  it('keeps Appendix III entries of different listing Parties apart', () => {
    const byIndia = entry({ id: 1, appendix: 'III', partyCode: 'IN' });
    const byNepal = entry({ id: 2, appendix: 'III', partyCode: 'NP', effectiveFrom: '1990-01-01' });
    expect(findOverlaps([byIndia, byNepal])).toEqual([]);
  });

  it('does not mix taxa', () => {
    expect(findOverlaps([entry({ id: 1 }), entry({ id: 2, taxonId: 102 })])).toEqual([]);
  });
});

describe('describeOverlap', () => {
  it('points at the later entry and names the earlier with its dates', () => {
    const earlier = entry({ id: 1, effectiveTo: '2000-01-01' });
    const later = entry({ id: 2, effectiveFrom: '1999-06-01' });
    const error = describeOverlap({ earlier, later }, 'Panthera leo', (l) => `/listings/${l.id}`);
    expect(error).toEqual({
      pointer: '/listings/2',
      detail:
        'overlaps /listings/1 (Panthera leo, Appendix II from 1977-02-04 to 2000-01-01): entries for the same taxon and population scope must not overlap in time',
    });
  });
});
