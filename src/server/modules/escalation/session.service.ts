import { escalationProblem, type AgendaView, type EscalationEventView, type IncidentSummary, type JointCaseView, type SessionDetail, type SessionView } from '../../../shared/escalation.ts';
import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { fireIncidentEvent, getIncident } from '../incidents/index.ts';
import { appendOutbox } from '../outbox/index.ts';
import { incidentFacts, isUniqueViolation } from './escalation.repository.ts';
import { eventView } from './escalation.service.ts';
import { reasonProblem } from './escalation.ts';
import { chairOf, checkSession, decisionEffect, type ItemInput } from './joint.ts';
import * as repo from './joint.repository.ts';
import { readableBody, refsOf, summariesOf, thisMonth } from './joint.service.ts';
import { taskViews } from './task.service.ts';
import { newId } from '../../../shared/ids.ts';

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

/** A hard case as the API shows it. */
export function caseView(c: repo.CaseRow): JointCaseView {
  return { id: c.id, bodyId: c.bodyId, title: c.title, reason: c.reason, incidentId: c.incidentId, disputeId: c.disputeId, sessionId: c.sessionId, createdByName: c.createdByName, createdAt: c.createdAt };
}

async function chairNow(db: Db, ctx: Ctx, b: repo.BodyRow, month: string): Promise<string | null> {
  const overrides = await repo.overridesOf(db, b.id);
  return chairOf(b.rota, b.rotaStart, month, new Map([...overrides].map(([m, o]) => [m, o.orgId]))).orgId;
}

/**
 * The next session's agenda: incidents that rose to the body's place and level and are still open there (since the
 * previous session, or earlier and not yet taken up by a session), then hard cases added by hand; each with the incident's
 * state now.
 */
export async function getAgenda(db: Db, ctx: Ctx, bodyId: string): Promise<AgendaView> {
  const b = await readableBody(db, ctx, bodyId);
  const [events, cases, last, chair] = await Promise.all([repo.pendingEscalations(db, b), repo.pendingCases(db, b.id), repo.lastHeldOn(db, b.id), chairNow(db, ctx, b, thisMonth(ctx))]);
  const incidents = await summariesOf(db, ctx, [...events.map((e) => e.incidentId), ...cases.flatMap((c) => (c.incidentId ? [c.incidentId] : []))]);
  const title = (i: IncidentSummary | undefined, fallback: string) => (i ? `${i.categoryName.zh}：${i.description}` : fallback);
  return {
    bodyId: b.id, lastHeldOn: last, chairThisMonth: chair ? refsOf([chair], await repo.orgsByIds(db, [chair]))[0] : null,
    items: [
      ...events.map((e) => ({ kind: 'escalation' as const, ref: e.incidentId, title: title(incidents.get(e.incidentId), e.incidentId), incident: incidents.get(e.incidentId) ?? null, escalation: eventView(e), case: null })),
      ...cases.map((c) => ({ kind: 'case' as const, ref: c.id, title: c.title, incident: c.incidentId ? incidents.get(c.incidentId) ?? null : null, escalation: null, case: caseView(c) })),
    ],
  };
}

/** Adds a hard case to a body's agenda by hand, with the reason it needs the joint meeting (incident.dispatch there); idempotent by client id. */
export async function addCase(db: Db, ctx: Ctx, bodyId: string, input: { id?: string; title: string; reason: string; incidentId?: string | null }): Promise<{ case: JointCaseView; created: boolean }> {
  const b = await readableBody(db, ctx, bodyId);
  const id = input.id?.toLowerCase() ?? newId();
  const existing = await repo.findCase(db, id);
  if (existing) {
    if (existing.bodyId !== b.id) throw new DomainError('ID_CONFLICT');
    return { case: caseView(existing), created: false };
  }
  requireAt(ctx.actor, 'incident.dispatch', b.scopePath);
  const problems = [reasonProblem('reason', input.reason)].filter((p) => p !== null);
  if (!input.title.trim()) problems.push(fieldProblem('title', 'REQUIRED'));
  if (input.incidentId) {
    const seen = await getIncident(db, ctx, input.incidentId).then(() => true, () => false);
    if (!seen) problems.push(escalationProblem('incidentId', 'INCIDENT_UNKNOWN', { value: input.incidentId }));
  }
  if (problems.length) throw invalid(problems);
  const row = { id, bodyId: b.id, scopePath: b.scopePath, title: input.title.trim(), reason: input.reason.trim(), incidentId: input.incidentId ?? null, disputeId: null, createdAt: nowIso(ctx), createdByName: ctx.actor.displayName };
  try {
    return await inTx(db, async (tx) => {
      await repo.insertCase(tx, row, ctx.actor.userId);
      await recordAudit(tx, ctx, { action: 'joint_case.add', objectType: 'joint_body', objectId: b.id, scopePath: b.scopePath, reason: row.reason, detail: { caseId: id, title: row.title, incidentId: row.incidentId } });
      return { case: caseView({ ...row, sessionId: null }), created: true };
    });
  } catch (e) {
    if (isUniqueViolation(e) && (await repo.findCase(db, id))) return addCase(db, ctx, bodyId, input);
    throw e;
  }
}

