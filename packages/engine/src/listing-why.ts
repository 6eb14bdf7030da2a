/**
 * The plain-language explanation of a listing resolution (GET /v1/taxa/{id} `resolution.why`).
 * It lives with the engine, next to the resolution it explains, so every consumer of the
 * catalog words the same decision the same way.
 */
import type { EngineData } from './data.js';
import type { Resolution } from './listing.js';

export function explainResolution(data: EngineData, r: Resolution): string {
  const nameOf = (taxon: number) => data.taxa[taxon]!.name;
  if (!r.listed) {
    if (r.why === 'excluded') return `Excepted from the listing of ${nameOf(r.entry!.taxon)} (Appendix ${r.entry!.appendix}): not included in the Appendices.`;
    if (r.why === 'not-covered') return `Listed under ${nameOf(r.entry!.taxon)}, but this specimen type is not covered by the annotation.`;
    return 'No listing in force on this date covers this taxon (or this population).';
  }
  const e = r.entry;
  const where = r.inherited ? `as part of ${nameOf(e.taxon)} (inherited)` : 'in its own right';
  const pops = e.populations?.include
    ? ` for the populations of ${[...e.populations.include].join(', ')}`
    : e.populations?.exclude
      ? `, all populations except ${[...e.populations.exclude].join(', ')}`
      : '';
  const deemed = r.deemedAppendixI ? ` The specimen is outside the annotation and deemed Appendix I.` : '';
  const parties = r.listingParties.length ? ` Listing Parties: ${r.listingParties.join(', ')}.` : '';
  return `Listed in Appendix ${e.appendix} ${where}${pops}, in force since ${e.from}.${deemed}${parties}`;
}
