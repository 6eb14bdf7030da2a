/**
 * `npx tsx bench/documents.ts`: what verifying presented documents adds to a trade check
 * (issue #19: a check with two documents to verify stays within 80 % of the throughput of one
 * without). In-process, on the default dataset in an in-memory database, through the use case
 * the route calls (the register lookup, the engine, serialising and storing the decision). The
 * baseline, measured in the same run and alternated with it, is the same trade check without
 * documents. HTTP adds parsing and validating the documents and a longer answer, and a file
 * database makes the register's freshness read cost more: bench/documents-http.ts measures
 * the check as a customs system sees it.
 */
import { checkTrade } from '../src/application/check-trade.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { loadDefaultDataset } from '../src/seed/index.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import type { TradeCheckRequest } from '@cites-permit-check/engine/contract/trade-check';

const store = SqliteStore.open(':memory:');
loadDefaultDataset(store);
const app = await buildApp({ config: loadConfig({ LOAD_SHED_EVENT_LOOP_DELAY_MS: '0', RATE_LIMIT_ITEMS_PER_MINUTE: '0' }), store });
await app.ready();
const permit = { exporter: 'NA', importer: 'DE', purpose: 'H' as const, items: [{ taxon: 'Panthera pardus', term: 'TRO', quantity: 1, source: 'W' as const }] };
await store.createPermit({ ...permit, type: 'import-permit', number: 'DE-E-1', issuer: 'DE', issuedOn: '2026-10-01', registeredAs: 'received' }, 'bench');
await store.createPermit({ ...permit, type: 'export-permit', number: 'NA-1', issuer: 'NA', issuedOn: '2026-10-20', registeredAs: 'issued' }, 'bench');

const trade: TradeCheckRequest = {
  taxon: 'Panthera pardus',
  exporter: 'NA',
  importer: 'DE',
  purpose: 'H',
  source: 'W',
  term: 'TRO',
  quantity: 1,
  date: '2026-11-01',
};
const withDocuments: TradeCheckRequest = {
  ...trade,
  presented: [
    { type: 'import-permit', number: 'DE-E-1', issuer: 'DE' },
    { type: 'export-permit', number: 'NA-1', issuer: 'NA' },
  ],
};
const caller = { keyId: null, actor: 'bench', limitKey: 'bench' };

async function rate(request: TradeCheckRequest, n: number): Promise<number> {
  const started = performance.now();
  // 50 in flight at a time, as the HTTP benchmark's connections are: the decision log commits them together.
  for (let i = 0; i < n; i += 50) await Promise.all(Array.from({ length: 50 }, () => checkTrade(app.services, caller, request)));
  return (n / (performance.now() - started)) * 1000;
}

const first = await checkTrade(app.services, caller, withDocuments);
if (!('json' in first) || JSON.parse(first.json).decision !== 'allow') throw new Error(`the documents do not clear the trade: ${JSON.stringify(first)}`);
await rate(trade, 5_000); // warm-up
await rate(withDocuments, 5_000);
const runs: { without: number; with: number }[] = [];
for (let round = 0; round < 5; round++) runs.push({ without: await rate(trade, 10_000), with: await rate(withDocuments, 10_000) });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const without = median(runs.map((r) => r.without));
const withDocs = median(runs.map((r) => r.with));
console.log(
  JSON.stringify(
    {
      checksPerSecondWithout: Math.round(without),
      checksPerSecondWithTwoDocuments: Math.round(withDocs),
      ratio: Number((withDocs / without).toFixed(3)),
      goal: '≥ 0.8',
      runs: runs.map((r) => ({ without: Math.round(r.without), with: Math.round(r.with) })),
    },
    null,
    2,
  ),
);
await app.close();
await store.close();
