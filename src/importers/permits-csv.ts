/**
 * Documents received from other Parties, as a CSV file (issue #19): one line per item (box 7–12
 * of the standard form), the document's own boxes repeated on each of its lines. Lines with the
 * same issuer, type and number are one document. Columns may come in any order; the
 * required ones are named in the header check. Every error is collected with its line and
 * column; the caller rejects the whole file when there is any.
 */
import { parse } from 'csv-parse/sync';
import { documentKey } from '@cites-permit-check/engine/contract/documents';
import { NewPermit } from '../contract/permits.js';
import type { ImportError } from '../store/types.js';

/** The document's boxes: the same on every line of one document. */
const DOCUMENT_COLUMNS = [
  'type',
  'number',
  'issuer',
  'issuedOn',
  'validUntil',
  'exporter',
  'importer',
  'purpose',
  'securityStamp',
  'conditions',
  'exporterName',
  'exporterAddress',
  'importerName',
  'importerAddress',
] as const;
/** One specimen line. */
const ITEM_COLUMNS = ['taxon', 'term', 'quantity', 'unit', 'source', 'appendix', 'origin', 'originPermit', 'originPermitIssuer', 'originPermitDate'] as const;
export const PERMIT_CSV_COLUMNS = [...DOCUMENT_COLUMNS, ...ITEM_COLUMNS] as const;
const REQUIRED = ['type', 'number', 'issuer', 'issuedOn', 'taxon'] as const;

type Column = (typeof PERMIT_CSV_COLUMNS)[number];
type Line = { line: number; cells: Partial<Record<Column, string>> };

export interface ParsedPermits {
  permits: NewPermit[];
  errors: ImportError[];
}

const error = (line: number, column: string | undefined, detail: string): ImportError => ({
  pointer: column ? `/lines/${line}/${column}` : `/lines/${line}`,
  line,
  ...(column === undefined ? {} : { column }),
  detail,
});

/** Reads the file; `registeredAs` says how each document goes in (received, or issued when this authority is its issuer). */
export function parsePermitsCsv(text: string, registeredAs: (issuer: string) => 'issued' | 'received'): ParsedPermits {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, info: true, trim: true }) as unknown as typeof rows;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { permits: [], errors: [error(line, undefined, `not a CSV file: ${(e as Error).message}`)] };
  }
  const [header, ...body] = rows;
  if (header === undefined) return { permits: [], errors: [error(1, undefined, 'the file is empty')] };
  const names = header.record;
  const unknown = names.filter((n) => !(PERMIT_CSV_COLUMNS as readonly string[]).includes(n));
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (unknown.length || missing.length) {
    const detail = [
      missing.length ? `missing column(s) ${missing.join(', ')}` : null,
      unknown.length ? `unknown column(s) ${unknown.join(', ')}` : null,
    ].filter(Boolean);
    return { permits: [], errors: [error(1, undefined, `${detail.join('; ')}; the columns are ${PERMIT_CSV_COLUMNS.join(', ')}`)] };
  }
  const lines: Line[] = body.map((r) => ({
    line: r.info.lines,
    cells: Object.fromEntries(names.flatMap((n, i) => (r.record[i] ? [[n, r.record[i]]] : []))) as Line['cells'],
  }));
  return assemble(lines, registeredAs);
}

function assemble(lines: readonly Line[], registeredAs: (issuer: string) => 'issued' | 'received'): ParsedPermits {
  const errors: ImportError[] = [];
  const documents = new Map<string, Line[]>();
  for (const l of lines) {
    const { type = '', number = '', issuer = '' } = l.cells;
    const key = documentKey({ type, number, issuer: issuer.toUpperCase() });
    const group = documents.get(key);
    if (group === undefined) documents.set(key, [l]);
    else {
      for (const c of DOCUMENT_COLUMNS) {
        if ((l.cells[c] ?? '') !== (group[0]!.cells[c] ?? '')) errors.push(error(l.line, c, `differs from line ${group[0]!.line} of the same document`));
      }
      group.push(l);
    }
  }
  const permits: NewPermit[] = [];
  for (const group of documents.values()) {
    const parsed = NewPermit.safeParse(toDocument(group, registeredAs));
    if (parsed.success) {
      permits.push(parsed.data);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const [box, index, field] = issue.path.map(String);
      const at = box === 'items' && index !== undefined ? group[Number(index)] : group[0];
      errors.push(error(at?.line ?? group[0]!.line, columnOf(box, field), issue.message));
    }
  }
  return { permits, errors: errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

/** The CSV column a schema path names (items/0/originDocument/number → originPermit). */
function columnOf(box: string | undefined, field: string | undefined): string | undefined {
  if (box === 'items') return field === 'originDocument' ? 'originPermit' : field;
  if (box === 'exporterParty' || box === 'importerParty') return `${box.replace('Party', '')}${field === 'address' ? 'Address' : 'Name'}`;
  return box;
}

function toDocument(group: readonly Line[], registeredAs: (issuer: string) => 'issued' | 'received'): unknown {
  const d = group[0]!.cells;
  const party = (name?: string, address?: string) => (name === undefined ? undefined : { name, ...(address === undefined ? {} : { address }) });
  const issuer = d.issuer?.toUpperCase() ?? '';
  return dropUndefined({
    type: d.type,
    number: d.number,
    issuer: d.issuer,
    issuedOn: d.issuedOn,
    validUntil: d.validUntil,
    exporter: d.exporter,
    importer: d.importer,
    purpose: d.purpose,
    securityStamp: d.securityStamp,
    conditions: d.conditions,
    exporterParty: party(d.exporterName, d.exporterAddress),
    importerParty: party(d.importerName, d.importerAddress),
    registeredAs: registeredAs(issuer),
    items: group.map(({ cells: c }) =>
      dropUndefined({
        taxon: c.taxon,
        term: c.term,
        quantity: c.quantity === undefined ? undefined : Number(c.quantity),
        unit: c.unit,
        source: c.source,
        appendix: c.appendix,
        origin: c.origin,
        originDocument:
          c.originPermit === undefined ? undefined : dropUndefined({ number: c.originPermit, issuer: c.originPermitIssuer, issuedOn: c.originPermitDate }),
      }),
    ),
  });
}

const dropUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
