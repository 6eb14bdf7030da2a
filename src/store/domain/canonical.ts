/**
 * One canonical form per record kind, shared by the bundle importer (to compare with what
 * is stored) and the exporter (to write it). Field order is fixed so that equal records
 * serialise to equal bytes: export → import → export round-trips exactly.
 */
import type { BundleListing, BundleParty, BundleQuota, BundleReservation, BundleSuspension, BundleTaxon, Populations } from '../../contract/bundle.js';
import type { LocalizedText } from '@cites-permit-check/engine/contract/common';

type SynonymOut = string | { name: string; author: string };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = <T extends string>(list: readonly T[]): T[] => [...new Set(list)].sort(byText);

function canonicalText(t: LocalizedText | null | undefined): LocalizedText | null {
  if (!t) return null;
  const out: LocalizedText = {};
  if (t.en) out.en = t.en;
  if (t.es) out.es = t.es;
  if (t.fr) out.fr = t.fr;
  return Object.keys(out).length ? out : null;
}

export function canonicalPopulations(
  p:
    | { include?: string[] | null | undefined; exclude?: string[] | null | undefined; partly?: string[] | null | undefined; text?: string | null | undefined }
    | null
    | undefined,
): Populations | null {
  if (!p) return null;
  const out: Populations = {};
  if (p.include?.length) out.include = sorted(p.include);
  else if (p.exclude?.length) out.exclude = sorted(p.exclude);
  if (p.partly?.length) out.partly = sorted(p.partly);
  if (p.text) out.text = p.text;
  return out.include || out.exclude || out.text ? out : null;
}

export function canonicalParty(p: BundleParty) {
  return { code: p.code, name: p.name, entryIntoForce: p.entryIntoForce, left: p.left, territoryOf: p.territoryOf };
}

export function canonicalTaxon(t: {
  name: string;
  rank: string;
  author: string | null;
  parent: string | null;
  externalId: string | null;
  synonyms: ReadonlyArray<{ name: string; author: string | null }>;
  commonNames: ReadonlyArray<{ lang: string; name: string }>;
  distribution: readonly string[];
}) {
  const synonyms: SynonymOut[] = [...new Map(t.synonyms.map((s) => [s.name, s])).values()]
    .sort((a, b) => byText(a.name, b.name))
    .map((s) => (s.author ? { name: s.name, author: s.author } : s.name));
  const commonNames = [...new Map(t.commonNames.map((c) => [`${c.lang}\u0000${c.name}`, c])).values()]
    .sort((a, b) => byText(a.lang, b.lang) || byText(a.name, b.name))
    .map((c) => ({ lang: c.lang, name: c.name }));
  return {
    name: t.name,
    rank: t.rank,
    author: t.author,
    parent: t.parent,
    externalId: t.externalId,
    synonyms,
    commonNames,
    distribution: sorted(t.distribution),
  };
}

/** Synonyms as {name, author} whatever form the bundle used. */
export function synonymRecords(list: BundleTaxon['synonyms']): { name: string; author: string | null }[] {
  return list.map((s) => (typeof s === 'string' ? { name: s, author: null } : { name: s.name, author: s.author ?? null }));
}

export type ExcludedOut = string | { taxon: string; populations: Populations };

export function canonicalExclusions(list: ReadonlyArray<{ taxon: string; populations: Populations | null }>): ExcludedOut[] {
  return [...list].sort((a, b) => byText(a.taxon, b.taxon)).map((x) => (x.populations ? { taxon: x.taxon, populations: x.populations } : x.taxon));
}

export function canonicalListing(l: Omit<BundleListing, 'excludedTaxa'> & { excludedTaxa: ExcludedOut[] }) {
  return {
    taxon: l.taxon,
    appendix: l.appendix,
    party: l.party,
    effectiveFrom: l.effectiveFrom,
    effectiveTo: l.effectiveTo,
    ...(l.mayStartFrom ? { mayStartFrom: l.mayStartFrom } : {}),
    populations: canonicalPopulations(l.populations),
    excludedTaxa: l.excludedTaxa,
    annotation: canonicalText(l.annotation),
    hashAnnotation: l.hashAnnotation,
    hashAnnotationText: canonicalText(l.hashAnnotationText),
    specimens: l.specimens,
    ...(l.source ? { source: l.source } : {}),
  };
}

export function canonicalReservation(r: BundleReservation) {
  return {
    party: r.party,
    taxon: r.taxon,
    appendix: r.appendix,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    notes: r.notes,
  };
}

export function canonicalQuota(q: BundleQuota) {
  return {
    taxon: q.taxon,
    exporter: q.exporter,
    quantity: q.quantity,
    unit: q.unit,
    terms: sorted(q.terms),
    sources: sorted(q.sources),
    purposes: sorted(q.purposes),
    effectiveFrom: q.effectiveFrom,
    effectiveTo: q.effectiveTo,
    notes: q.notes,
  };
}

export function canonicalSuspension(s: BundleSuspension) {
  return {
    country: s.country,
    taxon: s.taxon,
    purposes: sorted(s.purposes),
    sources: sorted(s.sources),
    terms: sorted(s.terms),
    appliesToImports: s.appliesToImports,
    effectiveFrom: s.effectiveFrom,
    effectiveTo: s.effectiveTo,
    notification: s.notification,
    notes: s.notes,
    review: s.review,
  };
}

/** The countries a population scope names (its wording is description, not identity). */
const scopeOf = (p: Populations | null) => (p ? JSON.stringify({ include: p.include, exclude: p.exclude, partly: p.partly }) : '');

/** Natural keys: what identifies a record across imports (contract §2, merge mode). */
export const naturalKey = {
  listing: (taxonId: number, appendix: string, party: string | null, populations: Populations | null, from: string) =>
    `${taxonId}|${appendix}|${party ?? ''}|${scopeOf(populations)}|${from}`,
  scope: (taxonId: number, party: string | null, populations: Populations | null) => `${taxonId}|${party ?? ''}|${scopeOf(populations)}`,
  reservation: (party: string, taxonId: number, appendix: string, from: string) => `${party}|${taxonId}|${appendix}|${from}`,
  quota: (taxonId: number, exporter: string | null, terms: string[], sources: string[], purposes: string[], from: string) =>
    `${taxonId}|${exporter ?? ''}|${terms.join(',')}|${sources.join(',')}|${purposes.join(',')}|${from}`,
  suspension: (country: string, taxonId: number | null, purposes: string[], sources: string[], terms: string[], from: string) =>
    `${country}|${taxonId ?? ''}|${purposes.join(',')}|${sources.join(',')}|${terms.join(',')}|${from}`,
};
