/**
 * Writes docs/decision-codes.md: every rule id, reason, condition and warning code a decision
 * can carry, from packages/engine/src/rule-book.ts and reasons.ts (the same objects the
 * engine returns). `--check` exits 1 when the committed file differs.
 */
import { CONDITIONS, REASONS, WARNINGS, RULE_BOOK } from '@cites-permit-check/engine/decision-codes';
import { writeOrCheck } from './generated-file.js';

const FILE = new URL('../docs/decision-codes.md', import.meta.url);
const cell = (s: string) => s.replace(/\|/g, '\\|');

export function decisionCodesDocument(): string {
  const out: string[] = [
    '# Decision codes',
    '',
    'Generated from `packages/engine/src/rule-book.ts` and `packages/engine/src/reasons.ts` by `npm run docs`; do not edit.',
    '',
    'A decision carries `reasons` (each with a `rule` id and the `article` that decides it),',
    '`conditions` the documents are subject to, and `warnings` (how the inputs were read; those',
    'marked for review set `reviewRequired`). The rule ids are those of the rules the engine was',
    'specified from (R1–R43).',
    '',
    '## Rules and the reasons that cite them',
    '',
  ];
  const reasons = Object.values(REASONS);
  for (const [id, rule] of Object.entries(RULE_BOOK)) {
    out.push(`### ${id}: ${rule.title}`, '', `${rule.explains} *Basis: ${rule.basis}.*`, '');
    const citing = reasons.filter((r) => r.rule === id);
    if (citing.length === 0) {
      out.push('No reason code cites it (see the README for how the service stands on it).', '');
      continue;
    }
    out.push('| code | article | meaning |', '|---|---|---|');
    for (const r of citing) out.push(`| \`${r.code}\` | ${cell(r.article)} | ${cell(r.message)} |`);
    out.push('');
  }
  out.push('## Conditions', '', '| code | meaning |', '|---|---|');
  for (const c of Object.values(CONDITIONS)) out.push(`| \`${c.code}\` | ${cell(c.message)} |`);
  out.push('', '## Warnings', '', '| code | meaning |', '|---|---|');
  for (const w of Object.values(WARNINGS)) out.push(`| \`${w.code}\` | ${cell(w.message)} |`);
  return `${out.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeOrCheck(FILE, decisionCodesDocument(), 'npm run docs');
}
