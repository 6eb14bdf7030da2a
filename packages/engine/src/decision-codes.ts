/**
 * Every rule a decision can cite, and every reason, condition and warning code with its wording
 * (`@cites-permit-check/engine/decision-codes`). Public so that integrators can document or
 * translate the codes they receive, as docs/decision-codes.md is generated from these same tables.
 */
export { CONDITIONS, type ReasonCode, REASONS, WARNINGS } from './reasons.js';
export { RULE_BOOK, type RuleEntry } from './rule-book.js';
