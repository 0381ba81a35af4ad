import type { Db } from '../../db/database.ts';
import { findCompoundRef, findRegionByCode } from '../registry/index.ts';

/** Whether a scope path names a real place: the root, a region, or a compound. */
export async function placeExists(db: Db, path: string): Promise<boolean> {
  if (path === '/') return true;
  if (!/^\/([^/]+\/)+$/.test(path)) return false;
  const last = path.split('/').filter(Boolean).pop()!;
  if ((await findRegionByCode(db, last))?.scopePath === path) return true;
  return (await findCompoundRef(db, last))?.scopePath === path;
}
