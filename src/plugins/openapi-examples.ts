/**
 * Named request examples for Swagger UI ("Try it out" offers them in a list). Each states
 * the decision it leads to on the built-in seed; a test runs them and checks that it does.
 */
export interface OperationExample {
  summary: string;
  value: unknown;
  /** What the seed answers (checked by tests/routes/examples.test.ts; not published). */
  expect?: { decision: 'allow' | 'needs-permit' | 'deny'; documents?: string[] };
}

const trade = (summary: string, value: object, expect: NonNullable<OperationExample['expect']>): OperationExample => ({ summary, value, expect });

export const TRADE_CHECK_EXAMPLES: Record<string, OperationExample> = {
  appendixICommercial: trade(
    'Appendix I, commercial: wild hyacinth macaw → deny (Art. III(3)(c))',
    { taxon: 'Anodorhynchus hyacinthinus', exporter: 'BR', importer: 'DE', purpose: 'T', source: 'W', term: 'LIV', quantity: 2 },
    { decision: 'deny' },
  ),
  appendixIIExport: trade(
    'Appendix II export: wild blue-fronted amazon from Argentina → export permit (Art. IV(2))',
    { taxon: 'Amazona aestiva', exporter: 'AR', importer: 'DE', purpose: 'T', source: 'W', term: 'LIV', quantity: 10 },
    { decision: 'needs-permit', documents: ['export-permit@AR'] },
  ),
  appendixIIICertificateOfOrigin: trade(
    'Appendix III from a State that did not list it: walrus ivory from the USA → certificate of origin (Art. V(3))',
    { taxon: 'Odobenus rosmarus', exporter: 'US', importer: 'DE', purpose: 'T', source: 'W', term: 'IVC', quantity: 1 },
    { decision: 'needs-permit', documents: ['certificate-of-origin@US'] },
  ),
  reExport: trade(
    'Re-export: Swiss re-export of Chinese-farmed sturgeon caviar → re-export certificate (Art. IV(5))',
    { taxon: 'Acipenser baerii', exporter: 'CH', importer: 'US', origin: 'CN', purpose: 'T', source: 'C', term: 'CAV', quantity: 5, unit: 'KIL' },
    { decision: 'needs-permit', documents: ['re-export-certificate@CH'] },
  ),
  captiveBred: trade(
    'Captive-bred Appendix I from a registered operation (source D) → export permit only (Art. VII(4))',
    { taxon: 'Ara macao', exporter: 'ZA', importer: 'DE', purpose: 'T', source: 'D', term: 'LIV', quantity: 2 },
    { decision: 'needs-permit', documents: ['export-permit@ZA'] },
  ),
  personalEffects: trade(
    'Personal effects: 100 g of caviar in a traveller\'s baggage → allow (Art. VII(3), Res. Conf. 13.7)',
    { taxon: 'Acipenser gueldenstaedtii', exporter: 'FR', importer: 'DE', purpose: 'P', source: 'C', term: 'CAV', quantity: 100, unit: 'GRM', claims: { personalEffects: true, ownerResidence: 'DE' } },
    { decision: 'allow' },
  ),
  huntingTrophy: trade(
    'Appendix I hunting trophy within a CoP quota: leopard from Namibia → import and export permits (Art. III, Res. Conf. 10.14)',
    { taxon: 'Panthera pardus', exporter: 'NA', importer: 'DE', purpose: 'H', source: 'W', term: 'TRO', quantity: 1 },
    { decision: 'needs-permit', documents: ['export-permit@NA', 'import-permit@DE'] },
  ),
  splitListing: trade(
    'Split listing: raw ivory from Botswana is outside the Appendix II annotation → deemed Appendix I, deny',
    { taxon: 'Loxodonta africana', exporter: 'BW', importer: 'JP', purpose: 'T', source: 'W', term: 'TUS', quantity: 4 },
    { decision: 'deny' },
  ),
  notListed: trade(
    'Not listed: budgerigars are excepted from Psittaciformes → allow',
    { taxon: 'budgerigar', exporter: 'AU', importer: 'DE', purpose: 'T', source: 'C', term: 'LIV', quantity: 50 },
    { decision: 'allow' },
  ),
};

export const BATCH_EXAMPLES: Record<string, OperationExample> = {
  shipment: {
    summary: 'A mixed shipment: one result per item, in order',
    value: {
      items: [
        TRADE_CHECK_EXAMPLES.appendixIIExport!.value,
        TRADE_CHECK_EXAMPLES.notListed!.value,
        { taxon: 'Panthera tigirs', exporter: 'IN', importer: 'DE', purpose: 'T', source: 'W' },
      ],
    },
  },
};

const published = (examples: Record<string, OperationExample>) =>
  Object.fromEntries(Object.entries(examples).map(([name, e]) => [name, { summary: e.summary, value: e.value }]));

/** Adds the named examples to the request bodies of the OpenAPI document. */
export function withExamples<T extends { paths?: Record<string, Record<string, unknown>> }>(doc: T): T {
  const body = (path: string, method: string) =>
    (doc.paths?.[path]?.[method] as { requestBody?: { content?: Record<string, { examples?: unknown }> } } | undefined)?.requestBody?.content?.[
      'application/json'
    ];
  const single = body('/v1/trade-checks', 'post');
  if (single) single.examples = published(TRADE_CHECK_EXAMPLES);
  const batch = body('/v1/trade-checks/batch', 'post');
  if (batch) batch.examples = published(BATCH_EXAMPLES);
  return doc;
}
