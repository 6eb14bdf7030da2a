/** The codes and Parties the store knows, which records are checked against (domain/checks.ts). */
import type { Db } from '../../db/client.js';
import { codeEntries, parties } from '../../db/schema.js';
import type { KnownCodes } from '../domain/checks.js';

export function knownCodes(db: Db): KnownCodes {
  const rows = db.select({ kind: codeEntries.kind, code: codeEntries.code }).from(codeEntries).all();
  const of = (kind: string) => new Set(rows.filter((r) => r.kind === kind).map((r) => r.code));
  const partyCodes = new Set(
    db
      .select({ code: parties.code })
      .from(parties)
      .all()
      .map((r) => r.code),
  );
  return { terms: of('terms'), units: of('units'), parties: partyCodes };
}
