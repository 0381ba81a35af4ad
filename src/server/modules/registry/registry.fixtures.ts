import type { Ctx } from '../../lib/context.ts';
import type { Db } from '../../db/database.ts';
import { createRegion } from './region.service.ts';
import { createCompound } from './compound.service.ts';

/** A small region tree for tests: 南充市 → 顺庆区 → two streets → three communities. */
export interface RegionFixture {
  city: { id: string; path: string };
  county: { id: string; path: string };
  streetA: { id: string; path: string };
  streetB: { id: string; path: string };
  /** Communities A and B under street A, C under street B. */
  communityA: { id: string; path: string; code: string };
  communityB: { id: string; path: string; code: string };
  communityC: { id: string; path: string; code: string };
}

/** Seeds the fixture tree through the region service (system actor). */
export async function seedRegions(db: Db, ctx: Ctx): Promise<RegionFixture> {
  const make = async (code: string, name: string, parentId: string | null) => {
    const r = await createRegion(db, ctx, { code, name, parentId });
    return { id: r.region.id, path: r.region.scopePath, code };
  };
  const city = await make('511300', '南充市', null);
  const county = await make('511302', '顺庆区', city.id);
  const streetA = await make('511302001', '中城街道', county.id);
  const streetB = await make('511302002', '舞凤街道', county.id);
  const communityA = await make('511302001001', '北街社区', streetA.id);
  const communityB = await make('511302001002', '南街社区', streetA.id);
  const communityC = await make('511302002001', '舞凤社区', streetB.id);
  return { city, county, streetA, streetB, communityA, communityB, communityC };
}

/** Creates a compound with sensible defaults and returns its id and path. */
export async function seedCompound(db: Db, ctx: Ctx, communityId: string, name: string, extra: Record<string, unknown> = {}) {
  const r = await createCompound(db, ctx, { communityId, name, housingType: 'commodity', propertyMode: 'market', ...extra });
  return { id: r.compound.id, path: r.compound.scopePath };
}
