/**
 * Named request examples for Swagger UI ("Try it out" offers them in a list). Each states
 * the decision it leads to on the built-in seed; a test runs them and checks that it does.
 */
import { PROBLEM_TYPES, type ProblemType } from '@cites-permit-check/engine/contract/problem';
import { PERMIT_ERRORS, PERMIT_REQUEST_EXAMPLES, PERMIT_RESPONSE_EXAMPLES, PERMIT_SUCCESS } from './permit-examples.js';

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
    "Personal effects: 100 g of caviar in a traveller's baggage → allow (Art. VII(3), Res. Conf. 13.7)",
    {
      taxon: 'Acipenser gueldenstaedtii',
      exporter: 'FR',
      importer: 'DE',
      purpose: 'P',
      source: 'C',
      term: 'CAV',
      quantity: 100,
      unit: 'GRM',
      claims: { personalEffects: true, ownerResidence: 'DE' },
    },
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
  elephant: '777',
  greyParrot: '848',
  leopard: '699',
  emperorScorpion: '1007',
  elephantAppendixI: '159',
  greyParrotReservationAE: '1',
  leopardQuotaNA: '4',
  suspensionAF: '1',
} as const;

const listing = {
  taxon: 'Saiga tatarica',
  appendix: 'II',
  party: null,
  effectiveFrom: '2026-12-01',
  effectiveTo: null,
  populations: { include: ['KZ'] },
  excludedTaxa: [],
  annotation: { en: 'Example entry added by an officer' },
  hashAnnotation: null,
  hashAnnotationText: null,
  specimens: null,
};

type Examples = Record<string, { summary: string; value: unknown }>;
interface OperationDocs {
  body?: Examples;
  /**
   * A required parameter gets its value as example (Swagger UI fills its field with it); an
   * optional one gets it in its description only: its field starts empty.
   */
  params?: Record<string, unknown>;
}

export const OPERATION_EXAMPLES: Record<string, OperationDocs> = {
  'post /v1/taxa': {
    body: {
      species: {
        summary: 'A species with its classification (missing ancestors are created)',
        value: {
          name: 'Strombus gigas',
          rank: 'SPECIES',
          author: 'Linnaeus, 1758',
          higher: { kingdom: 'Animalia', phylum: 'Mollusca', class: 'Gastropoda', order: 'Littorinimorpha', family: 'Strombidae', genus: 'Strombus' },
          commonNames: [
            { lang: 'en', name: 'Queen conch' },
            { lang: 'es', name: 'Caracol pala' },
          ],
          distribution: ['BS', 'BZ', 'CU'],
        },
      },
    },
  },
  'patch /v1/taxa/{id}': {
    params: { id: SEED_IDS.elephant },
    body: {
      names: {
        summary: 'Add a common name (send If-Match)',
        value: {
          commonNames: [
            { lang: 'en', name: 'African elephant' },
            { lang: 'fr', name: "Éléphant d'Afrique" },
          ],
        },
      },
    },
  },
  'post /v1/listings': { body: { population: { summary: 'An Appendix II entry for one population', value: listing } } },
  'patch /v1/listings/{id}': {
    params: { id: SEED_IDS.elephantAppendixI },
    body: {
      annotation: {
        summary: 'Correct the annotation (send If-Match)',
        value: { annotation: { en: 'All populations except those of Botswana, Namibia, South Africa and Zimbabwe.' } },
      },
    },
  },
  'post /v1/listings/{id}/end': {
    params: { id: SEED_IDS.elephantAppendixI },
    body: { end: { summary: 'End the entry (send If-Match)', value: { date: '2027-01-01' } } },
  },
  'post /v1/reservations': {
    body: {
      reservation: {
        summary: 'A Party enters a reservation',
        value: { party: 'JP', taxon: 'Carcharhinus longimanus', appendix: 'II', effectiveFrom: '2014-09-14', effectiveTo: null, notes: null },
      },
    },
  },
  'patch /v1/reservations/{id}': {
    params: { id: SEED_IDS.greyParrotReservationAE },
    body: { notes: { summary: 'Add a note (send If-Match)', value: { notes: 'Confirmed by Notification to the Parties' } } },
  },
  'post /v1/reservations/{id}/end': {
    params: { id: SEED_IDS.greyParrotReservationAE },
    body: { withdrawn: { summary: 'The reservation is withdrawn', value: { date: '2026-12-01' } } },
  },
  'post /v1/quotas': {
    body: {
      zero: {
        summary: 'A zero quota for wild specimens traded commercially',
        value: {
          taxon: 'Python reticulatus',
          exporter: 'MY',
          quantity: 0,
          unit: null,
          terms: ['SKI'],
          sources: ['W'],
          purposes: ['T'],
          effectiveFrom: '2027-01-01',
          effectiveTo: '2028-01-01',
          notes: null,
        },
      },
    },
  },
  'patch /v1/quotas/{id}': {
    params: { id: SEED_IDS.leopardQuotaNA },
    body: { quantity: { summary: 'Change the quantity (send If-Match)', value: { quantity: 200 } } },
  },
  'post /v1/quotas/{id}/end': { params: { id: SEED_IDS.leopardQuotaNA }, body: { end: { summary: 'End the quota', value: { date: '2027-01-01' } } } },
  'post /v1/suspensions': {
    body: {
      taxon: {
        summary: 'Suspend exports of one species from one country (Review of Significant Trade)',
        value: {
          country: 'BJ',
          taxon: 'Pandinus imperator',
          purposes: ['T'],
          sources: ['W'],
          terms: [],
          appliesToImports: false,
          effectiveFrom: '2013-05-02',
          effectiveTo: null,
          notification: '2013/017',
          notes: null,
        },
      },
    },
  },
  'patch /v1/suspensions/{id}': {
    params: { id: SEED_IDS.suspensionAF },
    body: { notification: { summary: 'Record the Notification (send If-Match)', value: { notification: '2013/018' } } },
  },
  'post /v1/suspensions/{id}/end': {
    params: { id: SEED_IDS.suspensionAF },
    body: { lifted: { summary: 'The recommendation is withdrawn', value: { date: '2027-01-01' } } },
  },
  'post /v1/imports': {
    body: {
      bundle: {
        summary: 'A small cites-bundle/1 document',
        value: {
          format: 'cites-bundle/1',
          asOf: '2026-11-01',
          taxa: [
            {
              name: 'Pandinus imperator',
              rank: 'SPECIES',
              author: '(C. L. Koch, 1841)',
              higher: { kingdom: 'Animalia', phylum: 'Arthropoda', class: 'Arachnida', order: 'Scorpiones', family: 'Scorpionidae', genus: 'Pandinus' },
            },
          ],
          listings: [{ taxon: 'Pandinus imperator', appendix: 'II', effectiveFrom: '1995-02-16' }],
        },
      },
    },
  },
  'post /v1/api-keys': { body: { gateway: { summary: 'A key for a customs system', value: { name: 'customs gateway', role: 'reader' } } } },
  'get /v1/taxa': { params: { q: 'elephant' } },
  'get /v1/taxa/{id}': { params: { id: SEED_IDS.elephant, origin: 'BW', term: 'TRO' } },
  'get /v1/taxa/{id}/history': { params: { id: SEED_IDS.elephant } },
  'get /v1/listings/{id}': { params: { id: SEED_IDS.elephantAppendixI } },
  'get /v1/reservations': { params: { taxonId: SEED_IDS.greyParrot, activeOn: '2026-11-01' } },
  'get /v1/reservations/{id}': { params: { id: SEED_IDS.greyParrotReservationAE } },
  'get /v1/quotas': { params: { taxonId: SEED_IDS.leopard, activeOn: '2026-11-01' } },
  'get /v1/quotas/{id}': { params: { id: SEED_IDS.leopardQuotaNA } },
  'get /v1/suspensions': { params: { taxonId: SEED_IDS.emperorScorpion, activeOn: '2026-11-01' } },
  'get /v1/suspensions/{id}': { params: { id: SEED_IDS.suspensionAF } },
  'get /v1/decisions/{id}': { params: { id: '019ac7a3f2c00001d76a0f8d8ee24b33' } },
  'get /v1/decisions': { params: { from: '2026-11-01', to: '2026-12-01', apiKeyId: '3f9a2b7c41d0', before: '019ac7a3f2c00001d76a0f8d8ee24b33' } },
  'get /v1/audit': { params: { entity: 'listing', entityId: SEED_IDS.elephantAppendixI, before: 1000 } },
  'delete /v1/api-keys/{id}': { params: { id: '3f9a2b7c41d0' } },
  'get /v1/codes/{kind}': { params: { kind: 'terms' } },
  'get /v1/parties': { params: { date: '2026-11-01' } },
  'get /problems/{type}': { params: { type: 'unknown-taxon' } },
  ...PERMIT_REQUEST_EXAMPLES,
};

