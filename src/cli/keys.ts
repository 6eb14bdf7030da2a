/**
 * `keys create --role admin --name ops` → prints a new key once; `keys list`; `keys revoke <id>`.
 * Works on the store at DATABASE_PATH. A running server sees new keys at once and a
 * revocation made here within five seconds (its key cache re-reads entries that old).
 */
import { parseArgs } from 'node:util';
import { generateKey, ROLES, type Role } from '../auth/keys.js';
import type { CitesStore } from '../store/types.js';

const USAGE = 'usage: npm run keys -- create --role <reader|customs|officer|admin> --name <name> | list | revoke <id>';

export async function runKeys(argv: string[], store: CitesStore, out: (line: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [command, arg] = positionals;
  if (command === 'create') {
    const role = values.role as Role | undefined;
    if (!role || !(ROLES as readonly string[]).includes(role) || !values.name) {
      out(USAGE);
      return 2;
    }
    const { id, key, hash } = generateKey();
    const record = await store.createApiKey({ id, name: values.name, role, hash });
    out(values.json ? JSON.stringify({ ...record, key }) : `created ${role} key "${values.name}" (id ${id}); store it now, it is not shown again:\n${key}`);
    return 0;
  }
  if (command === 'list') {
    const keys = await store.apiKeys();
    if (values.json) out(JSON.stringify(keys));
    else
      for (const k of keys)
        out(
          `${k.id}  ${k.role.padEnd(7)}  ${k.name}  created ${k.createdAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}${k.lastUsedAt ? `  last used ${k.lastUsedAt}` : ''}`,
        );
    return 0;
  }
  if (command === 'revoke' && arg) {
    const record = await store.revokeApiKey(arg, 'cli');
    if (record === null) {
      out(`no key ${arg}`);
      return 1;
    }
    out(`revoked ${arg}`);
    return 0;
  }
  out(USAGE);
  return 2;
}
