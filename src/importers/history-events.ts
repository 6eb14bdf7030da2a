/**
 * Dated listing entries and reservations from the "History of CITES Listings": each row is a
 * change on a date, and the changes of one taxon are replayed in date order.
 *
 * - ADDITION to Appendix I or II starts entries; the Appendix I/II entries open before it end
 *   that day (a transfer, or an amended annotation or population split), and so do the
 *   Appendix III entries, which an Appendix I/II listing supersedes. An entry the day's
 *   additions repeat unchanged simply continues.
 * - ADDITION to Appendix III starts the listing of one Party (with its own date); it ends
 *   that Party's earlier entry if one is open.
 * - INCLUSION (the taxon is listed through a higher taxon from then on) ends its own
 *   entries as an Appendix I/II addition would, and starts none.
 * - DELETION ends the entries of that Appendix (for Appendix III, of that Party).
 * - RESERVATION / RESERVATION_WITHDRAWAL start and end a Party's reservation on the taxon in
 *   that Appendix; a reservation also lapses when the taxon leaves that Appendix (R35).
 *
 * On one date, deletions come first, then additions, then lapsing, then reservations.
 */
import type { BundleListing, BundleReservation, Populations } from '../contract/bundle.js';
import type { Appendix } from '@cites-permit-check/engine/contract/codes';
import type { ImportNotes } from './fields.js';
import { populationsOf, type PopulationReading } from './populations.js';

/** INCLUSION: the taxon is from now on listed through a higher taxon ("Included in FALCONIFORMES spp."). */
export type ChangeType = 'ADDITION' | 'INCLUSION' | 'DELETION' | 'RESERVATION' | 'RESERVATION_WITHDRAWAL';

export interface ListingChange {
  line: number;
  taxon: string;
  appendix: Appendix;
  party: string | null;
  type: ChangeType;
  date: string;
  populations: PopulationReading;
  /** The annotation text the populations were read from. */
  populationWording: string;
  /** The entry as it would be written (dates and populations filled in here). */
  entry: Omit<BundleListing, 'effectiveFrom' | 'effectiveTo' | 'mayStartFrom' | 'populations' | 'appendix' | 'party' | 'taxon' | 'source'>;
  reservationNote: string | null;
}

const ORDER: Record<ChangeType, number> = { DELETION: 0, INCLUSION: 1, ADDITION: 1, RESERVATION: 2, RESERVATION_WITHDRAWAL: 3 };

interface Open {
  listing: BundleListing;
  line: number;
}

export interface History {
  listings: BundleListing[];
  reservations: BundleReservation[];
}

/** Replays every taxon's changes; `changes` may come in any order. */
export function replayHistory(changes: readonly ListingChange[], notes: ImportNotes): History {
  const byTaxon = new Map<string, ListingChange[]>();
  for (const c of changes) byTaxon.set(c.taxon, [...(byTaxon.get(c.taxon) ?? []), c]);
  const listings: BundleListing[] = [];
  const reservations: BundleReservation[] = [];
  for (const list of byTaxon.values()) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : ORDER[a.type] - ORDER[b.type] || a.line - b.line));
    const out = replayTaxon(list, notes);
    listings.push(...out.listings);
    reservations.push(...out.reservations);
  }
  return { listings, reservations };
}

