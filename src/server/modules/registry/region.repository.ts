import { sql } from 'kysely';
import { scopeCondition, type Db } from '../../db/database.ts';
import type { RegionLevel } from '../../../shared/validators/division.ts';
import type { Region } from './region.ts';

type Row = {
  id: string; code: string; name: string; level: string; parent_id: string | null; scope_path: string;
  valid_from: string | null; valid_to: string | null; version: number; created_at: string; updated_at: string;
};

function toRegion(r: Row): Region {
  return {
    id: r.id, code: r.code, name: r.name, level: r.level as RegionLevel, parentId: r.parent_id, scopePath: r.scope_path,
    validFrom: r.valid_from, validTo: r.valid_to, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const COLS = ['id', 'code', 'name', 'level', 'parent_id', 'scope_path', 'valid_from', 'valid_to', 'version', 'created_at', 'updated_at'] as const;

/** Finds a region by id (no scope: callers decide visibility from its path). */
export async function findRegion(db: Db, id: string): Promise<Region | null> {
  const r = await db.selectFrom('region').select(COLS).where('id', '=', id).executeTakeFirst();
  return r ? toRegion(r) : null;
}

/** Finds several regions by id. */
export async function findRegions(db: Db, ids: readonly string[]): Promise<Region[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('region').select(COLS).where('id', 'in', [...ids]).execute();
  return rows.map(toRegion);
}

/** Finds a region by its scope path. */
export async function findRegionByPath(db: Db, scopePath: string): Promise<Region | null> {
  const r = await db.selectFrom('region').select(COLS).where('scope_path', '=', scopePath).executeTakeFirst();
  return r ? toRegion(r) : null;
}

/** Regions under any of `prefixes` plus those whose path is one of `ancestors`, optionally only children of one parent. */
export async function listRegions(db: Db, f: { prefixes: readonly string[]; ancestors: readonly string[]; parentId?: string | null; level?: string }): Promise<Region[]> {
  let q = db.selectFrom('region').select(COLS);
  const inScope = scopeCondition('scope_path', f.prefixes);
  q = f.ancestors.length
    ? q.where((eb) => eb.or([inScope, eb('scope_path', 'in', [...f.ancestors])]))
    : q.where(inScope);
  if (f.parentId !== undefined) q = f.parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', f.parentId);
  if (f.level) q = q.where('level', '=', f.level);
  const rows = await q.orderBy('code').execute();
  return rows.map(toRegion);
}

/** Inserts a region. */
export async function insertRegion(db: Db, r: Omit<Region, 'version' | 'updatedAt'>, by: string | null): Promise<void> {
  await db.insertInto('region').values({
    id: r.id, code: r.code, name: r.name, level: r.level, parent_id: r.parentId, scope_path: r.scopePath,
    valid_from: r.validFrom, valid_to: r.validTo, created_at: r.createdAt, updated_at: r.createdAt, created_by: by,
  }).execute();
}

/** Compare-and-set update of a region's name and end date; returns rows changed. */
export async function updateRegion(db: Db, id: string, version: number, patch: { name?: string; validTo?: string | null }, now: string): Promise<number> {
  const r = await db.updateTable('region')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.validTo !== undefined ? { valid_to: patch.validTo } : {}),
      updated_at: now,
      version: sql`version + 1`,
    })
    .where('id', '=', id).where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
