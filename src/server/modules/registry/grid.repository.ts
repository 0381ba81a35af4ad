import { sql } from 'kysely';
import { containsText, scopeCondition, type Db } from '../../db/database.ts';
import type { SealedField } from '../../lib/pii.ts';
import type { GridBusinessLine, GridWorkerDuty } from '../../../shared/registry-codes.ts';
import type { Grid, GridValue, GridWorker } from './grid.ts';

type GridRow = {
  id: string; community_id: string; scope_path: string; code: string; name: string; business_lines: string; note: string | null;
  version: number; created_at: string; updated_at: string;
};

function toGrid(r: GridRow): Grid {
  return {
    id: r.id, communityId: r.community_id, scopePath: r.scope_path, code: r.code, name: r.name,
    businessLines: JSON.parse(r.business_lines) as GridBusinessLine[], note: r.note, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const GRID_COLS = ['grid.id', 'grid.community_id', 'grid.scope_path', 'grid.code', 'grid.name', 'grid.business_lines', 'grid.note', 'grid.version', 'grid.created_at', 'grid.updated_at'] as const;

/** Finds a grid by id (no scope: callers check its path). */
export async function findGrid(db: Db, id: string): Promise<Grid | null> {
  const r = await db.selectFrom('grid').select(GRID_COLS).where('grid.id', '=', id).executeTakeFirst();
  return r ? toGrid(r) : null;
}

/** Finds several grids by id. */
export async function findGrids(db: Db, ids: readonly string[]): Promise<Grid[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('grid').select(GRID_COLS).where('grid.id', 'in', [...ids]).execute();
  return rows.map(toGrid);
}

/** Finds a grid by its code. */
export async function findGridByCode(db: Db, code: string): Promise<Grid | null> {
  const r = await db.selectFrom('grid').select(GRID_COLS).where('grid.code', '=', code).executeTakeFirst();
  return r ? toGrid(r) : null;
}

/** A grid in a list, with its community's name and worker count. */
export type GridListRow = Grid & { communityName: string; workerCount: number };

/** Grids under the prefixes, optionally of one community or matching a name/code fragment, ordered by code. */
export async function listGrids(db: Db, f: { prefixes: readonly string[]; communityId?: string; q?: string }, limit: number, offset: number): Promise<{ rows: GridListRow[]; total: number }> {
  let q = db.selectFrom('grid').where(scopeCondition('grid.scope_path', f.prefixes));
  if (f.communityId) q = q.where('grid.community_id', '=', f.communityId);
  if (f.q) q = q.where((eb) => eb.or([containsText('grid.name', f.q!), containsText('grid.code', f.q!)]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin('region', 'region.id', 'grid.community_id')
    .select([...GRID_COLS, 'region.name as community_name'])
    .select((eb) => eb.selectFrom('grid_worker').whereRef('grid_worker.grid_id', '=', 'grid.id').select((e) => e.fn.countAll<number>().as('c')).as('worker_count'))
    .orderBy('grid.code').limit(limit).offset(offset).execute();
  return { total: Number(total.n), rows: rows.map((r) => ({ ...toGrid(r), communityName: r.community_name, workerCount: Number(r.worker_count ?? 0) })) };
}

/** Inserts a grid. */
export async function insertGrid(db: Db, g: GridValue & { id: string; communityId: string; scopePath: string }, now: string, by: string | null): Promise<void> {
  await db.insertInto('grid').values({
    id: g.id, community_id: g.communityId, scope_path: g.scopePath, code: g.code, name: g.name, business_lines: JSON.stringify(g.businessLines),
    note: g.note, created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Compare-and-set update of a grid; returns rows changed. */
export async function updateGrid(db: Db, id: string, version: number, p: Partial<GridValue>, now: string): Promise<number> {
  const r = await db.updateTable('grid').set({
    ...(p.code !== undefined ? { code: p.code } : {}),
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.businessLines !== undefined ? { business_lines: JSON.stringify(p.businessLines) } : {}),
    ...(p.note !== undefined ? { note: p.note } : {}),
    updated_at: now,
    version: sql`version + 1`,
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** How many compounds and households still point at a grid. */
export async function gridUsage(db: Db, id: string): Promise<{ compounds: number; households: number }> {
  const c = await db.selectFrom('compound').select((eb) => eb.fn.countAll<number>().as('n')).where('grid_id', '=', id).executeTakeFirstOrThrow();
  const h = await db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).where('grid_id', '=', id).executeTakeFirstOrThrow();
  return { compounds: Number(c.n), households: Number(h.n) };
}

/** Deletes a grid (its workers go with it). */
export async function deleteGrid(db: Db, id: string): Promise<void> {
  await db.deleteFrom('grid_worker').where('grid_id', '=', id).execute();
  await db.deleteFrom('grid').where('id', '=', id).execute();
}

type WorkerRow = {
  id: string; grid_id: string; scope_path: string; user_id: string | null; name: string; phone_mask: string | null; duty: string;
  start_on: string | null; end_on: string | null; version: number; created_at: string; updated_at: string;
};

function toWorker(r: WorkerRow): GridWorker {
  return {
    id: r.id, gridId: r.grid_id, scopePath: r.scope_path, userId: r.user_id, name: r.name, phoneMask: r.phone_mask, duty: r.duty as GridWorkerDuty,
    startOn: r.start_on, endOn: r.end_on, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const WORKER_COLS = ['id', 'grid_id', 'scope_path', 'user_id', 'name', 'phone_mask', 'duty', 'start_on', 'end_on', 'version', 'created_at', 'updated_at'] as const;

/** The workers of a grid, leaders first. */
export async function listWorkers(db: Db, gridId: string): Promise<GridWorker[]> {
  const rows = await db.selectFrom('grid_worker').select(WORKER_COLS).where('grid_id', '=', gridId).orderBy('duty').orderBy('name').execute();
  return rows.map(toWorker);
}

/** Finds a worker by id. */
export async function findWorker(db: Db, id: string): Promise<GridWorker | null> {
  const r = await db.selectFrom('grid_worker').select(WORKER_COLS).where('id', '=', id).executeTakeFirst();
  return r ? toWorker(r) : null;
}

/** A worker to insert, phone already sealed. */
export interface WorkerRecord {
  id: string;
  gridId: string;
  scopePath: string;
  userId: string | null;
  name: string;
  phone: SealedField | null;
  duty: GridWorkerDuty;
  startOn: string | null;
  endOn: string | null;
}

/** Inserts a worker. */
export async function insertWorker(db: Db, w: WorkerRecord, now: string, by: string | null): Promise<void> {
  await db.insertInto('grid_worker').values({
    id: w.id, grid_id: w.gridId, scope_path: w.scopePath, user_id: w.userId, name: w.name, phone_enc: w.phone?.enc ?? null, phone_mask: w.phone?.mask ?? null,
    duty: w.duty, start_on: w.startOn, end_on: w.endOn, created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Compare-and-set update of a worker; `phone` null clears it. */
export async function updateWorker(db: Db, id: string, version: number, p: Partial<Omit<WorkerRecord, 'id' | 'gridId' | 'scopePath'>>, now: string): Promise<number> {
  const r = await db.updateTable('grid_worker').set({
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.phone !== undefined ? { phone_enc: p.phone?.enc ?? null, phone_mask: p.phone?.mask ?? null } : {}),
    ...(p.userId !== undefined ? { user_id: p.userId } : {}),
    ...(p.duty !== undefined ? { duty: p.duty } : {}),
    ...(p.startOn !== undefined ? { start_on: p.startOn } : {}),
    ...(p.endOn !== undefined ? { end_on: p.endOn } : {}),
    updated_at: now,
    version: sql`version + 1`,
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes a worker. */
export async function deleteWorker(db: Db, id: string): Promise<void> {
  await db.deleteFrom('grid_worker').where('id', '=', id).execute();
}
