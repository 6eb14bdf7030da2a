/**
 * From the name a customs declaration gives to a taxon of the store: accepted name,
 * synonym or common name in any case and spacing; an unknown binomial whose genus is
 * known inherits its genus's listing unless it looks like a misspelling of a known
 * species; anything else is an `unknown-taxon` problem with the closest names.
 */
import { problem, type Problem } from '../contract/problem.js';
import type { EngineData } from './data.js';
import { normaliseName } from './names.js';

export interface TaxonMatch {
  taxon: number;
  matchedAs: 'id' | 'accepted' | 'synonym' | 'common-name' | 'genus';
}

const CACHE_LIMIT = 20_000;

function suggestions(data: EngineData, key: string) {
  return data.names.suggest(key).map((s) => ({
    id: data.taxa[s.taxon]!.id,
    name: data.taxa[s.taxon]!.name,
    matchedAs: s.kind,
    distance: s.distance,
  }));
}

function unknown(data: EngineData, input: string, key: string): Problem {
  const found = suggestions(data, key);
  const hint = found.length ? ` Did you mean ${found.slice(0, 3).map((s) => s.name).join(', ')}?` : '';
  return problem('unknown-taxon', 422, `No taxon is known as "${input}".${hint}`, {
    errors: [{ pointer: '#/taxon', in: 'body', detail: 'matches no scientific name, synonym or common name' }],
    suggestions: found,
  });
}

/**
 * A scientific name or synonym of the same genus within two edits of `key`: a probable
 * misspelling (of a species, a subspecies or a synonym), to be reported, not read as the
 * genus. "Panthera leo persicca" is the Appendix-I Asiatic lion, not Felidae's Appendix II.
 */
function probableMisspelling(data: EngineData, genusWord: string, key: string): boolean {
  return data.names.suggest(key, 20, 2).some((s) => s.kind !== 'common-name' && s.name.startsWith(`${genusWord} `));
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

  byName(input: string): TaxonMatch | Problem {
    const cached = this.cache.get(input);
    if (cached !== undefined) return cached;
    const result = this.resolve(input);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(input, result);
    return result;
  }

  private resolve(input: string): TaxonMatch | Problem {
    const { data } = this;
    const key = normaliseName(input);
    const hit = data.names.lookup(key);
    if (hit.found) return { taxon: hit.taxon, matchedAs: hit.kind };
    if (hit.ambiguous !== null) {
      return problem('ambiguous-taxon', 422, `"${input}" is a ${hit.kind} of several taxa; give the scientific name or taxonId.`, {
        errors: [{ pointer: '#/taxon', in: 'body', detail: 'matches several taxa' }],
        suggestions: hit.ambiguous.map((t) => ({ id: data.taxa[t]!.id, name: data.taxa[t]!.name, matchedAs: hit.kind, distance: 0 })),
      });
    }
    const words = key.split(' ');
    if (words.length >= 2) {
      const genus = data.genusByKey.get(words[0]!);
      if (genus !== undefined && !probableMisspelling(data, words[0]!, key)) return { taxon: genus, matchedAs: 'genus' };
    }
    return unknown(data, input, key);
  }

  /** The unknown-taxon problem for a genus match that turned out to carry no listing. */
  unknownName(input: string): Problem {
    return unknown(this.data, input, normaliseName(input));
  }
}
