/**
 * From the name a customs declaration gives to a taxon of the store: accepted name,
 * synonym or common name in any case and spacing; an unknown binomial whose genus is
 * known inherits its genus's listing unless it looks like a misspelling of a known
 * species; anything else is an `unknown-taxon` problem with the closest names.
 */
import type { Kingdom } from './contract/codes.js';
import { problem, type Problem } from './contract/problem.js';
import type { EngineData } from './data.js';
import { normaliseName } from './names.js';

export interface TaxonMatch {
  taxon: number;
  /** 'species': an unknown subspecies or variety read as its species; 'genus': an unknown species read as its genus. */
  matchedAs: 'id' | 'accepted' | 'synonym' | 'common-name' | 'species' | 'genus';
}

const CACHE_LIMIT = 20_000;

/**
 * How many fuzzy searches (close-match suggestions, misspelling checks) one request may
 * run: a batch of thousands of unknown names must not hold the event loop for seconds.
 * Past it a name that needs one is answered unknown, without suggestions (never less
 * strict: an unknown name is a 422, not a decision), and that answer is not cached.
 */
export class SearchBudget {
  constructor(public remaining: number) {}
  take(): boolean {
    if (this.remaining <= 0) return false;
    this.remaining--;
    return true;
  }
}

/** Thrown inside resolution when the budget runs out; caught in byName. */
class OutOfBudget extends Error {}

function fuzzy(data: EngineData, budget: SearchBudget | undefined, key: string, limit?: number, maxDistance?: number) {
  if (budget !== undefined && !budget.take()) throw new OutOfBudget();
  return data.names.suggest(key, limit, maxDistance);
}

/** A taxon offered to the caller: an unknown name's close match, or one of the taxa an ambiguous name means. */
function suggestionOf(data: EngineData, taxon: number, matchedAs: string, distance: number) {
  const t = data.taxa[taxon]!;
  return { id: t.id, name: t.name, kingdom: t.kingdom, matchedAs, distance };
}

function suggestions(data: EngineData, key: string, budget: SearchBudget | undefined) {
  return fuzzy(data, budget, key).map((s) => suggestionOf(data, s.taxon, s.kind, s.distance));
}

function unknown(data: EngineData, input: string, key: string, budget?: SearchBudget): Problem {
  const found = suggestions(data, key, budget);
  const hint = found.length
    ? ` Did you mean ${found
        .slice(0, 3)
        .map((s) => s.name)
        .join(', ')}?`
    : '';
  return problem('unknown-taxon', 422, `No taxon is known as "${input}".${hint}`, {
    errors: [{ pointer: '#/taxon', in: 'body', detail: 'matches no scientific name, synonym or common name' }],
    suggestions: found,
  });
}

/**
 * A scientific name or synonym under the same genus (or species) within two edits of
 * `key`: a probable misspelling (of a species, a subspecies or a synonym), to be reported,
 * not read as the broader taxon. "Panthera leo persicca" is the Appendix-I Asiatic lion.
 */
function probableMisspelling(data: EngineData, prefix: string, key: string, budget: SearchBudget | undefined): boolean {
  return fuzzy(data, budget, key, 20, 2).some((s) => s.kind !== 'common-name' && s.name.startsWith(`${prefix} `));
}

export class TaxonMatcher {
  private readonly cache = new Map<string, TaxonMatch | Problem>();

  constructor(private readonly data: EngineData) {}

  byId(id: string): TaxonMatch | Problem {
    const taxon = this.data.taxonById.get(id);
    if (taxon === undefined) {
      return problem('unknown-taxon', 422, `No taxon has id "${id}".`, {
        errors: [{ pointer: '#/taxonId', in: 'body', detail: 'unknown taxon id' }],
        suggestions: [],
      });
    }
    return { taxon, matchedAs: 'id' };
  }

