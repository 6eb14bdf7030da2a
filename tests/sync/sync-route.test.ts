/**
 * Issue 20, part 3: POST /v1/syncs (admins) shows what a bulk file would change and, unless
 * a dry run, applies it: the dataset version goes up, trade checks use the new data at once,
 * the run is recorded and GET /v1/dataset shows the last success and the last failure, with
 * why. `npm run sync -- --dry-run --file …` prints the same diff and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncReport } from '../../src/contract/syncs.js';
import { DatasetView } from '../../src/routes/dataset.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { conforms, keyFor, type TestApp } from '../helpers/app.js';
import { BULK_SAMPLE, bulkGz, partiesOnlyApp } from './helpers.js';

describe('POST /v1/syncs with a bulk file', () => {
  let t: TestApp;
  let admin: string;
  const sync = (query: string, body: Buffer, key = admin) =>
    t.app.inject({ method: 'POST', url: `/v1/syncs?${query}`, payload: body, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/gzip' } });
  const dataset = async () => conforms(DatasetView, (await t.app.inject('/v1/dataset')).json());

  beforeAll(async () => {
    t = await partiesOnlyApp();
    admin = await keyFor(t, 'admin');
  });
  afterAll(() => t?.close());

  it('is for admins only', async () => {
    expect((await sync('dryRun=true', bulkGz(), await keyFor(t, 'officer'))).statusCode).toBe(403);
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const version = (await t.store.state()).version;
    const res = await sync('dryRun=true&asOf=2026-11-01&name=cites_eu_en.ndjson.gz', bulkGz());
    expect(res.statusCode).toBe(200);
    const report = conforms(SyncReport, res.json());
    expect(report).toMatchObject({ dryRun: true, summary: null });
    expect(report.diff.taxaAdded.count).toBe(4);
    expect(report.diff.appendixChanges.items).toContainEqual({ taxon: 'Loxodonta africana', from: [], to: ['I', 'II'] });
    expect(report.diff.suspensionsAdded.items).toContainEqual({ taxon: null, country: 'DJ', effectiveFrom: '2016-08-25', detail: 'purposes T' });
    expect((await t.store.state()).version).toBe(version);
    expect((await t.store.namesByExternalId()).size).toBe(0);
    expect((await dataset()).sync.lastSuccess).toBeNull();
  });

  it('applying bumps the version, trade checks see it, the run is recorded and audited', async () => {
    const version = (await t.store.state()).version;
    const res = await sync('asOf=2026-11-01&name=cites_eu_en.ndjson.gz', bulkGz());
    expect(res.statusCode).toBe(200);
    const report = conforms(SyncReport, res.json());
    expect(report.summary?.changed).toBe(true);
    expect((await t.store.state()).version).toBe(version + 1);
    const check = await t.app.inject({
      method: 'POST',
      url: '/v1/trade-checks',
      payload: { taxon: 'Panthera pardus', exporter: 'ET', importer: 'DE', purpose: 'T', source: 'W', term: 'SKI', quantity: 1, date: '2026-10-01' },
    });
    expect(check.json().decision).toBe('deny');
    const d = await dataset();
    expect(d.sync.lastSuccess).toMatchObject({
      via: 'bulk',
      source: 'Species+ bulk download cites_eu_en.ndjson.gz',
      actor: expect.stringContaining('admin'),
      datasetVersion: version + 1,
    });
    expect(d.source).toContain('cites_eu_en.ndjson.gz');
    const audit = (await t.app.inject({ url: '/v1/audit?entity=bundle', headers: { authorization: `Bearer ${admin}` } })).json();
    expect(audit.items[0]).toMatchObject({ action: 'import', entityId: 'species-plus', actor: expect.stringContaining('admin') });
    // The same file again: nothing to change, the version stays.
    const again = conforms(SyncReport, (await sync('asOf=2026-11-01&name=cites_eu_en.ndjson.gz', bulkGz())).json());
    expect(again.diff.unchanged).toBe(true);
    expect(again.summary?.changed).toBe(false);
  });

  it('a file that cannot be read is refused with its lines, changes nothing, and shows as the last failure', async () => {
    const version = (await t.store.state()).version;
    const res = await sync('asOf=2026-11-02&name=broken.ndjson.gz', bulkGz(`${BULK_SAMPLE}{"id": 1}\n`));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].detail).toMatch(/^line 7: .*full_name/);
    expect((await t.store.state()).version).toBe(version);
    const d = await dataset();
    expect(d.sync.lastFailure).toMatchObject({ source: 'Species+ bulk download broken.ndjson.gz', reason: expect.stringContaining('line 7') });
    expect(d.sync.lastSuccess?.source).toBe('Species+ bulk download cites_eu_en.ndjson.gz');
    const runs = (await t.app.inject({ url: '/v1/syncs', headers: { authorization: `Bearer ${admin}` } })).json();
    expect(runs.items.map((r: { status: string }) => r.status)).toEqual(['failed', 'succeeded', 'succeeded']);
  });
});

describe('npm run sync', async () => {
  it('--dry-run --file prints the diff and leaves the database as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cites-sync-cli-'));
    try {
      const db = join(dir, 'cites.db');
      const file = join(dir, 'cites_eu_en.ndjson.gz');
      writeFileSync(file, bulkGz());
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sync.ts', '--dry-run', '--file', file, '--as-of', '2026-11-01'], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_PATH: db, SEED: 'none' },
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('dry run, nothing written');
      expect(run.stdout).toMatch(/taxa added: 4 \(.*Loxodonta africana/);
      const store = SqliteStore.open(db);
      try {
        expect((await store.namesByExternalId()).has('9613')).toBe(false);
        expect(await store.syncRuns(10)).toEqual([]);
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
