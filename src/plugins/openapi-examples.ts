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

/**
 * What Swagger UI offers for the other operations: request bodies and parameters that work
 * on a freshly seeded store (ids are those of the built-in seed; a test checks they still
 * name what they say).
 */
export const SEED_IDS = {
  elephant: '777', greyParrot: '848', leopard: '699', emperorScorpion: '1007',
  elephantAppendixI: '159', greyParrotReservationAE: '1', leopardQuotaNA: '4', suspensionAF: '1',
} as const;

const listing = {
  taxon: 'Saiga tatarica', appendix: 'II', party: null, effectiveFrom: '2026-12-01', effectiveTo: null,
  populations: { include: ['KZ'] }, excludedTaxa: [], annotation: { en: 'Example entry added by an officer' }, hashAnnotation: null, hashAnnotationText: null, specimens: null,
};

type Examples = Record<string, { summary: string; value: unknown }>;
interface OperationDocs {
  body?: Examples;
  params?: Record<string, unknown>;
}

export const OPERATION_EXAMPLES: Record<string, OperationDocs> = {
  'post /v1/taxa': {
    body: {
      species: {
        summary: 'A species with its classification (missing ancestors are created)',
        value: {
          name: 'Strombus gigas', rank: 'SPECIES', author: 'Linnaeus, 1758',
          higher: { kingdom: 'Animalia', phylum: 'Mollusca', class: 'Gastropoda', order: 'Littorinimorpha', family: 'Strombidae', genus: 'Strombus' },
          commonNames: [{ lang: 'en', name: 'Queen conch' }, { lang: 'es', name: 'Caracol pala' }], distribution: ['BS', 'BZ', 'CU'],
        },
      },
    },
  },
  'patch /v1/taxa/{id}': {
    params: { id: SEED_IDS.elephant },
    body: { names: { summary: 'Add a common name (send If-Match)', value: { commonNames: [{ lang: 'en', name: 'African elephant' }, { lang: 'fr', name: "Éléphant d'Afrique" }] } } },
  },
  'post /v1/listings': { body: { population: { summary: 'An Appendix II entry for one population', value: listing } } },
  'patch /v1/listings/{id}': {
    params: { id: SEED_IDS.elephantAppendixI },
    body: { annotation: { summary: 'Correct the annotation (send If-Match)', value: { annotation: { en: 'All populations except those of Botswana, Namibia, South Africa and Zimbabwe.' } } } },
  },
  'post /v1/listings/{id}/end': { params: { id: SEED_IDS.elephantAppendixI }, body: { end: { summary: 'End the entry (send If-Match)', value: { date: '2027-01-01' } } } },
  'post /v1/reservations': {
    body: { reservation: { summary: 'A Party enters a reservation', value: { party: 'JP', taxon: 'Carcharhinus longimanus', appendix: 'II', effectiveFrom: '2014-09-14', effectiveTo: null, notes: null } } },
  },
  'patch /v1/reservations/{id}': { params: { id: SEED_IDS.greyParrotReservationAE }, body: { notes: { summary: 'Add a note (send If-Match)', value: { notes: 'Confirmed by Notification to the Parties' } } } },
  'post /v1/reservations/{id}/end': { params: { id: SEED_IDS.greyParrotReservationAE }, body: { withdrawn: { summary: 'The reservation is withdrawn', value: { date: '2026-12-01' } } } },
  'post /v1/quotas': {
    body: {
      zero: { summary: 'A zero quota for wild specimens traded commercially', value: { taxon: 'Python reticulatus', exporter: 'MY', quantity: 0, unit: null, terms: ['SKI'], sources: ['W'], purposes: ['T'], effectiveFrom: '2027-01-01', effectiveTo: '2028-01-01', notes: null } },
    },
  },
  'patch /v1/quotas/{id}': { params: { id: SEED_IDS.leopardQuotaNA }, body: { quantity: { summary: 'Change the quantity (send If-Match)', value: { quantity: 200 } } } },
  'post /v1/quotas/{id}/end': { params: { id: SEED_IDS.leopardQuotaNA }, body: { end: { summary: 'End the quota', value: { date: '2027-01-01' } } } },
  'post /v1/suspensions': {
    body: {
      taxon: { summary: 'Suspend exports of one species from one country (Review of Significant Trade)', value: { country: 'BJ', taxon: 'Pandinus imperator', purposes: ['T'], sources: ['W'], terms: [], appliesToImports: false, effectiveFrom: '2013-05-02', effectiveTo: null, notification: '2013/017', notes: null } },
    },
  },
  'patch /v1/suspensions/{id}': { params: { id: SEED_IDS.suspensionAF }, body: { notification: { summary: 'Record the Notification (send If-Match)', value: { notification: '2013/018' } } } },
  'post /v1/suspensions/{id}/end': { params: { id: SEED_IDS.suspensionAF }, body: { lifted: { summary: 'The recommendation is withdrawn', value: { date: '2027-01-01' } } } },
  'post /v1/imports': {
    params: { kind: 'bundle', mode: 'merge', asOf: '2017-04-21' },
    body: {
      bundle: {
        summary: 'A small cites-bundle/1 document',
        value: {
          format: 'cites-bundle/1', asOf: '2026-11-01',
          taxa: [{ name: 'Pandinus imperator', rank: 'SPECIES', author: '(C. L. Koch, 1841)', higher: { kingdom: 'Animalia', phylum: 'Arthropoda', class: 'Arachnida', order: 'Scorpiones', family: 'Scorpionidae', genus: 'Pandinus' } }],
          listings: [{ taxon: 'Pandinus imperator', appendix: 'II', effectiveFrom: '1995-02-16' }],
        },
      },
    },
  },
  'post /v1/api-keys': { body: { gateway: { summary: 'A key for a customs system', value: { name: 'customs gateway', role: 'reader' } } } },
  'get /v1/taxa': { params: { q: 'elephant', rank: 'SPECIES', appendix: 'II', page: 1, pageSize: 20 } },
  'get /v1/taxa/{id}': { params: { id: SEED_IDS.elephant, origin: 'BW', term: 'TRO', source: 'W', purpose: 'H', date: '2026-11-01' } },
  'get /v1/taxa/{id}/history': { params: { id: SEED_IDS.elephant } },
  'get /v1/listings/{id}': { params: { id: SEED_IDS.elephantAppendixI } },
  'get /v1/reservations': { params: { taxonId: SEED_IDS.greyParrot, activeOn: '2026-11-01' } },
  'get /v1/reservations/{id}': { params: { id: SEED_IDS.greyParrotReservationAE } },
  'get /v1/quotas': { params: { taxonId: SEED_IDS.leopard, activeOn: '2026-11-01' } },
  'get /v1/quotas/{id}': { params: { id: SEED_IDS.leopardQuotaNA } },
  'get /v1/suspensions': { params: { taxonId: SEED_IDS.emperorScorpion, activeOn: '2026-11-01' } },
  'get /v1/suspensions/{id}': { params: { id: SEED_IDS.suspensionAF } },
  'get /v1/decisions/{id}': { params: { id: '019ac7a3f2c00001d76a0f8d8ee24b33' } },
  'get /v1/decisions': { params: { from: '2026-11-01', to: '2026-12-01', decision: 'deny', apiKeyId: '3f9a2b7c41d0', before: '019ac7a3f2c00001d76a0f8d8ee24b33', limit: 50 } },
  'get /v1/audit': { params: { entity: 'listing', entityId: SEED_IDS.elephantAppendixI, before: 1000, limit: 50 } },
  'delete /v1/api-keys/{id}': { params: { id: '3f9a2b7c41d0' } },
  'get /v1/codes/{kind}': { params: { kind: 'terms' } },
  'get /v1/parties': { params: { date: '2026-11-01' } },
  'get /problems/{type}': { params: { type: 'unknown-taxon' } },
};

