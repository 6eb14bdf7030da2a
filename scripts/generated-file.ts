/**
 * A file the build generates and the repository commits (openapi/openapi.json,
 * docs/decision-codes.md): written, or with `--check` compared with what is committed so
 * that the suite fails when it is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export function writeOrCheck(file: URL, content: string, regenerate: string): void {
  const path = fileURLToPath(file);
  const name = path.split('/').slice(-2).join('/');
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (committed !== content) {
      process.stderr.write(`${name} is stale: run \`${regenerate}\` and commit the result.\n`);
      process.exit(1);
    }
    process.stdout.write(`${name} is up to date.\n`);
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(file, content);
    process.stdout.write(`wrote ${name}\n`);
  }
}
