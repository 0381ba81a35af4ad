import { sql } from 'kysely';
import { scopeCondition, insertMany, type Db } from '../../db/database.ts';
import type { Building, BuildingValue } from './building.ts';
import { idChunks } from './scope.repository.ts';

type Row = { id: string; compound_id: string; scope_path: string; name: string; floors: number | null; units: number | null; built_year: number | null; version: number; created_at: string; updated_at: string };

function toBuilding(r: Row): Building {
  return { id: r.id, compoundId: r.compound_id, scopePath: r.scope_path, name: r.name, floors: r.floors, units: r.units, builtYear: r.built_year, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at };
}

const COLS = ['building.id', 'building.compound_id', 'building.scope_path', 'building.name', 'building.floors', 'building.units', 'building.built_year', 'building.version', 'building.created_at', 'building.updated_at'] as const;

/** A building with the number of households recorded in it. */
export type BuildingRow = Building & { householdCount: number };

/** Finds a building by id within the scope prefixes. */
export async function findBuilding(db: Db, id: string, prefixes: readonly string[]): Promise<Building | null> {
  const r = await db.selectFrom('building').select(COLS).where('building.id', '=', id).where(scopeCondition('building.scope_path', prefixes)).executeTakeFirst();
  return r ? toBuilding(r) : null;
}

/** Finds buildings by id regardless of scope. */
export async function findBuildingsAnyScope(db: Db, ids: readonly string[]): Promise<Building[]> {
  const out: Building[] = [];
  for (const chunk of idChunks([...new Set(ids)])) {
    if (chunk.length) out.push(...(await db.selectFrom('building').select(COLS).where('building.id', 'in', chunk).execute()).map(toBuilding));
  }
  return out;
}

/** The buildings of some compounds (for resolving names in bulk imports). */
export async function buildingsOfCompounds(db: Db, compoundIds: readonly string[]): Promise<Building[]> {
  const out: Building[] = [];
  for (const chunk of idChunks([...new Set(compoundIds)])) {
    if (chunk.length) out.push(...(await db.selectFrom('building').select(COLS).where('building.compound_id', 'in', chunk).execute()).map(toBuilding));
  }
  return out;
}

/** All buildings of a compound in natural name order, with household counts. */
export async function listBuildings(db: Db, compoundId: string): Promise<BuildingRow[]> {
  const rows = await db.selectFrom('building').select(COLS)
    .select((eb) => eb.selectFrom('household').whereRef('household.building_id', '=', 'building.id').select((e) => e.fn.countAll<number>().as('c')).as('household_count'))
    .where('building.compound_id', '=', compoundId).execute();
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  return rows.map((r) => ({ ...toBuilding(r), householdCount: Number(r.household_count ?? 0) })).sort((a, b) => collator.compare(a.name, b.name));
}

/** A building with the same name in the compound, if any. */
export async function findBuildingByName(db: Db, compoundId: string, name: string): Promise<Building | null> {
  const r = await db.selectFrom('building').select(COLS).where('building.compound_id', '=', compoundId).where('building.name', '=', name).executeTakeFirst();
  return r ? toBuilding(r) : null;
}

/** A building ready to insert. */
export type BuildingRecord = Omit<BuildingValue, 'id'> & { id: string; compoundId: string; scopePath: string; createdAt: string; createdBy: string | null };

function toInsert(b: BuildingRecord) {
  return { id: b.id, compound_id: b.compoundId, scope_path: b.scopePath, name: b.name, floors: b.floors, units: b.units, built_year: b.builtYear, created_at: b.createdAt, updated_at: b.createdAt, created_by: b.createdBy };
}

/** Inserts buildings with multi-row INSERTs (one row is fine too). */
export async function insertBuildingsBatch(db: Db, rows: readonly BuildingRecord[]): Promise<void> {
  await insertMany(db, 'building', rows.map(toInsert));
}

/** Compare-and-set update of a building. */
export async function updateBuilding(db: Db, id: string, version: number, p: Partial<BuildingValue>, now: string): Promise<number> {
  const r = await db.updateTable('building').set({
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.floors !== undefined ? { floors: p.floors } : {}),
    ...(p.units !== undefined ? { units: p.units } : {}),
    ...(p.builtYear !== undefined ? { built_year: p.builtYear } : {}),
    updated_at: now,
    version: sql`version + 1`,
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Households recorded in a building. */
export async function buildingHouseholdCount(db: Db, id: string): Promise<number> {
  const r = await db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).where('building_id', '=', id).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Deletes a building. */
export async function deleteBuilding(db: Db, id: string): Promise<void> {
  await db.deleteFrom('building').where('id', '=', id).execute();
}
