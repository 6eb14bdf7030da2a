import { SqliteStore } from '../src/store/sqlite/store.ts';
import { createEngine } from '../src/engine/index.ts';
import { TradeCheckRequest } from '../src/contract/trade-check.ts';
import { tradeCheckResultJson } from '../src/http/trade-check-json.ts';
import { newDecisionId } from '../src/services/decision-log.ts';
import { TRADE_MIX } from './mix.ts';
import { copyFileSync } from 'node:fs';
copyFileSync('bench/.cache/checklist-2017.db', '/tmp/hb/p.db');
const store = SqliteStore.open('/tmp/hb/p.db');
const engine = createEngine(store.snapshot(), { today: () => '2026-11-01' });
const items = Array.from({ length: 10000 }, (_, i) => TRADE_MIX[i % TRADE_MIX.length]);
const body = JSON.stringify({ items });
for (let round = 0; round < 4; round++) {
  const t: Record<string, number> = {}; let t0 = performance.now();
  const parsedBody = JSON.parse(body); t.jsonParse = performance.now() - t0; t0 = performance.now();
  const reqs = parsedBody.items.map((x: unknown) => TradeCheckRequest.safeParse(x).data!); t.zod = performance.now() - t0; t0 = performance.now();
  const results = reqs.map((r: any) => engine.evaluate(r, '2026-11-01')); t.engine = performance.now() - t0; t0 = performance.now();
  const texts = results.map((r: any) => { r.decisionId = newDecisionId(); return tradeCheckResultJson(r); }); t.serialise = performance.now() - t0; t0 = performance.now();
  const reqTexts = reqs.map((r: any) => JSON.stringify(r)); t.reqStringify = performance.now() - t0; t0 = performance.now();
  store.saveDecisions(results.map((r: any, i: number) => ({ id: r.decisionId, createdAt: '2026-11-01T00:00:00Z', datasetVersion: '1', decision: r.decision, apiKeyId: null, request: reqTexts[i], result: texts[i] }))); t.store = performance.now() - t0;
  console.log(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)])), 'avg result bytes', Math.round(texts.reduce((n: number, x: string) => n + x.length, 0) / texts.length));
}
const sample = items.slice(0, 16).map((x: any) => engine.evaluate(TradeCheckRequest.parse(x), '2026-11-01')) as any[];
console.log(tradeCheckResultJson(sample[5]).slice(0, 3000));
for (const [name, fn] of [['stringify', (r: any) => JSON.stringify(r)], ['cached', (r: any) => tradeCheckResultJson(r)], ['id', () => newDecisionId()], ['listing', (r: any) => JSON.stringify(r.listing)], ['taxon', (r: any) => JSON.stringify(r.taxon)]] as const) {
  let t0 = performance.now(); let n = 0; for (let i = 0; i < 200000; i++) n += (fn as any)(sample[i % 16]).length; console.log(name, ((performance.now() - t0) / 200000 * 1000).toFixed(2), 'µs');
}
