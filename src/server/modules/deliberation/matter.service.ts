import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import type { MatterDetail, MatterSummary, Named } from '../../../shared/deliberation.ts';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';
import { inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, requireScopes } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { availableEvents, heldRelations, methodActor, startInstance, stageOf, updateRelations, type Relations } from '../methods/index.ts';
import { findCompoundRef, findRegionRef } from '../registry/index.ts';
import { checkMatterPatch, checkNewMatter, evaluable, satisfactionOf, type MatterFields } from './matter.ts';
import * as repo from './matter.repository.ts';
import { canTakeUp } from './opinion.ts';
import { opinionsByIds, opinionsOfMatter, takeUp } from './opinion.repository.ts';
import { opinionView } from './opinion.service.ts';
import { newId } from '../../../shared/ids.ts';

const UNKNOWN_NAME = (key: string) => ({ zh: key, en: key });

/** A matter as lists and the board show it. */
export function matterSummary(m: repo.MatterRecord, t: MethodTemplateBody | undefined, now: string): MatterSummary {
  const stage = t ? stageOf(t, m.stage) : undefined;
  return {
    id: m.id, title: m.title, compound: { id: m.compoundId, name: m.compoundName }, category: m.category, source: m.source,
    methodKey: m.methodKey, methodName: t?.name ?? UNKNOWN_NAME(m.methodKey), instanceId: m.instanceId, stage: m.stage,
    stageName: stage?.name ?? UNKNOWN_NAME(m.stage), terminal: m.terminal, dueAt: m.dueAt, overdue: !m.terminal && m.dueAt !== null && m.dueAt < now,
    executorOrg: m.executorOrgId ? { id: m.executorOrgId, name: m.executorOrgName ?? m.executorOrgId } : null, deadline: m.deadline,
    jointDecisionItem: m.jointDecisionItem, decidedAt: m.decidedAt, outcome: m.outcome, satisfaction: satisfactionOf(m.satisfactionSum, m.satisfactionCount),
    satisfactionCount: m.satisfactionCount, createdAt: m.createdAt, version: m.version,
  };
}

/** Summaries of some matters, their templates loaded once. */
export async function summaries(db: Db, ctx: Ctx, rows: repo.MatterRecord[]): Promise<MatterSummary[]> {
  const bodies = await repo.templateBodies(db, rows.map((r) => r.templateId));
  const now = nowIso(ctx);
  return rows.map((r) => matterSummary(r, bodies.get(r.templateId), now));
}

/** One matter with its method's stages, timeline, linked opinions and the caller's abilities. */
export async function matterDetail(db: Db, ctx: Ctx, m: repo.MatterRecord): Promise<MatterDetail> {
  const t = (await repo.templateBodies(db, [m.templateId])).get(m.templateId)!;
  const orgs = await repo.orgNames(db, m.conflictOrgIds);
  const write = can(ctx.actor, 'deliberation.write', m.scopePath);
  const open = !m.terminal;
  const held = heldRelations(m.relations, [ctx.actor.userId]);
  const events = can(ctx.actor, 'method.read', m.scopePath) ? availableEvents(t, m, methodActor(ctx.actor, m.scopePath, m.relations)) : [];
  return {
    ...matterSummary(m, t, nowIso(ctx)),
    description: m.description, decision: m.decision, result: m.result,
    conflictOrgs: m.conflictOrgIds.map((id): Named => ({ id, name: orgs.get(id) ?? id })), conflictMemberIds: m.conflictMemberIds,
    relations: m.relations as Record<string, string | string[]>, instanceVersion: m.instanceVersion,
    stages: t.stages.map((s) => ({ key: s.key, name: s.name, terminal: s.terminal === true, owner: s.owner ?? null })),
    timeline: await repo.timelineOf(db, m.instanceId),
    opinions: (await opinionsOfMatter(db, m.id)).map((o) => opinionView(ctx, o)),
    abilities: {
      edit: write && open,
      events,
      proposeParticipants: write && open,
      setParticipants: open && (write || held.includes('talk_leader')),
      addMeeting: write && open,
      addActionItem: write && open && m.decidedAt !== null,
      evaluate: write && evaluable(m),
    },
  };
}