function replayTaxon(changes: readonly ListingChange[], notes: ImportNotes): History {
  const open: Open[] = [];
  const openReservations: BundleReservation[] = [];
  const done: BundleListing[] = [];
  const doneReservations: BundleReservation[] = [];

  const end = (o: Open, date: string) => {
    open.splice(open.indexOf(o), 1);
    if (o.listing.effectiveFrom < date) done.push({ ...o.listing, effectiveTo: date });
    // An entry added and ended on the same day never applied: nothing to keep.
  };
  const endReservation = (r: BundleReservation, date: string) => {
    openReservations.splice(openReservations.indexOf(r), 1);
    if (r.effectiveFrom < date) doneReservations.push({ ...r, effectiveTo: date });
  };

  const dates = [...new Set(changes.map((c) => c.date))];
  for (const date of dates) {
    const today = changes.filter((c) => c.date === date);
    const before = new Set(open.map((o) => o.listing.appendix));

    for (const c of today.filter((x) => x.type === 'DELETION')) {
      const hit = open.filter((o) => o.listing.appendix === c.appendix && (c.appendix !== 'III' || c.party === null || o.listing.party === c.party));
      if (hit.length === 0)
        notes.warn(
          `line ${c.line}: deletion of ${c.taxon} from Appendix ${c.appendix}${c.party ? ` (${c.party})` : ''} with no entry in force; nothing to end`,
        );
      for (const o of hit) end(o, date);
    }

    const additions = today.filter((x) => x.type === 'ADDITION');
    const mainAdditions = additions.filter((c) => c.appendix !== 'III');
    const fresh = mainAdditions.map((c) => ({ c, listing: listingOf(c, mainAdditions, notes) }));
    // Being included in a higher taxon's Appendix I/II listing supersedes the taxon's own
    // entries as an addition does, without an entry of its own.
    const included = today.some((x) => x.type === 'INCLUSION' && x.appendix !== 'III');
    if (fresh.length > 0 || included) {
      for (const o of open.filter((x) => !fresh.some((f) => sameEntry(f.listing, x.listing)))) end(o, date);
    }
    for (const f of fresh) {
      if (!open.some((o) => sameEntry(f.listing, o.listing))) open.push({ listing: f.listing, line: f.c.line });
    }
    for (const c of additions.filter((x) => x.appendix === 'III')) {
      const listing = listingOf(c, additions, notes);
      const previous = open.find((o) => o.listing.appendix === 'III' && o.listing.party === c.party && sameScope(o.listing.populations, listing.populations));
      if (previous && sameEntry(previous.listing, listing)) continue;
      if (previous) end(previous, date);
      open.push({ listing, line: c.line });
    }

    // R35: a reservation holds only while the taxon stays in the Appendix it was entered against.
    const after = new Set(open.map((o) => o.listing.appendix));
    for (const r of [...openReservations]) {
      if (before.has(r.appendix) && !after.has(r.appendix)) {
        endReservation(r, date);
        notes.count('reservations lapsed on a transfer or deletion (R35)');
      }
    }

    for (const c of today.filter((x) => x.type === 'RESERVATION')) {
      if (!c.party) continue;
      if (openReservations.some((r) => r.party === c.party && r.appendix === c.appendix)) {
        notes.warn(`line ${c.line}: ${c.party} already holds a reservation on ${c.taxon} (Appendix ${c.appendix}); repeated entry ignored`);
        continue;
      }
      if (!open.some((o) => o.listing.appendix === c.appendix)) {
        notes.warn(`line ${c.line}: reservation by ${c.party} on ${c.taxon} in Appendix ${c.appendix}, where the file lists no entry of it on ${date}`);
      }
      openReservations.push({ party: c.party, taxon: c.taxon, appendix: c.appendix, effectiveFrom: date, effectiveTo: null, notes: c.reservationNote });
    }
    for (const c of today.filter((x) => x.type === 'RESERVATION_WITHDRAWAL')) {
      const r = openReservations.find((x) => x.party === c.party && x.appendix === c.appendix);
      if (r) endReservation(r, date);
      else notes.warn(`line ${c.line}: withdrawal by ${c.party} of a reservation on ${c.taxon} (Appendix ${c.appendix}) that is not in force; ignored`);
    }
  }
  return { listings: [...done, ...open.map((o) => o.listing)], reservations: [...doneReservations, ...openReservations] };
}

/** The entry an addition starts; "all populations except those included in Appendix X" is read against the same day's additions. */
function listingOf(c: ListingChange, sameDay: readonly ListingChange[], notes: ImportNotes): BundleListing {
  const siblings = (of: Appendix) => sameDay.filter((o) => o.appendix === of).map((o) => o.populations.scope);
  const populations = populationsOf(c.populations, siblings, c.populationWording);
  if (populations?.include || populations?.exclude) notes.count('populations structured');
  else if (populations !== null) {
    notes.count('populations left as text');
    notes.warn(
      `line ${c.line}: ${c.taxon}, Appendix ${c.appendix}: populations "${populations.text}" left as text (decisions by this entry are flagged for review)`,
    );
  }
  return {
    ...c.entry,
    taxon: c.taxon,
    appendix: c.appendix,
    party: c.appendix === 'III' ? c.party : null,
    effectiveFrom: c.date,
    effectiveTo: null,
    mayStartFrom: null,
    populations,
    source: null,
  };
}

const sameScope = (a: Populations | null, b: Populations | null) => JSON.stringify(a) === JSON.stringify(b);

/** Same Appendix, Party, populations and wording: an addition that changes nothing. */
function sameEntry(a: BundleListing, b: BundleListing): boolean {
  const { effectiveFrom: _a, effectiveTo: _b, ...x } = a;
  const { effectiveFrom: _c, effectiveTo: _d, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(y);
}
