import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type Selectable, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { containsText, scopeCondition, insertMany, type Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { HousingType, PropertyMode } from '../../../shared/registry-codes.ts';
import type { Compound, CompoundSort, CompoundValue } from './compound.ts';
import { idChunks } from './scope.repository.ts';

type Row = Selectable<Database['compound']>;

const COLS = [
  'compound.id', 'compound.community_id', 'compound.scope_path', 'compound.name', 'compound.address', 'compound.housing_type', 'compound.build_year',
  'compound.building_count', 'compound.household_count', 'compound.floor_area', 'compound.enclosed', 'compound.fee_collection_rate',
  'compound.renovation_year', 'compound.property_mode', 'compound.lat', 'compound.lng', 'compound.grid_id', 'compound.note', 'compound.version',
  'compound.created_at', 'compound.updated_at',
] as const;

function toCompound(r: Omit<Row, 'created_by'>): Compound {
  return {
    id: r.id, communityId: r.community_id, scopePath: r.scope_path, name: r.name, address: r.address, housingType: r.housing_type as HousingType,
    buildYear: r.build_year, buildingCount: r.building_count, householdCount: r.household_count, floorArea: r.floor_area, enclosed: !!r.enclosed,
    feeCollectionRate: r.fee_collection_rate, renovationYear: r.renovation_year, propertyMode: r.property_mode as PropertyMode,
    lat: r.lat, lng: r.lng, gridId: r.grid_id, note: r.note, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** A compound with the names of its community and grid. */
export type CompoundRow = Compound & { communityName: string; gridName: string | null };

function withNames(db: Db) {
  return db.selectFrom('compound')
    .innerJoin('region', 'region.id', 'compound.community_id')
    .leftJoin('grid', 'grid.id', 'compound.grid_id')
    .select([...COLS, 'region.name as community_name', 'grid.name as grid_name']);
}

/** Finds a compound by id within the scope prefixes (null when absent or out of scope). */
export async function findCompound(db: Db, id: string, prefixes: readonly string[]): Promise<CompoundRow | null> {
  const r = await withNames(db).where('compound.id', '=', id).where(scopeCondition('compound.scope_path', prefixes)).executeTakeFirst();
  return r ? { ...toCompound(r), communityName: r.community_name, gridName: r.grid_name } : null;
}

/** Finds compounds by id regardless of scope (callers check each path). */
export async function findCompoundsAnyScope(db: Db, ids: readonly string[]): Promise<Compound[]> {
  const out: Compound[] = [];
  for (const chunk of idChunks([...new Set(ids)])) {
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('compound').select(COLS).where('compound.id', 'in', chunk).execute();
    out.push(...rows.map(toCompound));
  }
  return out;
}

/** Filters of the compound list; `prefixes` is the caller's scope already narrowed to any region filter. */
export interface CompoundQuery {
  prefixes: readonly string[];
  communityId?: string;
  gridId?: string;
  housingType?: string;
  propertyMode?: string;
  q?: string;
  /** Conditions other modules contribute through the service (e.g. the five-ones checklist of the orgs module). */
  extra?: ((eb: ExpressionBuilder<Database, 'compound'>) => Expression<SqlBool>)[];
}

function filtered<O>(q: SelectQueryBuilder<Database, 'compound', O>, f: CompoundQuery, scope: RawBuilder<boolean>): SelectQueryBuilder<Database, 'compound', O> {
  q = q.where(scope);
  if (f.communityId) q = q.where('compound.community_id', '=', f.communityId);
  if (f.gridId) q = q.where('compound.grid_id', '=', f.gridId);
  if (f.housingType) q = q.where('compound.housing_type', '=', f.housingType);
  if (f.propertyMode) q = q.where('compound.property_mode', '=', f.propertyMode);
  if (f.q) q = q.where(containsText('compound.name', f.q));
  for (const cond of f.extra ?? []) q = q.where((eb) => cond(eb as unknown as ExpressionBuilder<Database, 'compound'>));
  return q;
}

/** One page of compounds (two queries: a count over the scoped index range and the page with names joined). */
export async function listCompounds(db: Db, f: CompoundQuery, sort: CompoundSort, dir: 'asc' | 'desc', limit: number, offset: number): Promise<{ rows: CompoundRow[]; total: number }> {
  const base = filtered(db.selectFrom('compound'), f, scopeCondition('compound.scope_path', f.prefixes));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(total.n) === 0) return { rows: [], total: 0 };
  const rows = await base
    .innerJoin('region', 'region.id', 'compound.community_id')
    .leftJoin('grid', 'grid.id', 'compound.grid_id')
    .select([...COLS, 'region.name as community_name', 'grid.name as grid_name'])
    .orderBy(`compound.${sort}`, dir)
    .orderBy('compound.id')
    .limit(limit).offset(offset)
    .execute();
  return { total: Number(total.n), rows: rows.map((r) => ({ ...toCompound(r), communityName: r.community_name, gridName: r.grid_name })) };
}

/** Numbers of buildings, households and current residents recorded under a compound. */
export async function compoundCounts(db: Db, id: string): Promise<{ buildings: number; households: number; residents: number }> {
  const [b, h, r] = await Promise.all([
    db.selectFrom('building').select((eb) => eb.fn.countAll<number>().as('n')).where('compound_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).where('compound_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).where('compound_id', '=', id).where('moved_out_on', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return { buildings: Number(b.n), households: Number(h.n), residents: Number(r.n) };
}

/** Numbers of every row still tied to a compound (moved-out residents and documents included). */
export async function compoundDependants(db: Db, id: string): Promise<{ buildings: number; households: number; residents: number; documents: number }> {
  const count = async (t: 'building' | 'household' | 'resident' | 'compound_document') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).where('compound_id', '=', id).executeTakeFirstOrThrow()).n);
  return { buildings: await count('building'), households: await count('household'), residents: await count('resident'), documents: await count('compound_document') };
}

/** A compound ready to insert: checked values plus id, path and stamps. */
export type CompoundRecord = Omit<CompoundValue, 'id'> & { id: string; scopePath: string; createdAt: string; createdBy: string | null };

function toInsert(c: CompoundRecord) {
  return {
    id: c.id, community_id: c.communityId, scope_path: c.scopePath, name: c.name, address: c.address, housing_type: c.housingType,
    build_year: c.buildYear, building_count: c.buildingCount, household_count: c.householdCount, floor_area: c.floorArea,
    enclosed: c.enclosed ? 1 : 0, fee_collection_rate: c.feeCollectionRate, renovation_year: c.renovationYear, property_mode: c.propertyMode,
    lat: c.lat, lng: c.lng, grid_id: c.gridId, note: c.note, created_at: c.createdAt, updated_at: c.createdAt, created_by: c.createdBy,
  };
}

/** Inserts one compound. */
export async function insertCompound(db: Db, c: CompoundRecord): Promise<void> {
  await db.insertInto('compound').values(toInsert(c)).execute();
}

/** Inserts many compounds with multi-row INSERTs sized under SQLite's parameter limit; no checks, no audit. */
export async function insertCompoundsBatch(db: Db, rows: readonly CompoundRecord[]): Promise<void> {
  await insertMany(db, 'compound', rows.map(toInsert));
}

const PATCH_COLUMNS: Partial<Record<keyof CompoundValue, string>> = {
  name: 'name', address: 'address', housingType: 'housing_type', buildYear: 'build_year', buildingCount: 'building_count',
  householdCount: 'household_count', floorArea: 'floor_area', enclosed: 'enclosed', feeCollectionRate: 'fee_collection_rate',
  renovationYear: 'renovation_year', propertyMode: 'property_mode', lat: 'lat', lng: 'lng', gridId: 'grid_id', note: 'note',
};

/** Compare-and-set update of the given fields; returns rows changed. */
export async function updateCompound(db: Db, id: string, version: number, patch: Partial<CompoundValue>, now: string): Promise<number> {
  const set: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(PATCH_COLUMNS)) {
    const v = patch[k as keyof CompoundValue];
    if (v !== undefined) set[col!] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  const r = await db.updateTable('compound')
    .set({ ...set, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id).where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes a compound row. */
export async function deleteCompound(db: Db, id: string): Promise<void> {
  await db.deleteFrom('compound').where('id', '=', id).execute();
}
