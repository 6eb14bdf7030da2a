/**
 * Issue 4, crash safety: a process importing the full Index is killed (SIGKILL) while it
 * writes; the SQLite file then shows the state from before the import and is intact.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runImport } from '../../src/importers/index.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { dataFile, describeWithData } from './shared-data.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const clock = () => new Date('2026-11-01T12:00:00Z');

describeWithData('an import killed while it writes', ['index', 'parties'], () => {
  it('leaves the database as it was before the import, and intact', async () => {
    const database = join(mkdtempSync(join(tmpdir(), 'crash-')), 'cites.db');
    const before = SqliteStore.open(database, clock);
    await runImport(before, 'parties', readFileSync(dataFile('parties')), { actor: 'test' });
    const state = JSON.stringify(await before.exportBundle());
    const version = (await before.state()).version;
    await before.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/importers/crash-child.ts', database, dataFile('index')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const killed = await new Promise<{ output: string; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        // The store writes for a second or more: 200 ms in, the transaction is open.
        if (chunk.includes('WRITING')) setTimeout(() => child.kill('SIGKILL'), 200);
      });
      child.on('error', reject);
      child.on('exit', (_code, signal) => resolve({ output, signal }));
    });
    expect(killed.output).toContain('WRITING');
    expect(killed.output).not.toContain('DONE');
    expect(killed.signal).toBe('SIGKILL');

    const after = SqliteStore.open(database, clock);
    try {
      expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(JSON.stringify(await after.exportBundle())).toBe(state);
      expect((await after.state()).version).toBe(version);
      expect((await after.namesByExternalId()).size).toBe(0);
    } finally {
      await after.close();
    }
  }, 90_000);
});
