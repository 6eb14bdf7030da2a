/** An import run from the CLI (another process, another connection) reaches a running server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Bundle } from '../../src/contract/bundle.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { testApp } from '../helpers/app.js';

it('the server rebuilds its engine when the dataset version moves under it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cites-refresh-'));
  const file = join(dir, 'cites.db');
  const t = await testApp({ file, env: { DATASET_POLL_MS: '50' } });
  const check = async () =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/v1/trade-checks',
        payload: { taxon: 'Felis catus', exporter: 'DE', importer: 'FR', purpose: 'T', source: 'C' },
      })
    ).json();
  expect((await check()).decision).toBe('allow');

  const cli = SqliteStore.open(file); // as `npm run import` would
  await cli.importBundle(
    Bundle.parse({
      format: 'cites-bundle/1',
      asOf: '2026-11-01',
      listings: [{ taxon: 'Felis catus', appendix: 'III', party: 'FR', effectiveFrom: '2026-01-01' }],
    }),
    { mode: 'merge', actor: 'cli', origin: 'bundle' },
  );
  await cli.close();

  await new Promise((r) => setTimeout(r, 300));
  const after = await check();
  expect(after).toMatchObject({ appendix: 'III', decision: 'needs-permit', datasetVersion: '2' });
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});
