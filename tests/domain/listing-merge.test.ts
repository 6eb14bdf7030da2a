import { describe, expect, it } from 'vitest';
import { canonicalListing } from '../../src/store/domain/canonical.js';
import { type IncomingListing, ListingMerge, type StoredListing } from '../../src/store/domain/listing-merge.js';

const GREY_PARROT = 5;
const bundleEntry = (over: Partial<IncomingListing> = {}): IncomingListing => ({
  taxon: 'Psittacus erithacus',
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

type Stored = StoredListing & { entry: IncomingListing };
const stored = (id: number, entry: IncomingListing, origin = 'species-plus'): Stored => ({
  id,
  origin,
  taxonId: GREY_PARROT,
  appendix: entry.appendix,
  partyCode: entry.party,
  populations: entry.populations,
  effectiveFrom: entry.effectiveFrom,
  effectiveTo: entry.effectiveTo,
  mayStartFrom: entry.mayStartFrom,
  entry,
});
const merger = (rows: Stored[], opts: Partial<ConstructorParameters<typeof ListingMerge>[1]> = {}) =>
  new ListingMerge(rows, { origin: 'species-plus', ...opts }, (r) => canonicalListing(r.entry));

describe('ListingMerge', () => {
  const appendixII = bundleEntry({ appendix: 'II', effectiveFrom: '1981-06-06', effectiveTo: '2017-01-02' });
  const appendixI = bundleEntry();

  it('leaves entries that did not change and updates only the one whose annotation changed', () => {
    const merge = merger([stored(1, appendixII), stored(2, appendixI)]);
    const annotated = { ...appendixI, annotation: { en: 'Wild specimens only' } };
    expect(merge.step(GREY_PARROT, appendixII, '/listings/0')).toMatchObject({ action: 'unchanged', existing: { id: 1 } });
    const step = merge.step(GREY_PARROT, annotated, '/listings/1');
    expect(step).toMatchObject({ action: 'update', existing: { id: 2 } });
    expect(step.action === 'update' && step.record.annotation).toEqual({ en: 'Wild specimens only' });
  });

  it('creates an entry with a new start date (a new natural key)', () => {
    const merge = merger([stored(1, appendixII)]);
    expect(merge.step(GREY_PARROT, appendixI, '/listings/0')).toMatchObject({ action: 'create', record: { appendix: 'I', effectiveFrom: '2017-01-02' } });
  });

  it('refuses the same entry twice in one bundle', () => {
    const merge = merger([]);
    merge.step(GREY_PARROT, appendixI, '/listings/0');
    expect(merge.step(GREY_PARROT, { ...appendixI, annotation: { en: 'x' } }, '/listings/4')).toEqual({ action: 'duplicate', of: '/listings/0' });
  });

  it('leaves taxa that another source lists to it', () => {
    const merge = merger([stored(1, appendixI, 'history')], { origin: 'index', yieldsListingsTo: ['history'] });
    expect(merge.step(GREY_PARROT, appendixI, '/listings/0')).toEqual({ action: 'left to another source' });
  });

  describe('a file that gives only the current state (continueOpenEntries)', () => {
    it('continues the open entry of its origin, keeping the date it started', () => {
      const merge = merger([stored(2, appendixI, 'index')], { origin: 'index', continueOpenEntries: true });
      const todaysFile = bundleEntry({ effectiveFrom: '2025-03-01' });
      expect(merge.step(GREY_PARROT, todaysFile, '/listings/0')).toMatchObject({ action: 'unchanged', existing: { id: 2 } });
    });

    it("does not continue another origin's entry", () => {
      const merge = merger([stored(2, appendixI, 'species-plus')], { origin: 'index', continueOpenEntries: true });
      expect(merge.step(GREY_PARROT, bundleEntry({ effectiveFrom: '2025-03-01' }), '/listings/0')).toMatchObject({ action: 'create' });
    });

    it('a new entry may have begun after the last change known for the taxon', () => {
      const ended = bundleEntry({ appendix: 'II', effectiveFrom: '1981-06-06', effectiveTo: '2017-01-02' });
      const merge = merger([stored(1, ended, 'index')], { origin: 'index', continueOpenEntries: true });
      const step = merge.step(GREY_PARROT, bundleEntry({ effectiveFrom: '2025-03-01', mayStartFrom: '1975-07-01' }), '/listings/0');
      expect(step).toMatchObject({ action: 'create', record: { effectiveFrom: '2025-03-01', mayStartFrom: '2017-01-02' } });
    });
  });
});
