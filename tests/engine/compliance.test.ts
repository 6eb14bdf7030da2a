import { describe, expect, it } from 'vitest';
import { createEngine, quotaDraws } from '@cites-permit-check/engine';
import { RULES_BUNDLE } from '../fixtures/rules-bundle.js';
import { codes, decide, docs, rulesEngine, snapshotOf } from '../helpers/engine.js';

const engine = rulesEngine();

describe('R18 — export quotas, including zero quotas (Art. IV(3), Res. Conf. 14.7)', () => {
  const saiga = { taxon: 'Saiga tatarica', exporter: 'KZ', importer: 'CN', term: 'HOR' } as const;
  it('wild saiga for commercial purposes: zero quota → deny (since 2019-11-26)', () => {
    const r = decide(rulesEngine(), { ...saiga, term: 'SKI', purpose: 'T', source: 'W' });
    expect(r.decision).toBe('deny');
    expect(codes(r)).toEqual(['ZERO_QUOTA']);
  });
  it('the zero quota does not block captive-bred or non-commercial trade (pitfall 16)', () => {
    expect(decide(engine, { ...saiga, term: 'SKI', purpose: 'T', source: 'C' }).decision).toBe('needs-permit');
    expect(decide(engine, { ...saiga, term: 'SKI', purpose: 'S', source: 'W' }).decision).toBe('needs-permit');
  });
  it('before the quota took effect the export was possible with a permit', () => {
    expect(decide(engine, { ...saiga, term: 'SKI', purpose: 'T', source: 'W', date: '2019-11-25' }).decision).toBe('needs-permit');
  });
  it('quotas limit exports, not re-exports', () => {
    expect(decide(engine, { ...saiga, term: 'SKI', purpose: 'T', source: 'W', exporter: 'CH', origin: 'KZ' }).decision).toBe('needs-permit');
  });
  it('a positive quota becomes a condition; a shipment above the whole quota is denied', () => {
    const leopard = { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO' } as const;
    const r = decide(engine, { ...leopard, quantity: 2 });
    expect(r.decision).toBe('needs-permit');
    expect(r.conditions.find((c) => c.code === 'WITHIN_QUOTA')?.message).toContain('250');
    expect(decide(engine, { ...leopard, quantity: 300 }).decision).toBe('deny');
  });
  it('a quota on source F covers F specimens although the rules read F as W (Notification 1998/14)', () => {
    // A constructed zero quota on F (born in captivity) saiga from Kazakhstan.
    const withF = createEngine(
      snapshotOf({
        ...RULES_BUNDLE,
        quotas: [
          ...RULES_BUNDLE.quotas!,
          { taxon: 'Saiga tatarica', exporter: 'KZ', quantity: 0, sources: ['F'], effectiveFrom: '2020-01-01', notes: 'constructed for this test' },
        ],
      }),
      { today: () => '2026-11-01' },
    );
    expect(codes(decide(withF, { ...saiga, term: 'SKI', purpose: 'S', source: 'F' }))).toContain('ZERO_QUOTA');
    expect(codes(decide(withF, { ...saiga, term: 'SKI', purpose: 'S', source: 'W' }))).not.toContain('ZERO_QUOTA');
    // ... and the annotation's zero quota on W still covers F specimens read as W.
    expect(codes(decide(engine, { ...saiga, term: 'SKI', purpose: 'T', source: 'F' }))).toContain('ZERO_QUOTA');
  });
  it('a quota on some specimen types, with no term given: flagged for review', () => {
    const r = decide(engine, { taxon: 'Panthera leo', exporter: 'ZA', importer: 'CN', purpose: 'T', source: 'W' });
    expect(r.reviewRequired).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('QUOTA_TERM_UNKNOWN');
    expect(decide(engine, { taxon: 'Panthera leo', exporter: 'ZA', importer: 'CN', purpose: 'T', source: 'W', term: 'BON' }).decision).toBe('deny');
  });
});

describe('R18 — what endorsed exports have used of a quota (Res. Conf. 14.7; issue #19 item 4)', () => {
  // Namibia's annual quota of 250 leopard skins and trophies (Res. Conf. 10.14 (Rev. CoP19)).
  const trophy = { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', date: '2026-11-01' } as const;
  const standing = (r: ReturnType<typeof decide>) => r.quotas?.[0];
  const withUse = (request: object, used: number, key = standing(decide(engine, trade(1)))!.key) => {
    const r = engine.check(request, { quotaUse: new Map([[key, used]]) });
    if ('status' in r) throw new Error(JSON.stringify(r));
    return r;
  };
  const trade = (quantity: number, date: string = trophy.date) => ({ ...trophy, quantity, date });

  it('without a record of use the answer names the quota and says its use is unknown', () => {
    const q = standing(decide(engine, trade(1)));
    expect(q).toMatchObject({ exporter: 'NA', taxon: 'Panthera pardus', quantity: 250, used: null, remaining: null });
    // Counted per calendar year: the 2026 exports.
    expect(q?.counted).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });
  it('an export within what is left needs its permit, and the condition says how much is left', () => {
    const r = withUse(trade(1), 249);
    expect(r.decision).toBe('needs-permit');
    expect(standing(r)).toMatchObject({ used: 249, remaining: 1 });
    expect(r.conditions.find((c) => c.code === 'WITHIN_QUOTA')?.message).toContain('left: 1');
  });
  it('an export beyond what is left is denied, citing Art. IV(3) and Res. Conf. 14.7', () => {
    const r = withUse(trade(2), 249);
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]).toMatchObject({ code: 'QUOTA_EXHAUSTED', rule: 'R18' });
    expect(r.reasons[0]!.article).toBe('Art. IV(3); Res. Conf. 14.7');
    expect(r.reasons[0]!.message).toContain('249 already exported, 1 left');
    expect(standing(r)).toMatchObject({ used: 249, remaining: 1 });
  });
  it("last year's exports do not count against this year's quota", () => {
    const lastYear = standing(decide(engine, trade(1, '2025-06-01')))!.key;
    expect(withUse(trade(2), 250, lastYear).decision).toBe('needs-permit');
    expect(withUse(trade(2, '2025-12-31'), 250, lastYear).decision).toBe('deny');
  });
  it('under the policy quota-period, everything exported while the quota is in force counts', () => {
    const whole = createEngine(snapshotOf(RULES_BUNDLE), { today: () => '2026-11-01', policy: { quotaCountedPer: 'quota-period' } });
    const q = standing(decide(whole, trade(1)))!;
    expect(q.counted).toEqual({ from: '1997-06-10', to: null });
    const r = whole.check(trade(1), { quotaUse: new Map([[q.key, 250]]) });
    expect('decision' in r && r.decision).toBe('deny');
  });
  it('re-exports draw on no quota, and an export draws its quantity in the quota unit (nothing when denied)', () => {
    expect(decide(engine, { ...trade(1), exporter: 'ZA', origin: 'NA' }).quotas).toBeUndefined();
    const request = trade(3);
    const r = decide(engine, request);
    expect(quotaDraws({ ...request }, r)).toEqual([{ key: standing(r)!.key, quantity: 3 }]);
    const denied = decide(engine, trade(300));
    expect(quotaDraws(trade(300), denied)).toEqual([]);
  });
});

