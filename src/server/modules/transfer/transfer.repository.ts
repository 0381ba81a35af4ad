import type { Db } from '../../db/database.ts';

/**
 * Batched reference lookups for imports: one query per chunk of keys, never one per row.
 * They read without a data-scope filter on purpose: a reference or a duplicate outside the caller's area must
 * still be recognised (and reported as OUT_OF_SCOPE_REF / ID_DUPLICATE without details), not silently re-created.
 */

const CHUNK = 1000;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

async function inChunks<K, R>(keys: readonly K[], q: (part: K[]) => Promise<R[]>): Promise<R[]> {
  const uniq = [...new Set(keys)];
  const out: R[] = [];
  for (const part of chunks(uniq)) if (part.length) out.push(...(await q(part)));
  return out;
}

/** A region found by its division code. */
export interface RegionHit {
  id: string;
  code: string;
  name: string;
  level: string;
  scopePath: string;
}

/** Regions by division code (current ones only). */
export function regionsByCodes(db: Db, codes: readonly string[]): Promise<RegionHit[]> {
  return inChunks(codes, async (part) => {
    const rows = await db
      .selectFrom('region')
      .select(['id', 'code', 'name', 'level', 'scope_path', 'valid_to'])
      .where('code', 'in', part)
      .execute();
    return rows.filter((r) => r.valid_to === null).map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, scopePath: r.scope_path }));
  });
}

/** A compound as imports need it. */
export interface CompoundHit {
  id: string;
  communityId: string;
  name: string;
  scopePath: string;
}

/** Every compound of the given communities. */
export function compoundsOfCommunities(db: Db, communityIds: readonly string[]): Promise<CompoundHit[]> {
  return inChunks(communityIds, async (part) => {
    const rows = await db.selectFrom('compound').select(['id', 'community_id', 'name', 'scope_path']).where('community_id', 'in', part).execute();
    return rows.map((r) => ({ id: r.id, communityId: r.community_id, name: r.name, scopePath: r.scope_path }));
  });
}

/** A grid found by its code. */
export interface GridHit {
  id: string;
  code: string;
  communityId: string;
}

/** Grids by code. */
export function gridsByCodes(db: Db, codes: readonly string[]): Promise<GridHit[]> {
  return inChunks(codes, async (part) => {
    const rows = await db.selectFrom('grid').select(['id', 'code', 'community_id']).where('code', 'in', part).execute();
    return rows.map((r) => ({ id: r.id, code: r.code, communityId: r.community_id }));
  });
}

/** A building of a compound. */
export interface BuildingHit {
  id: string;
  compoundId: string;
  name: string;
}

/** Every building of the given compounds. */
export function buildingsOfCompounds(db: Db, compoundIds: readonly string[]): Promise<BuildingHit[]> {
  return inChunks(compoundIds, async (part) => {
    const rows = await db.selectFrom('building').select(['id', 'compound_id', 'name']).where('compound_id', 'in', part).execute();
    return rows.map((r) => ({ id: r.id, compoundId: r.compound_id, name: r.name }));
  });
}

/** A household of a compound. */
export interface HouseholdHit {
  id: string;
  compoundId: string;
  buildingId: string | null;
  unit: string | null;
  room: string;
  headResidentId: string | null;
}

/** Every household of the given compounds. */
export function householdsOfCompounds(db: Db, compoundIds: readonly string[]): Promise<HouseholdHit[]> {
  return inChunks(compoundIds, async (part) => {
    const rows = await db
      .selectFrom('household')
      .select(['id', 'compound_id', 'building_id', 'unit', 'room', 'head_resident_id'])
      .where('compound_id', 'in', part)
      .execute();
    return rows.map((r) => ({ id: r.id, compoundId: r.compound_id, buildingId: r.building_id, unit: r.unit, room: r.room, headResidentId: r.head_resident_id }));
  });
}

/** A registered resident found by the blind index of an ID number. */
export interface ResidentHit {
  idIndex: string;
  compoundName: string;
  scopePath: string;
}

/** Residents (not moved out) whose ID-number blind index is among the given ones. */
export function residentsByIdIndex(db: Db, indexes: readonly string[]): Promise<ResidentHit[]> {
  return inChunks(indexes, async (part) => {
    const rows = await db
      .selectFrom('resident')
      .innerJoin('compound', 'compound.id', 'resident.compound_id')
      .select(['resident.id_number_bidx', 'compound.name as compound_name', 'resident.scope_path'])
      .where('resident.id_number_bidx', 'in', part)
      .where('resident.moved_out_on', 'is', null)
      .execute();
    return rows.map((r) => ({ idIndex: r.id_number_bidx!, compoundName: r.compound_name, scopePath: r.scope_path }));
  });
}

