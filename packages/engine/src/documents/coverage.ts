/**
 * R40 and R43: whether a document covers this consignment. The States and purpose are boxes
 * of the document; taxon, term, source and quantity are boxes of an item, and one item must
 * cover the consignment on its own. A box left blank is not a contradiction (the form check
 * reports the blanks that matter).
 */
import type { DocumentItem } from '../contract/documents.js';
import type { TradeCheckRequest, TradeCheckResult } from '../contract/trade-check.js';
import { normaliseName } from '../names.js';
import { type Finding, finding } from './findings.js';
import type { CheckedDocument } from './register.js';

/** The consignment as the checks compare it: the request, and the taxon the engine took it for. */
export interface Consignment {
  readonly request: TradeCheckRequest;
  readonly result: TradeCheckResult;
  /** The id of the taxon a scientific name or synonym names; null for other names. */
  readonly taxonIdOf: (name: string) => string | null;
  /** The name asked for and the name of the taxon it resolved to, as names are compared (normaliseName); made when first needed. */
  inputKey: string | null;
  nameKey: string | null;
}

export function consignmentOf(request: TradeCheckRequest, result: TradeCheckResult, taxonIdOf: (name: string) => string | null): Consignment {
  return { request, result, taxonIdOf, inputKey: null, nameKey: null };
}

/** Adds to `found` what the document's boxes and items say against the consignment. */
export function documentFindings(doc: CheckedDocument, c: Consignment, found: Finding[]): void {
  const { request } = c;
  const exporter = doc.exporter !== undefined && doc.exporter !== request.exporter;
  const importer = doc.importer !== undefined && doc.importer !== request.importer;
  if (exporter || importer) {
    const states = [
      exporter ? `exporter ${doc.exporter}, not ${request.exporter}` : null,
      importer ? `importer ${doc.importer}, not ${request.importer}` : null,
    ];
    found.push(finding('DOCUMENT_STATES_MISMATCH', `${states.filter((s) => s !== null).join('; ')}.`));
  }
  if (doc.purpose !== undefined && doc.purpose !== request.purpose) {
    found.push(finding('DOCUMENT_PURPOSE_MISMATCH', `Document: ${doc.purpose}; movement: ${request.purpose}.`));
  }
  const items = doc.items;
  if (items === undefined || items.length === 0) return;
  // The item that fits best speaks for the document: several lines may name the taxon (the first of equals).
  let best: Finding[] | null = null;
  for (const item of items) {
    if (!namesTaxon(item.taxon, c)) continue;
    const f: Finding[] = [];
    itemFindings(item, doc, c, f);
    if (best === null || f.length < best.length) best = f;
    if (f.length === 0) break;
  }
  if (best === null) {
    const named = items.map((i) => i.taxon).join(', ');
    found.push(finding('DOCUMENT_TAXON_MISMATCH', `Document: ${named}; consignment: ${c.result.taxon.name}.`));
    return;
  }
  for (const f of best) found.push(f);
}

function namesTaxon(name: string, c: Consignment): boolean {
  const { taxon } = c.result;
  // The same text is the same name; only other spellings need normalising.
  if (name === taxon.name || name === taxon.input) return true;
  const key = normaliseName(name);
  c.inputKey ??= normaliseName(taxon.input);
  c.nameKey ??= normaliseName(taxon.name);
  if (key === c.inputKey || key === c.nameKey) return true;
  return c.taxonIdOf(name) === taxon.id;
}

function itemFindings(item: DocumentItem, doc: CheckedDocument, c: Consignment, found: Finding[]): void {
  const { request } = c;
  if (item.term !== undefined && request.term !== undefined && item.term !== request.term) {
    found.push(finding('DOCUMENT_TERM_MISMATCH', `Document: ${item.term}; consignment: ${request.term}.`));
  }
  if (item.source !== undefined && item.source !== request.source) {
    found.push(finding('DOCUMENT_SOURCE_MISMATCH', `Document: ${item.source}; consignment: ${request.source}.`));
  }
  const quantity = quantityFinding(item, request);
  if (quantity !== null) found.push(quantity);
  if (c.result.movement === 're-export' && doc.type === 're-export-certificate') {
    const origin = originFinding(item, request);
    if (origin !== null) found.push(origin);
  }
}

const unit = (u: string | undefined) => u ?? 'specimens';

function quantityFinding(item: DocumentItem, request: TradeCheckRequest): Finding | null {
  if (item.quantity === undefined) return null;
  if (request.quantity === undefined || unit(item.unit) !== unit(request.unit)) {
    return finding(
      'DOCUMENT_QUANTITY_UNCHECKED',
      `Document: ${item.quantity} ${unit(item.unit)}; consignment: ${request.quantity ?? 'not given'} ${unit(request.unit)}.`,
    );
  }
  if (request.quantity > item.quantity) {
    return finding('DOCUMENT_QUANTITY_EXCEEDED', `Document: ${item.quantity} ${unit(item.unit)}; consignment: ${request.quantity}.`);
  }
  return null;
}

/** R43: the certificate traces the specimens to their origin (box 12), and to the origin of this consignment. */
function originFinding(item: DocumentItem, request: TradeCheckRequest): Finding | null {
  const missing = [item.origin === undefined ? 'country of origin' : null, item.originDocument === undefined ? 'permit of origin' : null].filter(
    (s) => s !== null,
  );
  if (missing.length) return finding('REEXPORT_ORIGIN_MISSING', `Blank: ${missing.join(', ')}.`);
  if (request.origin !== undefined && item.origin !== request.origin) {
    return finding('REEXPORT_ORIGIN_MISMATCH', `Certificate: ${item.origin}; consignment: ${request.origin}.`);
  }
  return null;
}
