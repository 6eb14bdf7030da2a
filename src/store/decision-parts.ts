/**
 * How a stored decision refers to a part it shares with other decisions (a reason text, an
 * applied listing): {"$ref":"<16 hex digits>"} in place of the part's JSON. A reference can
 * only be structural: inside a JSON string its quotes would be escaped.
 */
export const refTo = (key: string) => `{"$ref":"${key}"}`;

const REF = /\{"\$ref":"([0-9a-f]{16})"\}/g;

/** The stored form with every reference replaced by the part's text. */
export function expandStored(stored: string, textOf: (key: string) => string | undefined): string {
  return stored.replace(REF, (ref, key: string) => textOf(key) ?? ref);
}

/** The keys of the parts a stored decision refers to (to read them before expanding it). */
export function refsIn(stored: string): string[] {
  return [...stored.matchAll(REF)].map((m) => m[1]!);
}
