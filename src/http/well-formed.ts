/**
 * A JSON body may carry a lone UTF-16 surrogate ("\ud800"), which no name or code contains
 * and which SQLite stores as replacement characters: such a string is refused with a 400
 * naming where it is, before validation, instead of being stored mangled.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

export function firstIllFormedString(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return wellFormed(value) ? null : path || '/';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstIllFormedString(value[i], `${path}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  // A file upload (CSV, gzip) arrives as bytes: not JSON text, nothing to walk.
  if (ArrayBuffer.isView(value)) return null;
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!wellFormed(k)) return `${path}/${k}`;
      const found = firstIllFormedString(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (found !== null) return found;
    }
  }
  return null;
}
