/**
 * Issue 20, part 3: the diff a reviewer reads before a sync changes anything, from the data
 * held and the incoming data alone (no store).
 */
import { expect, it } from 'vitest';
import { Bundle, type BundleInput } from '../../src/contract/bundle.js';
import { diffBundles } from '../../src/sync/diff.js';

const bundle = (b: Omit<BundleInput, 'format'>) => Bundle.parse({ format: 'cites-bundle/1', ...b });
const taxa = [
  { name: 'Panthera pardus', rank: 'SPECIES', externalId: '8619' },
  { name: 'Mellivora capensis', rank: 'SPECIES', externalId: '5386' },
  { name: 'Psittacus erithacus', rank: 'SPECIES', externalId: '9644' },
] as const;

const held = bundle({
  asOf: '2026-01-01',
  taxa: [...taxa],
  listings: [
    { taxon: 'Panthera pardus', appendix: 'I', effectiveFrom: '1975-07-01' },
    { taxon: 'Psittacus erithacus', appendix: 'II', effectiveFrom: '1981-06-06' },
    { taxon: 'Mellivora capensis', appendix: 'III', party: 'GH', effectiveFrom: '1976-02-26' },
  ],
  quotas: [{ taxon: 'Panthera pardus', exporter: 'NA', quantity: 250, effectiveFrom: '2018-01-01' }],
  suspensions: [{ country: 'DJ', taxon: null, purposes: ['T'], effectiveFrom: '2016-08-25' }],
});

it('a sync bringing the same data changes nothing', () => {
  const d = diffBundles(held, held);
  expect(d.unchanged).toBe(true);
  expect(d.listingHistoryChanged).toBe(0);
});

it('names moves between Appendices, added and ended entries, renamed taxa, quotas and suspensions, with counts', () => {
  const incoming = bundle({
    asOf: '2026-11-01',
    taxa: [
      { ...taxa[0] },
      { ...taxa[1] },
      { name: 'Psittacus erithacus erithacus', rank: 'SUBSPECIES', externalId: '9644' },
      { name: 'Loxodonta africana', rank: 'SPECIES', externalId: '4521' },
    ],
    listings: [
      { taxon: 'Panthera pardus', appendix: 'I', effectiveFrom: '1975-07-01' },
      { taxon: 'Psittacus erithacus', appendix: 'II', effectiveFrom: '1981-06-06', effectiveTo: '2017-01-02' },
      { taxon: 'Psittacus erithacus', appendix: 'I', effectiveFrom: '2017-01-02' },
      { taxon: 'Mellivora capensis', appendix: 'III', party: 'GH', effectiveFrom: '1976-02-26', effectiveTo: '2026-06-01' },
      { taxon: 'Mellivora capensis', appendix: 'III', party: 'BW', effectiveFrom: '2026-06-01' },
    ],
    quotas: [
      { taxon: 'Panthera pardus', exporter: 'NA', quantity: 250, effectiveFrom: '2018-01-01', effectiveTo: '2026-01-01' },
      { taxon: 'Panthera pardus', exporter: 'NA', quantity: 0, effectiveFrom: '2026-01-01' },
    ],
    suspensions: [
      { country: 'DJ', taxon: null, purposes: ['T'], effectiveFrom: '2016-08-25' },
      { country: 'CF', taxon: 'Panthera pardus', purposes: ['T'], effectiveFrom: '2026-03-30' },
    ],
  });
  const d = diffBundles(held, incoming);
  expect(d.unchanged).toBe(false);
  expect(d.appendixChanges.items).toEqual([{ taxon: 'Psittacus erithacus', from: ['II'], to: ['I'] }]);
  expect(d.listingsAdded.items.map((l) => [l.taxon, l.appendix, l.party])).toEqual([
    ['Psittacus erithacus', 'I', null],
    ['Mellivora capensis', 'III', 'BW'],
  ]);
  expect(d.listingsEnded.items.map((l) => [l.taxon, l.appendix, l.party])).toEqual([
    ['Psittacus erithacus', 'II', null],
    ['Mellivora capensis', 'III', 'GH'],
  ]);
  expect(d.taxaAdded.items).toEqual([{ name: 'Loxodonta africana', externalId: '4521' }]);
  expect(d.namesChanged.items).toEqual([{ externalId: '9644', from: 'Psittacus erithacus', to: 'Psittacus erithacus erithacus' }]);
  expect(d.quotasAdded.items).toEqual([{ taxon: 'Panthera pardus', country: 'NA', effectiveFrom: '2026-01-01', detail: '0' }]);
  expect(d.quotasEnded.count).toBe(1);
  expect(d.suspensionsAdded.items).toEqual([{ taxon: 'Panthera pardus', country: 'CF', effectiveFrom: '2026-03-30', detail: 'purposes T' }]);
  expect(d.suspensionsEnded.count).toBe(0);
  // The Psittacus II entry now ends, one I entry starts; the GH entry ends, the BW one starts.
  expect(d.listingHistoryChanged).toBe(6);
});

it('lists a limited number of taxa per kind of change but always counts them all', () => {
  const many = Array.from({ length: 250 }, (_, i) => ({ name: `Testus species${String.fromCharCode(97 + (i % 26))}${i}`, rank: 'SPECIES' as const }));
  const d = diffBundles(held, bundle({ asOf: '2026-11-01', taxa: many }));
  expect(d.taxaAdded).toMatchObject({ count: 250, truncated: true });
  expect(d.taxaAdded.items).toHaveLength(200);
});
