import { scopeCondition, type Db } from '../../db/database.ts';
import type { Membership, Post } from '../../../shared/org-types.ts';
import type { Position } from './position.ts';

type PositionRow = {
  id: string; org_id: string; person_id: string; scope_path: string; post: string; membership: string | null; part_time: number;
  start_on: string | null; end_on: string | null; version: number; created_at: string; updated_at: string;
};

const COLS = ['position.id', 'position.org_id', 'position.person_id', 'position.scope_path', 'position.post', 'position.membership',
  'position.part_time', 'position.start_on', 'position.end_on', 'position.version', 'position.created_at', 'position.updated_at'] as const;

function toPosition(r: PositionRow): Position {
  return {
    id: r.id, orgId: r.org_id, personId: r.person_id, scopePath: r.scope_path, post: r.post as Post, membership: r.membership as Membership | null,
    partTime: !!r.part_time, startOn: r.start_on, endOn: r.end_on, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** A position with the holder's name and party facts, as lists and rules need it. */
export interface PositionWithPerson extends Position {
  personName: string;
  politicalStatus: string | null;
  isOwner: boolean;
  residentId: string | null;
}

/** Finds a position; with scopes, one outside them is not found. */
export async function findPosition(db: Db, id: string, scopes: readonly string[] | null): Promise<Position | null> {
  let q = db.selectFrom('position').select(COLS).where('position.id', '=', id);
  if (scopes) q = q.where(scopeCondition('position.scope_path', scopes));
  const r = await q.executeTakeFirst();
  return r ? toPosition(r as PositionRow) : null;
}

/** One position with its holder (no scope check). */
export async function findPositionWithPerson(db: Db, id: string): Promise<PositionWithPerson | null> {
  const r = await db.selectFrom('position').innerJoin('person', 'person.id', 'position.person_id')
    .select(COLS).select(['person.name as person_name', 'person.political_status', 'person.is_owner', 'person.resident_id'])
    .where('position.id', '=', id).executeTakeFirst();
  return r ? { ...toPosition(r as PositionRow), personName: r.person_name, politicalStatus: r.political_status, isOwner: !!r.is_owner, residentId: r.resident_id } : null;
}

/** Positions of some organisations with their holders; with `activeOn`, only those current on that day. */
export async function positionsOfOrgs(db: Db, orgIds: readonly string[], activeOn?: string): Promise<PositionWithPerson[]> {
  if (orgIds.length === 0) return [];
  const out: PositionWithPerson[] = [];
  for (let i = 0; i < orgIds.length; i += 500) {
    let q = db.selectFrom('position').innerJoin('person', 'person.id', 'position.person_id')
      .select(COLS).select(['person.name as person_name', 'person.political_status', 'person.is_owner', 'person.resident_id'])
      .where('position.org_id', 'in', orgIds.slice(i, i + 500) as string[]);
    if (activeOn) {
      q = q.where((eb) => eb.and([
        eb.or([eb('position.start_on', 'is', null), eb('position.start_on', '<=', activeOn)]),
        eb.or([eb('position.end_on', 'is', null), eb('position.end_on', '>=', activeOn)]),
      ]));
    }
    const rows = await q.orderBy('position.org_id').orderBy('position.post').orderBy('person.name').execute();
    for (const r of rows) {
      out.push({ ...toPosition(r as PositionRow), personName: r.person_name, politicalStatus: r.political_status, isOwner: !!r.is_owner, residentId: r.resident_id });
    }
  }
  return out;
}

/** Positions a person holds (any organisation), newest first. */
export async function positionsOfPerson(db: Db, personId: string): Promise<(Position & { orgName: string; orgType: string })[]> {
  const rows = await db.selectFrom('position').innerJoin('org', 'org.id', 'position.org_id')
    .select(COLS).select(['org.name as org_name', 'org.type as org_type'])
    .where('position.person_id', '=', personId).orderBy('position.start_on', 'desc').execute();
  return rows.map((r) => ({ ...toPosition(r as PositionRow), orgName: r.org_name, orgType: r.org_type }));
}

/** Inserts a position. */
export async function insertPosition(db: Db, p: Omit<Position, 'version' | 'updatedAt'>, by: string | null): Promise<void> {
  await db.insertInto('position').values({
    id: p.id, org_id: p.orgId, person_id: p.personId, scope_path: p.scopePath, post: p.post, membership: p.membership,
    part_time: p.partTime ? 1 : 0, start_on: p.startOn, end_on: p.endOn, created_at: p.createdAt, updated_at: p.createdAt, created_by: by,
  }).execute();
}

/** Column patch for a position update. */
export type PositionPatch = Partial<{ post: string; membership: string | null; part_time: number; start_on: string | null; end_on: string | null }>;

/** Compare-and-set update; returns rows changed. */
export async function updatePosition(db: Db, id: string, patch: PositionPatch, now: string, expectVersion: number): Promise<number> {
  const r = await db.updateTable('position').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes a position. */
export async function deletePosition(db: Db, id: string): Promise<void> {
  await db.deleteFrom('position').where('id', '=', id).execute();
}
