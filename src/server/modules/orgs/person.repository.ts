import { containsText, scopeCondition, type Db } from '../../db/database.ts';
import type { SealedField } from '../../lib/pii.ts';
import type { Person } from './person.ts';

type PersonRow = {
  id: string; scope_path: string; name: string; gender: string | null; political_status: string | null; resident_id: string | null;
  is_owner: number; id_number_mask: string | null; phone_mask: string | null; version: number; created_at: string; updated_at: string;
};

const COLS = ['person.id', 'person.scope_path', 'person.name', 'person.gender', 'person.political_status', 'person.resident_id', 'person.is_owner',
  'person.id_number_mask', 'person.phone_mask', 'person.version', 'person.created_at', 'person.updated_at'] as const;

function toPerson(r: PersonRow): Person {
  return {
    id: r.id, scopePath: r.scope_path, name: r.name, gender: r.gender, politicalStatus: r.political_status, residentId: r.resident_id,
    isOwner: !!r.is_owner, idNumberMask: r.id_number_mask, phoneMask: r.phone_mask, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** Finds a person; with scopes, one outside them is not found. */
export async function findPerson(db: Db, id: string, scopes: readonly string[] | null): Promise<Person | null> {
  let q = db.selectFrom('person').select(COLS).where('person.id', '=', id);
  if (scopes) q = q.where(scopeCondition('person.scope_path', scopes));
  const r = await q.executeTakeFirst();
  return r ? toPerson(r as PersonRow) : null;
}

/** Filters for the people list. */
export interface PersonFilter {
  q?: string;
  underPath?: string;
  politicalStatus?: string;
  isOwner?: boolean;
}

/** Lists people in scope by name. */
export async function listPeople(db: Db, scopes: readonly string[], f: PersonFilter, limit: number, offset: number): Promise<{ rows: Person[]; total: number }> {
  let q = db.selectFrom('person').where(scopeCondition('person.scope_path', scopes));
  if (f.q) q = q.where(containsText('person.name', f.q));
  if (f.underPath) q = q.where(scopeCondition('person.scope_path', [f.underPath]));
  if (f.politicalStatus) q = q.where('person.political_status', '=', f.politicalStatus);
  if (f.isOwner !== undefined) q = q.where('person.is_owner', '=', f.isOwner ? 1 : 0);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select(COLS).orderBy('person.name').orderBy('person.id').limit(limit).offset(offset).execute();
  return { total: Number(total.n), rows: rows.map((r) => toPerson(r as PersonRow)) };
}

/** A person already registered with this ID-number blind index, if any. */
export async function findPersonByIdIndex(db: Db, bidx: string): Promise<{ id: string; name: string } | null> {
  return (await db.selectFrom('person').select(['id', 'name']).where('id_number_bidx', '=', bidx).executeTakeFirst()) ?? null;
}

/** Inserts a person. */
export async function insertPerson(db: Db, p: { id: string; scopePath: string; name: string; gender: string | null; politicalStatus: string | null; residentId: string | null; isOwner: boolean; idNumber: SealedField | null; phone: SealedField | null; now: string; by: string | null }): Promise<void> {
  await db.insertInto('person').values({
    id: p.id, scope_path: p.scopePath, name: p.name, gender: p.gender, political_status: p.politicalStatus, resident_id: p.residentId,
    is_owner: p.isOwner ? 1 : 0,
    id_number_enc: p.idNumber?.enc ?? null, id_number_bidx: p.idNumber?.bidx ?? null, id_number_mask: p.idNumber?.mask ?? null,
    phone_enc: p.phone?.enc ?? null, phone_bidx: p.phone?.bidx ?? null, phone_mask: p.phone?.mask ?? null,
    created_at: p.now, updated_at: p.now, created_by: p.by,
  }).execute();
}

/** Column patch for a person update. */
export type PersonPatch = Partial<{
  name: string; gender: string | null; political_status: string | null; resident_id: string | null; is_owner: number;
  id_number_enc: string | null; id_number_bidx: string | null; id_number_mask: string | null;
  phone_enc: string | null; phone_bidx: string | null; phone_mask: string | null;
}>;

/** Compare-and-set update of a person; returns rows changed. */
export async function updatePerson(db: Db, id: string, patch: PersonPatch, now: string, expectVersion: number): Promise<number> {
  const r = await db.updateTable('person').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** People with the given ids (no scope check). */
export async function peopleByIds(db: Db, ids: readonly string[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('person').select(COLS).where('person.id', 'in', ids as string[]).execute();
  return rows.map((r) => toPerson(r as PersonRow));
}
