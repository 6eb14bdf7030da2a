/** Builds the engine package export once, before the test files that import it run in parallel. */
import { buildEngine, buildEngineTypes } from '../scripts/build.js';

export default async function setup(): Promise<void> {
  await buildEngine();
  buildEngineTypes();
}
