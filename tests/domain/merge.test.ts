import { describe, expect, it } from 'vitest';
import { listingsTakenOver, NaturalKeyMerge, recordsToEnd, removalProblems, sameRecord } from '../../src/store/domain/merge.js';

describe('NaturalKeyMerge', () => {
  const quota = (quantity: number) => ({ taxon: 'Psittacus erithacus', exporter: 'CM', quantity, unit: null, effectiveFrom: '2024-01-01' });
  const stored = new Map([['cm-2024', { id: 7, canonical: quota(100) }]]);

  it('leaves a record the store has in the same form', () => {
    expect(new NaturalKeyMerge(stored).step('cm-2024', quota(100), '/quotas/0')).toEqual({ action: 'unchanged', id: 7 });
  });

  it('updates the stored record in place when a field changed', () => {
    expect(new NaturalKeyMerge(stored).step('cm-2024', quota(80), '/quotas/0')).toEqual({ action: 'update', id: 7 });
  });

  it('creates a record the store lacks', () => {
    expect(new NaturalKeyMerge(stored).step('cm-2025', quota(80), '/quotas/0')).toEqual({ action: 'create' });
  });

  it('refuses the same record twice in one bundle, naming the first', () => {
    const merge = new NaturalKeyMerge(stored);
    merge.step('cm-2025', quota(80), '/quotas/0');
    expect(merge.step('cm-2025', quota(90), '/quotas/3')).toEqual({ action: 'duplicate', of: '/quotas/0' });
  });
});

describe('sameRecord', () => {
  it('compares canonical records by their text, so field order is part of the form', () => {
    expect(sameRecord({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] })).toBe(true);
    expect(sameRecord({ a: 1, b: null }, { a: 1 })).toBe(false);
  });
});

describe('recordsToEnd', () => {
  const open = [
    { id: 1, effectiveFrom: '2019-11-26' },
    { id: 2, effectiveFrom: '2023-02-23' },
    { id: 3, effectiveFrom: '2025-06-01' },
  ];

  it('ends on the file date what the newer file no longer contains', () => {
    expect(recordsToEnd(open, new Set([2]), '2025-01-01')).toEqual([
      { id: 1, action: 'end' },
      { id: 3, action: 'drop' },
    ]);
  });

  it('drops a record that had not begun by then (there is nothing to end)', () => {
    expect(recordsToEnd([{ id: 9, effectiveFrom: '2025-01-01' }], new Set(), '2025-01-01')).toEqual([{ id: 9, action: 'drop' }]);
  });

  it('leaves everything the file still contains', () => {
    expect(recordsToEnd(open, new Set([1, 2, 3]), '2025-01-01')).toEqual([]);
  });
});

describe('listingsTakenOver', () => {
  const history = [
    { id: 1, taxonId: 10, origin: 'species-plus', effectiveFrom: '1975-07-01', effectiveTo: '1990-01-18' },
    { id: 2, taxonId: 10, origin: 'species-plus', effectiveFrom: '1990-01-18', effectiveTo: null },
    { id: 3, taxonId: 11, origin: 'species-plus', effectiveFrom: '1990-01-18', effectiveTo: null },
  ];

  it('removes the listings of the taxa a dated history covers', () => {
    expect(listingsTakenOver(history, new Set([10]), undefined)).toEqual([
      { id: 1, action: 'remove' },
      { id: 2, action: 'remove' },
    ]);
  });

  it('ends on its date what an official file supersedes, keeping what was over by then', () => {
    expect(listingsTakenOver(history, new Set([10, 11]), { origins: ['species-plus'], from: '2000-01-01' })).toEqual([
      { id: 2, action: 'end' },
      { id: 3, action: 'end' },
    ]);
  });

  it('removes a superseded entry that began on or after the take-over date', () => {
    const late = [{ id: 4, taxonId: 10, origin: 'species-plus', effectiveFrom: '2000-01-01', effectiveTo: null }];
    expect(listingsTakenOver(late, new Set([10]), { origins: ['species-plus'], from: '2000-01-01' })).toEqual([{ id: 4, action: 'remove' }]);
  });
});

describe('removalProblems', () => {
  it('refuses a replace that removes more than the allowed share', () => {
    expect(removalProblems({ taxa: 100, listings: 10, parties: 0 }, { taxa: 40, listings: 10, parties: 3 }, 0.5)).toEqual([
      {
        pointer: '/taxa',
        detail:
          'replacing would remove 60 of the 100 stored taxa (60 %), more than the 50 % allowed; send confirm=true to do it anyway (the audit trail keeps the store it replaces)',
      },
    ]);
  });

  it('accepts a replace within the share, and anything into an empty store', () => {
    expect(removalProblems({ taxa: 100, listings: 0 }, { taxa: 60, listings: 0 }, 0.5)).toEqual([]);
  });
});