/** Loads a matter the caller may read, or NOT_FOUND. */
export async function visibleMatter(db: Db, ctx: Ctx, id: string): Promise<repo.MatterRecord> {
  const m = await repo.findMatter(db, id, requireScopes(ctx.actor, 'deliberation.read'));
  if (!m) throw new DomainError('NOT_FOUND');
  return m;
}

/** One matter. */
export async function getMatter(db: Db, ctx: Ctx, id: string): Promise<MatterDetail> {
  return matterDetail(db, ctx, await visibleMatter(db, ctx, id));
}

/** Filters of the matter list as the API takes them. */
export interface MatterQuery {
  regionId?: string;
  compoundId?: string;
  stage?: string;
  methodKey?: string;
  category?: string;
  source?: string;
  overdue?: boolean;
  open?: boolean;
  q?: string;
}

async function filterOf(db: Db, ctx: Ctx, q: MatterQuery): Promise<repo.MatterFilter | null> {
  let underPath: string | undefined;
  if (q.regionId) {
    const r = await findRegionRef(db, q.regionId);
    if (!r) return null;
    underPath = r.scopePath;
  }
  const { regionId: _r, overdue, ...rest } = q;
  return { ...rest, underPath, overdueAt: overdue ? nowIso(ctx) : undefined };
}

/** Matters in the caller's scope, newest first. */
export async function listMatters(db: Db, ctx: Ctx, q: MatterQuery, limit: number, offset: number): Promise<{ items: MatterSummary[]; total: number }> {
  const scopes = requireScopes(ctx.actor, 'deliberation.read');
  const f = await filterOf(db, ctx, q);
  if (!f) return { items: [], total: 0 };
  const page = await repo.listMatters(db, scopes, f, limit, offset);
  return { total: page.total, items: await summaries(db, ctx, page.rows) };
}

/** Items per board column. */
export const BOARD_COLUMN_LIMIT = 50;

/** The board of one method: a column per stage of its newest published version (plus stages only older versions have). */
export async function matterBoard(db: Db, ctx: Ctx, q: { regionId?: string; compoundId?: string; methodKey: string }) {
  const scopes = requireScopes(ctx.actor, 'deliberation.read');
  const t = await repo.currentTemplate(db, q.methodKey);
  if (!t) throw new DomainError('TEMPLATE_NOT_AVAILABLE', { key: q.methodKey });
  const f = await filterOf(db, ctx, { regionId: q.regionId, compoundId: q.compoundId, methodKey: q.methodKey });
  const counts = f ? await repo.countByStage(db, scopes, f) : new Map<string, number>();
  const stages = [...t.stages.map((s) => ({ key: s.key, name: s.name, terminal: s.terminal === true }))];
  for (const key of counts.keys()) if (!stages.some((s) => s.key === key)) stages.push({ key, name: UNKNOWN_NAME(key), terminal: false });
  const columns = [];
  for (const s of stages) {
    const total = counts.get(s.key) ?? 0;
    const rows = f && total > 0 ? (await repo.listMatters(db, scopes, { ...f, stage: s.key }, BOARD_COLUMN_LIMIT, 0)).rows : [];
    columns.push({ stage: s.key, name: s.name, terminal: s.terminal, total, items: await summaries(db, ctx, rows) });
  }
  return { method: { key: q.methodKey, name: t.name }, columns };
}

/** A new matter as the API takes it. */
export interface NewMatter extends MatterFields {
  id?: string;
  compoundId: string;
  title: string;
  category: string;
  source: string;
  methodKey: string;
  executorOrgId?: string | null;
  leaderUserId?: string | null;
  executorUserIds?: string[];
  supervisorUserIds?: string[];
  opinionIds?: string[];
  conflictOrgIds?: string[];
  conflictMemberIds?: string[];
}

