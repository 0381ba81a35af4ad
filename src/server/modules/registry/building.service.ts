import { DomainError, invalid } from '../../../shared/errors.ts';
import { registryProblem } from '../../../shared/registry-problems.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, scopesFor, type Actor } from '../accounts/actor.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { validateBuildingInput, type Building, type BuildingValue } from './building.ts';
import type { RawInput } from './input.ts';
import * as compounds from './compound.repository.ts';
import * as repo from './building.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** A building as the API shows it. */
export type BuildingView = Building & { householdCount?: number; abilities: { update: boolean; delete: boolean } };

function view(actor: Actor, b: Building & { householdCount?: number }): BuildingView {
  const w = can(actor, 'compound.write', b.scopePath);
  return { ...b, abilities: { update: w, delete: w } };
}

/** The compound if the caller holds `permission` over it; NOT_FOUND otherwise (never leaks existence). */
export async function compoundInScope(db: Db, ctx: Ctx, compoundId: string, permission: Permission = 'compound.read') {
  const c = await compounds.findCompound(db, compoundId, scopesFor(ctx.actor, permission));
  if (!c) throw new DomainError('NOT_FOUND');
  return c;
}

async function visibleBuilding(db: Db, ctx: Ctx, id: string): Promise<Building> {
  const b = await repo.findBuilding(db, id, scopesFor(ctx.actor, 'compound.read'));
  if (!b) throw new DomainError('NOT_FOUND');
  return b;
}

/** The buildings of a compound. */
export async function listBuildings(db: Db, ctx: Ctx, compoundId: string) {
  await compoundInScope(db, ctx, compoundId);
  const items = (await repo.listBuildings(db, compoundId)).map((b) => view(ctx.actor, b));
  return { items, total: items.length };
}

/** One building. */
export async function getBuilding(db: Db, ctx: Ctx, id: string): Promise<BuildingView> {
  const b = await visibleBuilding(db, ctx, id);
  return view(ctx.actor, { ...b, householdCount: await repo.buildingHouseholdCount(db, id) });
}

/** Adds a building to a compound (compound.write); names are unique within the compound. Idempotent on id. */
export async function createBuilding(db: Db, ctx: Ctx, compoundId: string, input: RawInput): Promise<{ building: BuildingView; created: boolean }> {
  const c = await compoundInScope(db, ctx, compoundId);
  if (typeof input.id === 'string') {
    const existing = await repo.findBuilding(db, input.id.toLowerCase(), ['/']);
    if (existing && existing.compoundId === compoundId) return { building: view(ctx.actor, existing), created: false };
    if (existing) throw new DomainError('DUPLICATE', { detail: input.id });
  }
  requireAt(ctx.actor, 'compound.write', c.scopePath);
  const { value, problems } = validateBuildingInput(input, todayCst(ctx.clock));
  if (value.name && (await repo.findBuildingByName(db, compoundId, value.name))) problems.push(registryProblem('name', 'DUPLICATE_VALUE', { value: value.name }));
  if (problems.length) throw invalid(problems);
  const v = value as BuildingValue;
  const id = v.id ?? newId();
  return inTx(db, async (tx) => {
    await repo.insertBuildingsBatch(tx, [{ ...v, id, compoundId, scopePath: c.scopePath, createdAt: nowIso(ctx), createdBy: ctx.actor.userId }]);
    await recordAudit(tx, ctx, { action: 'building.create', objectType: 'building', objectId: id, scopePath: c.scopePath, detail: { compoundId, name: v.name } });
    return { building: view(ctx.actor, { ...(await repo.findBuilding(tx, id, ['/']))!, householdCount: 0 }), created: true };
  });
}

/** Updates a building with compare-and-set on version. */
export async function updateBuilding(db: Db, ctx: Ctx, id: string, input: RawInput & { version: number }): Promise<BuildingView> {
  return inTx(db, async (tx) => {
    const b = await visibleBuilding(tx, ctx, id);
    requireAt(ctx.actor, 'compound.write', b.scopePath);
    const { value, problems } = validateBuildingInput(input, todayCst(ctx.clock), true);
    if (value.name && value.name !== b.name && (await repo.findBuildingByName(tx, b.compoundId, value.name))) problems.push(registryProblem('name', 'DUPLICATE_VALUE', { value: value.name }));
    if (problems.length) throw invalid(problems);
    const n = await repo.updateBuilding(tx, id, input.version, value, nowIso(ctx));
    if (n === 0) throw new DomainError('STALE', { currentVersion: b.version }, [], { currentVersion: b.version });
    await recordAudit(tx, ctx, { action: 'building.update', objectType: 'building', objectId: id, scopePath: b.scopePath, detail: { fields: Object.keys(value), ...value } });
    return view(ctx.actor, { ...(await repo.findBuilding(tx, id, ['/']))!, householdCount: await repo.buildingHouseholdCount(tx, id) });
  });
}

/** Deletes a building without households (IN_USE otherwise). */
export async function deleteBuilding(db: Db, ctx: Ctx, id: string): Promise<void> {
  await inTx(db, async (tx) => {
    const b = await visibleBuilding(tx, ctx, id);
    requireAt(ctx.actor, 'compound.write', b.scopePath);
    const n = await repo.buildingHouseholdCount(tx, id);
    if (n > 0) throw new DomainError('IN_USE', { detail: `${n} 户 / ${n} households` }, [], { households: n });
    await repo.deleteBuilding(tx, id);
    await recordAudit(tx, ctx, { action: 'building.delete', objectType: 'building', objectId: id, scopePath: b.scopePath, detail: { compoundId: b.compoundId, name: b.name } });
  });
}
