import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { registryProblem } from '../../../shared/registry-problems.ts';
import { inScope, inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, requireScopes, scopesFor, type Actor } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { compoundPath, validateCompoundInput, validateCompoundPatch, type CompoundSort } from './compound.ts';
import { loadCommunity } from './grid.service.ts';
import type { RawInput } from './input.ts';
import * as documents from './document.repository.ts';
import * as grids from './grid.repository.ts';
import * as regions from './region.repository.ts';
import * as repo from './compound.repository.ts';
import { isForeignKeyViolation } from './scope.repository.ts';
import { fiveOnesCondition, fiveOnesFor, hasActiveOrgCondition, FIVE_ONES_ITEMS, type FiveOnes } from '../orgs/index.ts';
import type { FiveOnesItem } from '../../../shared/org-types.ts';
import { narrowScopes } from './scope.ts';
import { newId } from '../../../shared/ids.ts';

/** The five-ones checklist in brief, as lists show it. */
export interface FiveOnesBrief {
  score: number;
  missing: FiveOnesItem[];
}

/** What the caller may do at a compound: edit it, and add organisations/pairings or households/residents under it. */
export interface CompoundAbilities {
  update: boolean;
  delete: boolean;
  writeOrgs: boolean;
  writeResidents: boolean;
  export: boolean;
}

/** A compound as the API shows it. */
export type CompoundView = repo.CompoundRow & { abilities: CompoundAbilities; fiveOnes?: FiveOnesBrief };
/** A compound with the numbers of records under it and its full five-ones checklist. */
export type CompoundDetail = CompoundView & { counts: { buildings: number; households: number; residents: number }; fiveOnesDetail?: FiveOnes };

/** Filters and order of the compound list. */
export interface CompoundFilter {
  communityId?: string;
  /** Any region: compounds anywhere under it. */
  regionId?: string;
  housingType?: string;
  propertyMode?: string;
  gridId?: string;
  /** Name fragment. */
  q?: string;
  /** Five-ones completeness: all five met, or at least one missing. */
  fiveOnes?: 'complete' | 'incomplete';
  /** Lacking every listed checklist item. */
  missing?: FiveOnesItem[];
  /** Has (true) or lacks (false) an owners', courtyard or self-management committee. */
  hasOwnersCommittee?: boolean;
  sort?: CompoundSort;
  dir?: 'asc' | 'desc';
}

function view(actor: Actor, c: repo.CompoundRow): CompoundView {
  const w = can(actor, 'compound.write', c.scopePath);
  return {
    ...c,
    abilities: { update: w, delete: w, writeOrgs: can(actor, 'org.write', c.scopePath), writeResidents: can(actor, 'resident.write', c.scopePath), export: can(actor, 'export.run', c.scopePath) },
  };
}

async function detail(db: Db, ctx: Ctx, c: repo.CompoundRow): Promise<CompoundDetail> {
  const five = (await fiveOnesFor(db, ctx, [c.id])).get(c.id);
  return { ...view(ctx.actor, c), ...(five ? { fiveOnes: brief(five), fiveOnesDetail: five } : {}), counts: await repo.compoundCounts(db, c.id) };
}

function brief(f: FiveOnes): FiveOnesBrief {
  return { score: f.score, missing: f.missing };
}

const COMMITTEE_TYPES = ['owners_committee', 'courtyard_committee', 'self_management_committee'] as const;

/** Conditions the orgs module contributes to the compound list (five ones, committees). */
function orgConditions(filter: CompoundFilter, today: string): NonNullable<repo.CompoundQuery['extra']> {
  const out: NonNullable<repo.CompoundQuery['extra']> = [];
  const all = (eb: Parameters<ReturnType<typeof fiveOnesCondition>>[0]) => eb.and(FIVE_ONES_ITEMS.map((i) => fiveOnesCondition(i, today)(eb)));
  if (filter.fiveOnes === 'complete') out.push((eb) => all(eb as never));
  if (filter.fiveOnes === 'incomplete') out.push((eb) => eb.not(all(eb as never)));
  for (const m of filter.missing ?? []) out.push((eb) => eb.not(fiveOnesCondition(m, today)(eb as never)));
  if (filter.hasOwnersCommittee !== undefined) {
    const has = hasActiveOrgCondition(COMMITTEE_TYPES, today);
    out.push(filter.hasOwnersCommittee ? (eb) => has(eb as never) : (eb) => eb.not(has(eb as never)));
  }
  return out;
}

/** Field problem when a grid is missing or belongs to another community than the compound's. */
export async function gridProblem(db: Db, gridId: string, communityId: string, field = 'gridId'): Promise<FieldProblem | null> {
  const g = await grids.findGrid(db, gridId);
  if (!g) return registryProblem(field, 'NOT_FOUND_REF', { value: gridId });
  if (g.communityId !== communityId) return registryProblem(field, 'OTHER_COMMUNITY', { value: g.name });
  return null;
}

