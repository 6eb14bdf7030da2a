/**
 * Issue 20, part 4: the API sync against a local fake Species+ (fake-species-plus.ts) serving
 * the bulk sample's concepts two per page. It gives the same data as the bulk file, asks only
 * for what changed since the last success, survives 429 (waiting as Retry-After says), 500
 * and cut connections, refuses a bad token, and a run that fails part-way changes nothing
 * and is continued, not restarted, by the next one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncFromApi } from '../../src/application/sync-api.js';
import { syncFromFile } from '../../src/application/sync.js';
import { loadConfig } from '../../src/config.js';
import type { Bundle } from '../../src/contract/bundle.js';
import { SpeciesPlusError } from '../../src/sync/api-client.js';
import type { TestApp } from '../helpers/app.js';
import { FakeSpeciesPlus, TOKEN } from './fake-species-plus.js';
import { bulkGz, partiesOnlyApp, sampleConcepts } from './helpers.js';
import { Readable } from 'node:stream';

const AS_OF = '2026-11-01';
const opts = { actor: 'test', dryRun: false, today: '2026-11-01', asOf: AS_OF };

/** What the store holds of the Species+ data (the dataset's own source line aside). */
const data = (b: Bundle) => ({ taxa: b.taxa, listings: b.listings, reservations: b.reservations, quotas: b.quotas, suspensions: b.suspensions });

async function viaBulkFile(concepts: Record<string, unknown>[]): Promise<ReturnType<typeof data>> {
  const t = await partiesOnlyApp();
  try {
    const text = `${concepts.map((c) => JSON.stringify(c)).join('\n')}\n`;
    await syncFromFile(t.store, Readable.from([bulkGz(text)]), 'cites_eu_en.ndjson.gz', opts);
    return data(await t.store.exportBundle());
  } finally {
    await t.close();
  }
}

