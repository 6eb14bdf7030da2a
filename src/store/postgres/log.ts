/**
 * What every replica writes straight to PostgreSQL, with no working copy: the decision log
 * (a group of decisions per transaction, one multi-row insert each for parts and
 * decisions), the audit trail and the API keys.
 */
import type pg from 'pg';
import { expandStored, refsIn } from '../decision-parts.js';
import type { AuditRecord, DecisionRecord } from '../types.js';
import { inTransaction } from './client.js';
import { insertRows } from './replica.js';

type Queryable = Pick<pg.Pool, 'query'>;

const DECISION_COLUMNS = 'id, created_at AS "createdAt", dataset_version AS "datasetVersion", decision, api_key_id AS "apiKeyId", request, result';

export class DecisionTable {
  /** Part keys known to be stored: sent once per process, then skipped. */
  private readonly known = new Set<string>();

  constructor(private readonly pool: pg.Pool) {}

  async save(records: readonly DecisionRecord[]): Promise<void> {
    const parts = new Map<string, string>();
    for (const r of records) for (const p of r.parts ?? []) if (!this.known.has(p.key)) parts.set(p.key, p.text);
    await inTransaction(this.pool, async (client) => {
      if (parts.size > 0) {
        const rows = [...parts].map(([key, json]) => ({ key, json }));
        await insertRows(client, 'decision_parts', ['key', 'json'], rows, 'ON CONFLICT (key) DO NOTHING');
      }
      const rows = records.map((r) => ({
        id: r.id,
        created_at: r.createdAt,
        dataset_version: r.datasetVersion,
        decision: r.decision,
        api_key_id: r.apiKeyId,
        request: r.request,
        result: r.result,
      }));
      await insertRows(client, 'decisions', ['id', 'created_at', 'dataset_version', 'decision', 'api_key_id', 'request', 'result'], rows);
    });
    for (const key of parts.keys()) this.known.add(key);
  }

  async one(id: string): Promise<DecisionRecord | null> {
    const r = await this.pool.query<DecisionRecord>(`SELECT ${DECISION_COLUMNS} FROM decisions WHERE id = $1`, [id]);
    return (await this.expanded(r.rows))[0] ?? null;
  }

  async list(filter: { from?: string; to?: string; decision?: string; apiKeyId?: string; limit: number; before?: string }): Promise<DecisionRecord[]> {
    // Ids begin with the time in hex (decision-log.ts): a date range is an id range.
    const idAt = (date: string) => Date.parse(`${date}T00:00:00Z`).toString(16).padStart(12, '0');
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      values.push(value);
      where.push(clause.replace('?', `$${values.length}`));
    };
    if (filter.from) add('id >= ?', idAt(filter.from));
    if (filter.to) add('id < ?', idAt(filter.to));
    if (filter.decision) add('decision = ?', filter.decision);
    if (filter.apiKeyId) add('api_key_id = ?', filter.apiKeyId);
    if (filter.before) add('id < ?', filter.before);
    values.push(filter.limit);
    const r = await this.pool.query<DecisionRecord>(
      `SELECT ${DECISION_COLUMNS} FROM decisions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${values.length}`,
      values,
    );
    return this.expanded(r.rows);
  }

  /** Stored answers with their shared parts put back (one query for all their parts). */
  private async expanded(rows: DecisionRecord[]): Promise<DecisionRecord[]> {
    const keys = [...new Set(rows.flatMap((d) => refsIn(d.result)))];
    if (keys.length === 0) return rows;
    const parts = await this.pool.query<{ key: string; json: string }>('SELECT key, json FROM decision_parts WHERE key = ANY($1)', [keys]);
    const text = new Map(parts.rows.map((p) => [p.key, p.json]));
    return rows.map((d) => ({ ...d, result: expandStored(d.result, (key) => text.get(key)) }));
  }
}

export async function recordAudit(db: Queryable, entry: Omit<AuditRecord, 'id'>): Promise<void> {
  await db.query('INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    entry.at,
    entry.actor,
    entry.action,
    entry.entity,
    entry.entityId,
    entry.before === null ? null : JSON.stringify(entry.before),
    entry.after === null ? null : JSON.stringify(entry.after),
  ]);
}

export async function readAudit(db: Queryable, filter: { entity?: string; entityId?: string; limit: number; before?: number }): Promise<AuditRecord[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (filter.entity) where.push(`entity = $${values.push(filter.entity)}`);
  if (filter.entityId) where.push(`entity_id = $${values.push(filter.entityId)}`);
  if (filter.before) where.push(`id < $${values.push(filter.before)}`);
  const limit = `$${values.push(filter.limit)}`;
  const r = await db.query<Omit<AuditRecord, 'before' | 'after'> & { before: string | null; after: string | null }>(
    `SELECT id, at, actor, action, entity, entity_id AS "entityId", before, after FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${limit}`,
    values,
  );
  // bigint ids come back as text; a number is what the API and its `before` cursor use.
  return r.rows.map((row) => ({
    ...row,
    id: Number(row.id),
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  }));
}

export const KEY_COLUMNS = 'id, name, role, created_at AS "createdAt", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"';
