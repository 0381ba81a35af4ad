import { sql } from 'kysely';
import { insertMany, isPostgres, prepared, scopeCondition, type Db } from '../../db/database.ts';
import type { AuditEntry } from './audit.ts';

/** A stored audit row mapped to the domain shape plus its chain fields. */
export interface StoredAudit extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Serialises appenders so the chain stays linear across app instances (PostgreSQL); SQLite is serial already. */
export async function lockChain(db: Db): Promise<void> {
  if (isPostgres(db)) await sql`SELECT pg_advisory_xact_lock(7310001)`.execute(db);
}

const newest = prepared((db: Db) => db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1));

/** The newest entry's hash, or null for an empty log. */
export async function lastHash(db: Db): Promise<string | null> {
  const [row] = await newest(db);
  return row?.hash ?? null;
}

/** Inserts one entry with its chain fields. */
export async function insertAudit(db: Db, e: AuditEntry, prevHash: string, hash: string): Promise<void> {
  await insertMany(db, 'audit_log', [{
      id: e.id,
      at: e.at,
      actor_id: e.actorId,
      actor_name: e.actorName,
      actor_roles: e.actorRoles,
      ip: e.ip,
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId,
      scope_path: e.scopePath,
      result: e.result,
      reason: e.reason,
      detail: JSON.stringify(e.detail),
      prev_hash: prevHash,
      hash,
  }]);
}

type Row = {
  seq: number; id: string; at: string; actor_id: string | null; actor_name: string; actor_roles: string; ip: string | null;
  action: string; object_type: string | null; object_id: string | null; scope_path: string | null; result: string;
  reason: string | null; detail: string; prev_hash: string; hash: string;
};

function toStored(r: Row): StoredAudit {
  return {
    seq: Number(r.seq), id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, actorRoles: r.actor_roles, ip: r.ip,
    action: r.action, objectType: r.object_type, objectId: r.object_id, scopePath: r.scope_path,
    result: r.result as AuditEntry['result'], reason: r.reason, detail: JSON.parse(r.detail), prevHash: r.prev_hash, hash: r.hash,
  };
}

/** Entries in chain order from seq `after`, a page at a time (for verification). */
export async function auditPage(db: Db, after: number, limit: number): Promise<StoredAudit[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(limit).execute();
  return rows.map((r) => toStored(r as Row));
}

/** Filters for the auditor's list. */
export interface AuditFilter {
  actorId?: string;
  actorName?: string;
  action?: string;
  actionPrefix?: string;
  objectType?: string;
  objectId?: string;
  result?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  /** Only entries whose scope lies under one of these prefixes (absent: all). */
  scopes?: readonly string[];
}

/** Newest-first page of entries matching the filter, plus the total. */
export async function listAudit(db: Db, f: AuditFilter, limit: number, offset: number): Promise<{ rows: StoredAudit[]; total: number }> {
  let q = db.selectFrom('audit_log');
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.actorName) q = q.where('actor_name', '=', f.actorName);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actionPrefix) q = q.where('action', 'like', f.actionPrefix + '%');
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.result) q = q.where('result', '=', f.result);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.scopes) q = q.where(scopeCondition('scope_path', f.scopes));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute();
  return { rows: rows.map((r) => toStored(r as Row)), total: Number(total.n) };
}
