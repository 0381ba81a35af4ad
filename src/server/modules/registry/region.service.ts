import { DomainError, invalid } from '../../../shared/errors.ts';
import { registryProblem } from '../../../shared/registry-problems.ts';
import { inScope, inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, scopesFor, type Actor } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { buildTree, regionPath, validateRegionInput, validateRegionPatch, type Region } from './region.ts';
import { ancestorPaths, foldScopes } from './scope.ts';
import type { RawInput } from './input.ts';
import * as repo from './region.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** A region as the API shows it. */
export interface RegionView extends Region {
  /** Shown only so the caller can reach the regions they hold (their own grants sit below it). */
  ancestorOnly: boolean;
  abilities: { update: boolean; createChild: boolean };
}

/** Scopes under which the caller may see regions: region.read or compound.read. */
export function regionReadScopes(actor: Actor): string[] {
  return foldScopes([...scopesFor(actor, 'region.read'), ...scopesFor(actor, 'compound.read')]);
}

function parentPathOf(r: { scopePath: string }): string {
  return ancestorPaths(r.scopePath).at(-1) ?? '/';
}

function view(actor: Actor, r: Region, scopes: readonly string[]): RegionView {
  const full = inScope(r.scopePath, scopes);
  return {
    ...r,
    ancestorOnly: !full,
    abilities: { update: full && can(actor, 'region.write', parentPathOf(r)), createChild: can(actor, 'region.write', r.scopePath) },
  };
}

function visibility(actor: Actor) {
  const scopes = regionReadScopes(actor);
  if (scopes.length === 0) throw new DomainError('FORBIDDEN', { permission: 'region.read' });
  const ancestors = scopes.includes('/') ? [] : [...new Set(scopes.flatMap(ancestorPaths))];
  return { scopes, ancestors };
}

/** The region tree the caller may see (with the ancestors needed to reach it), or the children of one region. */
export async function listRegions(db: Db, ctx: Ctx, f: { parentId?: string; level?: string }) {
  const { scopes, ancestors } = visibility(ctx.actor);
  const rows = await repo.listRegions(db, { prefixes: scopes, ancestors, parentId: f.parentId, level: f.level });
  const items = rows.map((r) => view(ctx.actor, r, scopes));
  if (f.parentId !== undefined || f.level !== undefined) return { items, total: items.length };
  return { items: buildTree(items), total: items.length };
}

/** One region, if the caller may see it (in scope or as an ancestor of their scope). */
export async function getRegion(db: Db, ctx: Ctx, id: string): Promise<RegionView> {
  const { scopes, ancestors } = visibility(ctx.actor);
  const r = await repo.findRegion(db, id);
  if (!r || !(inScope(r.scopePath, scopes) || ancestors.includes(r.scopePath))) throw new DomainError('NOT_FOUND');
  return view(ctx.actor, r, scopes);
}

/** Creates a region under a parent (region.write at the parent; at `/` for a root). A retried id returns the first result. */
export async function createRegion(db: Db, ctx: Ctx, input: RawInput): Promise<{ region: RegionView; created: boolean }> {
  const scopes = regionReadScopes(ctx.actor);
  if (typeof input.id === 'string') {
    const existing = await repo.findRegion(db, input.id);
    if (existing) {
      if (!inScope(existing.scopePath, scopes)) throw new DomainError('DUPLICATE', { detail: input.id });
      return { region: view(ctx.actor, existing, scopes), created: false };
    }
  }
  const parentId = typeof input.parentId === 'string' && input.parentId ? input.parentId : null;
  const parent = parentId ? await repo.findRegion(db, parentId) : null;
  if (parentId && !parent) throw invalid([registryProblem('parentId', 'NOT_FOUND_REF', { value: parentId })]);
  requireAt(ctx.actor, 'region.write', parent ? parent.scopePath : '/');
  const { value, problems } = validateRegionInput(input, parent);
  if (problems.length) throw invalid(problems);
  const scopePath = regionPath(parent?.scopePath ?? null, value.code);
  if (await repo.findRegionByPath(db, scopePath)) throw invalid([registryProblem('code', 'DUPLICATE_VALUE', { value: value.code })]);
  const id = value.id ?? newId();
  return inTx(db, async (tx) => {
    const now = nowIso(ctx);
    await repo.insertRegion(tx, { id, code: value.code, name: value.name, level: value.level, parentId: parent?.id ?? null, scopePath, validFrom: value.validFrom, validTo: value.validTo, createdAt: now }, ctx.actor.userId);
    await recordAudit(tx, ctx, { action: 'region.create', objectType: 'region', objectId: id, scopePath, detail: { code: value.code, name: value.name, level: value.level } });
    return { region: view(ctx.actor, (await repo.findRegion(tx, id))!, regionReadScopes(ctx.actor)), created: true };
  });
}

/** Renames a region or sets its end date, with compare-and-set on version. */
export async function updateRegion(db: Db, ctx: Ctx, id: string, input: RawInput & { version: number }): Promise<RegionView> {
  const scopes = regionReadScopes(ctx.actor);
  return inTx(db, async (tx) => {
    const r = await repo.findRegion(tx, id);
    if (!r || !inScope(r.scopePath, scopes)) throw new DomainError('NOT_FOUND');
    requireAt(ctx.actor, 'region.write', parentPathOf(r));
    const { value, problems } = validateRegionPatch(input, r);
    if (problems.length) throw invalid(problems);
    const n = await repo.updateRegion(tx, id, input.version, value, nowIso(ctx));
    if (n === 0) throw new DomainError('STALE', { currentVersion: r.version }, [], { currentVersion: r.version });
    await recordAudit(tx, ctx, { action: 'region.update', objectType: 'region', objectId: id, scopePath: r.scopePath, detail: { fields: Object.keys(value), ...value } });
    return view(ctx.actor, (await repo.findRegion(tx, id))!, scopes);
  });
}