describe('R36 — recommendations to suspend trade (Art. XIII, Res. Conf. 14.3)', () => {
  const amazon = { taxon: 'Amazona aestiva', purpose: 'T', source: 'C' } as const;
  it('exports from a country under a suspension are denied, citing the Notification', () => {
    const r = decide(engine, { ...amazon, exporter: 'AF', importer: 'DE' });
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]).toMatchObject({ code: 'SC_TRADE_SUSPENSION' });
    expect(r.reasons[0]!.message).toContain('2013/018');
  });
  it('imports into it too when the recommendation covers them', () => {
    expect(decide(engine, { ...amazon, exporter: 'DE', importer: 'AF' }).decision).toBe('deny');
  });
  it('before the recommendation, trade was possible', () => {
    expect(decide(engine, { ...amazon, exporter: 'AF', importer: 'DE', date: '2012-01-01' }).decision).toBe('needs-permit');
  });
  it('a Party may implement suspensions as review (policy)', () => {
    const r = decide(rulesEngine({ suspensions: 'review' }), { ...amazon, exporter: 'AF', importer: 'DE' });
    expect(r.decision).toBe('needs-permit');
    expect(r.reviewRequired).toBe(true);
  });
  it('unlisted species are not affected', () => {
    expect(decide(engine, { taxon: 'Melopsittacus undulatus', exporter: 'AF', importer: 'DE', purpose: 'T', source: 'C' }).decision).toBe('allow');
  });
  const withSuspensions = (suspensions: NonNullable<typeof RULES_BUNDLE.suspensions>) =>
    createEngine(snapshotOf({ ...RULES_BUNDLE, suspensions: [...RULES_BUNDLE.suspensions!, ...suspensions] }), { today: () => '2026-11-01' });
  it('a suspension of commercial trade (purpose T) does not cover personal effects or scientific purposes', () => {
    const e = withSuspensions([
      {
        country: 'BO',
        taxon: null,
        purposes: ['T'],
        appliesToImports: true,
        effectiveFrom: '2020-01-01',
        notes: 'All commercial trade (constructed for this test)',
      },
    ]);
    expect(codes(decide(e, { ...amazon, exporter: 'BO', importer: 'DE' }))).toContain('SC_TRADE_SUSPENSION');
    for (const purpose of ['P', 'S'] as const) {
      expect(codes(decide(e, { ...amazon, purpose, exporter: 'BO', importer: 'DE' })), purpose).not.toContain('SC_TRADE_SUSPENSION');
    }
  });
  it('a recommendation whose wording could not be mapped is flagged for review, citing it, not denied', () => {
    const e = withSuspensions([
      {
        country: 'BO',
        taxon: null,
        purposes: ['T'],
        effectiveFrom: '2020-01-01',
        notification: '2020/001',
        notes: 'Commercial trade in Appendix II species (constructed for this test)',
        review: true,
      },
    ]);
    const r = decide(e, { taxon: 'Amazona aestiva', exporter: 'BO', importer: 'DE', purpose: 'T', source: 'W' });
    expect(r.decision).toBe('needs-permit');
    expect(r.reviewRequired).toBe(true);
    expect(r.warnings.find((w) => w.code === 'SUSPENSION_SCOPE_UNCERTAIN')?.message).toMatch(/BO, Notification No\. 2020\/001.*Appendix II species/);
  });
  it('a suspension of wild-taken specimens covers W; F (read as W for permits) is flagged, not denied', () => {
    const e = withSuspensions([
      {
        country: 'BO',
        taxon: null,
        purposes: ['T'],
        sources: ['W'],
        effectiveFrom: '2020-01-01',
        notes: 'Exports of wild-taken specimens for commercial purposes (constructed for this test)',
      },
    ]);
    expect(codes(decide(e, { taxon: 'Amazona aestiva', exporter: 'BO', importer: 'DE', purpose: 'T', source: 'W' }))).toContain('SC_TRADE_SUSPENSION');
    const bornInCaptivity = decide(e, { taxon: 'Amazona aestiva', exporter: 'BO', importer: 'DE', purpose: 'T', source: 'F' });
    expect(codes(bornInCaptivity)).not.toContain('SC_TRADE_SUSPENSION');
    expect(bornInCaptivity.reviewRequired).toBe(true);
    expect(codes(decide(e, { taxon: 'Amazona aestiva', exporter: 'BO', importer: 'DE', purpose: 'T', source: 'C' }))).not.toContain('SC_TRADE_SUSPENSION');
  });
});

