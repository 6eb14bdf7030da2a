/**
 * Swagger UI's examples for the permit register: a leopard trophy's export permit from
 * Namibia, registered, found, endorsed at Windhoek airport and (another one) cancelled.
 * The bodies are the contract's own example; a test checks each answer has the shape of
 * the real one.
 */
import { NEW_PERMIT_EXAMPLE } from '../contract/permits.js';

const AT = '2026-12-02T07:12:44.051Z';
const OFFICER = 'permit office (3f9a2b7c41d0)';
const CUSTOMS = 'Hosea Kutako customs (8be01d44a9c2)';

const newPermit = NEW_PERMIT_EXAMPLE;
const registered = {
  ...newPermit,
  registeredAs: 'issued',
  id: '1',
  status: 'issued',
  replacedBy: null,
  usedOn: null,
  endorsements: [],
  revision: 1,
  createdAt: AT,
  updatedAt: AT,
  updatedBy: OFFICER,
};
const endorsement = { date: '2026-12-02', port: 'Hosea Kutako International Airport', quantity: 1 };
const endorsed = {
  ...registered,
  status: 'used',
  usedOn: '2026-12-02',
  endorsements: [{ ...endorsement, by: CUSTOMS, at: AT }],
  revision: 2,
  updatedBy: CUSTOMS,
};

/** Two documents received from other Parties: Cape aloe extract from South Africa, and alligator watch straps re-exported from Switzerland. */
const received = {
  permits: [
    {
      type: 'export-permit',
      number: 'ZA 2026/118734',
      issuer: 'ZA',
      issuedOn: '2026-11-12',
      validUntil: '2027-05-11',
      exporter: 'ZA',
      importer: 'DE',
      purpose: 'T',
      items: [{ taxon: 'Aloe ferox', term: 'EXT', quantity: 250, unit: 'KIL', source: 'A', appendix: 'II' }],
    },
    {
      type: 're-export-certificate',
      number: 'CH 2026/5521',
      issuer: 'CH',
      issuedOn: '2026-11-20',
      validUntil: '2027-05-19',
      exporter: 'CH',
      importer: 'DE',
      purpose: 'T',
      items: [
        {
          taxon: 'Alligator mississippiensis',
          term: 'LPS',
          quantity: 40,
          source: 'C',
          appendix: 'II',
          origin: 'US',
          originDocument: { number: 'US 2026/00871', issuer: 'US', issuedOn: '2026-03-02' },
        },
      ],
    },
  ],
};

export const PERMIT_REQUEST_EXAMPLES = {
  'post /v1/permits/{id}/endorsements': {
    params: { id: '1' },
    body: { export: { summary: 'Endorse at export, with the quantity shipped', value: endorsement } },
  },
  'post /v1/permits/imports': { body: { received: { summary: 'Two documents received from other Parties', value: received } } },
  'post /v1/permits': { body: { trophy: { summary: 'An export permit for a leopard trophy (Appendix I)', value: newPermit } } },
  'get /v1/permits': { params: { number: 'NA 2026/0412', issuer: 'NA' } },
  'get /v1/permits/{id}': { params: { id: '1' } },
  'post /v1/permits/{id}/status': {
    params: { id: '1' },
    body: { cancel: { summary: 'Cancel the permit (send If-Match)', value: { status: 'cancelled', reason: 'Hunt did not take place' } } },
  },
};

export const PERMIT_RESPONSE_EXAMPLES = {
  'post /v1/permits': { value: registered },
  'get /v1/permits': { value: { items: [registered] } },
  'get /v1/permits/{id}': { value: registered },
  // Endorsed before it is cancelled: the docs test runs the examples in this order.
  'post /v1/permits/{id}/endorsements': { value: endorsed },
  'post /v1/permits/{id}/status': { value: { ...endorsed, status: 'cancelled', revision: 3 } },
  'post /v1/permits/imports': {
    value: {
      registered: 2,
      alreadyRegistered: 0,
      documents: received.permits.map((p, i) => ({ id: String(i + 2), issuer: p.issuer, type: p.type, number: p.number, outcome: 'registered' })),
    },
  },
};

export const PERMIT_SUCCESS = {
  'post /v1/permits': 'The document as registered, with its id and ETag.',
  'get /v1/permits': 'The registered documents with this number or issuer (traders’ names are personal data: customs and officers only).',
  'get /v1/permits/{id}': 'The document, its status and endorsements. Its ETag is what a status change needs in If-Match.',
  'post /v1/permits/{id}/status': 'The document with its new status; it no longer clears any trade check.',
  'post /v1/permits/{id}/endorsements': 'The document, endorsed: a single-use document is now used.',
  'post /v1/permits/imports': 'What was registered, and which documents the register held already (left unchanged).',
};

export const PERMIT_ERRORS = {
  'post /v1/permits': { '409': 'A document with this issuer, type and number is already registered.' },
  'post /v1/permits/{id}/endorsements': {
    '409': 'The document cannot be endorsed: it was already used for a consignment (Art. VI(5)), or it is cancelled, replaced, lost or stolen.',
  },
  'post /v1/permits/imports': { '400': 'The file has errors (each with its line and column, or JSON pointer); nothing was registered.' },
};