function sessionView(ctx: Ctx, s: repo.SessionRow, orgs: ReadonlyMap<string, { id: string; name: string }>, counts: { items: number; decisions: number }): SessionView {
  return {
    id: s.id, bodyId: s.bodyId, level: s.level, month: s.month, heldOn: s.heldOn, place: s.place, chair: refsOf([s.chairOrgId], orgs)[0],
    attendees: refsOf(s.attendees, orgs), minutes: s.minutes, itemCount: counts.items, decisionCount: counts.decisions, version: s.version,
    abilities: { edit: can(ctx.actor, 'incident.dispatch', s.scopePath) },
  };
}

async function sessionDetail(db: Db, ctx: Ctx, s: repo.SessionRow): Promise<SessionDetail> {
  const items = await repo.itemsOf(db, s.id);
  const [orgs, tasks] = await Promise.all([
    repo.orgsByIds(db, [s.chairOrgId, ...s.attendees, ...items.flatMap((i) => (i.responsibleOrgId ? [i.responsibleOrgId] : []))]),
    repo.tasksOfItems(db, items.map((i) => i.id)),
  ]);
  const taskList = await taskViews(db, ctx, [...tasks.values()]);
  const byItem = new Map(taskList.map((t, k) => [[...tasks.values()][k].itemId, t]));
  return {
    ...sessionView(ctx, s, orgs, { items: items.length, decisions: items.filter((i) => i.decision).length }),
    items: items.map((i) => ({
      id: i.id, seq: i.seq, kind: i.kind, incidentId: i.incidentId, caseId: i.caseId, title: i.title, note: i.note, decision: i.decision,
      responsibleOrg: i.responsibleOrgId ? refsOf([i.responsibleOrgId], orgs)[0] : null, dueOn: i.dueOn, effect: i.effect, task: byItem.get(i.id) ?? null,
    })),
  };
}

/** A session the caller may read, with its items, decisions and tasks. */
export async function getSession(db: Db, ctx: Ctx, id: string): Promise<SessionDetail> {
  const s = await repo.findSession(db, id);
  if (!s) throw new DomainError('NOT_FOUND');
  await readableBody(db, ctx, s.bodyId);
  return sessionDetail(db, ctx, s);
}

/** A body's sessions, latest first. */
export async function listSessions(db: Db, ctx: Ctx, bodyId: string, limit: number, offset: number): Promise<{ items: SessionView[]; total: number }> {
  const b = await readableBody(db, ctx, bodyId);
  const page = await repo.listSessions(db, b.id, limit, offset);
  const orgs = await repo.orgsByIds(db, page.rows.flatMap((s) => [s.chairOrgId, ...s.attendees]));
  return { total: page.total, items: page.rows.map((s) => sessionView(ctx, s, orgs, s)) };
}

/** What a session record carries. */
export interface NewSession {
  id?: string;
  heldOn: string;
  place: string;
  chairOrgId?: string | null;
  attendees: string[];
  minutes: string;
  items: ItemInput[];
}

