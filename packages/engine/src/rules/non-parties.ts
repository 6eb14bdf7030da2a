/**
 * R32–R33 post-processing (Art. X, Res. Conf. 9.5; Art. XV(3), XXIII(3), Res. Conf. 4.25):
 * when one side is a non-Party for this species, comparable documentation from its
 * competent authority replaces each CITES document it would issue; the Party side still
 * issues its own.
 */
import type { RequiredDocument } from '../contract/trade-check.js';
import { reservingStates, type Outcome, type TradeContext } from '../outcome.js';

export function comparableDocumentation(ctx: TradeContext, out: Outcome): void {
  const exporterOutside = ctx.exporterStatus!.kind !== 'party';
  const importerOutside = ctx.importerStatus!.kind !== 'party';
  if (!exporterOutside && !importerOutside) return;
  if (ctx.exporterStatus!.kind === 'reserving' || ctx.importerStatus!.kind === 'reserving') out.becauseWith('RESERVATION', reservingStates(ctx));
  if (out.decision !== 'needs-permit') return;
  out.because('NON_PARTY_COMPARABLE_DOCUMENTATION');
  const swap = (d: RequiredDocument): RequiredDocument => {
    const outside = (exporterOutside && d.issuer === ctx.exporter) || (importerOutside && d.issuer === ctx.importer);
    if (!outside) return d;
    const c: RequiredDocument = { type: 'comparable-documentation', issuer: d.issuer, inLieuOf: d.type };
    if (d.order !== undefined) c.order = d.order;
    return c;
  };
  out.documents = out.documents.map(swap);
  out.alternatives = out.alternatives.map((set) => set.map(swap));
}
