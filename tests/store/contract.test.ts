/**
 * The store port's contract, run against both stores: SQLite (a file) and PostgreSQL (a
 * database of this file's own). Each store is opened twice on the same database, as two
 * processes (or replicas) would: what one writes, the other reads, and of two racing writes
 * from the same revision only one wins.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bundle, type BundleQuota } from '../../src/contract/bundle.js';
import { NewPermit } from '../../src/contract/permits.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { BundleRejected, type CitesStore, DocumentInUse, StaleRevision } from '../../src/store/types.js';
import { RULES_BUNDLE } from '../fixtures/rules-bundle.js';
import { describeWithPostgres, freshDatabase } from '../helpers/postgres.js';

const clock = () => new Date('2026-11-01T12:00:00Z');

interface Handles {
  one: CitesStore;
  two: CitesStore;
  close(): Promise<void>;
}

const PERMIT = NewPermit.parse({
  type: 'export-permit',
  number: 'NA 2026/0412',
  issuer: 'NA',
  issuedOn: '2026-10-20',
  registeredAs: 'issued',
  exporter: 'NA',
  importer: 'DE',
  purpose: 'H',
  items: [{ taxon: 'Panthera pardus', term: 'TRO', quantity: 1, source: 'W', appendix: 'I' }],
});

const QUOTA: BundleQuota = {
  taxon: 'Panthera pardus',
  exporter: 'ZA',
  quantity: 150,
  unit: null,
  terms: ['SKI', 'TRO'],
  sources: [],
  purposes: ['H'],
  effectiveFrom: '2030-01-01',
  effectiveTo: null,
  notes: 'contract test',
};

function contract(name: string, open: () => Promise<Handles>) {
  describe(name, () => {
    let h: Handles;
    beforeAll(async () => {
      h = await open();
      await h.one.importBundle(Bundle.parse(RULES_BUNDLE), { mode: 'merge', actor: 'test', origin: 'test' });
    }, 60_000);
    afterAll(() => h?.close());

    it('a rejected import changes nothing, seen from either handle', async () => {
      const before = JSON.stringify(await h.two.exportBundle());
      const version = (await h.two.state()).version;
      const rules = Bundle.parse(RULES_BUNDLE);
      const bad = {
        ...rules,
        taxa: [...rules.taxa, { ...rules.taxa.at(-1)!, name: 'Nonesuch imaginaria', rank: 'SPECIES' as const, parent: 'No such genus', externalId: null }],
      };
      await expect(h.one.importBundle(bad, { mode: 'merge', actor: 'test', origin: 'test' })).rejects.toBeInstanceOf(BundleRejected);
      expect(JSON.stringify(await h.two.exportBundle())).toBe(before);
      expect((await h.two.state()).version).toBe(version);
      expect(JSON.stringify(await h.one.exportBundle())).toBe(before);
    });

    it('a write on one handle is read on the other, with its revision and a new dataset version', async () => {
      const version = (await h.two.state()).version;
      const created = await h.one.createRestriction('quotas', QUOTA, 'officer A');
      expect(created.revision).toBe(1);
      expect(await h.two.restriction('quotas', created.id)).toMatchObject({ ...QUOTA, revision: 1, updatedBy: 'officer A' });
      expect((await h.two.state()).version).toBeGreaterThan(version);
      const snapshot = await h.two.snapshot();
      expect(snapshot.datasetVersion).toBe(String((await h.two.state()).version));
    });

    it('If-Match: of two edits from the same revision, on two handles at once, exactly one wins', async () => {
      const created = await h.one.createRestriction('quotas', { ...QUOTA, exporter: 'BW', notes: 'race' }, 'officer A');
      const outcomes = await Promise.allSettled([
        h.one.updateRestriction('quotas', created.id, (q) => ({ ...q, quantity: 100 }), created.revision, 'officer A'),
        h.two.updateRestriction('quotas', created.id, (q) => ({ ...q, quantity: 200 }), created.revision, 'officer B'),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(StaleRevision);
      const stored = await h.two.restriction('quotas', created.id);
      expect(stored?.revision).toBe(2);
      expect(stored?.quantity).toBe(outcomes[0]!.status === 'fulfilled' ? 100 : 200);
      await expect(h.two.updateRestriction('quotas', created.id, (q) => q, 1, 'officer C')).rejects.toBeInstanceOf(StaleRevision);
    });

    it('decisions come back byte for byte, shared parts put back, newest first', async () => {
      const part = { key: '0123456789abcdef', text: '{"code":"APPENDIX_I","text":"Art. III"}' };
      const records = [1, 2, 3].map((n) => ({
        id: `0000000000${n}0000000000000000000${n}`,
        createdAt: `2026-11-01T12:00:0${n}.000Z`,
        datasetVersion: '7',
        decision: n === 2 ? 'deny' : 'needs-permit',
        apiKeyId: null,
        request: `{"taxon":"Panthera pardus","n":${n}}`,
        result: `{"decision":"x","reasons":[{"$ref":"${part.key}"}],"n":${n}}`,
        parts: [part],
      }));
      await h.one.saveDecisions(records.slice(0, 2));
      await h.two.saveDecisions(records.slice(2));
      const one = await h.two.decision(records[0]!.id);
      expect(one?.result).toBe(`{"decision":"x","reasons":[${part.text}],"n":1}`);
      expect(one?.request).toBe(records[0]!.request);
      const listed = await h.one.decisions({ limit: 10 });
      expect(listed.map((d) => d.id)).toEqual([records[2]!.id, records[1]!.id, records[0]!.id]);
      expect((await h.one.decisions({ limit: 10, decision: 'deny' })).map((d) => d.id)).toEqual([records[1]!.id]);
      expect(await h.one.decision('ffffffffffffffffffffffffffffffff')).toBeNull();
    });

    it('API keys: found by hash on the other handle, revoked once, every step audited', async () => {
      await h.one.createApiKey({ id: 'k1', name: 'gateway', role: 'reader', hash: 'h'.repeat(64) });
      expect(await h.two.apiKeyByHash('h'.repeat(64))).toMatchObject({ id: 'k1', role: 'reader', revokedAt: null });
      const [a, b] = await Promise.all([h.one.revokeApiKey('k1', 'admin A'), h.two.revokeApiKey('k1', 'admin B')]);
      expect(a?.revokedAt).not.toBeNull();
      expect(b?.revokedAt).toBe(a?.revokedAt);
      expect((await h.one.apiKeyByHash('h'.repeat(64)))?.revokedAt).not.toBeNull();
      expect(await h.one.revokeApiKey('nope', 'admin A')).toBeNull();
      const audit = await h.two.audit({ entity: 'api-key', entityId: 'k1', limit: 10 });
      expect(audit.map((e) => e.action)).toEqual(['revoke', 'create']);
      await h.two.touchApiKeys(new Map([['k1', '2026-11-01T12:30:00.000Z']]));
      expect((await h.one.apiKeys()).find((k) => k.id === 'k1')?.lastUsedAt).toBe('2026-11-01T12:30:00.000Z');
    });

    it('the audit trail holds officer writes with the record before and after, newest first, paged by id', async () => {
      const entries = await h.two.audit({ entity: 'quota', limit: 50 });
      expect(entries.length).toBeGreaterThanOrEqual(3);
      expect(entries.some((e) => e.action === 'update' && e.before !== null && e.after !== null)).toBe(true);
      const ids = entries.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((x, y) => y - x));
      const older = await h.two.audit({ entity: 'quota', limit: 50, before: ids[0]! });
      expect(older.map((e) => e.id)).toEqual(ids.slice(1));
    });

    it('a permit is registered once and endorsed once, even by two handles at the same moment', async () => {
      const permit = await h.one.createPermit(PERMIT, 'officer A');
      expect(permit).not.toBeNull();
      expect(await h.two.createPermit(PERMIT, 'officer B')).toBeNull();
      const id = permit!.id;
      const endorsement = { date: '2026-11-02', port: 'Hosea Kutako International Airport', quantity: 1 };
      const outcomes = await Promise.allSettled([h.one.endorsePermit(id, endorsement, 'customs A'), h.two.endorsePermit(id, endorsement, 'customs B')]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(DocumentInUse);
      const stored = await h.two.permit(id);
      expect(stored).toMatchObject({ status: 'used', usedOn: '2026-11-02' });
      expect(stored?.endorsements).toHaveLength(1);
      expect((await h.one.permits({ number: 'NA 2026/0412', limit: 5 })).map((p) => p.id)).toEqual([id]);
    });

    it('the quota draws of an endorsement are summed on the other handle; a file of documents goes in whole or not at all', async () => {
      const key = 'Animalia|Panthera pardus|NA|1997-06-10|SKI+TRO||H+P||2026';
      const second = await h.one.createPermit({ ...PERMIT, number: 'NA 2026/0413' }, 'officer A');
      await h.one.endorsePermit(second!.id, { date: '2026-11-03', port: 'Windhoek', quantity: 2 }, 'customs A', [{ key, quantity: 2 }]);
      expect(await h.two.quotaUse([key, 'unused'])).toEqual(new Map([[key, 2]]));
      const created = await h.two.createPermits([{ ...PERMIT, number: 'ZA 1' }, PERMIT, { ...PERMIT, number: 'ZA 2' }], 'officer B');
      expect(created.map((p) => p === null)).toEqual([false, true, false]);
      expect(await h.one.permits({ number: 'ZA 2', limit: 5 })).toHaveLength(1);
    });

    it('Species+ sync runs: recorded, staged, mirrored newest copy first-to-last by taxon, settled', async () => {
      const first = await h.one.startSyncRun({ via: 'bulk', actor: 'admin', source: 'file', apiTime: null, progress: null });
      await h.one.stageConcepts(first.id, [
        { taxonId: 2, concept: '{"id":2,"v":1}' },
        { taxonId: 1, concept: '{"id":1,"v":1}' },
      ]);
      await h.one.updateSyncRun(first.id, { status: 'succeeded', finishedAt: '2026-11-01T12:00:00Z', datasetVersion: 7 });
      const next = await h.two.startSyncRun({ via: 'api', actor: 'admin', source: 'api', apiTime: '2026-11-02T00:00:00Z', progress: '{}' });
      await h.two.stageConcepts(next.id, [{ taxonId: 2, concept: '{"id":2,"v":2}' }]);
      const mirror: string[] = [];
      for await (const c of h.one.mirroredConcepts(next.id)) mirror.push(c);
      expect(mirror).toEqual(['{"id":1,"v":1}', '{"id":2,"v":2}']);
      expect((await h.one.syncRuns(5)).map((r) => [r.id, r.status, r.datasetVersion])).toEqual([
        [next.id, 'running', null],
        [first.id, 'succeeded', 7],
      ]);
      await h.two.settleMirror(next.id, false);
      await h.two.dropStaged(next.id);
      const left: string[] = [];
      for await (const c of h.two.mirroredConcepts(next.id)) left.push(c);
      expect(left).toEqual(['{"id":1,"v":1}']);
    });
  });
}

contract('SQLite store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cites-contract-'));
  const one = SqliteStore.open(join(dir, 'cites.db'), clock);
  const two = SqliteStore.open(join(dir, 'cites.db'), clock);
  return {
    one,
    two,
    async close() {
      await one.close();
      await two.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeWithPostgres('PostgreSQL store', () => {
  it('a replica further behind than the change log reloads, and misses nothing', async () => {
    const db = await freshDatabase();
    const one = await PostgresStore.open(db.url, clock, { keepChanges: 2 });
    const two = await PostgresStore.open(db.url, clock, { keepChanges: 2 });
    try {
      await one.importBundle(Bundle.parse(RULES_BUNDLE), { mode: 'merge', actor: 'test', origin: 'test' });
      expect(await two.restrictionList('quotas', {})).toHaveLength(RULES_BUNDLE.quotas!.length);
      // Each write leaves a few change entries; the log keeps two, so two has to reload.
      for (const exporter of ['ZA', 'BW', 'ZM']) await one.createRestriction('quotas', { ...QUOTA, exporter }, 'officer A');
      const exporters = (await two.restrictionList('quotas', {})).map((q) => q.exporter);
      expect(exporters).toEqual(expect.arrayContaining(['ZA', 'BW', 'ZM']));
      expect(exporters).toHaveLength(RULES_BUNDLE.quotas!.length + 3);
    } finally {
      await one.close();
      await two.close();
      await db.drop();
    }
  });

  contract('two replicas on one database', async () => {
    const db = await freshDatabase();
    // Opened together, as replicas starting at once: the migrations run once.
    const [one, two] = await Promise.all([PostgresStore.open(db.url, clock), PostgresStore.open(db.url, clock)]);
    return {
      one,
      two,
      async close() {
        await one.close();
        await two.close();
        await db.drop();
      },
    };
  });
});
