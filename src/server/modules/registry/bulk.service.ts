import { invalid, type FieldProblem } from '../../../shared/errors.ts';
import { registryProblem } from '../../../shared/registry-problems.ts';
import type { Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { CompoundValue } from './compound.ts';
import { compoundPath } from './compound.ts';
import type { HouseholdValue } from './household.ts';
import type { ResidentValue } from './resident.ts';
import { duplicateIdProblems, recordOf } from './resident.service.ts';
import * as buildings from './building.repository.ts';
import * as compounds from './compound.repository.ts';
import * as grids from './grid.repository.ts';
import * as households from './household.repository.ts';
import * as regions from './region.repository.ts';
import * as residents from './resident.repository.ts';
import { idChunks } from './scope.repository.ts';
import { commonPath } from './scope.ts';
import { newId } from '../../../shared/ids.ts';

const field = (i: number, name: string) => `rows.${i}.${name}`;

async function regionsById(db: Db, ids: readonly string[]) {
  const out = new Map<string, Awaited<ReturnType<typeof regions.findRegions>>[number]>();
  for (const chunk of idChunks([...new Set(ids)])) for (const r of await regions.findRegions(db, chunk)) out.set(r.id, r);
  return out;
}

async function gridsById(db: Db, ids: readonly (string | null)[]) {
  const out = new Map<string, Awaited<ReturnType<typeof grids.findGrids>>[number]>();
  const present = [...new Set(ids.filter((x): x is string => !!x))];
  for (const chunk of idChunks(present)) for (const g of await grids.findGrids(db, chunk)) out.set(g.id, g);
  return out;
}

/** DUPLICATE_VALUE problems for client ids that repeat in the batch or already exist. */
function idProblems(rows: readonly { id: string | null }[], existing: Set<string>): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  rows.forEach((r, i) => {
    if (!r.id) return;
    if (seen.has(r.id) || existing.has(r.id)) out.push(registryProblem(field(i, 'id'), 'DUPLICATE_VALUE', { value: r.id }));
    seen.add(r.id);
  });
  return out;
}

/**
 * Inserts compounds already checked by validateCompoundInput, inside the CALLER's transaction (no own transaction,
 * so an import stays all-or-nothing). Checks each community (exists, is a community, compound.write there) and grid
 * (same community); problems name `rows.<index>.<field>` and nothing is written. Writes ONE audit entry for the batch.
 */
export async function bulkCreateCompounds(db: Db, ctx: Ctx, rows: readonly CompoundValue[]): Promise<{ ids: string[] }> {
  if (rows.length === 0) return { ids: [] };
  const communities = await regionsById(db, rows.map((r) => r.communityId));
  const gridMap = await gridsById(db, rows.map((r) => r.gridId));
  const existing = new Set((await compounds.findCompoundsAnyScope(db, rows.flatMap((r) => (r.id ? [r.id] : [])))).map((c) => c.id));
  const problems = idProblems(rows, existing);
  rows.forEach((r, i) => {
    const c = communities.get(r.communityId);
    if (!c) problems.push(registryProblem(field(i, 'communityId'), 'NOT_FOUND_REF', { value: r.communityId }));
    else if (c.level !== 'community') problems.push(registryProblem(field(i, 'communityId'), 'NOT_A_COMMUNITY', { value: c.name }));
    else if (!can(ctx.actor, 'compound.write', c.scopePath)) problems.push(registryProblem(field(i, 'communityId'), 'OUT_OF_SCOPE_REF', { value: c.name }));
    if (r.gridId) {
      const g = gridMap.get(r.gridId);
      if (!g) problems.push(registryProblem(field(i, 'gridId'), 'NOT_FOUND_REF', { value: r.gridId }));
      else if (g.communityId !== r.communityId) problems.push(registryProblem(field(i, 'gridId'), 'OTHER_COMMUNITY', { value: g.name }));
    }
  });
  if (problems.length) throw invalid(problems);
  const now = nowIso(ctx);
  const records = rows.map((r) => {
    const id = r.id ?? newId();
    return { ...r, id, scopePath: compoundPath(communities.get(r.communityId)!.scopePath, id), createdAt: now, createdBy: ctx.actor.userId };
  });
  await compounds.insertCompoundsBatch(db, records);
  await recordAudit(db, ctx, {
    action: 'compound.bulk_create', objectType: 'compound', scopePath: commonPath(records.map((r) => r.scopePath)),
    detail: { count: records.length, communities: communities.size },
  });
  return { ids: records.map((r) => r.id) };
}

/**
 * Inserts households already checked by validateHouseholdInput, inside the CALLER's transaction. Checks each
 * compound (resident.write there), building (same compound) and grid (same community) and refuses a second
 * household at the same building/unit/room. A row with only `buildingName` gets that building of its compound,
 * created when missing (needs compound.write). ONE audit entry for the batch.
 */
