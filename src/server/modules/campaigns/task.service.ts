import { campaignProblem, type FindingView, type TaskView } from '../../../shared/campaigns.ts';
import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, requireScopes, scopesFor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { currentCategorySet, minorOf, reportIncident } from '../incidents/index.ts';
import { findCompoundRef } from '../registry/index.ts';
import { checkInspection, reasonProblem, statusWords, type InspectionInput } from './campaign.ts';
import * as repo from './campaign.repository.ts';
import { readableCampaign } from './campaign.service.ts';
import { newId } from '../../../shared/ids.ts';

/**
 * The channel a finding is reported under: a campaign inspection is a patrol by the inspector, who thereby becomes the
 * default verifier of the fix. The link back to the campaign lives in campaign_finding.
 */
export const FINDING_CHANNEL = 'patrol' as const;

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

function findingView(f: repo.FindingRow): FindingView {
  return {
    id: f.id, incidentId: f.incidentId, taskId: f.taskId, compound: { id: f.compoundId, name: f.compoundName }, categoryCode: f.categoryCode,
    description: f.description, recordedAt: f.createdAt, recordedBy: f.createdByName,
  };
}

function taskView(ctx: Ctx, t: repo.TaskRow, running: boolean, findings: repo.FindingRow[]): TaskView {
  const open = running && t.status === 'open';
  return {
    id: t.id, campaignId: t.campaignId, compound: { id: t.compoundId, name: t.compoundName }, community: { id: t.communityId, name: t.communityName },
    origin: t.origin, status: t.status, inspectedAt: t.inspectedAt, inspectedBy: t.inspectedByName, result: t.result, note: t.note, waivedAt: t.waivedAt,
    waivedBy: t.waivedByName, waiveReason: t.waiveReason, findings: findings.filter((f) => f.taskId === t.id).map(findingView), version: t.version,
    abilities: { inspect: open && can(ctx.actor, 'incident.report', t.scopePath), waive: open && can(ctx.actor, 'campaign.manage', t.scopePath) },
  };
}

async function oneView(db: Db, ctx: Ctx, t: repo.TaskRow): Promise<TaskView> {
  const c = await readableCampaign(db, ctx, t.campaignId);
  return taskView(ctx, t, c.status === 'running', await repo.findingsOfTasks(db, [t.id]));
}

/** A task the caller may read (campaign.read at its compound); not found otherwise. */
async function readableTask(db: Db, ctx: Ctx, id: string): Promise<repo.TaskRow> {
  const t = await repo.findTask(db, id, requireScopes(ctx.actor, 'campaign.read'));
  if (!t) throw new DomainError('NOT_FOUND');
  return t;
}

/** One inspection task with its findings. */
export async function getTask(db: Db, ctx: Ctx, id: string): Promise<TaskView> {
  return oneView(db, ctx, await readableTask(db, ctx, id));
}

/** One page of a campaign's tasks the caller can see; status=open lists the compounds not yet inspected. */
export async function listTasks(db: Db, ctx: Ctx, campaignId: string, q: { status?: string; communityId?: string; origin?: string }, limit: number, offset: number): Promise<{ items: TaskView[]; total: number }> {
  const c = await readableCampaign(db, ctx, campaignId);
  const page = await repo.listTasks(db, campaignId, { prefixes: scopesFor(ctx.actor, 'campaign.read'), ...q }, limit, offset);
  const findings = await repo.findingsOfTasks(db, page.rows.map((t) => t.id));
  return { items: page.rows.map((t) => taskView(ctx, t, c.status === 'running', findings)), total: page.total };
}

/** One page of a campaign's findings the caller can see, each with the incident it became. */
export async function listFindings(db: Db, ctx: Ctx, campaignId: string, q: { categoryCode?: string }, limit: number, offset: number): Promise<{ items: FindingView[]; total: number }> {
  await readableCampaign(db, ctx, campaignId);
  const page = await repo.listFindings(db, campaignId, { prefixes: scopesFor(ctx.actor, 'campaign.read'), categoryCode: q.categoryCode }, limit, offset);
  return { items: page.rows.map(findingView), total: page.total };
}

/**
 * Adds a task for a compound under the campaign's region that the start snapshot did not include (campaign.manage at the
 * compound). The compound's existing task is returned (200) if it has one, so a retry creates nothing.
 */
export async function addTask(db: Db, ctx: Ctx, campaignId: string, compoundId: string): Promise<{ task: TaskView; created: boolean }> {
  const c = await readableCampaign(db, ctx, campaignId);
  const compound = await findCompoundRef(db, compoundId);
  if (!compound) throw invalid([fieldProblem('compoundId', 'NOT_FOUND_REF', { value: compoundId })]);
  requireAt(ctx.actor, 'campaign.manage', compound.scopePath);
  const existing = await repo.taskOfCompound(db, campaignId, compound.id);
  if (existing) return { task: await oneView(db, ctx, existing), created: false };
  if (c.status !== 'running') throw new DomainError('CAMPAIGN_NOT_RUNNING', statusWords(c.status));
  if (!compound.scopePath.startsWith(c.scopePath)) throw invalid([campaignProblem('compoundId', 'COMPOUND_NOT_IN_REGION', { value: compound.name })]);
  const id = newId();
  try {
    return await inTx(db, async (tx) => {
      await repo.insertTasks(tx, [{ id, campaignId, compoundId: compound.id, communityId: compound.communityId, scopePath: compound.scopePath, origin: 'added' }], nowIso(ctx), ctx.actor.userId);
      await recordAudit(tx, ctx, { action: 'campaign_task.add', objectType: 'campaign_task', objectId: id, scopePath: compound.scopePath, detail: { campaignId, compoundId: compound.id } });
      return { task: await oneView(tx, ctx, (await repo.findTask(tx, id, null))!), created: true };
    });
  } catch (e) {
    const again = repo.isUniqueViolation(e) ? await repo.taskOfCompound(db, campaignId, compound.id) : null;
    if (again) return { task: await oneView(db, ctx, again), created: false };
    throw e;
  }
}