/**
 * Records a held session (incident.dispatch at the body's place): date, place, the chair (the month's rota chair unless
 * named), attendance, minutes, and each agenda item taken up with its decision. Each decision sends a task down to the
 * responsible organisation; on an incident waiting for dispatch (registered, or returned for re-routing) it also
 * dispatches the incident to that organisation through the closed loop, otherwise the decision is recorded with the task
 * only. All in one transaction; idempotent by client id.
 */
export async function recordSession(db: Db, ctx: Ctx, bodyId: string, input: NewSession): Promise<{ session: SessionDetail; created: boolean }> {
  const b = await readableBody(db, ctx, bodyId);
  const id = input.id?.toLowerCase() ?? newId();
  const existing = await repo.findSession(db, id);
  if (existing) {
    if (existing.bodyId !== b.id) throw new DomainError('ID_CONFLICT');
    return { session: await sessionDetail(db, ctx, existing), created: false };
  }
  requireAt(ctx.actor, 'incident.dispatch', b.scopePath);
  const [events, cases] = await Promise.all([repo.pendingEscalations(db, b), repo.pendingCases(db, b.id)]);
  const decided = input.items.flatMap((i) => (i.decision ? [i.decision.responsibleOrgId] : []));
  const orgs = await repo.orgsByIds(db, [...decided, ...(input.chairOrgId ? [input.chairOrgId] : [])]);
  const problems = checkSession(input, {
    today: todayCst(ctx.clock), members: b.members, pendingIncidents: new Set(events.map((e) => e.incidentId)), pendingCases: new Set(cases.map((c) => c.id)), knownOrgs: new Set(orgs.keys()),
  });
  const month = input.heldOn.slice(0, 7);
  const chair = input.chairOrgId ?? (await chairNow(db, ctx, b, month));
  if (!chair) problems.push(escalationProblem('chairOrgId', 'ROTA_EMPTY'));
  else if (!b.members.includes(chair)) problems.push(escalationProblem('chairOrgId', 'NOT_A_MEMBER', { value: chair }));
  if (problems.length) throw invalid(problems);

  const facts = await incidentFacts(db, input.items.flatMap((i) => (i.incidentId ? [i.incidentId] : [])));
  const summaries = await summariesOf(db, ctx, [...facts.keys()]);
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const now = nowIso(ctx);
  try {
    return await inTx(db, async (tx) => {
      await repo.insertSession(tx, { id, bodyId: b.id, level: b.level, scopePath: b.scopePath, month, heldOn: input.heldOn, place: input.place.trim(), chairOrgId: chair!, attendees: input.attendees, minutes: input.minutes.trim() }, now, ctx.actor.userId);
      const items: repo.ItemRow[] = [];
      const tasks: Parameters<typeof repo.insertTasks>[1][number][] = [];
      for (const [k, it] of input.items.entries()) {
        const f = it.incidentId ? facts.get(it.incidentId) : undefined;
        const c = it.caseId ? caseById.get(it.caseId) : undefined;
        const s = f ? summaries.get(f.id) : undefined;
        const title = c?.title ?? (s ? `${s.categoryName.zh}：${s.description}` : it.incidentId!);
        const d = it.decision ?? null;
        const itemId = newId();
        let effect: repo.ItemRow['effect'] = null;
        const incidentId = f?.id ?? c?.incidentId ?? null;
        if (d && incidentId) {
          const target = f ?? (await incidentFacts(tx, [incidentId])).get(incidentId);
          effect = target && decisionEffect(target.stage, !!target.endedAt) === 'dispatch' && can(ctx.actor, 'incident.dispatch', target.scopePath) ? 'dispatched' : 'recorded';
          if (effect === 'dispatched') {
            await fireIncidentEvent(tx, ctx, incidentId, { event: 'dispatch', input: { handler_org_id: d.responsibleOrgId, note: d.text.trim() }, comment: `${b.name}决定：${d.text.trim()}` });
          }
        }
        items.push({ id: itemId, sessionId: id, bodyId: b.id, seq: k + 1, kind: c ? 'case' : 'escalation', incidentId, caseId: c?.id ?? null, title, note: it.note?.trim() || null, decision: d?.text.trim() ?? null, responsibleOrgId: d?.responsibleOrgId ?? null, dueOn: d?.dueOn ?? null, effect });
        if (d) {
          const org = orgs.get(d.responsibleOrgId)!;
          tasks.push({ id: newId(), itemId, sessionId: id, bodyId: b.id, level: b.level, scopePath: b.scopePath, orgId: org.id, orgScopePath: org.scopePath, incidentId, title, decision: d.text.trim(), dueOn: d.dueOn });
        }
      }
      await repo.insertItems(tx, items);
      await repo.insertTasks(tx, tasks, now, ctx.actor.userId);
      await repo.takeCases(tx, items.flatMap((i) => (i.caseId ? [i.caseId] : [])), id);
      await appendOutbox(tx, tasks.map((t) => ({
        type: 'joint.task_assigned', aggregateType: 'joint_task', aggregateId: t.id, scopePath: t.orgScopePath, occurredAt: now,
        payload: { taskId: t.id, bodyId: b.id, sessionId: id, orgId: t.orgId, incidentId: t.incidentId, title: t.title, decision: t.decision, dueOn: t.dueOn },
      })));
      await recordAudit(tx, ctx, {
        action: 'joint_session.record', objectType: 'joint_session', objectId: id, scopePath: b.scopePath,
        detail: { bodyId: b.id, heldOn: input.heldOn, chairOrgId: chair, attendees: input.attendees.length, items: items.length, decisions: tasks.length, dispatched: items.filter((i) => i.effect === 'dispatched').map((i) => i.incidentId) },
      });
      return { session: await sessionDetail(tx, ctx, (await repo.findSession(tx, id))!), created: true };
    });
  } catch (e) {
    if (isUniqueViolation(e) && (await repo.findSession(db, id))) return recordSession(db, ctx, bodyId, input);
    throw e;
  }
}