describe('R41 — code consistency (Res. Conf. 12.3): never a silent allow', () => {
  it('source A (plants) on an animal is read as wild and flagged', () => {
    const r = decide(engine, { taxon: 'Amazona aestiva', exporter: 'AR', importer: 'DE', purpose: 'T', source: 'A' });
    expect(r.reviewRequired).toBe(true);
    expect(codes(r)).toContain('SOURCE_CODE_INCONSISTENT');
    expect(r.alternatives).toEqual([]);
  });
  it('source C (animals) on a plant is read as wild and flagged', () => {
    const r = decide(engine, { taxon: 'Paphiopedilum rothschildianum', exporter: 'CN', importer: 'DE', purpose: 'T', source: 'C', term: 'LIV' });
    expect(r.decision).toBe('deny');
    expect(r.reviewRequired).toBe(true);
  });
  it('source D outside Appendix I is flagged', () => {
    const r = decide(engine, { taxon: 'Amazona aestiva', exporter: 'ZA', importer: 'DE', purpose: 'T', source: 'D' });
    expect(r.reviewRequired).toBe(true);
  });
  it('source X (high seas) with the exporter named as country of origin: read as a wild export from that State, flagged', () => {
    // Walrus ivory "from the sea" whose origin is Canada, the listing Party: a catch in
    // Canadian waters is an export by the listing Party (Art. V(2)), not an introduction from the sea.
    const r = decide(engine, { taxon: 'Odobenus rosmarus', exporter: 'CA', importer: 'US', origin: 'CA', purpose: 'T', source: 'X', term: 'IVC' });
    expect(r.decision).toBe('needs-permit');
    expect(r.movement).toBe('export');
    expect(docs(r)).toEqual(['export-permit@CA']);
    expect(r.reviewRequired).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('SOURCE_X_WITH_ORIGIN');
  });
  it('source X landed in the flag State with that State as origin stays an introduction from the sea, flagged', () => {
    const r = decide(engine, { taxon: 'Carcharhinus longimanus', exporter: 'ES', importer: 'ES', origin: 'ES', purpose: 'T', source: 'X', term: 'FIN' });
    expect(r.movement).toBe('introduction-from-the-sea');
    expect(docs(r)).toEqual(['introduction-from-the-sea-certificate@ES']);
    expect(r.reviewRequired).toBe(true);
  });
  it('sources U and I always need review', () => {
    expect(decide(engine, { taxon: 'Amazona aestiva', exporter: 'ZA', importer: 'DE', purpose: 'T', source: 'U' }).reviewRequired).toBe(true);
    expect(decide(engine, { taxon: 'Amazona aestiva', exporter: 'ZA', importer: 'DE', purpose: 'L', source: 'I' }).reviewRequired).toBe(true);
  });
});
