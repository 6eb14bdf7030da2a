/**
 * How bundles and officers' records name a taxon: by its scientific name. A few names are
 * used by both codes of nomenclature (the mammal order Pholidota and the orchid genus
 * Pholidota), so a name may carry its kingdom: "Pholidota [Animalia]". The qualifier is
 * needed only where the name alone would be ambiguous; exports write it only there.
 */
import { KINGDOMS, type Kingdom } from '@cites-permit-check/engine/contract/codes';

const QUALIFIED = /^(.*\S)\s*\[\s*(Animalia|Plantae)\s*\]$/i;

export interface TaxonRef {
  name: string;
  kingdom: Kingdom | null;
}

export function parseTaxonRef(ref: string): TaxonRef {
  const m = QUALIFIED.exec(ref.trim());
  if (!m) return { name: ref.trim(), kingdom: null };
  const kingdom = KINGDOMS.find((k) => k.toLowerCase() === m[2]!.toLowerCase())!;
  return { name: m[1]!, kingdom };
}

export function formatTaxonRef(name: string, kingdom: Kingdom, qualify: boolean): string {
  return qualify ? `${name} [${kingdom}]` : name;
}