/** A one-line file of the CITES list of Parties: what `POST /v1/imports?kind=parties` reads. */
export const IMPORT_CSV_EXAMPLE = {
  summary: 'kind=parties: one line of the CITES list of Parties',
  value: 'Country,ISO,Region,Type,date_of_joining,entry_into_force\nKenya,KE,Africa,Ratification,13/12/1978,13/03/1979\n',
};

export type OpenApiDocument = {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
};

const published = (examples: Record<string, OperationExample>) =>
  Object.fromEntries(Object.entries(examples).map(([name, e]) => [name, { summary: e.summary, value: e.value }]));

type Parameter = { name: string; in?: string; required?: boolean; example?: unknown; description?: string };
type Media = { schema?: unknown; example?: unknown; examples?: Record<string, { summary?: string; value: unknown }> };
type Response = { description?: string; headers?: Record<string, unknown>; content?: Record<string, Media> };
type Operation = {
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, Response>;
};

const operation = (doc: OpenApiDocument, key: string) => {
  const [method, path] = key.split(' ') as [string, string];
  return doc.paths?.[path]?.[method] as Operation | undefined;
};

const operationsOf = (doc: OpenApiDocument): [string, Operation][] =>
  Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]): [string, Operation] => [`${method} ${path}`, op as Operation]),
  );

/**
 * Adds the named examples to the request bodies and parameters of the OpenAPI document
 * (an optional parameter's example ends up in its description: see docs.ts).
 */
export function withExamples<T extends OpenApiDocument>(doc: T): T {
  const single = operation(doc, 'post /v1/trade-checks')?.requestBody?.content?.['application/json'];
  if (single) single.examples = published(TRADE_CHECK_EXAMPLES);
  const batch = operation(doc, 'post /v1/trade-checks/batch')?.requestBody?.content?.['application/json'];
  if (batch) batch.examples = published(BATCH_EXAMPLES);
  for (const [key, docs] of Object.entries(OPERATION_EXAMPLES)) {
    const op = operation(doc, key);
    if (!op) continue;
    const body = op.requestBody?.content?.['application/json'];
    if (body && docs.body) body.examples = docs.body;
    for (const p of op.parameters ?? []) {
      if (docs.params && p.name in docs.params) p.example = docs.params[p.name];
    }
  }
  return doc;
}

// ── Responses ───────────────────────────────────────────────────────────────────────────────
// What each answer means and what it looks like. The success examples are answers of the
// service (on the default dataset, or on the seed for the ids above), shortened; a test checks
// each has the shape of the real answer, and that the trade-check answers are what the
// service decides for the request examples.

const DECISION_ID = '01a196fb16000001f2238251dd684010';
const KEY_ID = '3f9a2b7c41d0';
const AT = '2026-12-10T09:41:07.218Z';
const OFFICER = `permit office (${KEY_ID})`;
const DATASET = { datasetVersion: '42', datasetAsOf: '2026-12-03' } as const;

const PSITTACIFORMES =
  'PSITTACIFORMES spp.: Appendix II except the species included in Appendix I and except Agapornis roseicollis, Melopsittacus undulatus, Nymphicus hollandicus and Psittacula krameri, which are not included in the Appendices.';

