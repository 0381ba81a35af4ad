import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { maskName } from '../../../shared/mask.ts';
import { registryProblem } from '../../../shared/registry-problems.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, scopesFor } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { compoundInScope } from './building.service.ts';
import { gridProblem } from './compound.service.ts';
import { validateHouseholdInput, validateHouseholdPatch, type HouseholdValue } from './household.ts';
import type { RawInput } from './input.ts';
import { isMinor } from './resident.ts';
import * as buildings from './building.repository.ts';
import * as residents from './resident.repository.ts';
import * as repo from './household.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** A household as the API shows it; the head's name only for callers who may read residents, masked for a minor. */
export type HouseholdView = Omit<repo.HouseholdRow, 'headName' | 'headBirthDate'> & { headName: string | null; abilities: { update: boolean; delete: boolean } };

function view(ctx: Ctx, h: repo.HouseholdRow): HouseholdView {
  const { headName, headBirthDate, ...rest } = h;
  const w = can(ctx.actor, 'resident.write', h.scopePath);
  const name = headName && can(ctx.actor, 'resident.read', h.scopePath) ? (isMinor(headBirthDate, todayCst(ctx.clock)) ? maskName(headName) : headName) : null;
  return { ...rest, headName: name, abilities: { update: w, delete: w } };
}

async function visibleHousehold(db: Db, ctx: Ctx, id: string): Promise<repo.HouseholdRow> {
  const h = await repo.findHousehold(db, id, scopesFor(ctx.actor, 'compound.read'));
  if (!h) throw new DomainError('NOT_FOUND');
  return h;
}

/** Problems with a household's building (same compound) and grid (same community as the compound). */
async function referenceProblems(db: Db, v: Partial<HouseholdValue>, compound: { id: string; communityId: string }): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  if (v.buildingId) {
    const [b] = await buildings.findBuildingsAnyScope(db, [v.buildingId]);
    if (!b) out.push(registryProblem('buildingId', 'NOT_FOUND_REF', { value: v.buildingId }));
    else if (b.compoundId !== compound.id) out.push(registryProblem('buildingId', 'OTHER_COMPOUND', { value: b.name }));
  }
  if (v.gridId) {
    const gp = await gridProblem(db, v.gridId, compound.communityId);
    if (gp) out.push(gp);
  }
  return out;
}

/** One page of a compound's households (compound.read). */
export async function listHouseholds(db: Db, ctx: Ctx, compoundId: string, f: { buildingId?: string; status?: string; q?: string }, page: { page: number; pageSize: number }) {
  await compoundInScope(db, ctx, compoundId);
  const r = await repo.listHouseholds(db, { compoundId, ...f }, page.pageSize, (page.page - 1) * page.pageSize);
  return { items: r.rows.map((h) => view(ctx, h)), total: r.total, page: page.page, pageSize: page.pageSize };
}

/** One household. */
export async function getHousehold(db: Db, ctx: Ctx, id: string): Promise<HouseholdView> {
  return view(ctx, await visibleHousehold(db, ctx, id));
}

/** Adds a household to a compound (resident.write there: grid workers keep the housing register). Idempotent on id. */
export async function createHousehold(db: Db, ctx: Ctx, compoundId: string, input: RawInput): Promise<{ household: HouseholdView; created: boolean }> {
  const c = await compoundInScope(db, ctx, compoundId);
  if (typeof input.id === 'string') {
    const existing = await repo.findHousehold(db, input.id.toLowerCase(), ['/']);
    if (existing && existing.compoundId === compoundId) return { household: view(ctx, existing), created: false };
    if (existing) throw new DomainError('DUPLICATE', { detail: input.id });
  }
  requireAt(ctx.actor, 'resident.write', c.scopePath);
  const { value, problems } = validateHouseholdInput({ ...input, compoundId });
  if (!value.buildingId && value.buildingName) {
    const b = await buildings.findBuildingByName(db, compoundId, value.buildingName);
    if (b) value.buildingId = b.id;
    else problems.push(registryProblem('buildingName', 'NOT_FOUND_REF', { value: value.buildingName }));
  }
  problems.push(...(await referenceProblems(db, value, c)));
  if (value.room && !problems.length && (await repo.findSameAddress(db, compoundId, value.buildingId, value.unit, value.room))) {
    problems.push(registryProblem('room', 'DUPLICATE_VALUE', { value: value.room }));
  }
  if (problems.length) throw invalid(problems);
  const id = value.id ?? newId();
  return inTx(db, async (tx) => {
    const { id: _i, buildingName: _b, ...rest } = value;
    await repo.insertHouseholdsBatch(tx, [{ ...rest, id, scopePath: c.scopePath, createdAt: nowIso(ctx), createdBy: ctx.actor.userId }]);
    await recordAudit(tx, ctx, { action: 'household.create', objectType: 'household', objectId: id, scopePath: c.scopePath, detail: { compoundId, buildingId: value.buildingId, unit: value.unit, room: value.room, status: value.status } });
    return { household: view(ctx, (await repo.findHousehold(tx, id, ['/']))!), created: true };
  });
}

/** Updates a household with compare-and-set; the head must be a current resident of it. */
export async function updateHousehold(db: Db, ctx: Ctx, id: string, input: RawInput & { version: number }): Promise<HouseholdView> {
  return inTx(db, async (tx) => {
    const h = await visibleHousehold(tx, ctx, id);
    requireAt(ctx.actor, 'resident.write', h.scopePath);
    const c = await compoundInScope(tx, ctx, h.compoundId);
    const { value, problems } = validateHouseholdPatch(input);
    problems.push(...(await referenceProblems(tx, value, c)));
    if (value.headResidentId) {
      const head = await residents.findResident(tx, value.headResidentId, ['/']);
      if (!head || head.householdId !== id || head.movedOutOn) problems.push(registryProblem('headResidentId', 'HEAD_NOT_MEMBER'));
    }
    const room = value.room ?? h.room;
    const moved = value.room !== undefined || value.unit !== undefined || value.buildingId !== undefined;
    if (moved && !problems.length && (await repo.findSameAddress(tx, h.compoundId, value.buildingId !== undefined ? value.buildingId : h.buildingId, value.unit !== undefined ? value.unit : h.unit, room, id))) {
      problems.push(registryProblem('room', 'DUPLICATE_VALUE', { value: room }));
    }
    if (problems.length) throw invalid(problems);
    const n = await repo.updateHousehold(tx, id, input.version, value, nowIso(ctx));
    if (n === 0) throw new DomainError('STALE', { currentVersion: h.version }, [], { currentVersion: h.version });
    await recordAudit(tx, ctx, { action: 'household.update', objectType: 'household', objectId: id, scopePath: h.scopePath, detail: { fields: Object.keys(value), ...value } });
    return view(ctx, (await repo.findHousehold(tx, id, ['/']))!);
  });
}

/** Deletes a household no resident is linked to (IN_USE otherwise). */
export async function deleteHousehold(db: Db, ctx: Ctx, id: string): Promise<void> {
  await inTx(db, async (tx) => {
    const h = await visibleHousehold(tx, ctx, id);
    requireAt(ctx.actor, 'resident.write', h.scopePath);
    const n = await repo.householdResidentCount(tx, id);
    if (n > 0) throw new DomainError('IN_USE', { detail: `${n} 名居民 / ${n} residents` }, [], { residents: n });
    await repo.deleteHousehold(tx, id);
    await recordAudit(tx, ctx, { action: 'household.delete', objectType: 'household', objectId: id, scopePath: h.scopePath, detail: { compoundId: h.compoundId, label: h.label } });
  });
}
