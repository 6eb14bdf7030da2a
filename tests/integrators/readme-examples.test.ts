/** The README's copy-paste examples (blocks starting "# example:" or "// example:") run as written. */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'cites-check.mjs');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function example(name: string): string {
  const m = new RegExp(`\`\`\`(?:bash|js)\\n(?:#|//) example: ${name}\\n([\\s\\S]*?)\`\`\``).exec(README);
  if (!m) throw new Error(`README has no example "${name}"`);
  return m[1]!;
}

const dir = mkdtempSync(join(tmpdir(), 'cites-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The scratch directory has the package installed, as a project depending on it would
// (node_modules/cites-permit-check and its bin): `npx cites-permit-check` runs as written.
mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
symlinkSync(ROOT, join(dir, 'node_modules', 'cites-permit-check'));
symlinkSync(BIN, join(dir, 'node_modules', '.bin', 'cites-permit-check'));

/** Runs a bash example, as written, in the scratch directory. */
function runBash(name: string) {
  const script = example(name);
  const res = spawnSync('bash', ['-c', script], {
    cwd: dir,
    env: { ...process.env, DATABASE_PATH: join(dir, 'cites.db'), LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('README command-line examples', () => {
  it('check-one: a leopard trophy from Namibia needs both permits (exit 0)', () => {
    const r = runBash('check-one');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/needs-permit/);
    expect(r.stdout).toMatch(/import-permit \[DE\] \+ export-permit \[NA\]/);
  });

  it('check-file: one item denied → exit 10, a results file with every item', () => {
    const r = runBash('check-file');
    expect(r.code, r.stderr).toBe(10);
    expect(r.stdout).toMatch(/3 item\(s\): 1 allow, 1 needs-permit, 1 deny, 0 invalid/);
    const results = readFileSync(join(dir, 'results.csv'), 'utf8').trim().split('\n');
    expect(results).toHaveLength(4);
    expect(results[2]).toMatch(/^2,Loxodonta africana,deny,I,/);
  });

  it('export-import: the exported bundle loads into an empty store', () => {
    const r = runBash('export-import');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bundle: changed, dataset version 1/m);
    // The full Checklist by default: tens of thousands of taxa, thousands of dated entries.
    const count = (what: string) => Number(new RegExp(`created .*${what} ([\\d,]+)`).exec(r.stdout)?.[1]?.replaceAll(',', ''));
    expect(count('taxa')).toBeGreaterThan(38_000);
    expect(count('listings')).toBeGreaterThan(2_000);
  });

  it('keys: creates a key shown once, then lists it', () => {
    const r = runBash('keys');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/cpk_[0-9a-f]{12}_\S+/);
    expect(r.stdout).toMatch(/admin\s+first admin/);
  });
});

describe('README integrator example', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await testApp({ data: 'seed' });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(() => t.close());

  it("engine: fed the server's snapshot, decides in-process", async () => {
    // Inside the repository, so that '@cites-permit-check/engine' resolves to the workspace package's build.
    const file = join(ROOT, `.readme-example-${process.pid}.mjs`);
    writeFileSync(file, example('engine').replaceAll('http://127.0.0.1:3000', url));
    try {
      // Asynchronously: the server answering the example runs in this process.
      const { stdout: out } = await promisify(execFile)(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
      expect(out).toMatch(/^needs-permit \[ \{ type: 'export-permit', issuer: 'BW' \} \]/);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
