import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { newId } from '../../../../shared/ids.ts';

/** A region row the tests made. */
export interface FxRegion {
  id: string;
  code: string;
  name: string;
  scopePath: string;
}

/** A compound row the tests made. */
export interface FxCompound {
  id: string;
  name: string;
  communityId: string;
  scopePath: string;
}

const NOW = '2026-11-01T00:00:00.000Z';

/** Inserts a region under a parent (or at the root) with its materialised path; tests only, bypassing the registry. */
export async function insertRegion(db: Kysely<Database>, r: { code: string; name: string; level: string; parent?: FxRegion }): Promise<FxRegion> {
  const id = newId();
  const scopePath = (r.parent?.scopePath ?? '/') + r.code + '/';
  await db.insertInto('region').values({
    id, code: r.code, name: r.name, level: r.level, parent_id: r.parent?.id ?? null, scope_path: scopePath,
    valid_from: null, valid_to: null, created_at: NOW, updated_at: NOW, created_by: null,
  }).execute();
  return { id, code: r.code, name: r.name, scopePath };
}

/** Inserts a compound in a community. */
export async function insertCompound(db: Kysely<Database>, c: { community: FxRegion; name: string; householdCount?: number | null }): Promise<FxCompound> {
  const id = newId();
  const scopePath = c.community.scopePath + id + '/';
  await db.insertInto('compound').values({
    id, community_id: c.community.id, scope_path: scopePath, name: c.name, address: null, housing_type: 'commodity', build_year: null,
    building_count: null, household_count: c.householdCount ?? null, floor_area: null, enclosed: 1, fee_collection_rate: null,
    renovation_year: null, property_mode: 'market', lat: null, lng: null, grid_id: null, note: null, created_at: NOW, updated_at: NOW, created_by: null,
  }).execute();
  return { id, name: c.name, communityId: c.community.id, scopePath };
}

/** Inserts a resident of a compound (no household). */
export async function insertResident(db: Kysely<Database>, r: { compound: FxCompound; name: string; politicalStatus?: string | null }): Promise<string> {
  const id = newId();
  await db.insertInto('resident').values({
    id, household_id: null, compound_id: r.compound.id, scope_path: r.compound.scopePath, name: r.name, gender: '1', birth_date: null,
    id_number_enc: null, id_number_bidx: null, id_number_mask: null, phone_enc: null, phone_bidx: null, phone_mask: null,
    political_status: r.politicalStatus ?? null, relation: null, tags_enc: null, has_protected_tags: 0, moved_out_on: null,
    created_at: NOW, updated_at: NOW, created_by: null,
  }).execute();
  return id;
}

/** Inserts a compound document (e.g. a work plan). */
export async function insertDocument(db: Kysely<Database>, d: { compound: FxCompound; kind: string; title: string; adoptedOn: string | null; validTo?: string | null }): Promise<string> {
  const id = newId();
  await db.insertInto('compound_document').values({
    id, compound_id: d.compound.id, scope_path: d.compound.scopePath, kind: d.kind, title: d.title, adopted_on: d.adoptedOn,
    valid_to: d.validTo ?? null, body: null, created_at: NOW, updated_at: NOW, created_by: null,
  }).execute();
  return id;
}

/** A city → district → street → two communities tree with compounds A1, A2 (community A) and B1 (community B). */
export async function seedPlaces(db: Kysely<Database>) {
  const city = await insertRegion(db, { code: '511300', name: '南充市', level: 'city' });
  const county = await insertRegion(db, { code: '511302', name: '顺庆区', level: 'county', parent: city });
  const street = await insertRegion(db, { code: '511302001', name: '中城街道', level: 'street', parent: county });
  const communityA = await insertRegion(db, { code: '511302001001', name: '甲社区', level: 'community', parent: street });
  const communityB = await insertRegion(db, { code: '511302001002', name: '乙社区', level: 'community', parent: street });
  const a1 = await insertCompound(db, { community: communityA, name: '甲一小区', householdCount: 320 });
  const a2 = await insertCompound(db, { community: communityA, name: '甲二院落', householdCount: 80 });
  const b1 = await insertCompound(db, { community: communityB, name: '乙一小区', householdCount: 500 });
  return { city, county, street, communityA, communityB, a1, a2, b1 };
}
