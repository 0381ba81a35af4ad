import { scopeCondition, type Db } from '../../db/database.ts';
import type { MemberKind } from '../../../shared/deliberation.ts';
import type { PoolMember } from './pool.ts';

const COLS = [
  'pool_member.id', 'pool_member.compound_id', 'pool_member.scope_path', 'pool_member.kind', 'pool_member.name', 'pool_member.title',
  'pool_member.user_id', 'pool_member.org_id', 'pool_member.phone_mask', 'pool_member.expertise', 'pool_member.note', 'pool_member.active',
  'pool_member.version',
] as const;

type Row = {
  id: string; compound_id: string; scope_path: string; kind: string; name: string; title: string | null; user_id: string | null;
  org_id: string | null; phone_mask: string | null; expertise: string; note: string | null; active: number; version: number; org_name: string | null;
};

function toMember(r: Row): PoolMember {
  return {
    id: r.id, compoundId: r.compound_id, scopePath: r.scope_path, kind: r.kind as MemberKind, name: r.name, title: r.title, userId: r.user_id,
    org: r.org_id ? { id: r.org_id, name: r.org_name ?? r.org_id } : null, phoneMask: r.phone_mask, expertise: JSON.parse(r.expertise) as string[],
    note: r.note, active: Number(r.active) === 1, version: Number(r.version),
  };
}

function select(db: Db) {
  return db.selectFrom('pool_member').leftJoin('org', 'org.id', 'pool_member.org_id').select(COLS).select('org.name as org_name');
}

/** One pool member; with scopes, one outside them is not found. */
export async function findMember(db: Db, id: string, scopes: readonly string[] | null): Promise<PoolMember | null> {
  let q = select(db).where('pool_member.id', '=', id);
  if (scopes) q = q.where(scopeCondition('pool_member.scope_path', scopes));
  const r = await q.executeTakeFirst();
  return r ? toMember(r as Row) : null;
}

/** A compound's pool in kind order then name (the caller has checked the compound is in scope). */
export async function listMembers(db: Db, compoundId: string, f: { kind?: string; active?: boolean }): Promise<PoolMember[]> {
  let q = select(db).where('pool_member.compound_id', '=', compoundId);
  if (f.kind) q = q.where('pool_member.kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('pool_member.active', '=', f.active ? 1 : 0);
  const rows = await q.orderBy('pool_member.kind').orderBy('pool_member.name').orderBy('pool_member.id').execute();
  return rows.map((r) => toMember(r as Row));
}

/** Pool members by id, any compound (callers compare compoundId). */
export async function membersByIds(db: Db, ids: readonly string[]): Promise<PoolMember[]> {
  if (ids.length === 0) return [];
  return (await select(db).where('pool_member.id', 'in', [...ids]).execute()).map((r) => toMember(r as Row));
}

/** A new member's columns; the phone already sealed. */
export interface MemberInsert {
  id: string; compoundId: string; scopePath: string; kind: string; name: string; title: string | null; userId: string | null; orgId: string | null;
  phone: { enc: string; mask: string } | null; expertise: string[]; note: string | null;
}

/** Inserts a pool member. */
export async function insertMember(db: Db, m: MemberInsert, now: string, by: string | null): Promise<void> {
  await db.insertInto('pool_member').values({
    id: m.id, compound_id: m.compoundId, scope_path: m.scopePath, kind: m.kind, name: m.name, title: m.title, user_id: m.userId, org_id: m.orgId,
    phone_enc: m.phone?.enc ?? null, phone_mask: m.phone?.mask ?? null, expertise: JSON.stringify(m.expertise), note: m.note, active: 1,
    created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Column patch of a member update. */
export type MemberPatch = Partial<{
  kind: string; name: string; title: string | null; user_id: string | null; org_id: string | null; phone_enc: string | null; phone_mask: string | null;
  expertise: string; note: string | null; active: number;
}>;

/** Compare-and-set update; returns rows changed (0 when the version moved on). */
export async function updateMember(db: Db, id: string, patch: MemberPatch, now: string, expectVersion: number): Promise<number> {
  const r = await db.updateTable('pool_member').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Whether a user account exists. */
export async function userExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('app_user').select('id').where('id', '=', id).executeTakeFirst());
}

/** An organisation's name and place, for linking members and action items to it. */
export async function findOrgRef(db: Db, id: string): Promise<{ id: string; name: string; scopePath: string } | null> {
  const r = await db.selectFrom('org').select(['id', 'name', 'scope_path']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, scopePath: r.scope_path } : null;
}
