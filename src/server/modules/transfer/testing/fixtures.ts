import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../lib/context.ts';
import { createCompound, createRegion } from '../../registry/index.ts';

/** A place used by the transfer tests. */
export interface Place {
  id: string;
  code: string;
  path: string;
}

/** The places the transfer tests use: one street with two communities, one compound in each. */
export interface TransferPlaces {
  communityA: Place;
  communityB: Place;
  compoundA: { id: string; name: string; path: string };
  compoundB: { id: string; name: string; path: string };
}

/** Seeds 511300 → 511302 → 511302001 → {003 春风社区, 004 秋实社区} and a compound in each, through the registry services. */
export async function seedPlaces(db: Db, ctx: Ctx): Promise<TransferPlaces> {
  const region = async (code: string, name: string, parentId: string | null): Promise<Place> => {
    const r = await createRegion(db, ctx, { code, name, parentId });
    return { id: r.region.id, code, path: r.region.scopePath };
  };
  const city = await region('511300', '南充市', null);
  const county = await region('511302', '顺庆区', city.id);
  const street = await region('511302001', '中城街道', county.id);
  const communityA = await region('511302001003', '春风社区', street.id);
  const communityB = await region('511302001004', '秋实社区', street.id);
  const compound = async (c: Place, name: string) => {
    const r = await createCompound(db, ctx, { communityId: c.id, name, housingType: 'commodity', propertyMode: 'market' });
    return { id: r.compound.id, name, path: r.compound.scopePath };
  };
  return { communityA, communityB, compoundA: await compound(communityA, '幸福小区'), compoundB: await compound(communityB, '和平小区') };
}
