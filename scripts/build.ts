/**
 * Builds what runs from dist/:
 * - the engine package export (`<package>/engine`): one ES module for Node and browsers
 *   (zod stays a dependency) and its type declarations, built without Node's types, which
 *   also proves the engine needs none;
 * - the server as one bundled module (`node dist/server.js`): it starts in about half the
 *   time and memory of compiling the sources with tsx at every start (bench/startup.ts).
 * `tsx scripts/build.ts` builds both; `... server` only the server.
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

/**
 * Dependencies are bundled too: resolving and loading hundreds of small modules was about
 * half of the start-up time. Left outside: the native SQLite binding, Swagger UI (it serves
 * files from its own folder) and pino (its transports load worker files by path).
 */
export async function buildServer(outfile = `${ROOT}dist/server.js`, entry = `${ROOT}src/server.ts`): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3', '@fastify/swagger-ui', 'pino', 'thread-stream'],
    // Bundled CommonJS packages call require(); give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: true,
    logLevel: 'warning',
  });
}

/** The command-line tool as one module (dist/cli.js), for the container image, which ships no sources. */
export async function buildCli(outfile = `${ROOT}dist/cli.js`): Promise<void> {
  await buildServer(outfile, `${ROOT}src/cli/bin.ts`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServer();
  await buildCli();
  if (process.argv[2] !== 'server') {
    await buildEngine();
    buildEngineTypes();
  }
}
