import { idNumberIndex } from '../../lib/pii.ts';
import type { HouseholdValue, ResidentValue } from '../registry/index.ts';
import { HEAD_RELATIONS } from './transfer.columns.ts';
import { buildingKeyOf, canAll, commonPath, foldName, householdKey, importPermissions, resolveBuildings, resolvePlaces, type ResolvedPlace } from './import.places.ts';
import * as reg from './import.registry.ts';
import { isBad, type ImportRow, type Planner } from './import.types.ts';
import * as refs from './transfer.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** A household a row lands in: an existing one or one planned by an earlier row. */
interface HouseholdSlot {
  id: string;
  headResidentId: string | null;
  existingHead: string | null;
  /** Set for a household the import creates. */
  planned: HouseholdValue | null;
  plannedRow: number;
  /** The row of the head chosen by this import. */
  headRow: number;
  used: boolean;
}

/**
 * Residents: resolves community → compound → building → household (missing buildings and households are created,
 * status resident), validates each row with the registry's rules, finds duplicate ID numbers in the file and in the
 * database, and makes the row related 户主/本人 the head of its household.
 */
export const planResidents: Planner = async (pc, rows) => {
  const perms = importPermissions('residents');
  const places = await resolvePlaces(pc, rows, { compound: true, perms });
  await resolveBuildings(pc.db, rows, places);
  const compoundIds = [...new Set([...places.values()].map((p) => p.compound!.id))];
  const existing = await refs.householdsOfCompounds(pc.db, compoundIds);
  const slots = new Map<string, HouseholdSlot>();
  for (const h of existing) {
    slots.set(householdKey(h.compoundId, h.buildingId, h.unit, h.room), { id: h.id, headResidentId: h.headResidentId, existingHead: h.headResidentId, planned: null, plannedRow: 0, headRow: 0, used: false });
  }
  const residents: reg.Batch<ResidentValue> = { values: [], rows: [] };
  const paths = new Set<string>();
  const firstRowOfId = new Map<string, number>();

  // Validate every row first, then look all ID numbers up at once by blind index.
  const values = rows.map((r) => reg.validateResident(pc, r));
  const indexOf = new Map<string, string>();
  for (const v of values) if (v?.idNumber && !indexOf.has(v.idNumber)) indexOf.set(v.idNumber, idNumberIndex(pc.ctx.keys, v.idNumber));
  const registered = new Map((await refs.residentsByIdIndex(pc.db, [...indexOf.values()])).map((h) => [h.idIndex, h]));

  rows.forEach((r, i) => {
    const value = values[i];
    const place = places.get(r.row);
    if (!place?.compound || isBad(r, 'room') || typeof r.values.room !== 'string' || !value) return;
    if (value.idNumber) {
      const first = firstRowOfId.get(value.idNumber);
      if (first !== undefined) {
        pc.problem(r, 'idNumber', 'DUPLICATE_VALUE', {}, { zh: `与第 ${first} 行的身份证号重复`, en: `Same ID number as row ${first}` });
        return;
      }
      firstRowOfId.set(value.idNumber, r.row);
      const hit = registered.get(indexOf.get(value.idNumber)!);
      if (hit) {
        // Where it is registered is told only to callers who may read that place.
        const visible = canAll(pc.ctx.actor, ['resident.read'], hit.scopePath);
        pc.problem(r, 'idNumber', 'ID_DUPLICATE', {}, {
          zh: `该身份证号已登记（${visible ? hit.compoundName : '其他辖区'}）`,
          en: `This ID number is already registered (${visible ? hit.compoundName : 'in another area'})`,
        });
        return;
      }
    }
    // A building the compound lacks is created with the household, which takes compound.write there.
    if (place.newBuildingName && !canAll(pc.ctx.actor, ['compound.write'], place.compound.scopePath)) {
      pc.problem(r, 'building', 'NOT_FOUND_REF', { value: place.newBuildingName });
      return;
    }
    const slot = slotFor(place, r, slots);
    const id = newId();
    if (value.relation && HEAD_RELATIONS.includes(value.relation)) {
      if (slot.headResidentId) {
        pc.problem(r, 'relation', 'HEAD_EXISTS');
        return;
      }
      slot.headResidentId = id;
      slot.headRow = r.row;
    }
    if (r.failed) return;
    slot.used = true;
    value.id = id;
    value.compoundId = place.compound.id;
    value.householdId = slot.id;
    residents.values.push(value);
    residents.rows.push(r.row);
    paths.add(place.compound.scopePath);
  });

  return {
    scopePath: () => commonPath(paths),
    async write(tx) {
      const households: reg.Batch<HouseholdValue> = { values: [], rows: [] };
      const heads: reg.Batch<{ householdId: string; residentId: string }> = { values: [], rows: [] };
      for (const s of slots.values()) {
        if (!s.used) continue;
        if (s.planned) {
          households.values.push(s.planned);
          households.rows.push(s.plannedRow);
        }
        if (s.headResidentId && s.headResidentId !== s.existingHead) {
          heads.values.push({ householdId: s.id, residentId: s.headResidentId });
          heads.rows.push(s.headRow);
        }
      }
      await reg.createHouseholds(tx, pc, households);
      await reg.createResidents(tx, pc, residents);
      await reg.setHouseholdHeads(tx, pc, heads);
      return residents.values.length;
    },
  };
};

function slotFor(place: ResolvedPlace, r: ImportRow, slots: Map<string, HouseholdSlot>): HouseholdSlot {
  const unit = typeof r.values.unit === 'string' ? r.values.unit : null;
  const room = r.values.room as string;
  const key = householdKey(place.compound!.id, buildingKeyOf(place), unit, room);
  let slot = slots.get(key);
  if (!slot) {
    const id = newId();
    const planned: HouseholdValue = {
      id, compoundId: place.compound!.id, buildingId: place.buildingId ?? null, buildingName: place.buildingId ? null : (place.newBuildingName ?? null),
      unit: unit ? foldName(unit) : null, room: foldName(room), status: 'resident', headResidentId: null, gridId: null, area: null,
    };
    slot = { id, headResidentId: null, existingHead: null, planned, plannedRow: r.row, headRow: 0, used: false };
    slots.set(key, slot);
  }
  return slot;
}
