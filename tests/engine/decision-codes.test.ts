/**
 * Every rule id and code a decision can carry is explained in the repository
 * (docs/decision-codes.md, generated from these objects; the suite checks it is current).
 */
import { describe, expect, it } from 'vitest';
import { CONDITIONS, REASONS, WARNINGS, RULE_BOOK } from '@cites-permit-check/engine/decision-codes';

describe('decision codes', () => {
  it('every rule a reason cites is explained in the rule book', () => {
    const unexplained = Object.values(REASONS)
      .map((r) => r.rule)
      .filter((rule) => !(rule in RULE_BOOK));
    expect(unexplained).toEqual([]);
  });

  it('each code is named by its own key and used once across reasons, conditions and warnings', () => {
    const all = [...Object.entries(REASONS), ...Object.entries(CONDITIONS), ...Object.entries(WARNINGS)];
    for (const [key, value] of all) expect(value.code).toBe(key);
    const codes = all.map(([key]) => key);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('every explanation says something', () => {
    for (const [id, rule] of Object.entries(RULE_BOOK)) {
      expect(id).toMatch(/^R\d+$/);
      expect(rule.explains.length, id).toBeGreaterThan(20);
      expect(rule.basis, id).toMatch(/Art\.|Res\. Conf\.|annotation/);
    }
  });
});