async function checkRefs(db: Db, compoundId: string, f: { executorOrgId?: string | null; conflictOrgIds?: string[]; conflictMemberIds?: string[] }): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  const orgIds = [...(f.executorOrgId ? [f.executorOrgId] : []), ...(f.conflictOrgIds ?? [])];
  const orgs = await repo.orgNames(db, orgIds);
  if (f.executorOrgId && !orgs.has(f.executorOrgId)) out.push(fieldProblem('executorOrgId', 'NOT_FOUND_REF', { value: f.executorOrgId }));
  (f.conflictOrgIds ?? []).forEach((id, i) => { if (!orgs.has(id)) out.push(fieldProblem(`conflictOrgIds.${i}`, 'NOT_FOUND_REF', { value: id })); });
  const members = await repo.poolMembersOf(db, compoundId, f.conflictMemberIds ?? []);
  (f.conflictMemberIds ?? []).forEach((id, i) => { if (!members.has(id)) out.push(fieldProblem(`conflictMemberIds.${i}`, 'NOT_FOUND_REF', { value: id })); });
  return out;
}

async function checkUsers(db: Db, input: NewMatter): Promise<FieldProblem[]> {
  const lists: [string, string[]][] = [
    ['leaderUserId', input.leaderUserId ? [input.leaderUserId] : []],
    ['executorUserIds', input.executorUserIds ?? []],
    ['supervisorUserIds', input.supervisorUserIds ?? []],
  ];
  const found = await repo.existingUsers(db, lists.flatMap(([, ids]) => ids));
  const out: FieldProblem[] = [];
  for (const [field, ids] of lists) {
    ids.forEach((id, i) => {
      if (!found.has(id)) out.push(fieldProblem(field === 'leaderUserId' ? field : `${field}.${i}`, 'NOT_FOUND_REF', { value: id }));
    });
  }
  return out;
}

/** The relations a matter's instance starts with: leader as proposer and talk leader, executors, supervisors. */
export function matterRelations(leader: string | null, executorOrgId: string | null, executorUserIds: string[], supervisorUserIds: string[]): Relations {
  const r: Relations = {};
  if (leader) { r.proposer = leader; r.talk_leader = leader; }
  const executor = [...new Set([...(executorOrgId ? [executorOrgId] : []), ...executorUserIds])];
  if (executor.length) r.executor = executor;
  const supervisor = [...new Set(supervisorUserIds)];
  if (supervisor.length) r.supervisor = supervisor;
  return r;
}

/**
 * Opens a matter at a compound and starts its method instance (subject 'matter') in the same transaction; linked
 * opinions become taken up. Retry-safe by id.
 */
export async function createMatter(db: Db, ctx: Ctx, input: NewMatter): Promise<{ matter: MatterDetail; created: boolean }> {
  requireScopes(ctx.actor, 'deliberation.write');
  const id = input.id ?? newId();
  const existing = await repo.findMatter(db, id, null);
  if (existing) {
    if (!can(ctx.actor, 'deliberation.read', existing.scopePath)) throw new DomainError('ID_CONFLICT');
    return { matter: await matterDetail(db, ctx, existing), created: false };
  }
  const compound = await findCompoundRef(db, input.compoundId);
  if (!compound) throw invalid([fieldProblem('compoundId', 'NOT_FOUND_REF', { value: input.compoundId })]);
  requireAt(ctx.actor, 'deliberation.write', compound.scopePath);
  const problems = [...checkNewMatter(input), ...(await checkRefs(db, compound.id, input)), ...(await checkUsers(db, input))];
  const opinionIds = [...new Set(input.opinionIds ?? [])];
  const opinions = new Map((await opinionsByIds(db, opinionIds)).map((o) => [o.id, o]));
  opinionIds.forEach((oid, i) => {
    const o = opinions.get(oid);
    if (!o || o.compoundId !== compound.id) problems.push(fieldProblem(`opinionIds.${i}`, 'NOT_FOUND_REF', { value: oid }));
    else if (!canTakeUp(o.status)) problems.push(fieldProblem(`opinionIds.${i}`, 'DUPLICATE_VALUE', { value: oid }));
  });
  if (problems.length) throw invalid(problems);
  const relations = matterRelations(input.leaderUserId ?? ctx.actor.userId, input.executorOrgId ?? null, input.executorUserIds ?? [], input.supervisorUserIds ?? []);
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    const { instance } = await startInstance(tx, ctx, { templateKey: input.methodKey, subjectType: 'matter', subjectId: id, relations, scopePath: compound.scopePath });
    await repo.insertMatter(tx, {
      id, compoundId: compound.id, scopePath: compound.scopePath, title: input.title.trim(), description: input.description?.trim() || null,
      category: input.category, source: input.source, methodKey: input.methodKey, instanceId: instance.id, executorOrgId: input.executorOrgId ?? null,
      deadline: input.deadline ?? null, jointDecisionItem: input.jointDecisionItem ?? null,
      conflictOrgIds: [...new Set(input.conflictOrgIds ?? [])], conflictMemberIds: [...new Set(input.conflictMemberIds ?? [])],
    }, now, ctx.actor.userId);
    if ((await takeUp(tx, opinionIds, id, now)) !== opinionIds.length) {
      throw invalid(opinionIds.map((oid, i) => fieldProblem(`opinionIds.${i}`, 'DUPLICATE_VALUE', { value: oid })));
    }
    await recordAudit(tx, ctx, {
      action: 'matter.create', objectType: 'matter', objectId: id, scopePath: compound.scopePath,
      detail: { compoundId: compound.id, title: input.title.trim(), category: input.category, source: input.source, methodKey: input.methodKey,
        instanceId: instance.id, jointDecisionItem: input.jointDecisionItem ?? null, opinionIds, relations: Object.keys(relations) },
    });
    return { matter: await matterDetail(tx, ctx, (await repo.findMatter(tx, id, null))!), created: true };
  });
}

