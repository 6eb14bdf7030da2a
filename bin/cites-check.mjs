#!/usr/bin/env node
// The command-line tool (`npx cites-permit-check …`). In a checkout or an installed package
// it runs the TypeScript sources through tsx (always current); where only the build is shipped
// (the container image) it runs the bundled dist/cli.js.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import(sources.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  await import('../dist/cli.js');
}
