/** The bundled server (`npm start`, the Docker image) works as the sources do. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cites-dist-'));
let server: ServerProcess;
beforeAll(async () => {
  server = await startServer({ DATABASE_PATH: join(dir, 'cites.db') }, ['dist/server.js']);
}, 60_000);
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('dist/server.js', () => {
  it('migrates, seeds, serves Swagger UI and the OpenAPI document', async () => {
    expect(((await (await fetch(`${server.url}/ready`)).json()) as { dataset: { taxa: number } }).dataset.taxa).toBeGreaterThan(500);
    const ui = await fetch(`${server.url}/docs/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    expect((await (await fetch(`${server.url}/docs/static/swagger-ui.css`)).text()).length).toBeGreaterThan(1000);
    expect(((await (await fetch(`${server.url}/docs/json`)).json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('answers trade checks and serves the compressed snapshot', async () => {
    const res = await fetch(`${server.url}/v1/trade-checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ taxon: 'Panthera tigris', exporter: 'IN', importer: 'DE', purpose: 'T', source: 'W' }),
    });
    expect(((await res.json()) as { decision: string }).decision).toBe('deny');
    const snap = await fetch(`${server.url}/v1/snapshot`, { headers: { 'accept-encoding': 'gzip' } });
    expect(snap.status).toBe(200);
    expect(((await snap.json()) as { format: string }).format).toBe('cites-snapshot/1'); // fetch decompresses
  });
});