/** Fields a PATCH may change. */
export interface MatterChanges {
  title?: string;
  description?: string | null;
  category?: string;
  executorOrgId?: string | null;
  deadline?: string | null;
  jointDecisionItem?: number | null;
  conflictOrgIds?: string[];
  conflictMemberIds?: string[];
  version: number;
}

/** Changes a running matter with compare-and-set; a new executor organisation also becomes the instance's executor. */
export async function updateMatter(db: Db, ctx: Ctx, id: string, input: MatterChanges): Promise<MatterDetail> {
  const m = await visibleMatter(db, ctx, id);
  requireAt(ctx.actor, 'deliberation.write', m.scopePath);
  if (m.terminal) throw new DomainError('INSTANCE_CLOSED', { stage: m.stage });
  const { version, ...changes } = input;
  const problems = [...checkMatterPatch(changes), ...(await checkRefs(db, m.compoundId, changes))];
  if (problems.length) throw invalid(problems);
  const patch: repo.MatterPatch = {};
  if (changes.title !== undefined) patch.title = changes.title.trim();
  if (changes.description !== undefined) patch.description = changes.description?.trim() || null;
  if (changes.category !== undefined) patch.category = changes.category;
  if (changes.executorOrgId !== undefined) patch.executor_org_id = changes.executorOrgId;
  if (changes.deadline !== undefined) patch.deadline = changes.deadline;
  if (changes.jointDecisionItem !== undefined) patch.joint_decision_item = changes.jointDecisionItem;
  if (changes.conflictOrgIds !== undefined) patch.conflict_org_ids = JSON.stringify([...new Set(changes.conflictOrgIds)]);
  if (changes.conflictMemberIds !== undefined) patch.conflict_member_ids = JSON.stringify([...new Set(changes.conflictMemberIds)]);
  const orgChanged = changes.executorOrgId !== undefined && changes.executorOrgId !== m.executorOrgId;
  return inTx(db, async (tx) => {
    if ((await repo.updateMatter(tx, id, patch, nowIso(ctx), version)) === 0) {
      const cur = (await repo.findMatter(tx, id, null))?.version ?? 0;
      throw new DomainError('STALE', { currentVersion: cur }, [], { currentVersion: cur });
    }
    if (orgChanged) {
      const prev = m.relations.executor === undefined ? [] : Array.isArray(m.relations.executor) ? m.relations.executor : [m.relations.executor];
      const executor = [...(changes.executorOrgId ? [changes.executorOrgId] : []), ...prev.filter((x) => x !== m.executorOrgId)];
      await updateRelations(tx, ctx, m.instanceId, { executor });
    }
    await recordAudit(tx, ctx, { action: 'matter.update', objectType: 'matter', objectId: id, scopePath: m.scopePath, detail: { fields: Object.keys(changes), ...changes } });
    return matterDetail(tx, ctx, (await repo.findMatter(tx, id, null))!);
  });
}
