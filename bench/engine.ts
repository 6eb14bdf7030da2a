/**
 * In-process speed of the engine over the full 2017 Checklist: evaluations per second over
 * the request mix (target ≥ 300,000/s on one core), against a plain Map-lookup loop over
 * the same requests as the floor; and name resolution per second for exact, synonym,
 * case-insensitive and fuzzy queries. `npx tsx bench/engine.ts`
 */
import { TradeCheckRequest } from '@cites-permit-check/engine/contract/trade-check';
import { createEngine, normaliseName } from '@cites-permit-check/engine';
// The name index is internal to the engine: the benchmark builds it from the package's sources
// to time the lookups alone (nothing outside bench/ reaches inside the package).
import { buildEngineData } from '../packages/engine/src/data.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { fullChecklistDatabase, median, writeResult } from './lib.js';
import { TRADE_MIX } from './mix.js';

/** Calls `fn` for about `ms` milliseconds, five times; the median rate per second. */
function rate(fn: (i: number) => unknown, ms = 1000): number {
  const rates: number[] = [];
  let sink = 0;
  for (let round = 0; round < 6; round++) {
    let n = 0;
    const started = performance.now();
    let now = started;
    while (now - started < ms) {
      for (let k = 0; k < 1000; k++) sink += fn(n++) ? 1 : 0;
      now = performance.now();
    }
    if (round > 0) rates.push((n / (now - started)) * 1000); // round 0 warms the JIT up
  }
  if (sink < 0) console.log(sink);
  return Math.round(median(rates));
}

export async function benchEngine() {
  const store = SqliteStore.open(await fullChecklistDatabase());
  const snapshot = await store.snapshot();
  await store.close();
  const engine = createEngine(snapshot, { today: () => '2026-11-01' });
  const requests = TRADE_MIX.map((r) => TradeCheckRequest.parse(r));
  for (const r of requests) {
    const out = engine.evaluate(r);
    if ('status' in out) throw new Error(`mix item ${r.taxon}: ${out.detail}`);
  }

  // The floor: a plain Map lookup per request (what any engine must at least do).
  const byName = new Map(snapshot.taxa.map((t) => [t.name, t]));
  const names = requests.map((r) => r.taxon!.trim());
  const mapLookups = rate((i) => byName.get(names[i % names.length]!));
  const evaluations = rate((i) => engine.evaluate(requests[i % requests.length]!));

  const data = buildEngineData(snapshot);
  const withSynonyms = snapshot.taxa.filter((t) => t.synonyms.length > 0);
  const exact = snapshot.taxa.slice(0, 2000).map((t) => t.name);
  const synonyms = withSynonyms.slice(0, 2000).map((t) => t.synonyms[0]!);
  const sloppy = exact.map((n) => `  ${n.toUpperCase().replace(' ', '   ')} `);
  const misspelt = exact.slice(0, 200).map((n) => n.slice(0, -2) + n.slice(-1) + n.slice(-2, -1));
  const lookup = (list: string[]) => rate((i) => data.names.lookup(normaliseName(list[i % list.length]!)).found, 500);
  data.names.warmUp();
  const result = {
    dataset: { taxa: snapshot.taxa.length, listings: snapshot.listings.length, names: data.names.size },
    engine: {
      evaluationsPerSecond: evaluations,
      mapLookupsPerSecond: mapLookups,
      ratioToMapLookup: Number((evaluations / mapLookups).toFixed(3)),
      target: 300_000,
    },
    names: {
      exactPerSecond: lookup(exact),
      synonymPerSecond: lookup(synonyms),
      caseAndSpacingPerSecond: lookup(sloppy),
      fuzzyPerSecond: rate((i) => data.names.suggest(normaliseName(misspelt[i % misspelt.length]!)).length, 500),
    },
  };
  writeResult('engine', result);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchEngine(), null, 2));
}