export async function bulkCreateHouseholds(db: Db, ctx: Ctx, rows: readonly HouseholdValue[]): Promise<{ ids: string[]; createdBuildingIds: string[] }> {
  if (rows.length === 0) return { ids: [], createdBuildingIds: [] };
  const compoundMap = new Map((await compounds.findCompoundsAnyScope(db, rows.map((r) => r.compoundId))).map((c) => [c.id, c]));
  const known = await buildings.buildingsOfCompounds(db, [...compoundMap.keys()]);
  const buildingById = new Map(known.map((b) => [b.id, b]));
  const extra = rows.flatMap((r) => (r.buildingId && !buildingById.has(r.buildingId) ? [r.buildingId] : []));
  for (const b of await buildings.findBuildingsAnyScope(db, extra)) buildingById.set(b.id, b);
  const buildingByName = new Map(known.map((b) => [`${b.compoundId}|${b.name}`, b.id]));
  const gridMap = await gridsById(db, rows.map((r) => r.gridId));
  const existing = new Set((await households.findHouseholdsAnyScope(db, rows.flatMap((r) => (r.id ? [r.id] : [])))).map((h) => h.id));
  const addresses = await households.addressKeysOf(db, [...compoundMap.keys()]);
  const problems = idProblems(rows, existing);
  const now = nowIso(ctx);
  const newBuildings: buildings.BuildingRecord[] = [];
  const resolved = rows.map((r, i) => {
    const c = compoundMap.get(r.compoundId);
    if (!c) {
      problems.push(registryProblem(field(i, 'compoundId'), 'NOT_FOUND_REF', { value: r.compoundId }));
      return null;
    }
    if (!can(ctx.actor, 'resident.write', c.scopePath)) problems.push(registryProblem(field(i, 'compoundId'), 'OUT_OF_SCOPE_REF', { value: c.name }));
    let buildingId = r.buildingId;
    if (buildingId) {
      const b = buildingById.get(buildingId);
      if (!b) problems.push(registryProblem(field(i, 'buildingId'), 'NOT_FOUND_REF', { value: buildingId }));
      else if (b.compoundId !== c.id) problems.push(registryProblem(field(i, 'buildingId'), 'OTHER_COMPOUND', { value: b.name }));
    } else if (r.buildingName) {
      const key = `${c.id}|${r.buildingName}`;
      buildingId = buildingByName.get(key) ?? null;
      if (!buildingId && !can(ctx.actor, 'compound.write', c.scopePath)) {
        problems.push(registryProblem(field(i, 'buildingName'), 'NOT_FOUND_REF', { value: r.buildingName }));
      } else if (!buildingId) {
        buildingId = newId();
        buildingByName.set(key, buildingId);
        newBuildings.push({ id: buildingId, compoundId: c.id, scopePath: c.scopePath, name: r.buildingName, floors: null, units: null, builtYear: null, createdAt: now, createdBy: ctx.actor.userId });
      }
    }
    if (r.gridId) {
      const g = gridMap.get(r.gridId);
      if (!g) problems.push(registryProblem(field(i, 'gridId'), 'NOT_FOUND_REF', { value: r.gridId }));
      else if (g.communityId !== c.communityId) problems.push(registryProblem(field(i, 'gridId'), 'OTHER_COMMUNITY', { value: g.name }));
    }
    const key = households.addressKey(c.id, buildingId, r.unit, r.room);
    if (addresses.has(key)) problems.push(registryProblem(field(i, 'room'), 'DUPLICATE_VALUE', { value: r.room }));
    addresses.add(key);
    const { buildingName: _n, id: _id, ...rest } = r;
    return { ...rest, id: r.id ?? newId(), buildingId, headResidentId: null, scopePath: c.scopePath, createdAt: now, createdBy: ctx.actor.userId };
  });
  if (problems.length) throw invalid(problems);
  const records = resolved as households.HouseholdRecord[];
  await buildings.insertBuildingsBatch(db, newBuildings);
  await households.insertHouseholdsBatch(db, records);
  await recordAudit(db, ctx, {
    action: 'household.bulk_create', objectType: 'household', scopePath: commonPath(records.map((r) => r.scopePath)),
    detail: { count: records.length, compounds: compoundMap.size, buildingsCreated: newBuildings.length },
  });
  return { ids: records.map((r) => r.id), createdBuildingIds: newBuildings.map((b) => b.id) };
}

/**
 * Inserts residents already checked by validateResidentInput, inside the CALLER's transaction. Checks compound
 * (resident.write there) and household (same compound), refuses ID numbers held by a current resident or repeated
 * in the batch (ID_DUPLICATE), seals ID numbers and phones and encrypts tags. ONE audit entry, without personal data.
 */
