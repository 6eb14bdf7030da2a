/**
 * A name that covers several listed taxa: a higher taxon ("Elephantidae spp.", "Manis
 * spp.", "Orchidaceae hybrid"), or a species whose listing is on some subspecies or
 * populations only (Odocoileus virginianus, of which O. v. mayensis is in Appendix III).
 * The specimen may belong to any member, so the strictest listing among the taxon and the
 * members that can apply to it decides, flagged for review with the members named: a
 * listed member never lets the name through as `allow` (Art. II; cites-rules §4.2).
 *
 * A member whose distribution is known and excludes the country of origin cannot be the
 * wild specimen in hand (a South African lion is not the Asiatic lion). A captive-bred or
 * artificially propagated specimen from a country in the range of the taxon named but not in
 * the member's is taken to come from local stock (a Colombian boa farm does not breed the
 * Argentine B. c. occidentalis): the member is set aside, and named in a warning. Outside
 * the taxon's range (a caracal bred in Austria), or of unknown or confiscated source, every
 * member counts.
 */
import type { Source } from './contract/codes.js';
import type { EngineData } from './data.js';
import { resolveListing, type Resolution, type Specimen } from './listing.js';

const STRICTNESS = { I: 0, II: 1, III: 2 } as const;
const strictness = (r: Resolution) => (r.listed ? STRICTNESS[r.appendix] : 3);

/** Sources whose country of origin is where the specimen lived in the wild. */
const WILD_ORIGIN: ReadonlySet<Source> = new Set(['W', 'R', 'X']);
/** Sources bred or propagated where the specimen is exported from (or its origin). */
const BRED_ORIGIN: ReadonlySet<Source> = new Set(['C', 'F', 'D', 'A', 'Y']);

export interface MemberDecision {
  resolution: Resolution;
  /** Names of the members whose listing decides (at most a few, for the warning). */
  members: string[];
}

/**
 * The stricter resolution a member of `taxon` gives, when there is one; null when the
 * taxon's own resolution is already the strictest that can apply.
 */
export function strictestMember(
  data: EngineData,
  taxon: number,
  own: Resolution,
  country: string | null,
  s: Specimen,
  date: string,
  /** Filled with the members set aside as bred outside their range (for the warning). */
  setAside: string[] = [],
): MemberDecision | null {
  const members = data.listedMembers.get(taxon);
  if (members === undefined) return null;
  const declared = s.declaredSource ?? s.source;
  const wildOrigin = country !== null && WILD_ORIGIN.has(declared);
  const ownRange = data.distribution[taxon];
  const bredInRange = country !== null && BRED_ORIGIN.has(declared) && ownRange?.includes(country);
  let best: Resolution = own;
  let deciding: number[] = [];
  for (const m of members) {
    const range = data.distribution[m];
    const outside = country !== null && range !== undefined && range.length > 0 && !range.includes(country);
    if (outside && wildOrigin) continue;
    if (outside && bredInRange) {
      if (resolveListing(data, m, country, s, date).listed) setAside.push(data.taxa[m]!.name);
      continue;
    }
    const r = resolveListing(data, m, country, s, date);
    if (!r.listed) continue;
    const k = strictness(r);
    if (k < strictness(best)) {
      best = r;
      deciding = [m];
    } else if (k === strictness(best) && best !== own) deciding.push(m);
  }
  if (best === own) return null;
  const names = deciding.slice(0, 5).map((m) => data.taxa[m]!.name);
  if (deciding.length > 5) names.push(`and ${deciding.length - 5} more`);
  return { resolution: best, members: names };
}
