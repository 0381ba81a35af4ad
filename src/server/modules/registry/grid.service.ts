import { DomainError, invalid } from '../../../shared/errors.ts';
import { registryProblem } from '../../../shared/registry-problems.ts';
import { inScope, inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { sealPhone } from '../../lib/pii.ts';
import { can, requireAt, requireScopes, scopesFor, type Actor } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { onDuty, validateGridInput, validateGridWorkerInput, type Grid, type GridValue, type GridWorker } from './grid.ts';
import type { RawInput } from './input.ts';
import * as regions from './region.repository.ts';
import * as repo from './grid.repository.ts';
import { isForeignKeyViolation } from './scope.repository.ts';
import { narrowScopes } from './scope.ts';
import { newId } from '../../../shared/ids.ts';

/** A grid worker as the API shows it: the phone only masked. */
export type GridWorkerView = Omit<GridWorker, 'scopePath'> & { onDuty: boolean; abilities: { update: boolean; delete: boolean } };
/** A grid as the API shows it. */
export type GridView = Grid & { communityName?: string; workerCount?: number; workers?: GridWorkerView[]; abilities: { update: boolean; delete: boolean } };

function gridAbilities(actor: Actor, g: { scopePath: string }) {
  const w = can(actor, 'grid.write', g.scopePath);
  return { update: w, delete: w };
}

function workerView(ctx: Ctx, w: GridWorker): GridWorkerView {
  const { scopePath: _s, ...rest } = w;
  return { ...rest, onDuty: onDuty(w, todayCst(ctx.clock)), abilities: gridAbilities(ctx.actor, w) };
}

async function visibleGrid(db: Db, ctx: Ctx, id: string): Promise<Grid> {
  const g = await repo.findGrid(db, id);
  if (!g || !inScope(g.scopePath, scopesFor(ctx.actor, 'grid.read'))) throw new DomainError('NOT_FOUND');
  return g;
}

async function fullView(db: Db, ctx: Ctx, g: Grid): Promise<GridView> {
  const community = await regions.findRegion(db, g.communityId);
  const workers = (await repo.listWorkers(db, g.id)).map((w) => workerView(ctx, w));
  return { ...g, communityName: community?.name, workerCount: workers.length, workers, abilities: gridAbilities(ctx.actor, g) };
}

/** Loads a community by id and checks its level; field problems name `field`. */
export async function loadCommunity(db: Db, communityId: string, field = 'communityId') {
  const c = await regions.findRegion(db, communityId);
  if (!c) return { community: null, problem: registryProblem(field, 'NOT_FOUND_REF', { value: communityId }) };
  if (c.level !== 'community') return { community: null, problem: registryProblem(field, 'NOT_A_COMMUNITY', { value: c.name }) };
  return { community: c, problem: null };
}

/** Grids under the caller's grid.read scope, optionally of one community or region, by code. */
export async function listGrids(db: Db, ctx: Ctx, f: { communityId?: string; regionId?: string; q?: string }, page: { page: number; pageSize: number }) {
  let prefixes = requireScopes(ctx.actor, 'grid.read');
  if (f.regionId) {
    const region = await regions.findRegion(db, f.regionId);
    prefixes = region ? narrowScopes(prefixes, region.scopePath) : [];
  }
  const r = await repo.listGrids(db, { prefixes, communityId: f.communityId, q: f.q }, page.pageSize, (page.page - 1) * page.pageSize);
  return { items: r.rows.map((g) => ({ ...g, abilities: gridAbilities(ctx.actor, g) })), total: r.total, page: page.page, pageSize: page.pageSize };
}

/** One grid with its workers. */
export async function getGrid(db: Db, ctx: Ctx, id: string): Promise<GridView> {
  return fullView(db, ctx, await visibleGrid(db, ctx, id));
}

/** Creates a grid in a community (grid.write there); the code must extend the community's code. Idempotent on id. */
export async function createGrid(db: Db, ctx: Ctx, input: RawInput): Promise<{ grid: GridView; created: boolean }> {
  if (typeof input.id === 'string') {
    const existing = await repo.findGrid(db, input.id);
    if (existing) return { grid: await fullView(db, ctx, await visibleGrid(db, ctx, existing.id)), created: false };
  }
  const communityId = typeof input.communityId === 'string' ? input.communityId : '';
  const { community, problem } = communityId ? await loadCommunity(db, communityId) : { community: null, problem: registryProblem('communityId', 'REQUIRED') };
  if (community) requireAt(ctx.actor, 'grid.write', community.scopePath);
  const { value, problems } = validateGridInput(input, community?.code ?? null);
  if (problem) problems.unshift(problem);
  if (value.code && (await repo.findGridByCode(db, value.code))) problems.push(registryProblem('code', 'DUPLICATE_VALUE', { value: value.code }));
  if (problems.length || !community) throw invalid(problems);
  const v = value as GridValue;
  const id = v.id ?? newId();
  return inTx(db, async (tx) => {
    await repo.insertGrid(tx, { ...v, id, communityId: community.id, scopePath: community.scopePath }, nowIso(ctx), ctx.actor.userId);
    await recordAudit(tx, ctx, { action: 'grid.create', objectType: 'grid', objectId: id, scopePath: community.scopePath, detail: { code: v.code, name: v.name, businessLines: v.businessLines } });
    return { grid: await fullView(tx, ctx, (await repo.findGrid(tx, id))!), created: true };
  });
}

/** Updates a grid with compare-and-set on version. */
export async function updateGrid(db: Db, ctx: Ctx, id: string, input: RawInput & { version: number }): Promise<GridView> {
  return inTx(db, async (tx) => {
    const g = await visibleGrid(tx, ctx, id);
    requireAt(ctx.actor, 'grid.write', g.scopePath);
    const community = await regions.findRegion(tx, g.communityId);
    const { value, problems } = validateGridInput(input, community?.code ?? null, true);
    if (value.code && value.code !== g.code && (await repo.findGridByCode(tx, value.code))) problems.push(registryProblem('code', 'DUPLICATE_VALUE', { value: value.code }));
    if (problems.length) throw invalid(problems);
    const n = await repo.updateGrid(tx, id, input.version, value, nowIso(ctx));
    if (n === 0) throw new DomainError('STALE', { currentVersion: g.version }, [], { currentVersion: g.version });
    await recordAudit(tx, ctx, { action: 'grid.update', objectType: 'grid', objectId: id, scopePath: g.scopePath, detail: { fields: Object.keys(value), ...value } });
    return fullView(tx, ctx, (await repo.findGrid(tx, id))!);
  });
}

/** Deletes a grid no compound or household points at (IN_USE otherwise); its workers go with it. */
export async function deleteGrid(db: Db, ctx: Ctx, id: string): Promise<void> {
  await inTx(db, async (tx) => {
    const g = await visibleGrid(tx, ctx, id);
    requireAt(ctx.actor, 'grid.write', g.scopePath);
    const use = await repo.gridUsage(tx, id);
    if (use.compounds || use.households) {
      throw new DomainError('IN_USE', { detail: `${use.compounds} 个小区、${use.households} 户 / ${use.compounds} compounds, ${use.households} households` }, [], use);
    }
    await repo.deleteGrid(tx, id);
    await recordAudit(tx, ctx, { action: 'grid.delete', objectType: 'grid', objectId: id, scopePath: g.scopePath, detail: { code: g.code, name: g.name } });
  });
}

/** The workers of a visible grid. */
export async function listGridWorkers(db: Db, ctx: Ctx, gridId: string): Promise<{ items: GridWorkerView[]; total: number }> {
  await visibleGrid(db, ctx, gridId);
  const items = (await repo.listWorkers(db, gridId)).map((w) => workerView(ctx, w));
  return { items, total: items.length };
}

function userRefProblem(userId: string | null | undefined) {
  return invalid([registryProblem('userId', 'NOT_FOUND_REF', { value: userId ?? '' })]);
}

/** Puts a person on duty in a grid; the phone is sealed. Idempotent on id. */
export async function addGridWorker(db: Db, ctx: Ctx, gridId: string, input: RawInput): Promise<{ worker: GridWorkerView; created: boolean }> {
  const g = await visibleGrid(db, ctx, gridId);
  if (typeof input.id === 'string') {
    const existing = await repo.findWorker(db, input.id);
    if (existing && existing.gridId === gridId) return { worker: workerView(ctx, existing), created: false };
    if (existing) throw new DomainError('DUPLICATE', { detail: input.id });
  }
  requireAt(ctx.actor, 'grid.write', g.scopePath);
  const { value, problems } = validateGridWorkerInput(input);
  if (problems.length) throw invalid(problems);
  const id = value.id ?? newId();
  try {
    return await inTx(db, async (tx) => {
      await repo.insertWorker(tx, {
        id, gridId, scopePath: g.scopePath, userId: value.userId ?? null, name: value.name!, phone: value.phone ? sealPhone(ctx.keys, value.phone) : null,
        duty: value.duty ?? 'worker', startOn: value.startOn ?? null, endOn: value.endOn ?? null,
      }, nowIso(ctx), ctx.actor.userId);
      await recordAudit(tx, ctx, { action: 'grid_worker.create', objectType: 'grid_worker', objectId: id, scopePath: g.scopePath, detail: { gridId, name: value.name, duty: value.duty, hasPhone: !!value.phone } });
      return { worker: workerView(ctx, (await repo.findWorker(tx, id))!), created: true };
    });
  } catch (e) {
    if (isForeignKeyViolation(e)) throw userRefProblem(value.userId);
    throw e;
  }
}

/** Updates a grid worker with compare-and-set on version. */
export async function updateGridWorker(db: Db, ctx: Ctx, gridId: string, workerId: string, input: RawInput & { version: number }): Promise<GridWorkerView> {
  const { value, problems } = validateGridWorkerInput(input, true);
  try {
    return await inTx(db, async (tx) => {
      const g = await visibleGrid(tx, ctx, gridId);
      const w = await repo.findWorker(tx, workerId);
      if (!w || w.gridId !== g.id) throw new DomainError('NOT_FOUND');
      requireAt(ctx.actor, 'grid.write', g.scopePath);
      const startOn = value.startOn !== undefined ? value.startOn : w.startOn;
      const endOn = value.endOn !== undefined ? value.endOn : w.endOn;
      if (startOn && endOn && endOn < startOn && !problems.some((p) => p.field === 'endOn')) problems.push(registryProblem('endOn', 'DATE_ORDER'));
      if (problems.length) throw invalid(problems);
      const { phone, id: _id, ...rest } = value;
      const n = await repo.updateWorker(tx, workerId, input.version, { ...rest, ...(phone !== undefined ? { phone: phone ? sealPhone(ctx.keys, phone) : null } : {}) }, nowIso(ctx));
      if (n === 0) throw new DomainError('STALE', { currentVersion: w.version }, [], { currentVersion: w.version });
      await recordAudit(tx, ctx, { action: 'grid_worker.update', objectType: 'grid_worker', objectId: workerId, scopePath: g.scopePath, detail: { fields: Object.keys(value), ...rest } });
      return workerView(ctx, (await repo.findWorker(tx, workerId))!);
    });
  } catch (e) {
    if (isForeignKeyViolation(e)) throw userRefProblem(value.userId);
    throw e;
  }
}

/** Takes a worker off a grid. */
export async function deleteGridWorker(db: Db, ctx: Ctx, gridId: string, workerId: string): Promise<void> {
  await inTx(db, async (tx) => {
    const g = await visibleGrid(tx, ctx, gridId);
    const w = await repo.findWorker(tx, workerId);
    if (!w || w.gridId !== g.id) throw new DomainError('NOT_FOUND');
    requireAt(ctx.actor, 'grid.write', g.scopePath);
    await repo.deleteWorker(tx, workerId);
    await recordAudit(tx, ctx, { action: 'grid_worker.delete', objectType: 'grid_worker', objectId: workerId, scopePath: g.scopePath, detail: { gridId, name: w.name } });
  });
}
