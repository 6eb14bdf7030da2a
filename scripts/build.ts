/**
 * Builds what runs from dist/:
 * - the engine package (packages/engine/dist): its own build, see packages/engine/scripts/build.ts;
 * - the server as one bundled module (`node dist/server.js`): it starts in about half the
 *   time and memory of compiling the sources with tsx at every start (bench/startup.ts).
 *   The engine is bundled into it from its sources (tsconfig.json's paths).
 * `tsx scripts/build.ts` builds both; `... server` only the server.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { buildEngine } from '../packages/engine/scripts/build.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

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
  }
}
