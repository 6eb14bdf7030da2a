/**
 * The taxa of the default dataset: the Checklist's, plus those the amendments add, keyed by
 * kingdom and name (a name is unique within a kingdom only). Names from other sources (the
 * 2013 history, the amendments, the seed) are joined to them by name or by a Checklist
 * synonym; a rename keeps the taxon and makes the old name a synonym.
 */
import { type BundleTaxon, CLASSIFICATION_LEVELS } from '../contract/bundle.js';
import type { Kingdom } from '@cites-permit-check/engine/contract/codes';
import { formatTaxonRef, parseTaxonRef } from '../contract/taxon-ref.js';

export const bookKey = (kingdom: Kingdom, name: string) => `${kingdom}|${name}`;

export function kingdomOfTaxon(t: BundleTaxon, fallback?: Kingdom): Kingdom {
  const k = t.higher?.kingdom ?? (t.rank === 'KINGDOM' ? t.name : undefined) ?? (t.parent !== null ? parseTaxonRef(t.parent).kingdom : null) ?? fallback;
  if (k === undefined && t.parent !== null && (t.parent === 'Animalia' || t.parent === 'Plantae')) return t.parent;
  if (k !== 'Animalia' && k !== 'Plantae') throw new Error(`taxon ${t.name}: kingdom not stated`);
  return k;
}

export class TaxonBook {
  private readonly taxa = new Map<string, BundleTaxon>();
  private readonly bySynonym = new Map<string, string[]>();
  private readonly kingdomsOfName = new Map<string, Set<Kingdom>>();
  /** Old key → new key, for renamed taxa. */
  private readonly moved = new Map<string, string>();

  constructor(taxa: readonly BundleTaxon[]) {
    for (const t of taxa) this.add(t, kingdomOfTaxon(t));
    for (const t of taxa) this.addAncestors(t, kingdomOfTaxon(t));
  }

  /**
   * The ranks above a taxon that its classification names but that have no record of their
   * own (Aves, Chordata): the store would create them from `higher`; the dataset names them
   * too, so that records about them (a suspension on CITES-listed birds) resolve.
   */
  addAncestors(t: BundleTaxon, kingdom: Kingdom): void {
    // The ancestors above the taxon: every level but the species itself.
    const LEVELS = CLASSIFICATION_LEVELS.filter(([level]) => level !== 'species');
    const higher: NonNullable<BundleTaxon['higher']> = {};
    let parent: string | null = null;
    for (const [level, rank] of LEVELS) {
      const name = t.higher?.[level];
      if (name === undefined || name === t.name) continue;
      if (!this.taxa.has(bookKey(kingdom, name))) {
        this.add({ name, rank, author: null, parent, higher: { ...higher }, externalId: null, synonyms: [], commonNames: [], distribution: [] }, kingdom);
      }
      higher[level] = name;
      parent = name;
    }
  }

  add(t: BundleTaxon, kingdom: Kingdom): string {
    const key = bookKey(kingdom, t.name);
    this.taxa.set(key, t);
    (this.kingdomsOfName.get(t.name) ?? this.kingdomsOfName.set(t.name, new Set()).get(t.name)!).add(kingdom);
    for (const s of t.synonyms) {
      const name = typeof s === 'string' ? s : s.name;
      const sk = bookKey(kingdom, name);
      const list = this.bySynonym.get(sk);
      if (!list) this.bySynonym.set(sk, [key]);
      else if (!list.includes(key)) list.push(key);
    }
    return key;
  }

  has(key: string): boolean {
    return this.taxa.has(key);
  }

  get(key: string): BundleTaxon | undefined {
    return this.taxa.get(key);
  }

  keys(): string[] {
    return [...this.taxa.keys()];
  }

  /** The taxon a name means in a kingdom: its accepted name, or the one taxon it is a synonym of. */
  join(kingdom: Kingdom, name: string): string | null {
    const key = this.current(bookKey(kingdom, name));
    if (this.taxa.has(key)) return key;
    const via = this.bySynonym.get(key);
    return via && via.length === 1 ? via[0]! : null;
  }