  /** The taxon a name means; `kingdom` picks between taxa of the two kingdoms that share the name. */
  byName(input: string, kingdom?: Kingdom, budget?: SearchBudget): TaxonMatch | Problem {
    const cacheKey = kingdom === undefined ? input : `${kingdom}\u0000${input}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    let result: TaxonMatch | Problem;
    try {
      result = this.resolve(input, kingdom, budget);
    } catch (e) {
      if (!(e instanceof OutOfBudget)) throw e;
      return problem(
        'unknown-taxon',
        422,
        `No taxon is known as "${input}". (Close matches were not searched: this request used up its share of name searches; send the item again on its own for suggestions.)`,
        {
          errors: [{ pointer: '#/taxon', in: 'body', detail: 'matches no scientific name, synonym or common name' }],
          suggestions: [],
        },
      );
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(cacheKey, result);
    return result;
  }

  private resolve(input: string, kingdom: Kingdom | undefined, budget: SearchBudget | undefined): TaxonMatch | Problem {
    const { data } = this;
    const key = normaliseName(input);
    const hit = data.names.lookup(key);
    if (hit.found) {
      if (kingdom !== undefined && data.taxa[hit.taxon]!.kingdom !== kingdom) return unknown(data, input, key, budget);
      return { taxon: hit.taxon, matchedAs: hit.kind };
    }
    if (hit.ambiguous !== null && kingdom !== undefined) {
      const inKingdom = hit.ambiguous.filter((t) => data.taxa[t]!.kingdom === kingdom);
      if (inKingdom.length === 1) return { taxon: inKingdom[0]!, matchedAs: hit.kind };
    }
    if (hit.ambiguous !== null) {
      const kingdoms = new Set(hit.ambiguous.map((t) => data.taxa[t]!.kingdom));
      if (kingdoms.size > 1 && hit.kind !== 'common-name') {
        return problem('ambiguous-taxon', 422, `"${input}" names a taxon in each kingdom (${[...kingdoms].join(', ')}); give kingdom or taxonId.`, {
          errors: [{ pointer: '#/taxon', in: 'body', detail: 'names taxa in both kingdoms: give kingdom (Animalia or Plantae) or taxonId' }],
          suggestions: hit.ambiguous.map((t) => suggestionOf(data, t, hit.kind, 0)),
        });
      }
      return problem('ambiguous-taxon', 422, `"${input}" is a ${hit.kind} of several taxa; give the scientific name or taxonId.`, {
        errors: [{ pointer: '#/taxon', in: 'body', detail: 'matches several taxa' }],
        suggestions: hit.ambiguous.map((t) => suggestionOf(data, t, hit.kind, 0)),
      });
    }
    const words = key.split(' ');
    // The longest known prefix decides: an unknown subspecies ("Panthera pardus orientalis")
    // is its species, never its genus, which may be less strict (Panthera: Appendix II
    // through Felidae; P. pardus: Appendix I).
    if (words.length >= 3) {
      const species = data.names.lookup(`${words[0]} ${words[1]}`);
      if (species.found && species.kind !== 'common-name' && (kingdom === undefined || data.taxa[species.taxon]!.kingdom === kingdom)) {
        if (!probableMisspelling(data, `${words[0]} ${words[1]}`, key, budget)) return { taxon: species.taxon, matchedAs: 'species' };
        return unknown(data, input, key, budget);
      }
    }
    if (words.length >= 2) {
      const genera = (data.genusByKey.get(words[0]!) ?? []).filter((g) => kingdom === undefined || data.taxa[g]!.kingdom === kingdom);
      if (genera.length === 1 && !probableMisspelling(data, words[0]!, key, budget)) return { taxon: genera[0]!, matchedAs: 'genus' };
    }
    return unknown(data, input, key, budget);
  }

  /** The unknown-taxon problem for a genus match that turned out to carry no listing. */
  unknownName(input: string, budget?: SearchBudget): Problem {
    try {
      return unknown(this.data, input, normaliseName(input), budget);
    } catch (e) {
      if (!(e instanceof OutOfBudget)) throw e;
      return unknown(this.data, input, '', undefined); // no key: no search, no suggestions
    }
  }
}