const amazonaRequest = TRADE_CHECK_EXAMPLES.appendixIIExport!.value;
const needsPermit = {
  decision: 'needs-permit',
  documents: [{ type: 'export-permit', issuer: 'AR' }],
  alternatives: [],
  appendix: 'II',
  taxon: { id: '826', name: 'Amazona aestiva', rank: 'SPECIES', matchedAs: 'accepted', input: 'Amazona aestiva' },
  listing: {
    taxon: 'Psittaciformes',
    appendix: 'II',
    effectiveFrom: '2005-01-12',
    effectiveTo: null,
    populations: null,
    party: null,
    annotation: PSITTACIFORMES,
    hashAnnotation: null,
    inherited: true,
  },
  movement: 'export',
  date: '2026-12-10',
  reasons: [
    {
      code: 'APP_II_EXPORT',
      rule: 'R13',
      article: 'Art. IV(2)',
      message: 'Export of an Appendix-II specimen needs an export permit (non-detriment and legal-acquisition findings).',
    },
    {
      code: 'APP_II_IMPORT',
      rule: 'R14',
      article: 'Art. IV(4)',
      message:
        'Import of an Appendix-II specimen needs prior presentation of the export permit or re-export certificate; no import permit under the Convention.',
    },
  ],
  conditions: [],
  warnings: [],
  reviewRequired: false,
  ...DATASET,
  decisionId: DECISION_ID,
};
const deny = {
  decision: 'deny',
  documents: [],
  alternatives: [],
  appendix: 'I',
  taxon: { id: '832', name: 'Anodorhynchus hyacinthinus', rank: 'SPECIES', matchedAs: 'accepted', input: 'Anodorhynchus hyacinthinus' },
  listing: {
    taxon: 'Anodorhynchus',
    appendix: 'I',
    effectiveFrom: '1987-10-22',
    effectiveTo: null,
    populations: null,
    party: null,
    annotation: null,
    hashAnnotation: null,
    inherited: true,
  },
  movement: 'export',
  date: '2026-12-10',
  reasons: [
    {
      code: 'APP_I_COMMERCIAL_IMPORT',
      rule: 'R8',
      article: 'Art. III(3)(c); Res. Conf. 5.10',
      message: 'Appendix-I specimens may not be imported for primarily commercial purposes.',
    },
  ],
  conditions: [],
  warnings: [],
  reviewRequired: false,
  ...DATASET,
  decisionId: '01a196fb16000002a800f984aba24512',
};
const allow = {
  decision: 'allow',
  documents: [],
  alternatives: [],
  appendix: null,
  taxon: { id: '843', name: 'Melopsittacus undulatus', rank: 'SPECIES', matchedAs: 'common-name', input: 'budgerigar' },
  listing: null,
  movement: 'export',
  date: '2026-12-10',
  reasons: [
    {
      code: 'EXCLUDED_FROM_LISTING',
      rule: 'R1',
      article: 'Interp. §1–3; Res. Conf. 11.21',
      message: 'The taxon (or this population of it) is excepted from the higher-taxon listing and is not included in the Appendices.',
    },
  ],
  conditions: [],
  warnings: [],
  reviewRequired: false,
  ...DATASET,
  decisionId: '01a196fb16000003f2d47401cd884bbf',
};

/** Answers to three of the request examples (named by TRADE_CHECK_EXAMPLES key). */
export const TRADE_CHECK_ANSWERS: Record<
  string,
  { summary: string; request: keyof typeof TRADE_CHECK_EXAMPLES; value: typeof needsPermit | typeof deny | typeof allow }
> = {
  needsPermit: { summary: 'needs-permit: the documents to obtain, who issues them, and why', request: 'appendixIIExport', value: needsPermit },
  deny: { summary: 'deny: no document can make the trade lawful', request: 'appendixICommercial', value: deny },
  allow: { summary: 'allow: no CITES document is needed (never with documents)', request: 'notListed', value: allow },
};

const unknownTaxon = (pointer: string) => ({
  type: '/problems/unknown-taxon',
  title: 'No taxon matches this name',
  status: 422,
  detail: 'No taxon is known as "Panthera tigirs". Did you mean Panthera tigris?',
  errors: [{ pointer, in: 'body', detail: 'matches no scientific name, synonym or common name' }],
  suggestions: [{ id: '700', name: 'Panthera tigris', kingdom: 'Animalia', matchedAs: 'accepted', distance: 2 }],
});

const ELEPHANT_APP_II_ANNOTATION =
  'Populations of Botswana, Namibia, South Africa and Zimbabwe (listed in Appendix II) for the exclusive purpose of allowing: a) trade in hunting trophies for non-commercial purposes; b) trade in live animals to appropriate and acceptable destinations […]; c) trade in hides; d) trade in hair; […] All other specimens shall be deemed to be specimens of species included in Appendix I and the trade in them shall be regulated accordingly.';
