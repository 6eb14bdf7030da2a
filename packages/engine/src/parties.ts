/**
 * Party status per State, per species, per date (R5): the Convention is in force for a
 * State from its entry-into-force date until a denunciation takes effect (Art. XXII,
 * XXIV); a dependent territory follows the Party responsible for it; a Party holding a
 * reservation on the listing is a non-Party for that species (Art. XV(3), XVI(2), XXIII(3)).
 */
import type { Appendix } from './contract/codes.js';
import { UNKNOWN_COUNTRY } from './contract/countries.js';
import type { SnapshotReservation } from './contract/snapshot.js';
import { inForce, type EngineData } from './data.js';

export type PartyStatus = { kind: 'party' } | { kind: 'non-party' } | { kind: 'reserving'; reservation: SnapshotReservation };

const PARTY: PartyStatus = { kind: 'party' };
const NON_PARTY: PartyStatus = { kind: 'non-party' };

/** The Party that answers for `code` (itself, or the Party a territory belongs to). */
export function responsibleParty(data: EngineData, code: string): string {
  return data.parties.get(code)?.territoryOf ?? code;
}

export function isPartyOn(data: EngineData, code: string, date: string): boolean {
  const p = data.parties.get(responsibleParty(data, code));
  return p !== undefined && p.entryIntoForce !== null && inForce(p.entryIntoForce, p.left, date);
}

/**
 * Status of `code` for trade in a taxon (given with its ancestors) listed in `appendix`.
 * A reservation counts only on the Appendix it was entered against (R35: a transfer
 * between Appendices voids it).
 */
export function partyStatus(data: EngineData, code: string, lineage: readonly number[], appendix: Appendix, date: string): PartyStatus {
  // An unknown State (XX) may well be a Party: read as one, so the Convention's own
  // documents are asked for and "outside the Convention" is never concluded from it.
  if (code === UNKNOWN_COUNTRY) return PARTY;
  if (!isPartyOn(data, code, date)) return NON_PARTY;
  const reservation = reservationOf(data, code, lineage, appendix, date) ?? reservationOf(data, responsibleParty(data, code), lineage, appendix, date);
  return reservation === null ? PARTY : { kind: 'reserving', reservation };
}

function reservationOf(data: EngineData, holder: string, lineage: readonly number[], appendix: Appendix, date: string): SnapshotReservation | null {
  const list = data.reservationsByParty.get(holder);
  if (list === undefined) return null;
  for (const r of list) {
    if (r.appendix === appendix && lineage.includes(r.taxon) && inForce(r.effectiveFrom, r.effectiveTo, date)) return r;
  }
  return null;
}