export async function bulkCreateResidents(db: Db, ctx: Ctx, rows: readonly ResidentValue[]): Promise<{ ids: string[] }> {
  if (rows.length === 0) return { ids: [] };
  const householdMap = new Map((await households.findHouseholdsAnyScope(db, rows.flatMap((r) => (r.householdId ? [r.householdId] : [])))).map((h) => [h.id, h]));
  const compoundIds = rows.map((r) => r.compoundId ?? (r.householdId ? householdMap.get(r.householdId)?.compoundId : undefined)).filter((x): x is string => !!x);
  const compoundMap = new Map((await compounds.findCompoundsAnyScope(db, compoundIds)).map((c) => [c.id, c]));
  const existing = await residents.existingResidentIds(db, rows.flatMap((r) => (r.id ? [r.id] : [])));
  const problems = idProblems(rows, existing);
  const firstRowOfId = new Map<string, number>();
  const places = rows.map((r, i) => {
    let compoundId = r.compoundId;
    if (r.householdId) {
      const h = householdMap.get(r.householdId);
      if (!h) problems.push(registryProblem(field(i, 'householdId'), 'NOT_FOUND_REF', { value: r.householdId }));
      else if (compoundId && h.compoundId !== compoundId) problems.push(registryProblem(field(i, 'householdId'), 'OTHER_COMPOUND', { value: r.householdId }));
      else compoundId = h.compoundId;
    }
    const c = compoundId ? compoundMap.get(compoundId) : undefined;
    if (!c) {
      if (compoundId) problems.push(registryProblem(field(i, 'compoundId'), 'NOT_FOUND_REF', { value: compoundId }));
      else if (!r.householdId) problems.push(registryProblem(field(i, 'compoundId'), 'REQUIRED'));
      return null;
    }
    if (!can(ctx.actor, 'resident.write', c.scopePath)) problems.push(registryProblem(field(i, 'compoundId'), 'OUT_OF_SCOPE_REF', { value: c.name }));
    if (r.idNumber && !r.movedOutOn) {
      const first = firstRowOfId.get(r.idNumber);
      if (first !== undefined) problems.push(registryProblem(field(i, 'idNumber'), 'ID_DUPLICATE', { where: `rows.${first}` }));
      else firstRowOfId.set(r.idNumber, i);
    }
    return c;
  });
  problems.push(...(await duplicateIdProblems(db, ctx.keys, [...firstRowOfId].map(([idNumber, i]) => ({ field: field(i, 'idNumber'), idNumber })))));
  if (problems.length) throw invalid(problems);
  const records = rows.map((r, i) => {
    const c = places[i]!;
    return recordOf(ctx, { ...r, compoundId: c.id }, r.id ?? newId(), c.id, c.scopePath);
  });
  await residents.insertResidentsBatch(db, records);
  await recordAudit(db, ctx, {
    action: 'resident.bulk_create', objectType: 'resident', scopePath: commonPath(records.map((r) => r.scopePath)),
    detail: { count: records.length, compounds: new Set(records.map((r) => r.compoundId)).size, withIdNumber: records.filter((r) => r.idNumber).length, withPhone: records.filter((r) => r.phone).length, withProtectedTags: records.filter((r) => r.hasProtectedTags).length },
  });
  return { ids: records.map((r) => r.id) };
}

/**
 * Sets household heads after a bulk import, inside the CALLER's transaction: each resident must be a current member
 * of that household and the caller must hold resident.write there (problems name `rows.<index>.headResidentId`).
 * ONE audit entry.
 */
export async function bulkSetHouseholdHeads(db: Db, ctx: Ctx, pairs: readonly { householdId: string; residentId: string }[]): Promise<void> {
  if (pairs.length === 0) return;
  const hh = new Map((await households.findHouseholdsAnyScope(db, pairs.map((p) => p.householdId))).map((h) => [h.id, h]));
  const people = await residents.placesOfResidents(db, pairs.map((p) => p.residentId));
  const problems: FieldProblem[] = [];
  pairs.forEach((p, i) => {
    const h = hh.get(p.householdId);
    const r = people.get(p.residentId);
    if (!h) problems.push(registryProblem(field(i, 'householdId'), 'NOT_FOUND_REF', { value: p.householdId }));
    else if (!can(ctx.actor, 'resident.write', h.scopePath)) problems.push(registryProblem(field(i, 'householdId'), 'OUT_OF_SCOPE_REF', { value: p.householdId }));
    else if (!r || r.householdId !== h.id || r.movedOutOn) problems.push(registryProblem(field(i, 'headResidentId'), 'HEAD_NOT_MEMBER'));
  });
  if (problems.length) throw invalid(problems);
  await households.setHeadsBatch(db, pairs, nowIso(ctx));
  await recordAudit(db, ctx, {
    action: 'household.bulk_set_head', objectType: 'household', scopePath: commonPath([...hh.values()].map((h) => h.scopePath)), detail: { count: pairs.length },
  });
}
