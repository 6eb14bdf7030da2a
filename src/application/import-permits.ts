/**
 * Use case "load documents received from other Parties" (issue #19): a JSON list or a CSV
 * file of permits and certificates, registered all together or not at all. A document the
 * register already holds is left as it is, so a file loaded twice changes nothing.
 */
import { problem, type Problem } from '@cites-permit-check/engine/contract/problem';
import { MAX_DOCUMENTS_PER_FILE, type NewPermit, PermitFile, type PermitImportReport as Report } from '../contract/permits.js';
import { parsePermitsCsv } from '../importers/permits-csv.js';
import type { Services } from '../services/index.js';
import type { ImportError } from '../store/types.js';
import type { Caller } from './caller.js';

export async function importPermits(services: Services, caller: Caller, body: unknown): Promise<{ report: Report } | { problem: Problem }> {
  const authority = services.config.AUTHORITY_COUNTRY;
  // Documents of this Management Authority are its own issue; everything else was received.
  const registeredAs = (issuer: string) => (authority !== undefined && issuer === authority ? 'issued' : 'received');
  let permits: NewPermit[];
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    const parsed = parsePermitsCsv(body.toString(), registeredAs);
    if (parsed.errors.length) return { problem: rejected(parsed.errors) };
    permits = parsed.permits;
    if (permits.length > MAX_DOCUMENTS_PER_FILE)
      return { problem: rejected([{ pointer: '', detail: `at most ${MAX_DOCUMENTS_PER_FILE} documents in one file` }]) };
  } else {
    const parsed = PermitFile.safeParse(body);
    if (!parsed.success) {
      return { problem: rejected(parsed.error.issues.map((i) => ({ pointer: `/${i.path.join('/')}`, detail: i.message }))) };
    }
    permits = parsed.data.permits.map((p) => ({ ...p, registeredAs: registeredAs(p.issuer) }));
  }
  const records = await services.store.createPermits(permits, caller.actor);
  const documents = permits.map((p, i) => ({
    id: records[i]?.id ?? null,
    issuer: p.issuer,
    type: p.type,
    number: p.number,
    outcome: records[i] ? ('registered' as const) : ('already-registered' as const),
  }));
  const registered = documents.filter((d) => d.outcome === 'registered').length;
  return { report: { registered, alreadyRegistered: documents.length - registered, documents } };
}

function rejected(errors: readonly ImportError[]): Problem {
  return problem('invalid-import', 400, `${errors.length} error(s); nothing was registered.`, {
    errors: errors.map((x) => ({
      pointer: `#${x.pointer}`,
      in: 'body' as const,
      detail: x.line !== undefined ? `line ${x.line}${x.column ? `, column ${x.column}` : ''}: ${x.detail}` : x.detail,
    })),
  });
}