const published = (examples: Record<string, OperationExample>) =>
  Object.fromEntries(Object.entries(examples).map(([name, e]) => [name, { summary: e.summary, value: e.value }]));

type Operation = {
  parameters?: { name: string; example?: unknown }[];
  requestBody?: { content?: Record<string, { examples?: unknown }> };
};

/** Adds the named examples to the request bodies and parameters of the OpenAPI document. */
export function withExamples<T extends { paths?: Record<string, Record<string, unknown>> }>(doc: T): T {
  const operation = (key: string) => {
    const [method, path] = key.split(' ') as [string, string];
    return doc.paths?.[path]?.[method] as Operation | undefined;
  };
  const single = operation('post /v1/trade-checks')?.requestBody?.content?.['application/json'];
  if (single) single.examples = published(TRADE_CHECK_EXAMPLES);
  const batch = operation('post /v1/trade-checks/batch')?.requestBody?.content?.['application/json'];
  if (batch) batch.examples = published(BATCH_EXAMPLES);
  for (const [key, docs] of Object.entries(OPERATION_EXAMPLES)) {
    const op = operation(key);
    if (!op) continue;
    const body = op.requestBody?.content?.['application/json'];
    if (body && docs.body) body.examples = docs.body;
    for (const p of op.parameters ?? []) {
      if (docs.params && p.name in docs.params) p.example = docs.params[p.name];
    }
  }
  return doc;
}