const elephantAppendixII = {
  id: '160',
  taxonId: '777',
  taxon: 'Loxodonta africana',
  appendix: 'II',
  party: null,
  effectiveFrom: '1997-09-18',
  effectiveTo: null,
  populations: { include: ['BW'] },
  excludedTaxa: [],
  annotation: { en: ELEPHANT_APP_II_ANNOTATION },
  hashAnnotation: null,
  specimens: { only: [{ purposes: ['H'] }, { terms: ['LIV'] }, { terms: ['SKI', 'SKP'] }, { terms: ['HAI'] }], otherwise: 'appendix-I' },
  inherited: false,
};
/** The Appendix I entry of the African elephant, as a taxon's listing and as an officer's record show it. */
const elephantEntry = {
  taxon: 'Loxodonta africana',
  appendix: 'I',
  party: null,
  effectiveFrom: '2000-07-19',
  effectiveTo: null,
  populations: { exclude: ['BW', 'NA', 'ZA', 'ZW'] },
  excludedTaxa: [],
  annotation: { en: 'All populations except those of Botswana, Namibia, South Africa and Zimbabwe, which are included in Appendix II.' },
  hashAnnotation: null,
  specimens: null,
};
const elephantAppendixI = { id: '159', taxonId: '777', ...elephantEntry, inherited: false };
const recordMeta = (id: string, revision = 3) => ({ id, revision, origin: 'index', updatedAt: AT, updatedBy: OFFICER });
const listingRecord = { ...recordMeta(SEED_IDS.elephantAppendixI), ...elephantEntry, hashAnnotationText: null };
const reservationRecord = {
  ...recordMeta(SEED_IDS.greyParrotReservationAE, 1),
  origin: 'reservations',
  updatedBy: 'import',
  party: 'AE',
  taxon: 'Psittacus erithacus',
  appendix: 'I',
  effectiveFrom: '2017-01-02',
  effectiveTo: null,
  notes: 'Reservation entered on the transfer of Psittacus erithacus to Appendix I at CoP17.',
};
const quotaRecord = {
  ...recordMeta(SEED_IDS.leopardQuotaNA, 2),
  origin: 'quotas',
  taxon: 'Panthera pardus',
  exporter: 'NA',
  quantity: 250,
  unit: null,
  terms: ['SKI', 'TRO'],
  sources: [],
  purposes: ['H', 'P'],
  effectiveFrom: '2013-03-14',
  effectiveTo: null,
  notes: 'Resolution Conf. 10.14 (Rev. CoP16): annual export quota of leopard skins, including hunting trophies, for personal use.',
};
const suspensionRecord = {
  ...recordMeta(SEED_IDS.suspensionAF, 1),
  origin: 'suspensions',
  updatedBy: 'import',
  country: 'AF',
  taxon: null,
  purposes: [],
  sources: [],
  terms: [],
  appliesToImports: true,
  effectiveFrom: '2013-05-17',
  effectiveTo: null,
  notification: '2013/018',
  notes: 'Failure to submit annual reports (Resolution Conf. 11.17): recommendation to suspend trade in specimens of CITES-listed species.',
  review: false,
};
const taxonRecord = {
  id: '1051',
  name: 'Strombus gigas',
  rank: 'SPECIES',
  kingdom: 'Animalia',
  author: 'Linnaeus, 1758',
  externalId: null,
  parentId: '1050',
  distribution: ['BS', 'BZ', 'CU'],
  synonyms: [],
  commonNames: [
    { lang: 'en', name: 'Queen conch' },
    { lang: 'es', name: 'Caracol pala' },
  ],
  revision: 1,
  updatedAt: AT,
  updatedBy: OFFICER,
};
const apiKey = { id: 'db5011674236', name: 'customs gateway', role: 'reader', createdAt: AT, revokedAt: null, lastUsedAt: null };
const storedDecision = {
  id: DECISION_ID,
  createdAt: AT,
  datasetVersion: '42',
  decision: 'needs-permit',
  apiKeyId: KEY_ID,
  request: amazonaRequest,
  result: needsPermit,
};
const code = (c: string, en: string, es: string, fr: string) => ({ code: c, en, es, fr, retired: false, replacedBy: null });
const importReport = {
  kind: 'parties',
  summary: { datasetVersion: 43, changed: true, created: {}, updated: { parties: 1 }, ended: {}, unchanged: { parties: 233 }, warnings: [] },
  warnings: [],
  stats: { parties: 234 },
  durationMs: 23,
};

const none = { count: 0, items: [], truncated: false };
const syncReport = {
  dryRun: true,
  source: 'Species+ bulk download cites_eu_en.ndjson.gz',
  diff: {
    asOf: '2026-12-01',
    source: 'Species+ bulk download cites_eu_en.ndjson.gz, as of 2026-12-01',
    taxaAdded: none,
    namesChanged: { count: 1, items: [{ externalId: '9644', from: 'Psittacus erithacus', to: 'Psittacus erithacus erithacus' }], truncated: false },
    appendixChanges: { count: 1, items: [{ taxon: 'Mellivora capensis', from: ['III'], to: [] }], truncated: false },
    listingsAdded: none,
    listingsEnded: {
      count: 1,
      items: [{ taxon: 'Mellivora capensis', appendix: 'III', party: 'BW', populations: null, effectiveFrom: '1976-02-26' }],
      truncated: false,
    },
    listingHistoryChanged: 2,
    quotasAdded: { count: 1, items: [{ taxon: 'Panthera pardus', country: 'MZ', effectiveFrom: '2026-06-01', detail: '0' }], truncated: false },
    quotasEnded: none,
    suspensionsAdded: none,
    suspensionsEnded: none,
    unchanged: false,
  },
  summary: null,
  warnings: [],
  stats: { lines: 89363, taxa: 56734, 'listing entries': 39365, quotas: 66, suspensions: 120 },
  durationMs: 16178,
};

const one = (value: unknown) => ({ value });
const restrictionExamples = (kind: string, record: object, changed: object) => ({
  [`get /v1/${kind}`]: one({ items: [record] }),
  [`get /v1/${kind}/{id}`]: one(record),
  [`post /v1/${kind}`]: one({ ...record, id: '97', revision: 1, origin: 'officer', updatedBy: OFFICER }),
  [`patch /v1/${kind}/{id}`]: one({ ...record, ...changed, revision: (record as { revision: number }).revision + 1, updatedAt: AT, updatedBy: OFFICER }),
  [`post /v1/${kind}/{id}/end`]: one({
    ...record,
    effectiveTo: '2027-01-01',
    revision: (record as { revision: number }).revision + 1,
    updatedAt: AT,
    updatedBy: OFFICER,
  }),
});

