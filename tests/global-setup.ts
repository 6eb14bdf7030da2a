/** Builds dist/ (the engine package, the bundled server) once, before the test files that use it run in parallel. */
import { buildEngine } from '../packages/engine/scripts/build.js';
import { buildServer } from '../scripts/build.js';

export default async function setup(): Promise<void> {
  await Promise.all([buildEngine(), buildServer()]);
}
