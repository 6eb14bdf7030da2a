/**
 * npm run data:measure: the default dataset on the real Trade Database records of
 * tests/fixtures/trade-db (2015–2022): names resolved, listed specimens answered allow, the
 * Appendix applied against the record's, and the records of 2015–16 answered "not listed" (the
 * Index has no dates; the dataset and mayStartFrom must make up for it). With ../shared/data,
 * the same for a store holding the 2017 Index import only. The test suite pins the thresholds
 * (tests/dataset/real-shipments.test.ts); this prints the figures and what disagrees.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '@cites-permit-check/engine';
import { runImport } from '../src/importers/index.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { loadDefaultDataset } from '../src/seed/index.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { readShipments, statedAppendix } from '../tests/dataset/shipments.js';

const RANK: Record<string, number> = { I: 0, II: 1, III: 2 };
const shipments = readShipments();
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(2)} %`;

async function measure(label: string, store: SqliteStore, details: boolean): Promise<void> {
  const engine = createEngine(await store.snapshot(), { today: () => '2026-12-03' });
  const listed = shipments.filter((s) => s.appendix in RANK);
  let resolved = 0,
    allowed = 0,
    agreeing = 0,
    single = 0,
    singleAgreeing = 0,
    early = 0,
    earlyNotListed = 0;
  const disagree = new Map<string, number>();
  const unresolved = new Map<string, number>();
  for (const s of listed) {
    const r = engine.check(s.request);
    if (!('decision' in r)) {
      unresolved.set(s.taxon, (unresolved.get(s.taxon) ?? 0) + 1);
      continue;
    }
    resolved++;
    if (r.decision === 'allow') allowed++;
    const stated = statedAppendix(r);
    const severalListings = r.warnings.some((w) => w.code === 'MEMBER_DECIDES');
    if (!severalListings) single++;
    if (stated === s.appendix) {
      agreeing++;
      if (!severalListings) singleAgreeing++;
    } else
      disagree.set(
        `${s.taxon}: record ${s.appendix}, service ${stated ?? 'not listed'}`,
        (disagree.get(`${s.taxon}: record ${s.appendix}, service ${stated ?? 'not listed'}`) ?? 0) + 1,
      );
    if (s.year <= 2016) {
      early++;
      if (r.reasons.some((x) => x.code === 'NOT_LISTED')) earlyNotListed++;
    }
  }
  console.log(`\n${label}: ${listed.length} records of listed specimens`);
  console.log(`  names resolved                 ${resolved} (${pct(resolved, listed.length)})`);
  console.log(`  answered allow                 ${allowed} (${pct(allowed, resolved)})`);
  console.log(`  Appendix agrees with record    ${agreeing} (${pct(agreeing, resolved)})`);
  console.log(
    `    names of one listing         ${singleAgreeing} of ${single} (${pct(singleAgreeing, single)}); names covering several listings answered by the strictest: ${resolved - single}`,
  );
  console.log(`  2015–16 answered "not listed"  ${earlyNotListed} of ${early} (${pct(earlyNotListed, early)})`);
  if (!details) return;
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => `    ${v} × ${k}`)
      .join('\n');
  console.log(`  unresolved names:\n${top(unresolved)}`);
  console.log(`  disagreements:\n${top(disagree)}`);
}

const dataset = SqliteStore.open(':memory:');
loadDefaultDataset(dataset);
await measure('default dataset', dataset, process.argv.includes('--details'));
dataset.close();

const shared = join(PROJECT_ROOT, '..', 'shared', 'data');
if (existsSync(shared)) {
  const indexOnly = SqliteStore.open(':memory:');
  await runImport(indexOnly, 'parties', readFileSync(join(shared, 'parties', 'CITES_Parties_chronological_2017-10-19.csv')), { actor: 'measure' });
  await runImport(indexOnly, 'index', readFileSync(join(shared, 'checklist_index_2017', 'Index_of_CITES_Species_2017-04-21.csv.gz')), {
    actor: 'measure',
    asOf: '2017-04-21',
  });
  await measure('2017 Index import only (no dated history)', indexOnly, false);
  await indexOnly.close();
}