/** The example of each operation's success answer: one value, or several named ones. */
export const RESPONSE_EXAMPLES: Record<string, { value: unknown } | { examples: Record<string, { summary: string; value: unknown }> }> = {
  ...PERMIT_RESPONSE_EXAMPLES,
  'get /health': one({ status: 'ok' }),
  'get /ready': one({
    status: 'ready',
    database: { open: true, migrationsApplied: 11, migrationsExpected: 11 },
    storage: { freeBytes: 41_872_384_000, writable: true },
    dataset: { version: '42', asOf: '2026-12-03', taxa: 39439, listings: 2443, parties: 234 },
  }),
  'post /v1/trade-checks': { examples: Object.fromEntries(Object.entries(TRADE_CHECK_ANSWERS).map(([k, a]) => [k, { summary: a.summary, value: a.value }])) },
  'post /v1/trade-checks/batch': one({
    results: [needsPermit, allow, unknownTaxon('#/items/2/taxon')],
    summary: { allow: 1, 'needs-permit': 1, deny: 0, invalid: 1 },
  }),
  'get /v1/decisions/{id}': one(storedDecision),
  'get /v1/taxa': one({
    total: 4,
    page: 1,
    pageSize: 20,
    items: [
      { id: '230', name: 'Elephantidae', rank: 'FAMILY', kingdom: 'Animalia', matchedName: 'Elephantidae', matchedAs: 'accepted', appendices: [] },
      { id: '776', name: 'Elephas maximus', rank: 'SPECIES', kingdom: 'Animalia', matchedName: 'Asian elephant', matchedAs: 'common-name', appendices: ['I'] },
      {
        id: '777',
        name: 'Loxodonta africana',
        rank: 'SPECIES',
        kingdom: 'Animalia',
        matchedName: 'African elephant',
        matchedAs: 'common-name',
        appendices: ['I', 'II'],
      },
      {
        id: '331',
        name: 'Beaucarnea recurvata',
        rank: 'SPECIES',
        kingdom: 'Plantae',
        matchedName: "pied d'éléphant",
        matchedAs: 'common-name',
        appendices: ['II'],
      },
    ],
  }),
  'post /v1/taxa': one(taxonRecord),
  'get /v1/taxa/{id}': one({
    id: '777',
    name: 'Loxodonta africana',
    rank: 'SPECIES',
    kingdom: 'Animalia',
    author: '(Blumenbach, 1797)',
    externalId: '4220',
    classification: [
      { id: '1', name: 'Animalia', rank: 'KINGDOM' },
      { id: '3', name: 'Chordata', rank: 'PHYLUM' },
      { id: '30', name: 'Mammalia', rank: 'CLASS' },
      { id: '85', name: 'Proboscidea', rank: 'ORDER' },
      { id: '230', name: 'Elephantidae', rank: 'FAMILY' },
      { id: '464', name: 'Loxodonta', rank: 'GENUS' },
    ],
    synonyms: [{ name: 'Elephas africanus', author: null }],
    commonNames: [
      { lang: 'en', name: 'African elephant' },
      { lang: 'es', name: 'Elefante africano' },
      { lang: 'fr', name: "Éléphant d'Afrique" },
    ],
    distribution: ['AO', 'BW', 'KE', 'NA', 'TZ', 'ZA', 'ZW'],
    date: '2026-12-10',
    listings: [elephantAppendixI, elephantAppendixII],
    exceptedBy: null,
    resolution: {
      listed: true,
      appendix: 'II',
      deemedAppendixI: false,
      entry: elephantAppendixII,
      why: 'Listed in Appendix II in its own right for the populations of BW, in force since 1997-09-18.',
      notes: [],
    },
    revision: 1,
  }),
  'patch /v1/taxa/{id}': one({
    ...taxonRecord,
    id: SEED_IDS.elephant,
    name: 'Loxodonta africana',
    author: '(Blumenbach, 1797)',
    parentId: '464',
    distribution: ['AO', 'BW', 'KE'],
    commonNames: [
      { lang: 'en', name: 'African elephant' },
      { lang: 'fr', name: "Éléphant d'Afrique" },
    ],
    revision: 2,
  }),
  'get /v1/taxa/{id}/history': one({
    id: '777',
    name: 'Loxodonta africana',
    listings: [
      {
        ...elephantAppendixI,
        id: '155',
        appendix: 'III',
        party: 'GH',
        effectiveFrom: '1976-02-26',
        effectiveTo: '1977-02-04',
        populations: null,
        annotation: null,
      },
      { ...elephantAppendixI, id: '156', appendix: 'II', effectiveFrom: '1977-02-04', effectiveTo: '1990-01-18', populations: null, annotation: null },
      elephantAppendixI,
    ],
    reservations: [],
  }),
  'get /v1/parties': one({
    date: '2026-12-10',
    items: [
      { code: 'KE', name: 'Kenya', entryIntoForce: '1979-03-13', left: null, territoryOf: null, isParty: true },
      { code: 'AI', name: 'Anguilla', entryIntoForce: null, left: null, territoryOf: 'GB', isParty: true },
    ],
  }),
  'get /v1/codes/{kind}': one({ kind: 'terms', items: [code('SKI', 'Skin', 'piel', 'peau'), code('TRO', 'Trophy', 'trofeo', 'trophée')] }),
  'get /v1/dataset': one({
    version: '42',
    asOf: '2026-12-03',
    source:
      'CITES Checklist (UNEP-WCMC) Index of CITES Species of 2017-04-21 and the Species+ listing history to CoP16 (2013), brought to the as-of date with the amendments in dataset/amendments, each citing its source',
    updatedAt: AT,
    updatedBy: 'default dataset',
    horizon: { days: 730, until: '2028-12-02' },
    provenance: {
      sources: [
        { title: 'Index of CITES Species (CITES Checklist, UNEP-WCMC): taxa, names, distributions, listings in force', date: '2017-04-21' },
        { title: 'CITES chronological list of Parties (cites.org)', date: '2017-10-19' },
      ],
      latestAmendment: { effectiveFrom: '2026-03-05', taxon: 'Euphorbia bupleurifolia', change: 'list', source: 'ZA-DFFE-2025-12-10' },
      unconfirmed: 223,
    },
    counts: { taxa: 39439, listingEntries: 2443, listingEntriesInForce: 1386, parties: 234, reservations: 1435, quotas: 97, suspensions: 58 },
    sync: {
      lastSuccess: { at: AT, via: 'api', source: 'Species+ API https://api.speciesplus.net/api/v1', actor: 'cli (cites)', datasetVersion: 42 },
      lastFailure: {
        at: '2026-12-02T03:00:41.000Z',
        via: 'api',
        source: 'Species+ API https://api.speciesplus.net/api/v1',
        actor: 'cli (cites)',
        reason: 'Species+ did not answer after 6 attempts: /taxon_concepts?page=3&per_page=500: 503',
      },
      running: false,
    },
  }),
  'post /v1/imports': one(importReport),
  'post /v1/syncs': one(syncReport),
  'get /v1/syncs': one({
    items: [
      {
        id: 12,
        via: 'bulk',
        status: 'succeeded',
        startedAt: '2026-12-03T02:00:00.000Z',
        finishedAt: '2026-12-03T02:00:31.000Z',
        actor: 'admin key 3f9a2b7c41d0',
        source: 'Species+ bulk download cites_eu_en.ndjson.gz',
        apiTime: '2026-12-01T00:00:00Z',
        error: null,
        datasetVersion: 43,
      },
    ],
  }),
  'get /v1/exports/bundle': one({
    format: 'cites-bundle/1',
    asOf: '2026-12-03',
    source: 'CITES Checklist (UNEP-WCMC) Index of CITES Species of 2017-04-21, brought to the as-of date with the amendments in dataset/amendments',
    provenance: null,
    codes: {
      sources: [code('W', 'Specimens taken from the wild', 'Especímenes capturados en el medio silvestre', 'Spécimens prélevés dans la nature')],
      purposes: [code('T', 'Commercial', 'Comercial', 'Commerce')],
      terms: [code('TRO', 'Trophy', 'trofeo', 'trophée')],
      units: [code('KIL', 'Kilograms', 'kilogramos', 'kilogrammes')],
    },
    parties: [{ code: 'KE', name: 'Kenya', entryIntoForce: '1979-03-13', left: null, territoryOf: null }],
    taxa: [
      {
        name: 'Loxodonta africana',
        rank: 'SPECIES',
        author: '(Blumenbach, 1797)',
        parent: 'Loxodonta',
        externalId: '4220',
        synonyms: [],
        commonNames: [{ lang: 'en', name: 'African elephant' }],
        distribution: ['KE'],
      },
    ],
    listings: [
      {
        taxon: 'Loxodonta africana',
        appendix: 'I',
        party: null,
        effectiveFrom: '2000-07-19',
        effectiveTo: null,
        populations: { exclude: ['BW', 'NA', 'ZA', 'ZW'] },
        excludedTaxa: [],
        annotation: null,
        hashAnnotation: null,
        hashAnnotationText: null,
        specimens: null,
      },
    ],
    reservations: [{ party: 'AE', taxon: 'Psittacus erithacus', appendix: 'I', effectiveFrom: '2017-01-02', effectiveTo: null, notes: null }],
    quotas: [],
    suspensions: [],
  }),
  'get /v1/snapshot': one({
    format: 'cites-snapshot/1',
    datasetVersion: '42',
    asOf: '2026-12-03',
    parties: [{ code: 'KE', name: 'Kenya', entryIntoForce: '1979-03-13', left: null, territoryOf: null }],
    taxa: [
      {
        id: '777',
        name: 'Loxodonta africana',
        rank: 'SPECIES',
        kingdom: 'Animalia',
        author: '(Blumenbach, 1797)',
        parentId: '464',
        synonyms: [],
        commonNames: [{ lang: 'en', name: 'African elephant' }],
      },
    ],
    listings: [
      {
        id: '159',
        taxonId: '777',
        appendix: 'I',
        party: null,
        effectiveFrom: '2000-07-19',
        effectiveTo: null,
        populations: { exclude: ['BW', 'NA', 'ZA', 'ZW'] },
        excludedTaxa: [],
        annotation: null,
        hashAnnotation: null,
        specimens: null,
      },
    ],
    reservations: [{ party: 'AE', taxonId: '848', appendix: 'I', effectiveFrom: '2017-01-02', effectiveTo: null }],
    quotas: [
      {
        taxonId: '699',
        exporter: 'NA',
        quantity: 250,
        unit: null,
        terms: ['SKI', 'TRO'],
        sources: [],
        purposes: ['H', 'P'],
        effectiveFrom: '2013-03-14',
        effectiveTo: null,
        notes: null,
      },
    ],
    suspensions: [
      {
        country: 'AF',
        taxonId: null,
        purposes: [],
        sources: [],
        terms: [],
        appliesToImports: true,
        effectiveFrom: '2013-05-17',
        effectiveTo: null,
        notification: '2013/018',
        notes: null,
        review: false,
      },
    ],
    codes: { terms: ['SKI', 'TRO'], units: ['KIL'], retired: { terms: { LEA: 'LPS' }, units: { BAG: 'NAR' } } },
  }),
  'get /problems/{type}': one({ type: '/problems/unknown-taxon', title: 'No taxon matches this name' }),
  'get /v1/listings/{id}': one(listingRecord),
  'post /v1/listings': one({
    ...listingRecord,
    ...recordMeta('2444', 1),
    origin: 'officer',
    taxon: 'Saiga tatarica',
    appendix: 'II',
    effectiveFrom: '2026-12-01',
    populations: { include: ['KZ'] },
    annotation: { en: 'Example entry added by an officer' },
  }),
  'patch /v1/listings/{id}': one({
    ...listingRecord,
    revision: 4,
    annotation: { en: 'All populations except those of Botswana, Namibia, South Africa and Zimbabwe.' },
  }),
  'post /v1/listings/{id}/end': one({ ...listingRecord, revision: 4, effectiveTo: '2027-01-01' }),
  ...restrictionExamples('reservations', reservationRecord, { notes: 'Confirmed by Notification to the Parties' }),
  ...restrictionExamples('quotas', quotaRecord, { quantity: 200 }),
  ...restrictionExamples('suspensions', suspensionRecord, { notification: '2013/018' }),
  'post /v1/api-keys': one({ ...apiKey, key: 'cpk_db5011674236_1I3dYOzNjMcUAOmJQRvcHrK0EKgjU3_CyR6_tLM4xYE' }),
  'get /v1/api-keys': one({ items: [{ ...apiKey, id: KEY_ID, name: 'permit office', role: 'officer', lastUsedAt: AT }, apiKey] }),
  'delete /v1/api-keys/{id}': one({ ...apiKey, revokedAt: AT }),
  'get /v1/decisions': one({ items: [storedDecision] }),
  'get /v1/audit': one({
    items: [
      {
        id: 1207,
        at: AT,
        actor: OFFICER,
        action: 'update',
        entity: 'listing',
        entityId: SEED_IDS.elephantAppendixI,
        before: { ...listingRecord, revision: 3 },
        after: { ...listingRecord, revision: 4, annotation: { en: 'All populations except those of Botswana, Namibia, South Africa and Zimbabwe.' } },
      },
    ],
  }),
};

