import type { CompoundValue } from '../registry/index.ts';
import { canAll, commonPath, foldName, importPermissions, resolveGrids, resolvePlaces } from './import.places.ts';
import * as reg from './import.registry.ts';
import type { Planner } from './import.types.ts';
import * as refs from './transfer.repository.ts';
import { newId } from '../../../shared/ids.ts';

/**
 * Compounds: resolves the community and grid, checks the new compound's place against the caller's scopes,
 * validates each row with the registry's rules and refuses a name the community already has (in the database or
 * earlier in the file).
 */
export const planCompounds: Planner = async (pc, rows) => {
  const perms = importPermissions('compounds');
  const places = await resolvePlaces(pc, rows, { compound: false, perms });
  const grids = await resolveGrids(pc, rows, places);
  const existing = await refs.compoundsOfCommunities(pc.db, [...new Set([...places.values()].map((p) => p.community.id))]);
  const taken = new Set(existing.map((c) => c.communityId + '\u0000' + foldName(c.name)));
  const firstRow = new Map<string, number>();
  const batch: reg.Batch<CompoundValue> = { values: [], rows: [] };
  const paths: string[] = [];
  for (const r of rows) {
    const value = reg.validateCompound(pc, r);
    const place = places.get(r.row);
    if (!place || !value) continue;
    const id = newId();
    const scopePath = place.community.scopePath + id + '/';
    if (!canAll(pc.ctx.actor, perms, scopePath)) {
      pc.problem(r, 'communityCode', 'OUT_OF_SCOPE_REF', { value: place.community.code });
      continue;
    }
    const key = place.community.id + '\u0000' + foldName(value.name);
    if (taken.has(key)) {
      pc.problem(r, 'name', 'DUPLICATE_VALUE', {}, { zh: `该社区已有同名小区：${value.name}`, en: `The community already has a compound named ${value.name}` });
      continue;
    }
    const first = firstRow.get(key);
    if (first !== undefined) {
      pc.problem(r, 'name', 'DUPLICATE_VALUE', {}, { zh: `与第 ${first} 行的小区重复：${value.name}`, en: `Same compound as row ${first}: ${value.name}` });
      continue;
    }
    firstRow.set(key, r.row);
    if (r.failed) continue;
    value.id = id;
    value.communityId = place.community.id;
    value.gridId = grids.get(r.row) ?? null;
    batch.values.push(value);
    batch.rows.push(r.row);
    paths.push(scopePath);
  }
  return {
    scopePath: () => commonPath(paths),
    async write(tx) {
      await reg.createCompounds(tx, pc, batch);
      return batch.values.length;
    },
  };
};
