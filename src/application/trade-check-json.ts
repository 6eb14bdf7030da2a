/**
 * A trade-check result as JSON text, byte for byte what JSON.stringify gives, built from
 * cached text for its shared parts: the reasons, conditions and warnings are frozen objects
 * shared by every decision (engine/reasons.ts), and so is the applied listing (whose
 * annotation can run to kilobytes). Re-serialising them was a visible share of a trade
 * check's cost. The same parts give the compact form the decision log stores: each shared
 * part as {"$ref":"<key>"}, its text kept once (store expands it back when read).
 */
import { createHash } from 'node:crypto';
import type { DocumentCheck } from '@cites-permit-check/engine/contract/documents';
import type { AppliedListing, Note, Reason, TradeCheckResult } from '@cites-permit-check/engine/contract/trade-check';
import { refTo } from '../store/decision-parts.js';

interface SharedPart {
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

/**
 * `withFull: false` builds the stored form only (`json` is then empty): a shipment answered in
 * the summary view never sends the whole result, and building it was a third of the batch's
 * garbage.
 */
export function serializeTradeCheck(r: TradeCheckResult, withFull = true): SerializedResult {
  const used: SharedPart[] = [];
  const head =
    `{"decision":"${r.decision}","documents":${JSON.stringify(r.documents)},"alternatives":${JSON.stringify(r.alternatives)},` +
    `"appendix":${r.appendix === null ? 'null' : `"${r.appendix}"`},"taxon":${JSON.stringify(r.taxon)},"listing":`;
  let full = withFull ? head : '';
  let stored = head;
  const listing = r.listing === null ? null : partOf(r.listing);
  if (listing !== null) {
    used.push(listing);
    if (withFull) full += listing.text;
    stored += refTo(listing.key);
  } else {
    const text = JSON.stringify(r.listing);
    if (withFull) full += text;
    stored += text;
  }
  const lists = [r.reasons, r.conditions, r.warnings];
  const names = [`,"movement":"${r.movement}","date":"${r.date}","reasons":[`, '],"conditions":[', '],"warnings":['];
  for (let l = 0; l < 3; l++) {
    if (withFull) full += names[l];
    stored += names[l];
    const items = lists[l]!;
    for (let i = 0; i < items.length; i++) {
      const sep = i > 0 ? ',' : '';
      const part = partOf(items[i]!);
      if (part === null) {
        const text = JSON.stringify(items[i]);
        if (withFull) full += sep + text;
        stored += sep + text;
      } else {
        used.push(part);
        if (withFull) full += sep + part.text;
        stored += sep + refTo(part.key);
      }
    }
  }
  const tail =
    `],"reviewRequired":${r.reviewRequired},"datasetVersion":${JSON.stringify(r.datasetVersion)},"datasetAsOf":${JSON.stringify(r.datasetAsOf)}` +
    `${r.quotas === undefined ? '' : `,"quotas":${JSON.stringify(r.quotas)}`}` +
    `${r.documentChecks === undefined ? '' : `,"documentChecks":${documentChecksJson(r.documentChecks)}`}` +
    `${r.decisionId === undefined ? '' : `,"decisionId":"${r.decisionId}"`}}`;
  return { json: withFull ? full + tail : '', stored: stored + tail, parts: used };
}

/**
 * The verdicts on the documents presented, as JSON.stringify writes them (same fields, same
 * order), with the shared reasons from their cached text. The stored form keeps them whole:
 * a decision's verdicts read back as they were answered.
 */
function documentChecksJson(checks: readonly DocumentCheck[]): string {
  let out = '[';
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i]!;
    out += `${i > 0 ? ',' : ''}{"type":${JSON.stringify(c.type)},"number":${JSON.stringify(c.number)},"issuer":${JSON.stringify(c.issuer)},"verdict":"${c.verdict}","inRegister":${c.inRegister},"reasons":[`;
    for (let j = 0; j < c.reasons.length; j++) {
      const reason = c.reasons[j]!;
      out += `${j > 0 ? ',' : ''}${partOf(reason)?.text ?? JSON.stringify(reason)}`;
    }
    out += ']}';
  }
  return `${out}]`;
}

export const tradeCheckResultJson = (r: TradeCheckResult): string => serializeTradeCheck(r).json;
