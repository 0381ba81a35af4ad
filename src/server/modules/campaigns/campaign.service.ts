import { campaignProblem, type CampaignCoverage, type CampaignView } from '../../../shared/campaigns.ts';
import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, requireScopes, scopesFor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { currentCategorySet } from '../incidents/index.ts';
import { findRegionRef } from '../registry/index.ts';
import { checkCampaignFields, coverageOf, reasonProblem, statusWords, type CampaignFields, type CategoryRef } from './campaign.ts';
import * as repo from './campaign.repository.ts';
import { newId } from '../../../shared/ids.ts';

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

/** The categories of the current incident version, for checking and naming problem types. */
export async function categoryRefs(db: Db): Promise<CategoryRef[]> {
  return (await currentCategorySet(db)).categories.map((c) => ({ code: c.code, name: c.name }));
}

function nameOf(categories: readonly CategoryRef[], code: string) {
  return categories.find((c) => c.code === code)?.name ?? { zh: code, en: code };
}

const NO_TASKS: repo.TaskCounts = { inScope: 0, inspected: 0, waived: 0, problemsFound: 0 };

function view(ctx: Ctx, c: repo.CampaignRow, counts: repo.TaskCounts, categories: readonly CategoryRef[]): CampaignView {
  const manage = can(ctx.actor, 'campaign.manage', c.scopePath);
  const manageInside = manage || scopesFor(ctx.actor, 'campaign.manage').some((p) => p.startsWith(c.scopePath));
  return {
    id: c.id, name: c.name, description: c.description, region: { id: c.regionId, name: c.regionName, level: c.regionLevel },
    problemTypes: c.problemTypes.map((code) => ({ code, name: nameOf(categories, code) })), startsOn: c.startsOn, endsOn: c.endsOn, status: c.status,
    overdue: c.status === 'running' && todayCst(ctx.clock) > c.endsOn, startedAt: c.startedAt, finishedAt: c.finishedAt, coverage: coverageOf(counts),
    version: c.version,
    abilities: { edit: manage && c.status !== 'finished', start: manage && c.status === 'planned', finish: manage && c.status === 'running', addTask: manageInside && c.status === 'running' },
  };
}

/** A campaign the caller may read (one over, at or under their campaign.read places); not found otherwise. */
export async function readableCampaign(db: Db, ctx: Ctx, id: string): Promise<repo.CampaignRow> {
  const c = await repo.findCampaign(db, id, requireScopes(ctx.actor, 'campaign.read'));
  if (!c) throw new DomainError('NOT_FOUND');
  return c;
}

async function campaignView(db: Db, ctx: Ctx, c: repo.CampaignRow): Promise<CampaignView> {
  const counts = await repo.taskCounts(db, [c.id], scopesFor(ctx.actor, 'campaign.read'));
  return view(ctx, c, counts.get(c.id) ?? NO_TASKS, await categoryRefs(db));
}

/** One campaign with its coverage over the tasks the caller can see. */
export async function getCampaign(db: Db, ctx: Ctx, id: string): Promise<CampaignView> {
  return campaignView(db, ctx, await readableCampaign(db, ctx, id));
}

/** One page of campaigns the caller can see, optionally over one place (at, above or under it). */
export async function listCampaigns(db: Db, ctx: Ctx, q: { regionId?: string; status?: string; q?: string }, limit: number, offset: number): Promise<{ items: CampaignView[]; total: number }> {
  const prefixes = requireScopes(ctx.actor, 'campaign.read');
  let placePath: string | undefined;
  if (q.regionId) {
    const r = await findRegionRef(db, q.regionId);
    if (!r) return { items: [], total: 0 };
    placePath = r.scopePath;
  }
  const page = await repo.listCampaigns(db, { prefixes, placePath, status: q.status, q: q.q }, limit, offset);
  const [counts, categories] = await Promise.all([repo.taskCounts(db, page.rows.map((c) => c.id), prefixes), categoryRefs(db)]);
  return { items: page.rows.map((c) => view(ctx, c, counts.get(c.id) ?? NO_TASKS, categories)), total: page.total };
}

/** Input of a campaign create. */
export type NewCampaign = CampaignFields & { id?: string; regionId: string };

