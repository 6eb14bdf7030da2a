/**
 * Decision-log commits: how long one group commit holds the event loop, with SQLite's
 * automatic WAL checkpoints (the baseline: every ~1,000 pages a commit also checkpoints and
 * fsyncs) and with the server's worker-thread checkpoints (src/db/checkpointer.ts), in the
 * same run. 12,000 commits of 5 decisions of the stored size (~630 bytes each).
 * `npx tsx bench/commits.ts`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCheckpointer } from '../src/db/checkpointer.js';
import { newDecisionId } from '../src/services/decision-log.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { writeResult } from './lib.js';

const COMMITS = 12_000;
const PER_COMMIT = 5;

async function commitTimes(worker: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-commits-'));
  const store = SqliteStore.open(join(dir, 'cites.db'));
  const checkpointer = worker ? startCheckpointer(store.sqlite) : null;
  const request = JSON.stringify({ taxon: 'Panthera tigris', exporter: 'IN', importer: 'DE', purpose: 'Z', source: 'W', pad: 'x'.repeat(40) });
  const result = `{"decision":"needs-permit","pad":"${'x'.repeat(490)}"}`;
  const times: number[] = [];
  try {
    for (let c = 0; c < COMMITS; c++) {
      const records = Array.from({ length: PER_COMMIT }, () => ({
        id: newDecisionId(),
        createdAt: new Date().toISOString(),
        datasetVersion: '1',
        decision: 'needs-permit',
        apiKeyId: null,
        request,
        result,
      }));
      const started = performance.now();
      await store.saveDecisions(records);
      times.push(performance.now() - started);
      // Give the worker's timer a turn now and then, as a serving event loop would.
      if (c % 500 === 0) await new Promise((r) => setImmediate(r));
    }
  } finally {
    await checkpointer?.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Number(times[Math.floor(q * (times.length - 1))]!.toFixed(3));
  return { p50Ms: at(0.5), p99Ms: at(0.99), p999Ms: at(0.999), maxMs: at(1), over5Ms: times.filter((t) => t > 5).length };
}

export async function benchCommits() {
  const automatic = await commitTimes(false);
  const worker = await commitTimes(true);
  const result = {
    settings: { commits: COMMITS, decisionsPerCommit: PER_COMMIT },
    automaticCheckpoints: automatic,
    workerCheckpoints: worker,
    ratios: { p999: Number((worker.p999Ms / automatic.p999Ms).toFixed(3)), max: Number((worker.maxMs / automatic.maxMs).toFixed(3)) },
  };
  writeResult('commits', result);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchCommits(), null, 2));
