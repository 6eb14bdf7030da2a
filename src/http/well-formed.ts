/**
 * A JSON body may carry a lone UTF-16 surrogate ("\ud800"), which no name or code contains
 * and which SQLite stores as replacement characters: such a string is refused with a 400
 * naming where it is, before validation, instead of being stored mangled.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

/** The JSON pointer of the first ill-formed string (or key) in a parsed body; null when there is none. */
export function firstIllFormedString(value: unknown): string | null {
  // Walked without building a pointer per value (every request body goes through here); the
  // pointer is put together, leaf first, only for the string that is ill-formed.
  const trail: string[] = [];
  if (!illFormed(value, trail)) return null;
  return trail.length === 0 ? '/' : trail.reverse().join('');
}

function illFormed(value: unknown, trail: string[]): boolean {
  if (typeof value === 'string') return !wellFormed(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (illFormed(value[i], trail)) {
        trail.push(`/${i}`);
        return true;
      }
    }
    return false;
  }
  // A file upload (CSV, gzip) arrives as bytes: not JSON text, nothing to walk.
  if (ArrayBuffer.isView(value)) return false;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      if (!wellFormed(k)) {
        trail.push(`/${k}`);
        return true;
      }
      if (illFormed(record[k], trail)) {
        trail.push(`/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        return true;
      }
    }
  }
  return false;
}