/** What each operation's success answer is. */
const SUCCESS: Record<string, string> = {
  ...PERMIT_SUCCESS,
  'get /health': 'The process is alive.',
  'get /ready': 'Ready: the database is open and migrated, its disk writable, and the dataset loaded.',
  'post /v1/trade-checks':
    'The decision — allow, deny or needs-permit — with the documents required, the reasons (each with its rule and the Article or Resolution that decides it), conditions and warnings. With documents presented, `documentChecks` gives a verdict on each, and an allow that they cleared still lists the documents it required. Stored under `decisionId`.',
  'post /v1/trade-checks/batch': 'One result per item, in order: a decision, or a problem for an invalid item; and the count of each outcome.',
  'get /v1/decisions/{id}': 'The stored decision with the request it answered.',
  'get /v1/taxa': 'The taxa matching the query, best matches first, one page.',
  'post /v1/taxa': 'The taxon as created; the ETag header carries its revision.',
  'get /v1/taxa/{id}':
    'The taxon, the listing in force on the date and which entry applies to the specimen described, with why. The ETag header is what `PATCH /v1/taxa/{id}` needs in If-Match.',
  'patch /v1/taxa/{id}': 'The taxon as changed, with its new ETag.',
  'get /v1/taxa/{id}/history': 'Every listing entry that applied to the taxon (its own or a higher taxon’s), oldest first, and the reservations on it.',
  'get /v1/parties': 'Every Party and territory, with whether it is a Party on the date.',
  'get /v1/codes/{kind}': 'The codes of the list, in English, Spanish and French.',
  'get /v1/dataset': 'What data is loaded, how current it is and where it comes from.',
  'post /v1/imports': 'Imported, in one transaction: what was created, updated, ended or left unchanged, and the new dataset version.',
  'post /v1/syncs': 'What the sync changes (or would change, in a dry run) and, when applied, what the store did.',
  'get /v1/syncs': 'The syncs, newest first.',
  'get /v1/exports/bundle': 'The whole store as a cites-bundle/1 document (as an attachment).',
  'get /v1/snapshot': 'The snapshot; the ETag header names the dataset version.',
  'get /problems/{type}': 'The title of the problem type.',
  'get /v1/listings/{id}': 'The listing entry. Its ETag header is what a change (`PATCH`, `/end`) needs in If-Match.',
  'post /v1/listings': 'The entry as created, in force for trade checks at once; the ETag header carries its revision.',
  'patch /v1/listings/{id}': 'The entry as changed, with its new ETag.',
  'post /v1/listings/{id}/end': 'The entry with its end date, with its new ETag.',
  'post /v1/api-keys': 'The key created. `key` is shown in this answer only: store it now.',
  'get /v1/api-keys': 'Every API key, newest first (never the keys themselves).',
  'delete /v1/api-keys/{id}': 'The key, revoked: it stops working at once.',
  'get /v1/decisions': 'Stored decisions, newest first, with their requests.',
  'get /v1/audit': 'Audit entries, newest first: who changed what, and the record before and after.',
};
for (const [kind, singular] of [
  ['reservations', 'reservation'],
  ['quotas', 'quota'],
  ['suspensions', 'suspension'],
] as const) {
  SUCCESS[`get /v1/${kind}`] = `The ${kind} matching the filters.`;
  SUCCESS[`get /v1/${kind}/{id}`] = `The ${singular}. Its ETag header is what a change (\`PATCH\`, \`/end\`) needs in If-Match.`;
  SUCCESS[`post /v1/${kind}`] = `The ${singular} as created, in force for trade checks at once; the ETag header carries its revision.`;
  SUCCESS[`patch /v1/${kind}/{id}`] = `The ${singular} as changed, with its new ETag.`;
  SUCCESS[`post /v1/${kind}/{id}/end`] = `The ${singular} with its end date, with its new ETag.`;
}

