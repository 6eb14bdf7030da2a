/** The engine package is what integrators embed: no I/O, no server, no database (DEVELOPERS.md). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../packages/engine/src/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('packages/engine is pure', () => {
  for (const file of files(ROOT)) {
    it(`${relative(ROOT, file)} imports only the package's own files and zod`, () => {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2]!;
        if (spec.startsWith('.')) {
          const target = relative(ROOT, join(file, '..', spec));
          expect(target.startsWith('..'), `${spec} leaves the engine`).toBe(false);
        } else {
          expect(spec, `${relative(ROOT, file)} imports ${spec}`).toBe('zod');
        }
      }
    });
  }

  it('depends on zod only', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', `file://${ROOT}`), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toEqual(['zod']);
    expect(manifest.peerDependencies ?? {}).toEqual({});
  });
});