/** Corrects a session's place, minutes or attendance (compare-and-set on version); decisions stand once recorded. */
export async function updateSession(db: Db, ctx: Ctx, id: string, input: { version: number; place?: string; minutes?: string; attendees?: string[] }): Promise<SessionDetail> {
  const s = await repo.findSession(db, id);
  if (!s) throw new DomainError('NOT_FOUND');
  const b = await readableBody(db, ctx, s.bodyId);
  requireAt(ctx.actor, 'incident.dispatch', b.scopePath);
  if (s.version !== input.version) throw stale(s.version);
  const problems = [];
  if (input.place !== undefined && !input.place.trim()) problems.push(fieldProblem('place', 'REQUIRED'));
  if (input.minutes !== undefined && !input.minutes.trim()) problems.push(fieldProblem('minutes', 'REQUIRED'));
  (input.attendees ?? []).forEach((a, i) => { if (!b.members.includes(a)) problems.push(escalationProblem(`attendees.${i}`, 'NOT_A_MEMBER', { value: a })); });
  if (problems.length) throw invalid(problems);
  const patch = { place: input.place?.trim(), minutes: input.minutes?.trim(), attendees: input.attendees };
  return inTx(db, async (tx) => {
    if ((await repo.updateSession(tx, id, s.version, patch, nowIso(ctx))) === 0) throw stale((await repo.findSession(tx, id))?.version ?? s.version);
    await recordAudit(tx, ctx, { action: 'joint_session.update', objectType: 'joint_session', objectId: id, scopePath: s.scopePath, detail: { fields: Object.keys(input).filter((k) => k !== 'version') } });
    return sessionDetail(tx, ctx, (await repo.findSession(tx, id))!);
  });
}

/** Everything that rose to a body's place and level, newest first, with each incident's state now ("escalated to this level"). */
export async function listEscalated(db: Db, ctx: Ctx, bodyId: string, q: { open?: boolean }, limit: number, offset: number): Promise<{ items: { escalation: EscalationEventView; incident: IncidentSummary | null }[]; total: number }> {
  const b = await readableBody(db, ctx, bodyId);
  const page = await repo.escalationsTo(db, b, q.open ?? false, limit, offset);
  const incidents = await summariesOf(db, ctx, page.rows.map((r) => r.incidentId));
  return { total: page.total, items: page.rows.map((r) => ({ escalation: eventView(r), incident: incidents.get(r.incidentId) ?? null })) };
}