/** What each error status means, for any operation (OPERATION_ERRORS overrides). */
const ERRORS: Record<string, string> = {
  '400': 'The request is invalid; nothing was done. `errors` names each bad field (a JSON pointer, and where: body, query, params or headers) and why.',
  '401': 'No API key, or an unknown or revoked one: send `Authorization: Bearer <key>` (Authorize in Swagger UI).',
  '403': "The API key's role does not allow this operation.",
  '404': 'No record with this id.',
  '412':
    'If-Match does not name the current revision: someone changed the record since you read it (or If-Match is not one strong ETag such as "3"). Nothing was changed: read the record again, then retry.',
  '413': 'The body is larger than this service accepts.',
  '415': 'The Content-Type is not one this operation accepts.',
  '422': 'The taxon name matches no taxon (`suggestions` lists the closest names) or several taxa (give `kingdom`).',
  '428': 'If-Match is missing: read the record first (GET) and send its ETag in If-Match.',
  '429':
    'Too many requests this minute (per API key, or per address without one), too many trade checks (batch items count one by one), or too many failed authentications from this address. Retry after Retry-After seconds.',
  '503':
    'The service is overloaded, or the database is busy (an import from the command line) or its disk full; nothing was changed. Retry after Retry-After seconds.',
};
const OPERATION_ERRORS: Record<string, Record<string, string>> = {
  ...PERMIT_ERRORS,
  'post /v1/imports': {
    '400':
      'The bundle or file is invalid, or `mode=replace` would remove too much without `confirm=true`; nothing was changed. `errors` lists every problem: a JSON pointer, or the line and column of the file.',
    '403': 'The key is not an officer’s, or `mode=replace` was asked without the admin role.',
    '413': 'The file is larger than the import limit (IMPORT_BODY_LIMIT_BYTES).',
    '415': 'Send the file as `application/json` (a bundle), `text/csv` or `application/gzip`.',
  },
  'get /ready': { '503': 'Not ready: the body says what is missing (database, migrations, disk space).' },
};

const problemOf = (type: ProblemType, status: number, detail: string, extra: object = {}) => ({
  type: `/problems/${type}`,
  title: PROBLEM_TYPES[type],
  status,
  detail,
  ...extra,
});
const NOUNS: Record<string, string> = {
  taxa: 'taxon',
  listings: 'listing',
  reservations: 'reservation',
  quotas: 'quota',
  suspensions: 'suspension',
  permits: 'permit',
  decisions: 'decision',
  'api-keys': 'API key',
};

