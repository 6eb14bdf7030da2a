/**
 * The audit entries of API keys, the same in every store: a key created (who may do what,
 * never its secret) and a key revoked.
 */
import type { ApiKeyRecord, AuditRecord } from '../types.js';

type Entry = Omit<AuditRecord, 'id'>;

export const keyCreated = (key: Pick<ApiKeyRecord, 'id' | 'name' | 'role'>, at: string): Entry => ({
  at,
  actor: 'admin',
  action: 'create',
  entity: 'api-key',
  entityId: key.id,
  before: null,
  after: { id: key.id, name: key.name, role: key.role },
});

export const keyRevoked = (id: string, actor: string, at: string): Entry => ({
  at,
  actor,
  action: 'revoke',
  entity: 'api-key',
  entityId: id,
  before: null,
  after: { revokedAt: at },
});