/** Plans a campaign over a region (campaign.manage there); problem types are checked against the current incident categories. Idempotent on id. */
export async function createCampaign(db: Db, ctx: Ctx, input: NewCampaign): Promise<{ campaign: CampaignView; created: boolean }> {
  const prefixes = requireScopes(ctx.actor, 'campaign.manage');
  const id = input.id?.toLowerCase() ?? newId();
  const existing = await repo.findCampaign(db, id, null);
  if (existing) {
    if (!(await repo.findCampaign(db, id, requireScopes(ctx.actor, 'campaign.read')))) throw new DomainError('ID_CONFLICT');
    return { campaign: await campaignView(db, ctx, existing), created: false };
  }
  const region = await findRegionRef(db, input.regionId);
  if (!region) throw invalid([campaignProblem('regionId', 'REGION_UNKNOWN', { value: input.regionId })]);
  if (!prefixes.some((p) => region.scopePath.startsWith(p))) throw new DomainError('OUT_OF_SCOPE');
  const problems = checkCampaignFields(input, await categoryRefs(db), null);
  if (problems.length) throw invalid(problems);
  const rec: repo.CampaignInsert = {
    id, name: input.name!.trim(), description: input.description?.trim() || null, regionId: region.id, scopePath: region.scopePath,
    problemTypes: input.problemTypes!, startsOn: input.startsOn!, endsOn: input.endsOn!,
  };
  try {
    return await inTx(db, async (tx) => {
      await repo.insertCampaign(tx, rec, nowIso(ctx), ctx.actor.userId);
      const { description: _d, ...facts } = rec;
      await recordAudit(tx, ctx, { action: 'campaign.create', objectType: 'campaign', objectId: id, scopePath: region.scopePath, detail: facts });
      return { campaign: await campaignView(tx, ctx, (await repo.findCampaign(tx, id, null))!), created: true };
    });
  } catch (e) {
    if (repo.isUniqueViolation(e) && (await repo.findCampaign(db, id, null))) return createCampaign(db, ctx, input);
    throw e;
  }
}

/** A campaign the caller manages (campaign.manage at its region), at the version they read. */
async function managedCampaign(db: Db, ctx: Ctx, id: string, version: number): Promise<repo.CampaignRow> {
  const c = await readableCampaign(db, ctx, id);
  requireAt(ctx.actor, 'campaign.manage', c.scopePath);
  if (c.version !== version) throw stale(c.version);
  return c;
}

/** Changes a campaign: name, description and end date until it finishes; region, problem types and start date only while planned. */
export async function updateCampaign(db: Db, ctx: Ctx, id: string, input: CampaignFields & { version: number; regionId?: string }): Promise<CampaignView> {
  const c = await managedCampaign(db, ctx, id, input.version);
  if (c.status === 'finished') throw new DomainError('CAMPAIGN_FINISHED');
  const { version: _v, ...f } = input;
  if (c.status !== 'planned' && (f.regionId !== undefined || f.problemTypes !== undefined || f.startsOn !== undefined)) throw new DomainError('CAMPAIGN_NOT_PLANNED', statusWords(c.status));
  const patch: repo.CampaignPatch = {};
  if (f.regionId !== undefined && f.regionId !== c.regionId) {
    const region = await findRegionRef(db, f.regionId);
    if (!region) throw invalid([campaignProblem('regionId', 'REGION_UNKNOWN', { value: f.regionId })]);
    requireAt(ctx.actor, 'campaign.manage', region.scopePath);
    patch.region_id = region.id;
    patch.scope_path = region.scopePath;
  }
  const problems = checkCampaignFields(f, await categoryRefs(db), c);
  if (problems.length) throw invalid(problems);
  if (f.name !== undefined) patch.name = f.name.trim();
  if (f.description !== undefined) patch.description = f.description?.trim() || null;
  if (f.problemTypes !== undefined) patch.problem_types = JSON.stringify(f.problemTypes);
  if (f.startsOn !== undefined) patch.starts_on = f.startsOn;
  if (f.endsOn !== undefined) patch.ends_on = f.endsOn;
  return inTx(db, async (tx) => {
    if ((await repo.updateCampaign(tx, id, c.version, patch, nowIso(ctx))) === 0) throw stale((await repo.findCampaign(tx, id, null))?.version ?? c.version);
    const { description: _d, ...facts } = f;
    await recordAudit(tx, ctx, { action: 'campaign.update', objectType: 'campaign', objectId: id, scopePath: c.scopePath, detail: { fields: Object.keys(f), ...facts } });
    return campaignView(tx, ctx, (await repo.findCampaign(tx, id, null))!);
  });
}

/**
 * Starts a planned campaign: one open inspection task for every compound under its region at this moment (the snapshot;
 * compounds registered later show up as "added after start" until someone adds them). Refused when there is no compound.
 */
export async function startCampaign(db: Db, ctx: Ctx, id: string, version: number): Promise<CampaignView> {
  const c = await managedCampaign(db, ctx, id, version);
  if (c.status !== 'planned') throw new DomainError('CAMPAIGN_NOT_PLANNED', statusWords(c.status));
  return inTx(db, async (tx) => {
    const now = nowIso(ctx);
    if ((await repo.updateCampaign(tx, id, c.version, { status: 'running', started_at: now, started_by: ctx.actor.userId }, now)) === 0) {
      throw stale((await repo.findCampaign(tx, id, null))?.version ?? c.version);
    }
    const compounds = await repo.compoundsUnder(tx, c.scopePath);
    if (!compounds.length) throw new DomainError('CAMPAIGN_NO_COMPOUNDS');
    await repo.insertTasks(tx, compounds.map((x) => ({
      id: newId(), campaignId: id, compoundId: x.id, communityId: x.communityId, scopePath: x.scopePath, origin: 'snapshot' as const,
    })), now, ctx.actor.userId);
    await recordAudit(tx, ctx, { action: 'campaign.start', objectType: 'campaign', objectId: id, scopePath: c.scopePath, detail: { tasks: compounds.length } });
    return campaignView(tx, ctx, (await repo.findCampaign(tx, id, null))!);
  });
}

