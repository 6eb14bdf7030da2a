/** The service's own `cites-bundle/1` JSON. */
import { Bundle } from '../contract/bundle.js';
import { FileRejected, type ParsedFile } from './types.js';

export function parseBundle(value: unknown): ParsedFile {
  const parsed = Bundle.safeParse(value);
  if (!parsed.success) {
    throw new FileRejected(parsed.error.issues.map((i) => ({ pointer: `/${i.path.map(String).join('/')}`, detail: i.message })));
  }
  return { bundle: parsed.data, warnings: [], stats: {}, origin: 'bundle' };
}

export function parseBundleText(text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FileRejected([{ pointer: '', detail: `not valid JSON: ${(e as Error).message}` }]);
  }
  return parseBundle(value);
}
