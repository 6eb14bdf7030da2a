/**
 * Use cases of the permit register (issue #19): an officer registers a document (issued by
 * this Management Authority, or received from another Party), changes its status; customs
 * endorse it at the border; a trade check reads the register's view of the documents
 * presented with it.
 */
import { problem, type Problem } from '@cites-permit-check/engine/contract/problem';
import { documentKey, type PresentedDocument, type RegisteredDocument } from '@cites-permit-check/engine/contract/documents';
import type { Endorsement, NewPermit, PermitRecord } from '../contract/permits.js';
import type { Services } from '../services/index.js';
import { DocumentInUse, type CitesStore } from '../store/types.js';
import type { Caller } from './caller.js';
import { exportDraws } from './quota-use.js';

export type PermitAnswer = { record: PermitRecord; status: number } | { problem: Problem };

export async function registerPermit(services: Services, caller: Caller, p: NewPermit): Promise<PermitAnswer> {
  const authority = services.config.AUTHORITY_COUNTRY;
  if (authority !== undefined && (p.registeredAs === 'issued') !== (p.issuer === authority)) {
    const detail =
      p.registeredAs === 'issued'
        ? `this service is the Management Authority of ${authority}: a document issued by ${p.issuer} is registered as received`
        : `a document issued by ${authority}, this service's Management Authority, is registered as issued`;
    return {
      problem: problem('validation-error', 400, `Invalid body /registeredAs: ${detail}.`, { errors: [{ pointer: '#/registeredAs', in: 'body', detail }] }),
    };
  }
  const record = await services.store.createPermit(p, caller.actor);
  if (record === null) {
    return {
      problem: problem('already-registered', 409, `${p.issuer} ${p.type} ${p.number} is already in the register; read it with GET /v1/permits?number=.`),
    };
  }
  return { record, status: 201 };
}

export async function endorsePermit(services: Services, caller: Caller, id: string, e: Endorsement): Promise<PermitAnswer> {
  const permit = await services.store.permit(id);
  if (permit === null) return { problem: problem('not-found', 404, `No permit ${id}`) };
  try {
    const record = await services.store.endorsePermit(id, e, caller.actor, exportDraws(services.engines.engine, permit, e));
    if (record === null) return { problem: problem('not-found', 404, `No permit ${id}`) };
    return { record, status: 200 };
  } catch (err) {
    if (!(err instanceof DocumentInUse)) throw err;
    const why = err.usedOn !== null ? `it was endorsed for a consignment on ${err.usedOn}` : `it is ${err.status}`;
    return { problem: problem('document-unusable', 409, `Permit ${id} cannot be endorsed: ${why}. One document covers one consignment (Art. VI(5)).`) };
  }
}

/** What the engine verifies a presented document against: the register's boxes and status, without the traders. */
function asRegistered(p: PermitRecord): RegisteredDocument {
  const { id, registeredAs, exporterParty, importerParty, securityStamp, conditions, endorsements, revision, createdAt, updatedAt, updatedBy, ...boxes } = p;
  return boxes;
}

/**
 * The engine's view of each record, made once: the store hands back the same (frozen) record
 * while the permit is unchanged, and a changed permit is a new record, so a new view.
 */
const VIEWS = new WeakMap<PermitRecord, { key: string; registered: RegisteredDocument }>();

/**
 * The register's entries for the documents presented with a trade check, by documentKey.
 * Undefined at once (no promise, no database) when none is presented: the common trade check.
 */
export function registerView(store: CitesStore, presented: readonly PresentedDocument[] | undefined): Promise<Map<string, RegisteredDocument>> | undefined {
  if (presented === undefined || presented.length === 0) return undefined;
  const keys: string[] = [];
  for (const d of presented) keys.push(documentKey(d));
  return store.permitsByKeys(keys).then((found) => {
    const view = new Map<string, RegisteredDocument>();
    for (const p of found) {
      let v = VIEWS.get(p);
      if (v === undefined) {
        v = { key: documentKey(p), registered: Object.freeze(asRegistered(p)) };
        VIEWS.set(p, v);
      }
      view.set(v.key, v.registered);
    }
    return view;
  });
}