/** One page of compounds under the caller's compound.read scope, filtered and sorted on the server. */
export async function listCompounds(db: Db, ctx: Ctx, filter: CompoundFilter, page: { page: number; pageSize: number }) {
  let prefixes = requireScopes(ctx.actor, 'compound.read');
  for (const rid of [filter.regionId, filter.communityId]) {
    if (!rid) continue;
    const region = await regions.findRegion(db, rid);
    prefixes = region ? narrowScopes(prefixes, region.scopePath) : [];
  }
  const r = await repo.listCompounds(
    db,
    {
      prefixes, communityId: filter.communityId, gridId: filter.gridId, housingType: filter.housingType, propertyMode: filter.propertyMode, q: filter.q,
      extra: orgConditions(filter, todayCst(ctx.clock)),
    },
    filter.sort ?? 'name', filter.dir ?? 'asc', page.pageSize, (page.page - 1) * page.pageSize,
  );
  const five = await fiveOnesFor(db, ctx, r.rows.map((c) => c.id));
  const items = r.rows.map((c) => {
    const f = five.get(c.id);
    return { ...view(ctx.actor, c), ...(f ? { fiveOnes: brief(f) } : {}) };
  });
  return { items, total: r.total, page: page.page, pageSize: page.pageSize };
}

/** One compound with counts and abilities; NOT_FOUND when absent or outside the caller's compound.read scope. */
export async function getCompound(db: Db, ctx: Ctx, id: string): Promise<CompoundDetail> {
  const c = await repo.findCompound(db, id, scopesFor(ctx.actor, 'compound.read'));
  if (!c) throw new DomainError('NOT_FOUND');
  return detail(db, ctx, c);
}

/** Creates a compound in a community (compound.write there). A retry with the same id returns the first result. */
export async function createCompound(db: Db, ctx: Ctx, input: RawInput): Promise<{ compound: CompoundDetail; created: boolean }> {
  if (typeof input.id === 'string') {
    const existing = await repo.findCompound(db, input.id.toLowerCase(), ['/']);
    if (existing) {
      if (!inScope(existing.scopePath, scopesFor(ctx.actor, 'compound.read'))) throw new DomainError('DUPLICATE', { detail: input.id });
      return { compound: await detail(db, ctx, existing), created: false };
    }
  }
  const { value, problems } = validateCompoundInput(input, todayCst(ctx.clock));
  const { community, problem } = value.communityId ? await loadCommunity(db, value.communityId) : { community: null, problem: null };
  if (community) requireAt(ctx.actor, 'compound.write', community.scopePath);
  if (problem) problems.push(problem);
  if (community && value.gridId) {
    const gp = await gridProblem(db, value.gridId, community.id);
    if (gp) problems.push(gp);
  }
  if (problems.length || !community) throw invalid(problems);
  const id = value.id ?? newId();
  const scopePath = compoundPath(community.scopePath, id);
  return inTx(db, async (tx) => {
    const { id: _id, ...rest } = value;
    await repo.insertCompound(tx, { ...rest, id, scopePath, createdAt: nowIso(ctx), createdBy: ctx.actor.userId });
    await recordAudit(tx, ctx, { action: 'compound.create', objectType: 'compound', objectId: id, scopePath, detail: { name: value.name, communityId: community.id, housingType: value.housingType, propertyMode: value.propertyMode } });
    return { compound: await detail(tx, ctx, (await repo.findCompound(tx, id, ['/']))!), created: true };
  });
}

/** Updates a compound with compare-and-set on version (409 STALE with currentVersion). */
export async function updateCompound(db: Db, ctx: Ctx, id: string, input: RawInput & { version: number }): Promise<CompoundDetail> {
  return inTx(db, async (tx) => {
    const c = await repo.findCompound(tx, id, scopesFor(ctx.actor, 'compound.read'));
    if (!c) throw new DomainError('NOT_FOUND');
    requireAt(ctx.actor, 'compound.write', c.scopePath);
    const { value, problems } = validateCompoundPatch(input, todayCst(ctx.clock));
    if (value.gridId) {
      const gp = await gridProblem(tx, value.gridId, c.communityId);
      if (gp) problems.push(gp);
    }
    if (problems.length) throw invalid(problems);
    const n = await repo.updateCompound(tx, id, input.version, value, nowIso(ctx));
    if (n === 0) throw new DomainError('STALE', { currentVersion: c.version }, [], { currentVersion: c.version });
    await recordAudit(tx, ctx, { action: 'compound.update', objectType: 'compound', objectId: id, scopePath: c.scopePath, detail: { fields: Object.keys(value), ...value } });
    return detail(tx, ctx, (await repo.findCompound(tx, id, ['/']))!);
  });
}

/** Deletes a compound that has no buildings, households or residents (IN_USE otherwise); its documents go with it. */
export async function deleteCompound(db: Db, ctx: Ctx, id: string): Promise<void> {
  try {
    await inTx(db, async (tx) => {
      const c = await repo.findCompound(tx, id, scopesFor(ctx.actor, 'compound.read'));
      if (!c) throw new DomainError('NOT_FOUND');
      requireAt(ctx.actor, 'compound.write', c.scopePath);
      const d = await repo.compoundDependants(tx, id);
      if (d.buildings || d.households || d.residents) {
        throw new DomainError('IN_USE', { detail: `${d.buildings} 栋楼、${d.households} 户、${d.residents} 名居民 / ${d.buildings} buildings, ${d.households} households, ${d.residents} residents` }, [], d);
      }
      await documents.deleteDocumentsOfCompound(tx, id);
      await repo.deleteCompound(tx, id);
      await recordAudit(tx, ctx, { action: 'compound.delete', objectType: 'compound', objectId: id, scopePath: c.scopePath, detail: { name: c.name } });
    });
  } catch (e) {
    if (isForeignKeyViolation(e)) throw new DomainError('IN_USE', { detail: '仍有组织或结对等记录引用该小区 / other records (organisations, pairings) still refer to it' });
    throw e;
  }
}
