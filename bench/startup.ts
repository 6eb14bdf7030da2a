/**
 * Start-up and memory: from process start to the first answered trade check, with the full
 * 2017 Checklist in the database, and the resident memory then (targets: ≤ 1.5 s, ≤ 300 MB).
 * Baseline in the same run: a bare Fastify app answering one route, started the same way.
 * Runs alternate between the two so that drift in the machine's speed hits both.
 * `npx tsx bench/startup.ts [--runs 5]`
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../scripts/build.js';
import { freePort } from '../tests/helpers/server-process.js';
import { fullChecklistDatabase, median, ROOT, rssMb, waitFor, writeResult } from './lib.js';

const BARE = `import Fastify from 'fastify';
const app = Fastify();
app.post('/v1/trade-checks', async () => ({ decision: 'allow' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`;

async function once(entry: string, env: Record<string, string>) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [entry], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  const body = JSON.stringify({ taxon: 'Loxodonta africana', exporter: 'KE', importer: 'DE', purpose: 'T', source: 'W', term: 'IVC' });
  await waitFor(`http://127.0.0.1:${port}/v1/trade-checks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const ms = performance.now() - started;
  const rss = rssMb(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { ms, rss };
}

export async function benchStartup(runs = 5) {
  const work = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  try {
    const db = join(work, 'cites.db');
    copyFileSync(await fullChecklistDatabase(), db);
    await buildServer();
    const bare = join(ROOT, `.bench-bare-${process.pid}.mjs`); // inside the project, so 'fastify' resolves
    writeFileSync(bare, BARE);
    const service: { ms: number; rss: number }[] = [];
    const baseline: { ms: number; rss: number }[] = [];
    try {
      await once(join(ROOT, 'dist/server.js'), { DATABASE_PATH: db }); // first start caches the snapshot
      for (let i = 0; i < runs; i++) {
        baseline.push(await once(bare, {}));
        service.push(await once(join(ROOT, 'dist/server.js'), { DATABASE_PATH: db }));
      }
    } finally {
      rmSync(bare, { force: true });
    }
    const result = {
      dataset: 'CITES Checklist 2017 (38,839 taxa) + Species+ tables',
      firstAnswerMs: Math.round(median(service.map((s) => s.ms))),
      rssMb: Math.round(median(service.map((s) => s.rss))),
      baselineBareFastify: { firstAnswerMs: Math.round(median(baseline.map((s) => s.ms))), rssMb: Math.round(median(baseline.map((s) => s.rss))) },
      ratioToBareFastify: Number((median(service.map((s) => s.ms)) / median(baseline.map((s) => s.ms))).toFixed(2)),
      targets: { firstAnswerMs: 1500, rssMb: 300 },
      runsMs: service.map((s) => Math.round(s.ms)),
    };
    writeResult('startup', result);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--runs');
  console.log(JSON.stringify(await benchStartup(at >= 0 ? Number(process.argv[at + 1]) : 5), null, 2));
}
