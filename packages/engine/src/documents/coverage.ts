/**
 * R40 and R43: whether a document covers this consignment. The States and purpose are boxes
 * of the document; taxon, term, source and quantity are boxes of an item, and one item must
 * cover the consignment on its own. A box left blank is not a contradiction (the form check
 * reports the blanks that matter).
 */
import type { DocumentItem, PresentedDocument } from '../contract/documents.js';
import type { TradeCheckRequest, TradeCheckResult } from '../contract/trade-check.js';
import { normaliseName } from '../names.js';
import { type Finding, finding } from './findings.js';

/** The consignment as the checks compare it: the request, and the taxon the engine took it for. */
export interface Consignment {
  readonly request: TradeCheckRequest;
  readonly result: TradeCheckResult;
  /** The id of the taxon a scientific name or synonym names; null for other names. */
  readonly taxonIdOf: (name: string) => string | null;
}

export function documentFindings(doc: PresentedDocument, c: Consignment): Finding[] {
  const { request } = c;
  const found: Finding[] = [];
  const states = [
    doc.exporter !== undefined && doc.exporter !== request.exporter ? `exporter ${doc.exporter}, not ${request.exporter}` : null,
    doc.importer !== undefined && doc.importer !== request.importer ? `importer ${doc.importer}, not ${request.importer}` : null,
  ].filter((s) => s !== null);
  if (states.length) found.push(finding('DOCUMENT_STATES_MISMATCH', `${states.join('; ')}.`));
  if (doc.purpose !== undefined && doc.purpose !== request.purpose) {
    found.push(finding('DOCUMENT_PURPOSE_MISMATCH', `Document: ${doc.purpose}; movement: ${request.purpose}.`));
  }
  if (doc.items === undefined || doc.items.length === 0) return found;
  const naming = doc.items.filter((item) => namesTaxon(item.taxon, c));
  if (naming.length === 0) {
    const named = doc.items.map((i) => i.taxon).join(', ');
    return [...found, finding('DOCUMENT_TAXON_MISMATCH', `Document: ${named}; consignment: ${c.result.taxon.name}.`)];
  }
  // The item that fits best speaks for the document: several lines may name the taxon.
  const byItem = naming.map((item) => itemFindings(item, doc, c));
  return [...found, ...byItem.reduce((best, f) => (f.length < best.length ? f : best))];
}

function namesTaxon(name: string, c: Consignment): boolean {
  const key = normaliseName(name);
  const { taxon } = c.result;
  if (key === normaliseName(taxon.input) || key === normaliseName(taxon.name)) return true;
  return c.taxonIdOf(name) === taxon.id;
}

function itemFindings(item: DocumentItem, doc: PresentedDocument, c: Consignment): Finding[] {
  const { request } = c;
  const found: Finding[] = [];
  if (item.term !== undefined && request.term !== undefined && item.term !== request.term) {
    found.push(finding('DOCUMENT_TERM_MISMATCH', `Document: ${item.term}; consignment: ${request.term}.`));
  }
  if (item.source !== undefined && item.source !== request.source) {
    found.push(finding('DOCUMENT_SOURCE_MISMATCH', `Document: ${item.source}; consignment: ${request.source}.`));
  }
  const quantity = quantityFinding(item, request);
  if (quantity !== null) found.push(quantity);
  if (c.result.movement === 're-export' && doc.type === 're-export-certificate') found.push(...originFindings(item, request));
  return found;
}

function quantityFinding(item: DocumentItem, request: TradeCheckRequest): Finding | null {
  if (item.quantity === undefined) return null;
  const unit = (u: string | undefined) => u ?? 'specimens';
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
function originFindings(item: DocumentItem, request: TradeCheckRequest): Finding[] {
  const missing = [item.origin === undefined ? 'country of origin' : null, item.originDocument === undefined ? 'permit of origin' : null].filter(
    (s) => s !== null,
  );
  if (missing.length) return [finding('REEXPORT_ORIGIN_MISSING', `Blank: ${missing.join(', ')}.`)];
  if (request.origin !== undefined && item.origin !== request.origin) {
    return [finding('REEXPORT_ORIGIN_MISMATCH', `Certificate: ${item.origin}; consignment: ${request.origin}.`)];
  }
  return [];
}
