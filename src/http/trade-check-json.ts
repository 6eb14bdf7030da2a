/**
 * A trade-check result as JSON text, byte for byte what JSON.stringify gives, but reusing
 * the text of the reasons, conditions and warnings: they are frozen objects shared by every
 * decision (engine/reasons.ts), and so is the applied listing (whose annotation can run to
 * kilobytes); re-serialising them was a visible share of a trade check's cost.
 */
import type { AppliedListing, Note, Reason, TradeCheckResult } from '../contract/trade-check.js';

const texts = new WeakMap<object, string>();

function json(o: Reason | Note | AppliedListing): string {
  let text = texts.get(o);
  if (text === undefined) {
    text = JSON.stringify(o);
    if (Object.isFrozen(o)) texts.set(o, text);
  }
  return text;
}

const list = (items: readonly (Reason | Note)[]) => (items.length === 0 ? '[]' : `[${items.map(json).join(',')}]`);

export function tradeCheckResultJson(r: TradeCheckResult): string {
  return (
    `{"decision":"${r.decision}","documents":${JSON.stringify(r.documents)},"alternatives":${JSON.stringify(r.alternatives)},` +
    `"appendix":${r.appendix === null ? 'null' : `"${r.appendix}"`},"taxon":${JSON.stringify(r.taxon)},"listing":${JSON.stringify(r.listing)},` +
    `"movement":"${r.movement}","date":"${r.date}","reasons":${list(r.reasons)},"conditions":${list(r.conditions)},` +
    `"warnings":${list(r.warnings)},"reviewRequired":${r.reviewRequired},"datasetVersion":${JSON.stringify(r.datasetVersion)}` +
    `${r.decisionId === undefined ? '' : `,"decisionId":"${r.decisionId}"`}}`
  );
}
