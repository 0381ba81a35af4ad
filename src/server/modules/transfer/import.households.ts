import type { HouseholdValue } from '../registry/index.ts';
import { buildingKeyOf, canAll, commonPath, householdKey, importPermissions, resolveBuildings, resolveGrids, resolvePlaces } from './import.places.ts';
import * as reg from './import.registry.ts';
import type { Planner } from './import.types.ts';
import * as refs from './transfer.repository.ts';
import { newId } from '../../../shared/ids.ts';

/**
 * Households: resolves community → compound → building (missing buildings are created with the households),
 * validates each row with the registry's rules and refuses a unit + room the building already has (in the
 * database or earlier in the file).
 */
export const planHouseholds: Planner = async (pc, rows) => {
  const perms = importPermissions('households');
  const places = await resolvePlaces(pc, rows, { compound: true, perms });
  await resolveBuildings(pc.db, rows, places);
  const grids = await resolveGrids(pc, rows, places);
  const existing = await refs.householdsOfCompounds(pc.db, [...new Set([...places.values()].map((p) => p.compound!.id))]);
  const taken = new Set(existing.map((h) => householdKey(h.compoundId, h.buildingId, h.unit, h.room)));
  const firstRow = new Map<string, number>();
  const batch: reg.Batch<HouseholdValue> = { values: [], rows: [] };
  const paths = new Set<string>();
  for (const r of rows) {
    const value = reg.validateHousehold(pc, r);
    const place = places.get(r.row);
    if (!place?.compound || !value) continue;
    if (place.newBuildingName && !canAll(pc.ctx.actor, ['compound.write'], place.compound.scopePath)) {
      pc.problem(r, 'building', 'NOT_FOUND_REF', { value: place.newBuildingName });
      continue;
    }
    const key = householdKey(place.compound.id, buildingKeyOf(place), value.unit, value.room);
    if (taken.has(key)) {
      pc.problem(r, 'room', 'DUPLICATE_VALUE', {}, { zh: '该房屋已登记', en: 'This dwelling is already registered' });
      continue;
    }
    const first = firstRow.get(key);
    if (first !== undefined) {
      pc.problem(r, 'room', 'DUPLICATE_VALUE', {}, { zh: `与第 ${first} 行是同一房屋`, en: `Same dwelling as row ${first}` });
      continue;
    }
    firstRow.set(key, r.row);
    if (r.failed) continue;
    value.id = newId();
    value.compoundId = place.compound.id;
    value.buildingId = place.buildingId ?? null;
    value.buildingName = place.buildingId ? null : (place.newBuildingName ?? null);
    value.gridId = grids.get(r.row) ?? null;
    batch.values.push(value);
    batch.rows.push(r.row);
    paths.add(place.compound.scopePath);
  }
  return {
    scopePath: () => commonPath(paths),
    async write(tx) {
      await reg.createHouseholds(tx, pc, batch);
      return batch.values.length;
    },
  };
};
