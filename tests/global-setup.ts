/** Builds dist/ (engine package, bundled server) once, before the test files that use it run in parallel. */
import { buildEngine, buildEngineTypes, buildServer } from '../scripts/build.js';

export default async function setup(): Promise<void> {
  await Promise.all([buildEngine(), buildServer()]);
  buildEngineTypes();
}