/**
 * Finishes a running campaign. Every task must be inspected or waived, and every compound under the region must have a
 * task: nothing is skipped silently. Waivers may come with the request (each open task with a reason); they are recorded
 * in the same transaction, and none is kept if the finish is refused.
 */
export async function finishCampaign(db: Db, ctx: Ctx, id: string, input: { version: number; waive?: { taskId: string; reason: string }[] }): Promise<CampaignView> {
  const c = await managedCampaign(db, ctx, id, input.version);
  if (c.status !== 'running') throw new DomainError('CAMPAIGN_NOT_RUNNING', statusWords(c.status));
  const waive = input.waive ?? [];
  const tasks = new Map((await repo.tasksByIds(db, id, waive.map((w) => w.taskId))).map((t) => [t.id, t]));
  const problems = waive.flatMap((w, i) => {
    const t = tasks.get(w.taskId);
    if (!t) return [campaignProblem(`waive.${i}.taskId`, 'TASK_UNKNOWN', { value: w.taskId })];
    if (t.status !== 'open') return [campaignProblem(`waive.${i}.taskId`, 'TASK_NOT_OPEN', { value: statusWords(t.status).statusZh })];
    const r = reasonProblem(`waive.${i}.reason`, w.reason);
    return r ? [r] : [];
  });
  if (new Set(waive.map((w) => w.taskId)).size !== waive.length) problems.push(fieldProblem('waive', 'DUPLICATE_VALUE', { value: waive.map((w) => w.taskId).join(', ') }));
  if (problems.length) throw invalid(problems);
  return inTx(db, async (tx) => {
    const now = nowIso(ctx);
    for (const w of waive) {
      const t = tasks.get(w.taskId)!;
      if ((await repo.updateOpenTask(tx, t.id, t.version, { status: 'waived', waived_at: now, waived_by_name: ctx.actor.displayName, waive_reason: w.reason.trim() }, now)) === 0) {
        throw stale((await repo.findTask(tx, t.id, null))?.version ?? t.version);
      }
      await recordAudit(tx, ctx, { action: 'campaign_task.waive', objectType: 'campaign_task', objectId: t.id, scopePath: t.scopePath, reason: w.reason.trim(), detail: { campaignId: id, compoundId: t.compoundId } });
    }
    const open = await repo.openTaskCount(tx, id);
    if (open > 0) throw new DomainError('CAMPAIGN_TASKS_OPEN', { count: open }, [], { open });
    const unlisted = await repo.unlistedCompounds(tx, c, ['/']);
    if (unlisted.length) throw new DomainError('CAMPAIGN_COMPOUNDS_UNLISTED', { count: unlisted.length }, [], { compoundIds: unlisted.map((u) => u.compoundId) });
    if ((await repo.updateCampaign(tx, id, c.version, { status: 'finished', finished_at: now, finished_by: ctx.actor.userId }, now)) === 0) {
      throw stale((await repo.findCampaign(tx, id, null))?.version ?? c.version);
    }
    await recordAudit(tx, ctx, { action: 'campaign.finish', objectType: 'campaign', objectId: id, scopePath: c.scopePath, detail: { waived: waive.length } });
    return campaignView(tx, ctx, (await repo.findCampaign(tx, id, null))!);
  });
}

/**
 * A campaign's coverage over the tasks the caller can see: totals, per community, the compounds registered after the start
 * that have no task yet, and findings per problem type. Every figure is counted in SQL.
 */
export async function campaignCoverage(db: Db, ctx: Ctx, id: string): Promise<CampaignCoverage> {
  const c = await readableCampaign(db, ctx, id);
  const prefixes = scopesFor(ctx.actor, 'campaign.read');
  const [totals, communities, unlisted, byType, categories] = await Promise.all([
    repo.taskCounts(db, [id], prefixes), repo.countsByCommunity(db, id, prefixes),
    c.status === 'planned' ? Promise.resolve([]) : repo.unlistedCompounds(db, c, prefixes), repo.findingsByType(db, id, prefixes), categoryRefs(db),
  ]);
  return {
    campaignId: id,
    totals: { ...coverageOf(totals.get(id) ?? NO_TASKS), findings: byType.reduce((s, t) => s + t.count, 0) },
    byCommunity: communities.map(({ communityId, communityName, ...n }) => ({ communityId, communityName, ...coverageOf(n) })),
    addedAfterStart: unlisted,
    findingsByType: byType.map((t) => ({ categoryCode: t.categoryCode, name: nameOf(categories, t.categoryCode), count: t.count })),
  };
}
