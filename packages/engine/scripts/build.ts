/**
 * Builds the package into dist/: one ES module per public entry point for Node and browsers
 * (zod stays a dependency; shared code is split into common chunks so that the schemas of
 * `./contract/*` are the very objects the engine validates with), and the type declarations.
 * `npm run build` here, or the repository's `npm run build`, which also bundles the server.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
/** The public entry points: the engine, its rule tables, and one module per contract file (`./contract/*`). */
const CONTRACT = readdirSync(`${PACKAGE}src/contract`).filter((f) => f.endsWith('.ts'));
export const ENTRY_POINTS = ['index', 'decision-codes', ...CONTRACT.map((f) => `contract/${f.slice(0, -3)}`)];

export async function buildEngine(): Promise<void> {
  rmSync(`${PACKAGE}dist`, { recursive: true, force: true });
  await build({
    entryPoints: ENTRY_POINTS.map((e) => `${PACKAGE}src/${e}.ts`),
    outbase: `${PACKAGE}src`,
    outdir: `${PACKAGE}dist`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['zod'],
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  buildEngineTypes();
}

/** tsc (7, the native compiler) writes the declarations; esbuild writes none. */
export function buildEngineTypes(): void {
  // Found from here (the workspace's hoisted typescript); its "exports" do not list bin/tsc.
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', `${PACKAGE}tsconfig.json`], { stdio: 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildEngine();
