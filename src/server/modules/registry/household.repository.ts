import { sql } from 'kysely';
import { containsText, scopeCondition, insertMany, type Db } from '../../db/database.ts';
import type { HouseholdStatus } from '../../../shared/registry-codes.ts';
import { householdLabel, type Household, type HouseholdValue } from './household.ts';
import { idChunks } from './scope.repository.ts';

type Row = {
  id: string; compound_id: string; building_id: string | null; scope_path: string; unit: string | null; room: string; status: string;
  head_resident_id: string | null; grid_id: string | null; area: number | null; version: number; created_at: string; updated_at: string;
};

function toHousehold(r: Row): Household {
  return {
    id: r.id, compoundId: r.compound_id, buildingId: r.building_id, scopePath: r.scope_path, unit: r.unit, room: r.room, status: r.status as HouseholdStatus,
    headResidentId: r.head_resident_id, gridId: r.grid_id, area: r.area, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const COLS = [
  'household.id', 'household.compound_id', 'household.building_id', 'household.scope_path', 'household.unit', 'household.room', 'household.status',
  'household.head_resident_id', 'household.grid_id', 'household.area', 'household.version', 'household.created_at', 'household.updated_at',
] as const;

/** A household with its label, building name, head's name and birth date (for masking), and resident count. */
export type HouseholdRow = Household & { buildingName: string | null; label: string; headName: string | null; headBirthDate: string | null; residentCount: number };

function joined(db: Db) {
  return db.selectFrom('household')
    .leftJoin('building', 'building.id', 'household.building_id')
    .leftJoin('resident as head', 'head.id', 'household.head_resident_id')
    .select([...COLS, 'building.name as building_name', 'head.name as head_name', 'head.birth_date as head_birth_date'])
    .select((eb) => eb.selectFrom('resident').whereRef('resident.household_id', '=', 'household.id').where('resident.moved_out_on', 'is', null)
      .select((e) => e.fn.countAll<number>().as('c')).as('resident_count'));
}

type JoinedRow = Row & { building_name: string | null; head_name: string | null; head_birth_date: string | null; resident_count: number | null };

function toRow(r: JoinedRow): HouseholdRow {
  return {
    ...toHousehold(r), buildingName: r.building_name, label: householdLabel(r.building_name, r.unit, r.room),
    headName: r.head_name, headBirthDate: r.head_birth_date, residentCount: Number(r.resident_count ?? 0),
  };
}

/** Finds a household by id within the scope prefixes. */
export async function findHousehold(db: Db, id: string, prefixes: readonly string[]): Promise<HouseholdRow | null> {
  const r = await joined(db).where('household.id', '=', id).where(scopeCondition('household.scope_path', prefixes)).executeTakeFirst();
  return r ? toRow(r as JoinedRow) : null;
}

/** Finds households by id regardless of scope. */
export async function findHouseholdsAnyScope(db: Db, ids: readonly string[]): Promise<Household[]> {
  const out: Household[] = [];
  for (const chunk of idChunks([...new Set(ids)])) {
    if (chunk.length) out.push(...(await db.selectFrom('household').select(COLS).where('household.id', 'in', chunk).execute()).map((r) => toHousehold(r as Row)));
  }
  return out;
}

/** One page of a compound's households, by building, unit and room. */
export async function listHouseholds(db: Db, f: { compoundId: string; buildingId?: string; status?: string; q?: string }, limit: number, offset: number): Promise<{ rows: HouseholdRow[]; total: number }> {
  // One condition for both the count and the page, so the two never disagree.
  const conds = [sql<boolean>`household.compound_id = ${f.compoundId}`];
  if (f.buildingId) conds.push(sql<boolean>`household.building_id = ${f.buildingId}`);
  if (f.status) conds.push(sql<boolean>`household.status = ${f.status}`);
  if (f.q) conds.push(containsText('household.room', f.q));
  const where = sql<boolean>`${sql.join(conds, sql` AND `)}`;
  const total = await db.selectFrom('household').where(where).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const q = joined(db).where(where);
  const rows = await q.orderBy('building.name').orderBy('household.unit').orderBy(sql`length(household.room)`).orderBy('household.room').orderBy('household.id')
    .limit(limit).offset(offset).execute();
  return { total: Number(total.n), rows: rows.map((r) => toRow(r as JoinedRow)) };
}

/** Another household at the same building, unit and room of the compound, if any. */
export async function findSameAddress(db: Db, compoundId: string, buildingId: string | null, unit: string | null, room: string, exceptId?: string): Promise<Household | null> {
  let q = db.selectFrom('household').select(COLS).where('household.compound_id', '=', compoundId).where('household.room', '=', room);
  q = buildingId ? q.where('household.building_id', '=', buildingId) : q.where('household.building_id', 'is', null);
  q = unit ? q.where('household.unit', '=', unit) : q.where('household.unit', 'is', null);
  if (exceptId) q = q.where('household.id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return r ? toHousehold(r as Row) : null;
}

/** The address keys of all households of some compounds (for duplicate checks in bulk). */
export async function addressKeysOf(db: Db, compoundIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const chunk of idChunks([...new Set(compoundIds)])) {
    if (!chunk.length) continue;
    const rows = await db.selectFrom('household').select(['compound_id', 'building_id', 'unit', 'room']).where('compound_id', 'in', chunk).execute();
    for (const r of rows) out.add(addressKey(r.compound_id, r.building_id, r.unit, r.room));
  }
  return out;
}

/** The identity of a dwelling inside a compound. */
export function addressKey(compoundId: string, buildingId: string | null, unit: string | null, room: string): string {
  return [compoundId, buildingId ?? '', unit ?? '', room].join('|');
}

/** A household ready to insert. */
export type HouseholdRecord = Omit<HouseholdValue, 'id' | 'buildingName'> & { id: string; scopePath: string; createdAt: string; createdBy: string | null };

function toInsert(h: HouseholdRecord) {
  return {
    id: h.id, compound_id: h.compoundId, building_id: h.buildingId, scope_path: h.scopePath, unit: h.unit, room: h.room, status: h.status,
    head_resident_id: h.headResidentId, grid_id: h.gridId, area: h.area, created_at: h.createdAt, updated_at: h.createdAt, created_by: h.createdBy,
  };
}

/** Inserts households with multi-row INSERTs sized under SQLite's parameter limit; no checks, no audit. */
export async function insertHouseholdsBatch(db: Db, rows: readonly HouseholdRecord[]): Promise<void> {
  await insertMany(db, 'household', rows.map(toInsert));
}

/** Compare-and-set update of a household. */
export async function updateHousehold(db: Db, id: string, version: number, p: Partial<HouseholdValue>, now: string): Promise<number> {
  const r = await db.updateTable('household').set({
    ...(p.buildingId !== undefined ? { building_id: p.buildingId } : {}),
    ...(p.unit !== undefined ? { unit: p.unit } : {}),
    ...(p.room !== undefined ? { room: p.room } : {}),
    ...(p.status !== undefined ? { status: p.status } : {}),
    ...(p.headResidentId !== undefined ? { head_resident_id: p.headResidentId } : {}),
    ...(p.gridId !== undefined ? { grid_id: p.gridId } : {}),
    ...(p.area !== undefined ? { area: p.area } : {}),
    updated_at: now,
    version: sql`version + 1`,
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Residents (current or moved out) still linked to a household. */
export async function householdResidentCount(db: Db, id: string): Promise<number> {
  const r = await db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).where('household_id', '=', id).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Clears a household's head when that resident leaves it. */
export async function clearHead(db: Db, residentId: string, now: string): Promise<void> {
  await db.updateTable('household').set({ head_resident_id: null, updated_at: now, version: sql`version + 1` }).where('head_resident_id', '=', residentId).execute();
}

/** Deletes a household. */
export async function deleteHousehold(db: Db, id: string): Promise<void> {
  await db.deleteFrom('household').where('id', '=', id).execute();
}

/** Sets the heads of many households with CASE updates (300 per statement); no checks. */
export async function setHeadsBatch(db: Db, pairs: readonly { householdId: string; residentId: string }[], now: string): Promise<void> {
  for (let i = 0; i < pairs.length; i += 300) {
    const part = pairs.slice(i, i + 300);
    const cases = sql.join(part.map((p) => sql`WHEN ${p.householdId} THEN ${p.residentId}`), sql` `);
    await db.updateTable('household')
      .set({ head_resident_id: sql<string>`CASE id ${cases} END`, updated_at: now, version: sql<number>`version + 1` })
      .where('id', 'in', part.map((p) => p.householdId))
      .execute();
  }
}