/**
 * Records the inspection of a compound (campaign.read and incident.report at it, campaign running, task open): the result,
 * and each finding reported as an incident through the incidents module (the campaign's category, same compound, photos
 * optional) and linked to the campaign; all in one transaction with compare-and-set on the task. A resend carrying the same
 * inspection id returns the recorded inspection; each finding's id becomes its incident's id, so no incident is doubled.
 */
export async function inspectTask(db: Db, ctx: Ctx, taskId: string, input: InspectionInput): Promise<TaskView> {
  const t = await readableTask(db, ctx, taskId);
  const inspectionId = input.id?.toLowerCase() ?? null;
  if (inspectionId && t.inspectionId === inspectionId) return oneView(db, ctx, t);
  if (t.version !== input.version) throw stale(t.version);
  const c = await readableCampaign(db, ctx, t.campaignId);
  if (c.status !== 'running') throw new DomainError('CAMPAIGN_NOT_RUNNING', statusWords(c.status));
  if (t.status !== 'open') throw new DomainError('CAMPAIGN_TASK_CLOSED', statusWords(t.status));
  requireAt(ctx.actor, 'incident.report', t.scopePath);
  const set = await currentCategorySet(db);
  const now = ctx.clock.now();
  const problems = checkInspection(input, c.problemTypes, (code) => !!minorOf(set.categories, code), now);
  if (problems.length) throw invalid(problems);
  const findings = input.findings ?? [];
  return inTx(db, async (tx) => {
    const at = nowIso(ctx);
    const inspectedAt = input.inspectedAt ? new Date(input.inspectedAt).toISOString() : at;
    const patch: repo.TaskPatch = {
      status: 'inspected', inspection_id: inspectionId, inspected_at: inspectedAt, inspected_by: ctx.actor.userId, inspected_by_name: ctx.actor.displayName,
      result: input.result, note: input.note?.trim() || null,
    };
    if ((await repo.updateOpenTask(tx, t.id, t.version, patch, at)) === 0) throw stale((await repo.findTask(tx, t.id, null))?.version ?? t.version);
    const incidentIds: string[] = [];
    for (const f of findings) {
      const r = await reportIncident(tx, ctx, {
        id: f.id, categoryCode: f.categoryCode, description: f.description.trim(), compoundId: t.compoundId, photos: f.photos ?? [],
        lat: f.lat ?? null, lng: f.lng ?? null, address: f.address ?? null, sourceChannel: FINDING_CHANNEL,
      });
      // An id that already names an incident belongs to something else: this task was open, so it is not a resend.
      if (!r.created) throw new DomainError('ID_CONFLICT');
      incidentIds.push(r.incident.id);
      await repo.insertFinding(tx, { campaignId: c.id, taskId: t.id, incidentId: r.incident.id, seq: incidentIds.length, categoryCode: f.categoryCode, description: f.description.trim() }, at, ctx.actor.userId, ctx.actor.displayName);
    }
    await recordAudit(tx, ctx, {
      action: 'campaign_task.inspect', objectType: 'campaign_task', objectId: t.id, scopePath: t.scopePath,
      detail: { campaignId: c.id, compoundId: t.compoundId, result: input.result, inspectedAt, incidents: incidentIds },
    });
    return oneView(tx, ctx, (await repo.findTask(tx, t.id, null))!);
  });
}

/** Waives an open task with a stated reason (campaign.manage at its compound); the reason is kept on the task and in the audit log. */
export async function waiveTask(db: Db, ctx: Ctx, taskId: string, input: { version: number; reason: string }): Promise<TaskView> {
  const t = await readableTask(db, ctx, taskId);
  requireAt(ctx.actor, 'campaign.manage', t.scopePath);
  if (t.version !== input.version) throw stale(t.version);
  const c = await readableCampaign(db, ctx, t.campaignId);
  if (c.status !== 'running') throw new DomainError('CAMPAIGN_NOT_RUNNING', statusWords(c.status));
  if (t.status !== 'open') throw invalid([campaignProblem('taskId', 'TASK_NOT_OPEN', { value: statusWords(t.status).statusZh })]);
  const r = reasonProblem('reason', input.reason);
  if (r) throw invalid([r]);
  return inTx(db, async (tx) => {
    const at = nowIso(ctx);
    if ((await repo.updateOpenTask(tx, t.id, t.version, { status: 'waived', waived_at: at, waived_by_name: ctx.actor.displayName, waive_reason: input.reason.trim() }, at)) === 0) {
      throw stale((await repo.findTask(tx, t.id, null))?.version ?? t.version);
    }
    await recordAudit(tx, ctx, { action: 'campaign_task.waive', objectType: 'campaign_task', objectId: t.id, scopePath: t.scopePath, reason: input.reason.trim(), detail: { campaignId: c.id, compoundId: t.compoundId } });
    return oneView(tx, ctx, (await repo.findTask(tx, t.id, null))!);
  });
}
