/**
 * The facts of one trade as the rules see them, and the decision being built. Rules read
 * the context and write the outcome; `evaluate.ts` decides which rules run, in the order of
 * the decision table (cites-rules.md §3).
 */
import type { Appendix, DecisionKind, DocumentType, Kingdom, Purpose, Source } from './contract/codes.js';
import type { Claims, Note, Reason, RequiredDocument } from './contract/trade-check.js';
import type { EngineData } from './data.js';
import type { Resolution, Specimen } from './listing.js';
import type { PartyStatus } from './parties.js';
import type { QuotaMatch, QuotaUse } from './restrictions.js';
import type { EnginePolicy } from './policy.js';
import { REASONS, type ReasonCode } from './reasons.js';

export type Movement = 'export' | 're-export' | 'introduction-from-the-sea' | 'domestic';

export interface TradeContext {
  readonly data: EngineData;
  readonly policy: EnginePolicy;
  readonly date: string;
  readonly taxon: number;
  readonly kingdom: Kingdom;
  readonly lineage: readonly number[];
  readonly exporter: string;
  readonly importer: string;
  readonly origin: string | null;
  readonly movement: Movement;
  /** Introduction from the sea landed in a State other than the flag State (Res. Conf. 14.6). */
  readonly landedElsewhere: boolean;
  /** One parent of a plant hybrid (R29). */
  readonly plantHybrid: boolean;
  /**
   * The name given was a subspecies or variety the Checklist folds into this species (unknown
   * to it, or its synonym): it is not one of the species' separately listed subspecies.
   */
  readonly infraspecificNamed: boolean;
  /** Country whose population the specimen belongs to; null when unknown. */
  readonly populationCountry: string | null;
  /** The declared source and purpose, with the term; `specimen.source` may be re-read as W (R41). */
  specimen: Specimen;
  readonly declaredSource: Source;
  readonly purpose: Purpose;
  readonly commercial: boolean;
  readonly quantity: number | undefined;
  readonly unit: string | undefined;
  readonly claims: Claims;
  resolution: Resolution | null;
  appendix: Appendix | null;
  exporterStatus: PartyStatus | null;
  importerStatus: PartyStatus | null;
  /** Export quotas that match the trade (computed once, used twice). */
  quotas: QuotaMatch[] | null;
  /** Quantities already exported under each quota (by quotaKey), when the caller keeps a record of use. */
  readonly quotaUse: QuotaUse | undefined;
}

export class Outcome {
  decision: DecisionKind = 'needs-permit';
  documents: RequiredDocument[] = [];
  alternatives: RequiredDocument[][] = [];
  readonly reasons: Reason[] = [];
  readonly conditions: Note[] = [];
  readonly warnings: Note[] = [];
  reviewRequired = false;

  because(code: ReasonCode): this {
    const r = REASONS[code];
    if (!this.reasons.includes(r)) this.reasons.push(r);
    return this;
  }

  /**
   * A reason with the facts of this trade added to its message (which State holds the
   * reservation): a copy, so the shared reason objects stay as they are.
   */
  becauseWith(code: ReasonCode, detail: string): this {
    const r = REASONS[code];
    if (!this.reasons.some((x) => x.code === r.code)) this.reasons.push({ ...r, message: `${r.message} ${detail}` });
    return this;
  }

  condition(note: Note): this {
    if (!this.conditions.includes(note)) this.conditions.push(note);
    return this;
  }

  warn(note: Note, review = false): this {
    if (!this.warnings.includes(note)) this.warnings.push(note);
    if (review) this.reviewRequired = true;
    return this;
  }

  /** Final answer with no documents (allow or deny). */
  settle(decision: 'allow' | 'deny'): this {
    this.decision = decision;
    this.documents = [];
    this.alternatives = [];
    return this;
  }

  /** Final answer: these documents, or any of the alternative sets. */
  require(documents: RequiredDocument[], alternatives: RequiredDocument[][] = []): this {
    this.decision = 'needs-permit';
    this.documents = documents;
    this.alternatives = alternatives;
    return this;
  }
}

export const doc = (type: DocumentType, issuer: string, order?: number): RequiredDocument => (order === undefined ? { type, issuer } : { type, issuer, order });

/** "Reservation held by: JP (importer)." for the reservation reason. */
export function reservingStates(ctx: TradeContext): string {
  const held = [
    ...(ctx.exporterStatus?.kind === 'reserving' ? [`${ctx.exporter} (exporter)`] : []),
    ...(ctx.importerStatus?.kind === 'reserving' && ctx.importer !== ctx.exporter ? [`${ctx.importer} (importer)`] : []),
  ];
  return `Reservation held by: ${held.join(', ')}.`;
}
