/** What a check says about one document: a reason code and the facts of this document. */
import type { Reason } from '../contract/trade-check.js';
import { DOCUMENT_REASONS, type DocumentReasonCode, REVIEW_FINDINGS } from './reasons.js';

export interface Finding {
  code: DocumentReasonCode;
  detail?: string;
}

export const finding = (code: DocumentReasonCode, detail?: string): Finding => (detail === undefined ? { code } : { code, detail });

/** The reason as the answer carries it: the shared wording, and the facts appended (a copy). */
export function reasonOf(f: Finding): Reason {
  const r = DOCUMENT_REASONS[f.code];
  return f.detail === undefined ? r : { ...r, message: `${r.message} ${f.detail}` };
}

/** Invalid as soon as one finding refuses it; unverified when only review findings remain or the register does not hold it. */
export function verdictOf(findings: readonly Finding[], inRegister: boolean): 'valid' | 'invalid' | 'unverified' {
  for (const f of findings) if (!REVIEW_FINDINGS.has(f.code)) return 'invalid';
  return inRegister && findings.length === 0 ? 'valid' : 'unverified';
}