describe('the Species+ API sync', () => {
  let fake: FakeSpeciesPlus;
  let t: TestApp;
  let waits: number[];
  const config = (env: Record<string, string> = {}) =>
    loadConfig({
      SPECIES_PLUS_TOKEN: TOKEN,
      SPECIES_PLUS_URL: fake.url,
      SPECIES_PLUS_INTERVAL_MS: '0',
      SPECIES_PLUS_RETRIES: '2',
      SPECIES_PLUS_TIMEOUT_MS: '2000',
      ...env,
    });
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  const sync = (env: Record<string, string> = {}, dryRun = false) => syncFromApi(t.store, config(env), { ...opts, dryRun }, sleep);
  const legislationReads = () => fake.requests.filter((r) => r.includes('/cites_legislation')).map((r) => r.split('/')[4]);

  beforeEach(async () => {
    fake = new FakeSpeciesPlus(sampleConcepts());
    await fake.start();
    t = await partiesOnlyApp();
    waits = [];
  });
  afterEach(async () => {
    await t.close();
    await fake.stop();
  });

  it('reads every page (Link, Total-Count) and each taxon whole: the same data as the bulk file', async () => {
    const report = await sync();
    expect(
      fake.requests
        .filter((r) => r.startsWith('/api/v1/taxa_concepts') || r.startsWith('/api/v1/taxon_concepts?'))
        .map((r) => new URL(r, 'http://x').searchParams.get('page')),
    ).toEqual(['1', '2', '3']);
    expect(fake.requests.some((r) => r.includes('updated_since'))).toBe(false);
    // Legislation and distributions are read for accepted names only (5 of the 6 concepts).
    expect(legislationReads().sort()).toEqual(['17253', '4521', '7777', '8619', '9613']);
    expect(report.summary?.changed).toBe(true);
    expect(data(await t.store.exportBundle())).toEqual(await viaBulkFile(sampleConcepts()));
  });

  it('asks next for the changes since the last success only, and a second run with none changes nothing', async () => {
    await sync();
    const version = (await t.store.state()).version;
    fake.requests.length = 0;
    const quiet = await sync();
    const since = new URL(fake.requests[0]!, 'http://x').searchParams.get('updated_since');
    expect(since).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(legislationReads()).toEqual([]);
    expect(quiet.summary?.changed).toBe(false);
    expect((await t.store.state()).version).toBe(version);

    // Species+ changes the leopard: a new zero quota from Namibia.
    const changed = sampleConcepts();
    const leopard = changed.find((c) => c.id === 8619)!;
    leopard.updated_at = new Date(Date.now() + 60_000).toISOString();
    (leopard.cites_quotas as unknown[]).push({
      id: 304,
      taxon_concept_id: 8619,
      quota: 0,
      publication_date: '2026-06-01',
      is_current: true,
      geo_entity: { iso_code2: 'MZ' },
    });
    fake.concepts = changed;
    fake.requests.length = 0;
    const delta = await sync();
    expect(legislationReads()).toEqual(['8619']);
    expect(delta.diff.quotasAdded.items).toEqual([{ taxon: 'Panthera pardus', country: 'MZ', effectiveFrom: '2026-06-01', detail: '0' }]);
    expect((await t.store.state()).version).toBe(version + 1);
    expect(data(await t.store.exportBundle())).toEqual(await viaBulkFile(changed));
  });

  it('after a bulk file, asks the API for the changes since the file’s date', async () => {
    await syncFromFile(t.store, Readable.from([bulkGz()]), 'cites_eu_en.ndjson.gz', opts);
    await sync();
    expect(new URL(fake.requests[0]!, 'http://x').searchParams.get('updated_since')).toBe(`${AS_OF}T00:00:00Z`);
    expect(legislationReads()).toEqual([]);
  });

  it('waits as Retry-After says on 429, retries a 500 and a connection cut mid-page, and gets everything', async () => {
    fake.fail('/taxon_concepts?page=2', '429');
    fake.fail('/taxon_concepts/8619/cites_legislation', '500');
    fake.fail('/taxon_concepts?page=1', 'cut');
    await sync();
    expect(waits).toContain(1000);
    expect(fake.requests.filter((r) => r.startsWith('/api/v1/taxon_concepts?page=2'))).toHaveLength(2);
    expect(data(await t.store.exportBundle())).toEqual(await viaBulkFile(sampleConcepts()));
  });

  it('a refused token fails the sync, changes nothing, and GET /v1/dataset says why', async () => {
    const version = (await t.store.state()).version;
    const err = await sync({ SPECIES_PLUS_TOKEN: 'wrong' }).catch((e) => e);
    expect(err).toBeInstanceOf(SpeciesPlusError);
    expect((await t.store.state()).version).toBe(version);
    const d = (await t.app.inject('/v1/dataset')).json();
    expect(d.sync.lastFailure).toMatchObject({ via: 'api', reason: expect.stringContaining('401') });
    expect(d.sync.lastSuccess).toBeNull();
  });

  it('a run that fails part-way changes nothing; the next continues where it stopped and ends with the same data', async () => {
    fake.fail('/taxon_concepts/9613/cites_legislation', '500', 3); // past the 2 retries
    const version = (await t.store.state()).version;
    await expect(sync()).rejects.toThrow(/did not answer after 3 attempts/);
    expect((await t.store.state()).version).toBe(version);
    expect((await t.store.namesByExternalId()).size).toBe(0);
    const before = legislationReads();
    expect(before).toContain('4521');
    fake.requests.length = 0;
    await sync();
    // Taxa read before the failure are not read again.
    expect(legislationReads()).not.toContain('4521');
    expect(legislationReads()).toContain('9613');
    expect(data(await t.store.exportBundle())).toEqual(await viaBulkFile(sampleConcepts()));
    const runs = await t.store.syncRuns(5);
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
  });

  it('a dry run reads the changes and writes nothing, and is not the last success', async () => {
    const report = await sync({}, true);
    expect(report.diff.taxaAdded.count).toBe(4);
    expect((await t.store.namesByExternalId()).size).toBe(0);
    expect((await t.app.inject('/v1/dataset')).json().sync.lastSuccess).toBeNull();
  });
});
