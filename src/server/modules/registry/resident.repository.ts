import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { containsText, scopeCondition, insertMany, type Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { SealedField } from '../../lib/pii.ts';
import type { FamilyRelation, Gender, PoliticalStatus } from '../../../shared/registry-codes.ts';
import { householdLabel } from './household.ts';
import type { Resident } from './resident.ts';
import { idChunks } from './scope.repository.ts';

const COLS = [
  'resident.id', 'resident.household_id', 'resident.compound_id', 'resident.scope_path', 'resident.name', 'resident.gender', 'resident.birth_date',
  'resident.id_number_mask', 'resident.phone_mask', 'resident.political_status', 'resident.relation', 'resident.has_protected_tags',
  'resident.moved_out_on', 'resident.version', 'resident.created_at', 'resident.updated_at',
] as const;

type Row = {
  id: string; household_id: string | null; compound_id: string; scope_path: string; name: string; gender: string; birth_date: string | null;
  id_number_mask: string | null; phone_mask: string | null; political_status: string | null; relation: string | null; has_protected_tags: number;
  moved_out_on: string | null; version: number; created_at: string; updated_at: string;
};

function toResident(r: Row): Resident {
  return {
    id: r.id, householdId: r.household_id, compoundId: r.compound_id, scopePath: r.scope_path, name: r.name, gender: r.gender as Gender,
    birthDate: r.birth_date, idNumberMask: r.id_number_mask, phoneMask: r.phone_mask, politicalStatus: r.political_status as PoliticalStatus | null,
    relation: r.relation as FamilyRelation | null, hasProtectedTags: !!r.has_protected_tags, movedOutOn: r.moved_out_on,
    version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** A resident with the names of the places they live in. */
export type ResidentRow = Resident & { compoundName: string; buildingName: string | null; unit: string | null; room: string | null; householdLabel: string | null };

type JoinedRow = Row & { compound_name: string; building_name: string | null; unit: string | null; room: string | null };

function toRow(r: JoinedRow): ResidentRow {
  return {
    ...toResident(r), compoundName: r.compound_name, buildingName: r.building_name, unit: r.unit, room: r.room,
    householdLabel: r.room ? householdLabel(r.building_name, r.unit, r.room) : null,
  };
}

function joined<O>(q: SelectQueryBuilder<Database, 'resident', O>) {
  return q
    .innerJoin('compound', 'compound.id', 'resident.compound_id')
    .leftJoin('household', 'household.id', 'resident.household_id')
    .leftJoin('building', 'building.id', 'household.building_id')
    .select([...COLS, 'compound.name as compound_name', 'building.name as building_name', 'household.unit', 'household.room']);
}

/** Finds a resident by id within the scope prefixes. */
export async function findResident(db: Db, id: string, prefixes: readonly string[]): Promise<ResidentRow | null> {
  const r = await joined(db.selectFrom('resident')).where('resident.id', '=', id).where(scopeCondition('resident.scope_path', prefixes)).executeTakeFirst();
  return r ? toRow(r as JoinedRow) : null;
}

/** The sealed values of a resident, for reveal and internal checks only. */
export async function findSealed(db: Db, id: string): Promise<{ idNumberEnc: string | null; idNumberBidx: string | null; phoneEnc: string | null; tagsEnc: string | null } | null> {
  const r = await db.selectFrom('resident').select(['id_number_enc', 'id_number_bidx', 'phone_enc', 'tags_enc']).where('id', '=', id).executeTakeFirst();
  return r ? { idNumberEnc: r.id_number_enc, idNumberBidx: r.id_number_bidx, phoneEnc: r.phone_enc, tagsEnc: r.tags_enc } : null;
}

/** Filters of the resident list; `prefixes` is the caller's resident.read scope, narrowed when possible. */
export interface ResidentQuery {
  prefixes: readonly string[];
  compoundId?: string;
  householdId?: string;
  q?: string;
  politicalStatus?: string;
  hasProtectedTags?: boolean;
  /** With minorCutoff: true keeps those born after it, false the others. */
  minor?: boolean;
  minorCutoff?: string;
  idNumberBidx?: string;
  phoneBidx?: string;
  includeMovedOut?: boolean;
}

function filtered<O>(q: SelectQueryBuilder<Database, 'resident', O>, f: ResidentQuery, scope: RawBuilder<boolean>): SelectQueryBuilder<Database, 'resident', O> {
  if (f.idNumberBidx) q = q.where('resident.id_number_bidx', '=', f.idNumberBidx);
  if (f.phoneBidx) q = q.where('resident.phone_bidx', '=', f.phoneBidx);
  if (f.householdId) q = q.where('resident.household_id', '=', f.householdId);
  if (f.compoundId) q = q.where('resident.compound_id', '=', f.compoundId);
  q = q.where(scope);
  if (!f.includeMovedOut) q = q.where('resident.moved_out_on', 'is', null);
  if (f.politicalStatus) q = q.where('resident.political_status', '=', f.politicalStatus);
  if (f.hasProtectedTags !== undefined) q = q.where('resident.has_protected_tags', '=', f.hasProtectedTags ? 1 : 0);
  if (f.minor !== undefined && f.minorCutoff) {
    const cut = f.minorCutoff;
    q = f.minor
      ? q.where('resident.birth_date', '>', cut)
      : q.where((eb) => eb.or([eb('resident.birth_date', 'is', null), eb('resident.birth_date', '<=', cut)]));
  }
  if (f.q) q = q.where(containsText('resident.name', f.q));
  return q;
}

/** One page of residents ordered by name. */
export async function listResidents(db: Db, f: ResidentQuery, limit: number, offset: number): Promise<{ rows: ResidentRow[]; total: number }> {
  const base = filtered(db.selectFrom('resident'), f, scopeCondition('resident.scope_path', f.prefixes));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(total.n) === 0) return { rows: [], total: 0 };
  const rows = await joined(base).orderBy('resident.name').orderBy('resident.id').limit(limit).offset(offset).execute();
  return { total: Number(total.n), rows: rows.map((r) => toRow(r as JoinedRow)) };
}

/** Current (not moved-out) residents holding any of the ID-number blind indexes, with their compound's name. */
export async function activeByIdIndex(db: Db, bidxs: readonly string[], exceptId?: string): Promise<{ id: string; bidx: string; compoundName: string }[]> {
  const out: { id: string; bidx: string; compoundName: string }[] = [];
  for (const chunk of idChunks([...new Set(bidxs)])) {
    if (!chunk.length) continue;
    let q = db.selectFrom('resident').innerJoin('compound', 'compound.id', 'resident.compound_id')
      .select(['resident.id', 'resident.id_number_bidx', 'compound.name'])
      .where('resident.id_number_bidx', 'in', chunk).where('resident.moved_out_on', 'is', null);
    if (exceptId) q = q.where('resident.id', '!=', exceptId);
    for (const r of await q.execute()) out.push({ id: r.id, bidx: r.id_number_bidx!, compoundName: r.name });
  }
  return out;
}

/** A resident ready to insert: personal data sealed, tags encrypted. */
export interface ResidentRecord {
  id: string;
  compoundId: string;
  householdId: string | null;
  scopePath: string;
  name: string;
  gender: Gender;
  birthDate: string | null;
  idNumber: SealedField | null;
  phone: SealedField | null;
  politicalStatus: PoliticalStatus | null;
  relation: FamilyRelation | null;
  tagsEnc: string | null;
  hasProtectedTags: boolean;
  movedOutOn: string | null;
  createdAt: string;
  createdBy: string | null;
}

function toInsert(r: ResidentRecord) {
  return {
    id: r.id, household_id: r.householdId, compound_id: r.compoundId, scope_path: r.scopePath, name: r.name, gender: r.gender, birth_date: r.birthDate,
    id_number_enc: r.idNumber?.enc ?? null, id_number_bidx: r.idNumber?.bidx ?? null, id_number_mask: r.idNumber?.mask ?? null,
    phone_enc: r.phone?.enc ?? null, phone_bidx: r.phone?.bidx ?? null, phone_mask: r.phone?.mask ?? null,
    political_status: r.politicalStatus, relation: r.relation, tags_enc: r.tagsEnc, has_protected_tags: r.hasProtectedTags ? 1 : 0,
    moved_out_on: r.movedOutOn, created_at: r.createdAt, updated_at: r.createdAt, created_by: r.createdBy,
  };
}

/** Inserts residents with multi-row INSERTs sized under SQLite's parameter limit; no checks, no audit. */
export async function insertResidentsBatch(db: Db, rows: readonly ResidentRecord[]): Promise<void> {
  await insertMany(db, 'resident', rows.map(toInsert));
}

/** The changeable part of a resident record; sealed fields null clear the value. */
export type ResidentPatchRecord = Partial<Pick<ResidentRecord, 'householdId' | 'name' | 'gender' | 'birthDate' | 'idNumber' | 'phone' | 'politicalStatus' | 'relation' | 'tagsEnc' | 'hasProtectedTags' | 'movedOutOn'>>;

/** Compare-and-set update of a resident. */
export async function updateResident(db: Db, id: string, version: number, p: ResidentPatchRecord, now: string): Promise<number> {
  const r = await db.updateTable('resident').set({
    ...(p.householdId !== undefined ? { household_id: p.householdId } : {}),
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.gender !== undefined ? { gender: p.gender } : {}),
    ...(p.birthDate !== undefined ? { birth_date: p.birthDate } : {}),
    ...(p.idNumber !== undefined ? { id_number_enc: p.idNumber?.enc ?? null, id_number_bidx: p.idNumber?.bidx ?? null, id_number_mask: p.idNumber?.mask ?? null } : {}),
    ...(p.phone !== undefined ? { phone_enc: p.phone?.enc ?? null, phone_bidx: p.phone?.bidx ?? null, phone_mask: p.phone?.mask ?? null } : {}),
    ...(p.politicalStatus !== undefined ? { political_status: p.politicalStatus } : {}),
    ...(p.relation !== undefined ? { relation: p.relation } : {}),
    ...(p.tagsEnc !== undefined ? { tags_enc: p.tagsEnc } : {}),
    ...(p.hasProtectedTags !== undefined ? { has_protected_tags: p.hasProtectedTags ? 1 : 0 } : {}),
    ...(p.movedOutOn !== undefined ? { moved_out_on: p.movedOutOn } : {}),
    updated_at: now,
    version: sql`version + 1`,
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes a resident row. */
export async function deleteResident(db: Db, id: string): Promise<void> {
  await db.deleteFrom('resident').where('id', '=', id).execute();
}

/** Which of the ids already belong to a resident. */
export async function existingResidentIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const chunk of idChunks([...new Set(ids)])) {
    if (chunk.length) for (const r of await db.selectFrom('resident').select('id').where('id', 'in', chunk).execute()) out.add(r.id);
  }
  return out;
}

/** Household and moved-out date of some residents (for bulk head checks). */
export async function placesOfResidents(db: Db, ids: readonly string[]): Promise<Map<string, { householdId: string | null; movedOutOn: string | null }>> {
  const out = new Map<string, { householdId: string | null; movedOutOn: string | null }>();
  for (const chunk of idChunks([...new Set(ids)])) {
    if (!chunk.length) continue;
    for (const r of await db.selectFrom('resident').select(['id', 'household_id', 'moved_out_on']).where('id', 'in', chunk).execute()) {
      out.set(r.id, { householdId: r.household_id, movedOutOn: r.moved_out_on });
    }
  }
  return out;
}
