import { LADDER_LEVELS, type JointStats, type JointTaskView } from '../../../shared/escalation.ts';
import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { handlerOrgsOf, placeById } from './escalation.repository.ts';
import { isMonth, monthAt, monthIndex, taskOverdue } from './joint.ts';
import * as repo from './joint.repository.ts';
import { readPrefixes, refsOf } from './joint.service.ts';

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

/** Who may mark a task done: dispatchers over the meeting's place or the organisation's, and the organisation's own handlers. */
function mayComplete(ctx: Ctx, t: repo.TaskRow, myOrgs: readonly string[]): boolean {
  return t.state === 'open' && (can(ctx.actor, 'incident.dispatch', t.scopePath) || can(ctx.actor, 'incident.dispatch', t.orgScopePath) || myOrgs.includes(t.orgId));
}

/** Tasks as the API shows them (with the body's name and the session's date). */
export async function taskViews(db: Db, ctx: Ctx, rows: readonly (repo.TaskRow & { heldOn?: string; bodyName?: string })[]): Promise<JointTaskView[]> {
  if (!rows.length) return [];
  const today = todayCst(ctx.clock);
  const [orgs, myOrgs] = await Promise.all([repo.orgsByIds(db, rows.map((t) => t.orgId)), handlerOrgsOf(db, ctx.actor.userId)]);
  const missing = rows.filter((t) => t.heldOn === undefined);
  const sessions = new Map(await Promise.all([...new Set(missing.map((t) => t.sessionId))].map(async (s) => [s, await repo.findSession(db, s)] as const)));
  const bodies = new Map(await Promise.all([...new Set(missing.map((t) => t.bodyId))].map(async (b) => [b, await repo.findBody(db, b)] as const)));
  return rows.map((t) => ({
    id: t.id, bodyId: t.bodyId, bodyName: t.bodyName ?? bodies.get(t.bodyId)?.name ?? '', level: t.level, sessionId: t.sessionId,
    heldOn: t.heldOn ?? sessions.get(t.sessionId)?.heldOn ?? '', org: refsOf([t.orgId], orgs)[0], incidentId: t.incidentId, title: t.title, decision: t.decision,
    dueOn: t.dueOn, state: t.state, overdue: taskOverdue(t, today), evidence: t.evidence, doneAt: t.doneAt, doneByName: t.doneByName, version: t.version,
    abilities: { complete: mayComplete(ctx, t, myOrgs) },
  }));
}

/** Filters of the task list. */
export interface TaskQuery {
  bodyId?: string;
  orgId?: string;
  state?: string;
  overdue?: boolean;
  placeId?: string;
}

/** Tasks sent down by joint meetings that the caller sees (under their places, or to an organisation they handle for), open first, earliest due first. */
export async function listTasks(db: Db, ctx: Ctx, q: TaskQuery, limit: number, offset: number): Promise<{ items: JointTaskView[]; total: number }> {
  const orgIds = await handlerOrgsOf(db, ctx.actor.userId);
  let prefixes: string[] = [];
  try {
    prefixes = readPrefixes(ctx.actor);
  } catch (e) {
    if (!orgIds.length) throw e;
  }
  let underPath: string | undefined;
  if (q.placeId) {
    const p = await placeById(db, q.placeId);
    if (!p) return { items: [], total: 0 };
    underPath = p.scopePath;
  }
  const page = await repo.listTasks(db, { prefixes, orgIds, bodyId: q.bodyId, orgId: q.orgId, state: q.state, overdueBefore: q.overdue ? todayCst(ctx.clock) : undefined, underPath }, limit, offset);
  return { total: page.total, items: await taskViews(db, ctx, page.rows) };
}

