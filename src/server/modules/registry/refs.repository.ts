import { prepared, type Db } from '../../db/database.ts';

/** The minimum other modules need to anchor a record to a compound. */
export interface CompoundRef {
  id: string;
  name: string;
  communityId: string;
  scopePath: string;
  /** The grid the compound lies in, if set. */
  gridId?: string | null;
}

/** The minimum other modules need to anchor a record to a region. */
export interface RegionRef {
  id: string;
  code: string;
  name: string;
  level: string;
  scopePath: string;
}

const compoundRef = prepared((db: Db, id: string) => db.selectFrom('compound').select(['id', 'name', 'community_id', 'scope_path', 'grid_id']).where('id', '=', id));
const regionRef = prepared((db: Db, id: string) => db.selectFrom('region').select(['id', 'code', 'name', 'level', 'scope_path']).where('id', '=', id));
const gridRef = prepared((db: Db, id: string) => db.selectFrom('grid').select(['id', 'community_id', 'scope_path']).where('id', '=', id));

/** Looks up a compound's anchor fields (no scope check: callers check with the returned scopePath). */
export async function findCompoundRef(db: Db, id: string): Promise<CompoundRef | null> {
  const [r] = await compoundRef(db, id);
  return r ? { id: r.id, name: r.name, communityId: r.community_id, scopePath: r.scope_path, gridId: r.grid_id } : null;
}

/** Looks up a region's anchor fields. */
export async function findRegionRef(db: Db, id: string): Promise<RegionRef | null> {
  const [r] = await regionRef(db, id);
  return r ? { id: r.id, code: r.code, name: r.name, level: r.level, scopePath: r.scope_path } : null;
}

/** Looks up a region by its division code. */
export async function findRegionByCode(db: Db, code: string): Promise<RegionRef | null> {
  const r = await db.selectFrom('region').select(['id', 'code', 'name', 'level', 'scope_path']).where('code', '=', code).executeTakeFirst();
  return r ? { id: r.id, code: r.code, name: r.name, level: r.level, scopePath: r.scope_path } : null;
}

/** Looks up a grid's anchor fields: the community it belongs to and its scope path. */
export async function findGridRef(db: Db, id: string): Promise<{ id: string; communityId: string; scopePath: string } | null> {
  const [r] = await gridRef(db, id);
  return r ? { id: r.id, communityId: r.community_id, scopePath: r.scope_path } : null;
}
