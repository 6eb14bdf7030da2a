/**
 * Which stored taxon a reference in a bundle or an officer's record means. A taxon's
 * identity is its id (and its Species+ id); its name is unique only within a kingdom, so a
 * reference to a name two kingdoms use must say which ("Pholidota [Animalia]") unless the
 * context does (a parent is in its child's kingdom). Pure: the store fills it from its rows.
 */
import type { Kingdom } from '@cites-permit-check/engine/contract/codes';
import { formatTaxonRef, parseTaxonRef } from '../contract/taxon-ref.js';

export interface DirectoryEntry {
  id: number;
  name: string;
  kingdom: Kingdom;
}

export type Resolved = { id: number } | { error: string };

export class TaxonDirectory {
  private readonly byName = new Map<string, DirectoryEntry[]>();
  private readonly byId = new Map<number, DirectoryEntry>();

  constructor(entries: Iterable<DirectoryEntry> = []) {
    for (const e of entries) this.add(e);
  }

  add(e: DirectoryEntry): void {
    this.remove(e.id);
    const entry = { ...e };
    this.byId.set(e.id, entry);
    const list = this.byName.get(e.name);
    if (list) list.push(entry);
    else this.byName.set(e.name, [entry]);
  }

  remove(id: number): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    const list = this.byName.get(old.name)!.filter((x) => x.id !== id);
    if (list.length) this.byName.set(old.name, list);
    else this.byName.delete(old.name);
  }

  entry(id: number): DirectoryEntry | undefined {
    return this.byId.get(id);
  }

  /** The taxon of this name in this kingdom, if any. */
  find(name: string, kingdom: Kingdom): DirectoryEntry | undefined {
    return this.byName.get(name)?.find((e) => e.kingdom === kingdom);
  }

  /** Kingdoms that use the name. */
  kingdomsOf(name: string): Kingdom[] {
    return (this.byName.get(name) ?? []).map((e) => e.kingdom);
  }

  /**
   * The taxon a reference names. `context` is the kingdom the reference must belong to when
   * the record says so (a parent, an exclusion under a listed taxon); a qualified reference
   * ("Name [Kingdom]") says so itself.
   */
  resolve(ref: string, context: Kingdom | null = null): Resolved {
    const { name, kingdom } = parseTaxonRef(ref);
    const candidates = this.byName.get(name) ?? [];
    const want = kingdom ?? context;
    if (want !== null) {
      const hit = candidates.find((e) => e.kingdom === want);
      if (hit) return { id: hit.id };
      if (kingdom !== null || candidates.length === 0) return { error: `unknown taxon "${ref}"` };
      return { error: `unknown taxon "${name}" in ${want} (the name is used in ${candidates.map((c) => c.kingdom).join(', ')})` };
    }
    if (candidates.length === 1) return { id: candidates[0]!.id };
    if (candidates.length === 0) return { error: `unknown taxon "${ref}"` };
    return {
      error: `"${name}" names taxa in ${candidates.map((c) => c.kingdom).join(' and ')}; write ${candidates.map((c) => `"${formatTaxonRef(name, c.kingdom, true)}"`).join(' or ')}`,
    };
  }

  idOf(ref: string, context: Kingdom | null = null): number | undefined {
    const r = this.resolve(ref, context);
    return 'id' in r ? r.id : undefined;
  }

  /** How a bundle names the taxon: its name, with its kingdom when another kingdom uses the name too. */
  refOf(id: number): string {
    const e = this.byId.get(id);
    if (!e) throw new Error(`no taxon ${id}`);
    return formatTaxonRef(e.name, e.kingdom, (this.byName.get(e.name)?.length ?? 0) > 1);
  }
}