/** Marks a task done with what was done (evidence text), compare-and-set on version; the meeting's dispatchers or the organisation's handlers. */
export async function completeTask(db: Db, ctx: Ctx, id: string, input: { version: number; evidence: string }): Promise<JointTaskView> {
  const t = await repo.findTask(db, id);
  const myOrgs = await handlerOrgsOf(db, ctx.actor.userId);
  const prefixes = (() => { try { return readPrefixes(ctx.actor); } catch { return []; } })();
  const visible = !!t && (prefixes.some((p) => t.scopePath.startsWith(p) || t.orgScopePath.startsWith(p)) || myOrgs.includes(t.orgId));
  if (!t || !visible) throw new DomainError('NOT_FOUND');
  if (t.state === 'done') throw new DomainError('JOINT_TASK_DONE', { doneAt: t.doneAt ?? '' });
  if (!mayComplete(ctx, t, myOrgs)) throw new DomainError('FORBIDDEN', { permission: 'incident.dispatch' });
  if (t.version !== input.version) throw stale(t.version);
  if (input.evidence.trim().length < 4) throw invalid([fieldProblem('evidence', 'REQUIRED')]);
  return inTx(db, async (tx) => {
    const now = nowIso(ctx);
    if ((await repo.completeTask(tx, id, t.version, { evidence: input.evidence.trim(), at: now, by: ctx.actor.userId, byName: ctx.actor.displayName })) === 0) {
      throw stale((await repo.findTask(tx, id))?.version ?? t.version);
    }
    await recordAudit(tx, ctx, { action: 'joint_task.done', objectType: 'joint_task', objectId: id, scopePath: t.scopePath, detail: { orgId: t.orgId, incidentId: t.incidentId, dueOn: t.dueOn, late: taskOverdue(t, todayCst(ctx.clock)) } });
    return (await taskViews(tx, ctx, [(await repo.findTask(tx, id))!]))[0];
  });
}

/** China instant of the first moment of a month. */
function monthStart(month: string): string {
  return new Date(Date.parse(`${month}-01T00:00:00Z`) - 8 * 3600_000).toISOString();
}

/**
 * Joint-meeting figures over the bodies under a place (default: all the caller's places) for months from..to (default:
 * this year so far): sessions held, items coordinated and decisions per level and month; tasks done, open and overdue per
 * level (of the sessions in the period); and how many rises happened in the period.
 */
export async function jointStats(db: Db, ctx: Ctx, q: { placeId?: string; from?: string; to?: string }): Promise<JointStats> {
  const prefixes = readPrefixes(ctx.actor);
  const today = todayCst(ctx.clock);
  const to = q.to ?? today.slice(0, 7);
  const from = q.from ?? `${to.slice(0, 4)}-01`;
  const bad = [...(isMonth(from) ? [] : [fieldProblem('from', 'NOT_A_DATE')]), ...(isMonth(to) ? [] : [fieldProblem('to', 'NOT_A_DATE')])];
  if (!bad.length && from > to) bad.push(fieldProblem('to', 'DATE_ORDER'));
  if (bad.length) throw invalid(bad);
  let underPath: string | undefined;
  if (q.placeId) {
    const p = await placeById(db, q.placeId);
    if (!p) throw new DomainError('NOT_FOUND');
    underPath = p.scopePath;
  }
  const [byMonth, tasks, escalated] = await Promise.all([
    repo.sessionStats(db, prefixes, underPath, from, to), repo.taskStats(db, prefixes, underPath, from, to, today),
    repo.escalationCount(db, prefixes, underPath, monthStart(from), monthStart(monthAt(monthIndex(to) + 1))),
  ]);
  const byLevel = LADDER_LEVELS.map((level) => {
    const m = byMonth.filter((r) => r.level === level);
    const t = tasks.find((r) => r.level === level);
    return {
      level, sessions: m.reduce((s, r) => s + r.sessions, 0), items: m.reduce((s, r) => s + r.items, 0), decisions: m.reduce((s, r) => s + r.decisions, 0),
      tasksDone: t?.done ?? 0, tasksOpen: t?.open ?? 0, tasksOverdue: t?.overdue ?? 0,
    };
  });
  const sum = (k: 'sessions' | 'items' | 'decisions' | 'tasksDone' | 'tasksOpen' | 'tasksOverdue') => byLevel.reduce((s, r) => s + r[k], 0);
  return {
    from, to, byMonth, byLevel,
    totals: { sessions: sum('sessions'), items: sum('items'), decisions: sum('decisions'), tasksDone: sum('tasksDone'), tasksOpen: sum('tasksOpen'), tasksOverdue: sum('tasksOverdue'), escalated },
  };
}
