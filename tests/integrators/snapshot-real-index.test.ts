/**
 * Issue: for integrators — an engine fed GET /v1/snapshot gives the server's decisions, on
 * the real 2017 Checklist with the Species+ restriction tables.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEngine, type Engine } from '@cites-permit-check/engine';
import { runImport } from '../../src/importers/index.js';
import { testApp, TEST_NOW, type TestApp } from '../helpers/app.js';
import { dataFile, describeWithData } from '../importers/shared-data.js';

describeWithData('an integrator engine on the real Checklist', ['index', 'parties', 'reservations', 'quotas', 'suspensions'], () => {
  let t: TestApp;
  let engine: Engine;
  let names: string[];

  beforeAll(async () => {
    t = await testApp({ data: 'empty' });
    await runImport(t.store, 'parties', readFileSync(dataFile('parties')), { actor: 'test' });
    await runImport(t.store, 'index', readFileSync(dataFile('index')), { actor: 'test', asOf: '2017-04-21' });
    for (const kind of ['reservations', 'quotas', 'suspensions'] as const) await runImport(t.store, kind, readFileSync(dataFile(kind)), { actor: 'test' });
    await t.app.services.engines.refresh();
    const snapshot = (await t.app.inject({ url: '/v1/snapshot', headers: { 'accept-encoding': 'identity' } })).json();
    engine = createEngine(snapshot, { today: () => TEST_NOW.toISOString().slice(0, 10) });
    // A spread of real names: every 97th taxon, plus its synonyms and common names.
    names = snapshot.taxa
      .filter((_: unknown, i: number) => i % 97 === 0)
      .flatMap((x: { name: string; synonyms: string[]; commonNames: { name: string }[] }) => [
        x.name,
        ...x.synonyms.slice(0, 1),
        ...x.commonNames.slice(0, 1).map((c) => c.name),
      ]);
  }, 180_000);
  afterAll(() => t?.close());

  it('answers exactly as POST /v1/trade-checks for generated trades', async () => {
    const trade = fc.record(
      {
        taxon: fc.constantFrom(...names),
        exporter: fc.constantFrom('BW', 'KE', 'ZA', 'CN', 'US', 'DE', 'AF', 'EG', 'MX', 'ID', 'BR', 'FR'),
        importer: fc.constantFrom('DE', 'CN', 'JP', 'US', 'AE'),
        origin: fc.option(fc.constantFrom('MX', 'IN', 'XX'), { nil: undefined }),
        purpose: fc.constantFrom('T', 'H', 'S', 'P', 'Z'),
        source: fc.constantFrom('W', 'C', 'A', 'D', 'R', 'O', 'X', 'F'),
        term: fc.option(fc.constantFrom('LIV', 'SKI', 'TRO', 'SEE', 'LOG', 'CAV', 'IVC'), { nil: undefined }),
        date: fc.option(fc.constantFrom('2017-06-01', '2020-01-01', '2026-06-01'), { nil: undefined }),
      },
      { requiredKeys: ['taxon', 'exporter', 'importer', 'purpose', 'source'] },
    );
    await fc.assert(
      fc.asyncProperty(trade, async (req) => {
        const res = await t.app.inject({ method: 'POST', url: '/v1/trade-checks', payload: req });
        const { decisionId: _drop, ...server } = res.json();
        // The server decides with its register's record of quota use: nothing endorsed here, so 0 of every quota.
        expect(engine.check(req, { quotaUse: new Map() })).toEqual(server);
      }),
      { numRuns: 400 },
    );
  });
});
