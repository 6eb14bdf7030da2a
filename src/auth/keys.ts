/**
 * API keys: random, shown once, stored only as a SHA-256 hash (keys carry 256 bits of
 * entropy, so a fast hash is the right tool; a password KDF would only slow every request).
 */
import { createHash, randomBytes } from 'node:crypto';

import { ROLES, type Role } from '../contract/admin.js';

export { ROLES, type Role };

// customs (verifies documents, endorses them at the border) sits between readers and the officers who issue them.
const RANK: Record<Role, number> = { reader: 1, customs: 2, officer: 3, admin: 4 };

/** Does `role` include everything `needed` allows? (admin ⊃ officer ⊃ customs ⊃ reader) */
export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key: `cpk_<id>_<secret>`; the id names it in lists and logs, the secret never leaves this call. */
export function generateKey(): { id: string; key: string; hash: string } {
  const id = randomBytes(6).toString('hex');
  const key = `cpk_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, hash: hashKey(key) };
}

/** The key from `Authorization: Bearer <key>`, or null. */
export function bearerKey(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