/** A realistic problem for this status on this operation. */
function problemExample(key: string, status: string, op: Operation): unknown {
  const [method, path] = key.split(' ') as [string, string];
  const noun = NOUNS[path.split('/')[2] ?? ''] ?? 'record';
  switch (status) {
    case '400': {
      if (key === 'post /v1/trade-checks' || key === 'post /v1/trade-checks/batch') {
        return problemOf('validation-error', 400, 'Invalid body /exporter, body /purpose', {
          errors: [
            { pointer: '#/exporter', in: 'body', detail: 'must be an ISO 3166-1 alpha-2 country code (or EU, XX, ZZ)' },
            { pointer: '#/purpose', in: 'body', detail: 'Invalid option: expected one of "B"|"E"|"G"|"H"|"L"|"M"|"N"|"P"|"Q"|"S"|"T"|"Z"' },
          ],
        });
      }
      if (key === 'post /v1/imports') {
        return problemOf('invalid-import', 400, '1 error(s); nothing was changed.', {
          errors: [{ pointer: '#/entry_into_force', in: 'body', detail: 'line 2, column 6: must be a date written DD/MM/YYYY' }],
        });
      }
      if (op.requestBody) {
        return problemOf('validation-error', 400, 'Invalid body /effectiveFrom', {
          errors: [{ pointer: '#/effectiveFrom', in: 'body', detail: 'must be a calendar date written YYYY-MM-DD' }],
        });
      }
      const param = (op.parameters ?? []).find((p) => p.in === 'path') ?? (op.parameters ?? []).find((p) => p.in === 'query');
      const where = param?.in === 'path' ? 'params' : 'query';
      const name = param?.name ?? 'date';
      return problemOf('validation-error', 400, `Invalid ${where} /${name}`, {
        errors: [{ pointer: `#/${name}`, in: where, detail: where === 'params' ? 'is invalid' : 'must be a calendar date written YYYY-MM-DD' }],
      });
    }
    case '401':
      return problemOf('unauthorized', 401, 'The API key is unknown or revoked.');
    case '403':
      return key === 'post /v1/imports'
        ? problemOf('forbidden', 403, 'mode=replace replaces the whole store and needs the admin role; officers import with mode=merge.')
        : problemOf(
            'forbidden',
            403,
            `This operation needs the ${path.startsWith('/v1/api-keys') || path === '/v1/decisions' || path === '/v1/audit' ? 'admin' : path === '/v1/permits/{id}/endorsements' ? 'customs' : 'officer'} role; the key has reader.`,
          );
    case '404':
      return problemOf('not-found', 404, `No ${noun} ${method === 'get' && path === '/v1/decisions/{id}' ? '01a196fb16000001f2238251dd68ffff' : '999999'}`);
    case '412':
      return problemOf('conflict', 412, 'Someone else changed the record first; it is now at revision 4. Read it again.');
    case '409':
      return key === 'post /v1/permits'
        ? problemOf('already-registered', 409, 'NA export-permit NA 2026/0412 is already in the register; read it with GET /v1/permits?number=.')
        : problemOf(
            'document-unusable',
            409,
            'Permit 1 cannot be endorsed: it was endorsed for a consignment on 2026-12-02. One document covers one consignment (Art. VI(5)).',
          );
    case '413':
      return problemOf('payload-too-large', 413, 'The request body is larger than this service accepts.');
    case '415':
      return problemOf('unsupported-media-type', 415, 'Unsupported Media Type: application/xml');
    case '422':
      return unknownTaxon('#/taxon');
    case '428':
      return problemOf('precondition-required', 428, 'Send If-Match with the ETag of the record you read (GET it first).');
    case '429':
      return problemOf('too-many-requests', 429, 'Rate limit of 6000 requests a minute exceeded; retry in 12 seconds.');
    case '503':
      return problemOf('service-unavailable', 503, 'The database is busy (another process is writing to it); nothing was changed: retry shortly.');
    default:
      return undefined;
  }
}

const header = (description: string) => ({ description, schema: { type: 'string' } });
const ETAG = header('The revision of the record, e.g. "3". Send it in If-Match to change the record.');
const RETRY_AFTER = header('Seconds to wait before retrying.');
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

/** Operations whose success answer carries the record's ETag. */
const withEtag = (key: string) =>
  /^(get|patch) \/v1\/(taxa|listings|reservations|quotas|suspensions|permits)\/\{id\}$/.test(key) ||
  /^post \/v1\/permits(\/\{id\}\/(status|endorsements))?$/.test(key) ||
  /^post \/v1\/(taxa|listings|reservations|quotas|suspensions)(\/\{id\}\/end)?$/.test(key);

/**
 * Every response gets its meaning, its headers and an example; every operation lists the
 * answers the API-key check, the rate limits and load shedding can give (401, 429, 503), and
 * 403 where a role is needed. Errors are application/problem+json.
 */
export function withResponses<T extends OpenApiDocument>(doc: T, accessOf: (key: string) => string | undefined): T {
  for (const [key, op] of operationsOf(doc)) {
    const responses = (op.responses ??= {});
    const access = accessOf(key);
    const added = ['401', '429', '503', ...(access === 'customs' || access === 'officer' || access === 'admin' ? ['403'] : [])];
    for (const status of added) responses[status] ??= { content: { 'application/json': { schema: PROBLEM_REF } } };
    for (const [status, response] of Object.entries(responses)) {
      const code = Number(status);
      if (code < 400) {
        response.description = (code === 304 ? 'Not modified: the dataset is the one the ETag in If-None-Match names.' : SUCCESS[key]) ?? op.summary ?? 'Done.';
        const media = response.content?.['application/json'];
        const example = RESPONSE_EXAMPLES[key];
        if (media && example && code < 300) {
          if ('examples' in example) media.examples = example.examples;
          else media.example = example.value;
        }
        if (withEtag(key) && code < 300) response.headers = { ETag: ETAG };
        if (key === 'get /v1/snapshot')
          response.headers = { ETag: header('The dataset version, e.g. "dataset-42": send it in If-None-Match to get 304 while it is unchanged.') };
        if (key === 'get /v1/exports/bundle') response.headers = { 'Content-Disposition': header('attachment; filename="cites-bundle.json"') };
        continue;
      }
      response.description = OPERATION_ERRORS[key]?.[status] ?? ERRORS[status] ?? 'The request failed (problem details).';
      const media = response.content?.['application/json'] ?? response.content?.['application/problem+json'];
      const isProblem = media !== undefined && JSON.stringify(media.schema) === JSON.stringify(PROBLEM_REF);
      if (isProblem) {
        const example = problemExample(key, status, op);
        response.content = { 'application/problem+json': { schema: PROBLEM_REF, ...(example === undefined ? {} : { example }) } };
      }
      if (status === '401') response.headers = { 'WWW-Authenticate': header('Bearer') };
      if (status === '429' || status === '503') response.headers = { 'Retry-After': RETRY_AFTER };
    }
    op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  }
  return doc;
}