  /** How a bundle refers to the taxon: its name, with the kingdom when both kingdoms use it. */
  refOf(key: string): string {
    const [kingdom, name] = key.split('|') as [Kingdom, string];
    return formatTaxonRef(name, kingdom, (this.kingdomsOfName.get(name)?.size ?? 0) > 1);
  }

  /**
   * An older name for a taxon, from a source other than the Checklist (the 2013 taxonomy):
   * added only when the name means nothing yet in the kingdom, so it never moves a name the
   * Checklist already places.
   */
  addSynonym(key: string, name: string): boolean {
    const t = this.taxa.get(key);
    const [kingdom] = key.split('|') as [Kingdom];
    const sk = bookKey(kingdom, name);
    if (!t || this.taxa.has(sk) || this.bySynonym.has(sk) || this.moved.has(sk)) return false;
    this.taxa.set(key, { ...t, synonyms: [...t.synonyms, name] });
    this.bySynonym.set(sk, [key]);
    return true;
  }

  /** Whether a name is a taxon's own name (not only a synonym) in the kingdom. */
  isAccepted(kingdom: Kingdom, name: string): boolean {
    return this.taxa.has(bookKey(kingdom, name));
  }

  /**
   * A split: a name the Checklist treats as a synonym becomes a taxon of its own (Loxodonta
   * cyclotis, recognised as a species at CoP20). The synonym leaves the taxon it belonged to.
   */
  split(kingdom: Kingdom, name: string): void {
    const sk = bookKey(kingdom, name);
    for (const key of this.bySynonym.get(sk) ?? []) {
      const t = this.taxa.get(key);
      if (t) this.taxa.set(key, { ...t, synonyms: t.synonyms.filter((s) => (typeof s === 'string' ? s : s.name) !== name) });
    }
    this.bySynonym.delete(sk);
  }

  /** The key of a bundle reference ("Manis", "Pholidota [Animalia]"). */
  keyOfRef(ref: string): string | null {
    const { name, kingdom } = parseTaxonRef(ref);
    if (kingdom !== null) return this.taxa.has(bookKey(kingdom, name)) ? bookKey(kingdom, name) : null;
    const kingdoms = [...(this.kingdomsOfName.get(name) ?? [])];
    return kingdoms.length === 1 ? bookKey(kingdoms[0]!, name) : null;
  }

  /**
   * A nomenclature change: the taxon takes the new name, the old one becomes a synonym, and
   * the taxa classified under the old name follow it.
   */
  rename(key: string, to: string): string {
    const t = this.taxa.get(key)!;
    const [kingdom] = key.split('|') as [Kingdom];
    this.taxa.delete(key);
    const renamed: BundleTaxon = { ...t, name: to, synonyms: [...t.synonyms.filter((s) => (typeof s === 'string' ? s : s.name) !== to), t.name] };
    for (const [k, child] of this.taxa) {
      if (!k.startsWith(`${kingdom}|`)) continue;
      const parent = child.parent === null ? null : parseTaxonRef(child.parent).name;
      const higher =
        child.higher && Object.values(child.higher).includes(t.name)
          ? Object.fromEntries(Object.entries(child.higher).map(([level, n]) => [level, n === t.name ? to : n]))
          : child.higher;
      if (parent === t.name || higher !== child.higher)
        this.taxa.set(k, { ...child, parent: parent === t.name ? to : child.parent, ...(higher ? { higher } : {}) });
    }
    const to_ = this.add(renamed, kingdom);
    this.moved.set(key, to_);
    return to_;
  }

  /** The key a taxon has now, following renames. */
  current(key: string): string {
    let k = key;
    for (let i = 0; i < 10 && this.moved.has(k); i++) k = this.moved.get(k)!;
    return k;
  }

  all(): BundleTaxon[] {
    return [...this.taxa.values()];
  }
}
