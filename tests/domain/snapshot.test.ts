import { describe, expect, it } from 'vitest';
import { type SnapshotSource, snapshotOf } from '../../src/store/domain/snapshot.js';

const source = (over: Partial<SnapshotSource> = {}): SnapshotSource => ({
  version: 3,
  asOf: '2025-02-07',
  parties: [{ code: 'KE', name: 'Kenya', entryIntoForce: '1979-03-13', left: null, territoryOf: null }],
  taxa: [
    { id: 1, name: 'Animalia', rank: 'KINGDOM', kingdom: 'Animalia', author: null, parentId: null, distribution: [] },
    { id: 2, name: 'Loxodonta africana', rank: 'SPECIES', kingdom: 'Animalia', author: 'Blumenbach, 1797', parentId: 1, distribution: ['KE', 'TZ'] },
    { id: 3, name: 'Loxodonta cyclotis', rank: 'SPECIES', kingdom: 'Animalia', author: null, parentId: 1, distribution: ['CM'] },
  ],
  names: new Map([[2, { synonyms: [{ name: 'Elephas africanus', author: 'Blumenbach' }], commonNames: [{ lang: 'en', name: 'African savannah elephant' }] }]]),
  listings: [
    {
      id: 9,
      taxonId: 2,
      appendix: 'I',
      partyCode: null,
      effectiveFrom: '1990-01-18',
      effectiveTo: null,
      mayStartFrom: null,
      populations: { exclude: ['BW', 'NA', 'ZA', 'ZW'] },
      exclusions: [],
      annotation: null,
      hashAnnotation: null,
      specimens: null,
    },
  ],
  reservations: [],
  quotas: [],
  suspensions: [],
  codes: [
    { kind: 'sources', code: 'W', retired: false, replacedBy: null },
    { kind: 'terms', code: 'IVP', retired: true, replacedBy: 'IVC' },
    { kind: 'terms', code: 'TUS', retired: false, replacedBy: null },
    { kind: 'units', code: 'KIL', retired: false, replacedBy: null },
  ],
  ...over,
});

describe('snapshotOf', () => {
  const snapshot = snapshotOf(source());

  it('names records by id, as text', () => {
    expect(snapshot.datasetVersion).toBe('3');
    expect(snapshot.taxa[1]).toMatchObject({ id: '2', parentId: '1' });
    expect(snapshot.listings[0]).toMatchObject({ id: '9', taxonId: '2', party: null });
  });

  it('keeps distributions only for taxa with entries of their own', () => {
    expect(snapshot.taxa[1]!.distribution).toEqual(['KE', 'TZ']);
    expect(snapshot.taxa[2]).not.toHaveProperty('distribution');
  });

  it('gives synonyms by name only, and common names with their language', () => {
    expect(snapshot.taxa[1]).toMatchObject({ synonyms: ['Elephas africanus'], commonNames: [{ lang: 'en', name: 'African savannah elephant' }] });
    expect(snapshot.taxa[0]).toMatchObject({ synonyms: [], commonNames: [] });
  });

  it('writes mayStartFrom only when the start is in doubt', () => {
    expect(snapshot.listings[0]).not.toHaveProperty('mayStartFrom');
    const doubtful = source().listings.map((l) => ({ ...l, mayStartFrom: '1975-07-01' }));
    expect(snapshotOf(source({ listings: doubtful })).listings[0]!.mayStartFrom).toBe('1975-07-01');
  });

  it('lists the term and unit codes, with the retired ones and what replaced them', () => {
    expect(snapshot.codes).toEqual({ terms: ['IVP', 'TUS'], units: ['KIL'], retired: { terms: { IVP: 'IVC' }, units: {} } });
  });
});
