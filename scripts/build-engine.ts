/**
 * Builds the engine package export (`<package>/engine`): one ES module for Node and
 * browsers (zod stays a dependency) and its type declarations. The declarations are built
 * without Node's types, which also proves the engine needs none.
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function buildEngine(outfile = `${ROOT}dist/engine/index.js`): Promise<void> {
  await build({
    entryPoints: [`${ROOT}src/engine/index.ts`],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['zod'],
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

export function buildEngineTypes(): void {
  execFileSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${ROOT}tsconfig.engine.json`], { stdio: 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildEngine();
  buildEngineTypes();
  process.stdout.write('built dist/engine/index.js and dist/types\n');
}
