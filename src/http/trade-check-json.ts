/**
 * A trade-check result as JSON text, byte for byte what JSON.stringify gives, built from
 * cached text for its shared parts: the reasons, conditions and warnings are frozen objects
 * shared by every decision (engine/reasons.ts), and so is the applied listing (whose
 * annotation can run to kilobytes). Re-serialising them was a visible share of a trade
 * check's cost. The same parts give the compact form the decision log stores: each shared
 * part as {"$ref":"<key>"}, its text kept once (store expands it back when read).
 */
import { createHash } from 'node:crypto';
import type { AppliedListing, Note, Reason, TradeCheckResult } from '../contract/trade-check.js';
import { refTo } from '../store/decision-parts.js';

export interface SharedPart {
  key: string;
  text: string;
}

const parts = new WeakMap<object, SharedPart>();

function partOf(o: Reason | Note | AppliedListing): SharedPart | null {
  if (!Object.isFrozen(o)) return null;
  let part = parts.get(o);
  if (part === undefined) {
    const text = JSON.stringify(o);
    part = { key: createHash('sha1').update(text).digest('hex').slice(0, 16), text };
    parts.set(o, part);
  }
  return part;
}

export interface SerializedResult {
  /** What the client receives. */
  json: string;
  /** What the decision log stores: shared parts as references. */
  stored: string;
  /** The shared parts `stored` refers to. */
  parts: SharedPart[];
}

export function serializeTradeCheck(r: TradeCheckResult): SerializedResult {
  const used: SharedPart[] = [];
  let full = '';
  let stored = '';
  const both = (text: string) => {
    full += text;
    stored += text;
  };
  const shared = (o: Reason | Note | AppliedListing) => {
    const part = partOf(o);
    if (part === null) return both(JSON.stringify(o));
    used.push(part);
    full += part.text;
    stored += refTo(part.key);
  };
  const list = (items: readonly (Reason | Note)[]) => {
    both('[');
    items.forEach((item, i) => {
      if (i > 0) both(',');
      shared(item);
    });
    both(']');
  };
  both(`{"decision":"${r.decision}","documents":${JSON.stringify(r.documents)},"alternatives":${JSON.stringify(r.alternatives)},`);
  both(`"appendix":${r.appendix === null ? 'null' : `"${r.appendix}"`},"taxon":${JSON.stringify(r.taxon)},"listing":`);
  if (r.listing === null) both('null');
  else shared(r.listing);
  both(`,"movement":"${r.movement}","date":"${r.date}","reasons":`);
  list(r.reasons);
  both(',"conditions":');
  list(r.conditions);
  both(',"warnings":');
  list(r.warnings);
  both(`,"reviewRequired":${r.reviewRequired},"datasetVersion":${JSON.stringify(r.datasetVersion)}`);
  both(`${r.decisionId === undefined ? '' : `,"decisionId":"${r.decisionId}"`}}`);
  return { json: full, stored, parts: used };
}

export const tradeCheckResultJson = (r: TradeCheckResult): string => serializeTradeCheck(r).json;
