/** cites-rules.md §3 "Worked examples", as written. */
import { describe, expect, it } from 'vitest';
import { decide, docs, rulesEngine } from '../helpers/engine.js';

const engine = rulesEngine();

describe('cites-rules.md §3 worked examples', () => {
  it('1. Wild Amazona aestiva, Argentina → Germany, purpose T: export permit from Argentina (row 21)', () => {
    const r = decide(engine, { taxon: 'Amazona aestiva', exporter: 'AR', importer: 'DE', purpose: 'T', source: 'W' });
    expect(r).toMatchObject({ decision: 'needs-permit', appendix: 'II' });
    expect(docs(r)).toEqual(['export-permit@AR']);
  });

  it('2. Wild hyacinth macaw (App. I), purpose T: deny (row 11)', () => {
    const r = decide(engine, { taxon: 'Hyacinth macaw', exporter: 'BR', importer: 'DE', purpose: 'T', source: 'W' });
    expect(r).toMatchObject({ decision: 'deny', appendix: 'I' });
  });

  it('3. Same species, source D from a registered operation, purpose T: export permit only (row 15)', () => {
    const r = decide(engine, { taxon: 'Hyacinth macaw', exporter: 'BR', importer: 'DE', purpose: 'T', source: 'D' });
    expect(r.decision).toBe('needs-permit');
    expect(docs(r)).toEqual(['export-permit@BR']);
  });

  it('4. Elephant raw ivory from Botswana, commercial: outside the App. II annotation → App. I → deny (rows 20 → 11)', () => {
    const r = decide(engine, { taxon: 'Loxodonta africana', exporter: 'BW', importer: 'CN', purpose: 'T', source: 'W', term: 'TUS' });
    expect(r).toMatchObject({ decision: 'deny', appendix: 'I' });
  });

  it('5. Cedrela odorata sawn wood in 2015: from Ecuador a certificate of origin (row 29), from Peru an export permit (row 28)', () => {
    const base = { taxon: 'Cedrela odorata', importer: 'US', purpose: 'T', source: 'W', term: 'SAW', date: '2015-03-01' } as const;
    expect(docs(decide(engine, { ...base, exporter: 'EC' }))).toEqual(['certificate-of-origin@EC']);
    expect(docs(decide(engine, { ...base, exporter: 'PE' }))).toEqual(['export-permit@PE']);
  });

  it('6. Budgerigar: excepted from Psittaciformes → allow (row 1)', () => {
    expect(decide(engine, { taxon: 'Melopsittacus undulatus', exporter: 'AU', importer: 'DE', purpose: 'T', source: 'C' }).decision).toBe('allow');
  });
});
