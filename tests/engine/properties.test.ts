/** Invariants of the engine, checked over generated trades (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PURPOSES, SOURCES } from '@cites-permit-check/engine/contract/codes';
import { createEngine } from '@cites-permit-check/engine';
import { decide, rulesEngine, snapshotOf } from '../helpers/engine.js';
import { RULES_BUNDLE } from '../fixtures/rules-bundle.js';

const engine = rulesEngine();
const COUNTRIES = ['US', 'CH', 'CA', 'ZA', 'BR', 'DE', 'GB', 'IN', 'BW', 'FR', 'KE', 'JP', 'CN', 'AR', 'ZW', 'NA', 'ES', 'AE', 'SA', 'TW', 'VA', 'HK', 'AF'];
const TERMS = ['LIV', 'SKI', 'TRO', 'HAI', 'TUS', 'IVC', 'SPE', 'CAV', 'SEE', 'FLO', 'LOG', 'SAW', 'FIN', 'BON'];
const TAXA = RULES_BUNDLE.taxa!.map((t) => t.name);

const request = fc.record(
  {
    taxon: fc.constantFrom(...TAXA),
    exporter: fc.constantFrom(...COUNTRIES),
    importer: fc.constantFrom(...COUNTRIES),
    origin: fc.option(fc.constantFrom(...COUNTRIES, 'XX'), { nil: undefined }),
    purpose: fc.constantFrom(...PURPOSES),
    source: fc.constantFrom(...SOURCES),
    term: fc.option(fc.constantFrom(...TERMS), { nil: undefined }),
    quantity: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    date: fc.integer({ min: Date.UTC(1974, 0, 1), max: Date.UTC(2026, 10, 1) }).map((t) => new Date(t).toISOString().slice(0, 10)),
    claims: fc.option(
      fc.record(
        {
          personalEffects: fc.boolean(),
          ownerResidence: fc.constantFrom(...COUNTRIES),
          registeredInstitutions: fc.boolean(),
          travellingExhibition: fc.boolean(),
          acquiredBefore: fc.constantFrom('1960-01-01', '1980-01-01', '2000-01-01'),
          inTransit: fc.boolean(),
          registeredOperation: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  },
  { requiredKeys: ['taxon', 'exporter', 'importer', 'purpose', 'source', 'date'] },
);

describe('engine properties', () => {
  it('allow and deny never carry documents; needs-permit always does', () => {
    fc.assert(
      fc.property(request, (req) => {
        const r = decide(engine, req);
        if (r.decision === 'needs-permit') expect(r.documents.length).toBeGreaterThan(0);
        else {
          expect(r.documents).toEqual([]);
          expect(r.alternatives).toEqual([]);
        }
        expect(r.reasons.length).toBeGreaterThan(0);
        for (const reason of r.reasons) expect(reason.article).not.toBe('');
      }),
      { numRuns: 3000 },
    );
  });

  it('an Appendix-I wild specimen traded for purpose T between Parties is always denied (Art. III(3)(c))', () => {
    const appendixI = fc.record({
      taxon: fc.constantFrom('Panthera tigris', 'Panthera pardus', 'Anodorhynchus hyacinthinus', 'Paphiopedilum rothschildianum', 'Pristis pectinata'),
      exporter: fc.constantFrom('US', 'CH', 'ZA', 'DE', 'GB', 'IN', 'FR', 'KE', 'JP', 'CN', 'BR'),
      importer: fc.constantFrom('US', 'CH', 'ZA', 'DE', 'GB', 'IN', 'FR', 'KE', 'JP', 'CN', 'BR'),
      term: fc.option(fc.constantFrom(...TERMS), { nil: undefined }),
      date: fc.integer({ min: Date.UTC(2008, 0, 1), max: Date.UTC(2026, 10, 1) }).map((t) => new Date(t).toISOString().slice(0, 10)),
    });
    fc.assert(
      fc.property(appendixI, (t) => {
        fc.pre(t.exporter !== t.importer);
        const r = decide(engine, { ...t, purpose: 'T', source: 'W' });
        expect(r.appendix).toBe('I');
        expect(r.decision).toBe('deny');
      }),
      { numRuns: 1000 },
    );
  });

  it('naming any ancestor of a listed taxon is never less strict than naming the taxon (Art. II; cites-rules §4.2)', () => {
    // The taxonomy from the snapshot the engine was built from (the engine keeps its indexes private).
    const taxa = new Map(snapshotOf(RULES_BUNDLE).taxa.map((t) => [t.id, t]));
    const rank = { I: 0, II: 1, III: 2 } as const;
    fc.assert(
      fc.property(request, (req) => {
        const own = decide(engine, req);
        if (own.appendix === null) return;
        const range = taxa.get(own.taxon.id)!.distribution;
        // A member whose range excludes the origin of a wild specimen cannot be it (members.ts).
        const country = req.origin ?? req.exporter;
        if (range?.length && ['W', 'R', 'X'].includes(req.source) && !range.includes(country)) return;
        for (let a = taxa.get(own.taxon.id)!.parentId; a !== null; a = taxa.get(a)!.parentId) {
          const ancestor = taxa.get(a)!;
          const above = decide(engine, { ...req, taxon: ancestor.name, kingdom: ancestor.kingdom });
          expect(above.appendix, `${ancestor.name} above ${own.taxon.name}`).not.toBeNull();
          expect(rank[above.appendix!]).toBeLessThanOrEqual(rank[own.appendix]);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('a taxon that is not listed, with no listed member, is always allowed, whatever the trade', () => {
    const unlisted = fc.constantFrom('Melopsittacus undulatus', 'Nymphicus hollandicus', 'Felis catus', 'Mus musculus', 'Muridae');
    fc.assert(
      fc.property(request, unlisted, (req, taxon) => {
        const r = decide(engine, { ...req, taxon });
        expect(r.decision).toBe('allow');
        expect(r.appendix).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic: the same request gives the same result, also from a freshly built engine', () => {
    const fresh = createEngine(snapshotOf(RULES_BUNDLE), { today: () => '2026-11-01' });
    fc.assert(
      fc.property(request, (req) => {
        const a = engine.check(req);
        expect(engine.check(req)).toEqual(a);
        expect(fresh.check(req)).toEqual(a);
      }),
      { numRuns: 500 },
    );
  });
});
