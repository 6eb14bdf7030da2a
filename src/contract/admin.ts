/** Shapes of the administrators' API: API keys and the audit trail. */
import { z } from 'zod';

export const ROLES = ['reader', 'customs', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().describe('Updated at most once a minute'),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.output<typeof ApiKey>;

export const NewApiKey = ApiKey.extend({ key: z.string().describe('The key itself: shown only in this answer, stored only as a hash') }).meta({
  id: 'NewApiKey',
});

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.output<typeof AuditEntry>;
