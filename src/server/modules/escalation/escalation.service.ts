import { THRESHOLD_LEVELS, type EscalationEventView, type EscalationKind, type IncidentEscalationView, type LadderLevel, type ThresholdsView } from '../../../shared/escalation.ts';
import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import { can, hasPermission, requireAt } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { getIncident } from '../incidents/index.ts';
import { calendarAt } from '../methods/index.ts';
import { appendOutbox } from '../outbox/index.ts';
import { findCompoundRef } from '../registry/index.ts';
import { chainFrom, checkThresholds, nextPlace, overdueRises, pathsUpTo, placeAt, rankOf, reasonProblem, shortestThresholdMs, thresholdsAt, type LadderPlace } from './escalation.ts';
import * as repo from './escalation.repository.ts';
import { taskOverdue } from './joint.ts';
import { decisionsOn, findBodyByPlace, orgsByIds, tasksOfItems } from './joint.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** The incident's ladder from the bottom up (compound when it lies in one, community, street, county). */
export async function ladderOf(db: Db, inc: { scopePath: string; compoundId: string | null }): Promise<LadderPlace[]> {
  const regions = await repo.regionsAt(db, pathsUpTo(inc.scopePath));
  const c = inc.compoundId ? await findCompoundRef(db, inc.compoundId) : null;
  return chainFrom(regions, c ? { id: c.id, name: c.name, scopePath: c.scopePath } : null);
}

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

/** A rise as the API shows it. */
export function eventView(e: repo.EventRow): EscalationEventView {
  return {
    id: e.id, incidentId: e.incidentId, fromLevel: e.fromLevel, toLevel: e.toLevel, place: { id: e.placeId, name: e.placeName, level: e.toLevel },
    kind: e.kind, reason: e.reason, dueAt: e.dueAt, deadlineAt: e.deadlineAt, actorName: e.actorName, at: e.at,
  };
}

/**
 * Whether the caller stands at the incident's current level: a dispatcher or handler over that place, or one of the
 * people of the handling organisation when that organisation sits at that place (the property company of the compound).
 */
async function standsAt(db: Db, ctx: Ctx, place: LadderPlace, inc: repo.IncidentFacts): Promise<boolean> {
  if (can(ctx.actor, 'incident.dispatch', place.scopePath) || can(ctx.actor, 'incident.handle', place.scopePath)) return true;
  if (inc.handlerKind !== 'org' || !inc.handlerId) return false;
  if (!(await repo.handlerOrgsOf(db, ctx.actor.userId)).includes(inc.handlerId)) return false;
  return (await orgsByIds(db, [inc.handlerId])).get(inc.handlerId)?.scopePath === place.scopePath;
}

/** An incident's place on the ladder for the caller, who has already been found to see it. */
async function escalationView(db: Db, ctx: Ctx, inc: repo.IncidentFacts): Promise<IncidentEscalationView> {
  const chain = await ladderOf(db, inc);
  const state = (await repo.statesOf(db, [inc.id])).get(inc.id);
  const level: LadderLevel = state?.level ?? chain[0]?.level ?? 'community';
  const place = placeAt(chain, level) ?? chain[0];
  const next = nextPlace(chain, level);
  const items = await decisionsOn(db, inc.id);
  const decided = items.filter((i) => i.decision);
  const [orgs, tasks] = await Promise.all([orgsByIds(db, decided.map((i) => i.responsibleOrgId ?? '')), tasksOfItems(db, decided.map((i) => i.id))]);
  return {
    incidentId: inc.id, level, place: { id: place.id, name: place.name, level: place.level },
    chain: chain.map((p) => ({ id: p.id, name: p.name, level: p.level, reached: rankOf(p.level) <= rankOf(level) })),
    next: next ? { id: next.id, name: next.name, level: next.level } : null,
    events: (await repo.eventsOf(db, inc.id)).map(eventView),
    decisions: decided.map((i) => {
      const org = i.responsibleOrgId ? orgs.get(i.responsibleOrgId) : undefined;
      const task = tasks.get(i.id);
      return {
        sessionId: i.sessionId, bodyId: i.bodyId, bodyName: i.bodyName, heldOn: i.heldOn, decision: i.decision!, responsibleOrg: org ? { id: org.id, name: org.name } : null,
        dueOn: i.dueOn, effect: i.effect, taskId: task?.id ?? null, taskState: task?.state ?? null, taskOverdue: !!task && taskOverdue(task, todayCst(ctx.clock)),
      };
    }),
    version: state?.version ?? 1,
    abilities: { escalate: !inc.endedAt && !!next && (await standsAt(db, ctx, place, inc)) },
  };
}

/** Loads the facts of an incident the caller may see (the incidents module decides); NOT_FOUND otherwise. */
async function visibleFacts(db: Db, ctx: Ctx, id: string): Promise<repo.IncidentFacts> {
  await getIncident(db, ctx, id);
  const inc = (await repo.incidentFacts(db, [id])).get(id);
  if (!inc) throw new DomainError('NOT_FOUND');
  return inc;
}

/** An incident's level, chain, rises and joint-meeting decisions. */
export async function getIncidentEscalation(db: Db, ctx: Ctx, id: string): Promise<IncidentEscalationView> {
  return escalationView(db, ctx, await visibleFacts(db, ctx, id));
}

/** One rise to record: from where to where, why, and by whom. */
interface Rise {
  id: string;
  inc: { id: string; scopePath: string; deadlineAt: string | null };
  from: LadderLevel;
  to: LadderPlace;
  kind: EscalationKind;
  reason: string | null;
  dueAt: string | null;
  expectVersion: number;
  at: string;
}

/**
 * Records one rise in the caller's transaction: moves the ladder state (compare-and-set), appends the event, writes the
 * reminder to the outbox ('incident.escalated', scoped to the higher place so its people are told) and audits it. The
 * incident itself stays in its closed-loop stage. Returns false when another writer moved the state first.
 */
async function recordRise(tx: Db, ctx: Ctx, r: Rise): Promise<boolean> {
  if (!(await repo.moveState(tx, { incidentId: r.inc.id, level: r.to.level, placeId: r.to.id, scopePath: r.to.scopePath }, r.expectVersion, r.at))) return false;
  await repo.insertEvent(tx, {
    id: r.id, incidentId: r.inc.id, fromLevel: r.from, toLevel: r.to.level, placeId: r.to.id, placeName: r.to.name, scopePath: r.to.scopePath, kind: r.kind,
    reason: r.reason, dueAt: r.dueAt, deadlineAt: r.inc.deadlineAt, actorId: ctx.actor.userId, actorName: ctx.actor.displayName, at: r.at,
  });
  const body = await findBodyByPlace(tx, r.to.id);
  await appendOutbox(tx, [{
    type: 'incident.escalated', aggregateType: 'incident', aggregateId: r.inc.id, scopePath: r.to.scopePath, occurredAt: r.at,
    payload: { escalationId: r.id, incidentId: r.inc.id, fromLevel: r.from, toLevel: r.to.level, placeId: r.to.id, placeName: r.to.name, kind: r.kind, reason: r.reason, dueAt: r.dueAt, jointBodyId: body?.id ?? null },
  }]);
  await recordAudit(tx, ctx, {
    action: 'incident.escalate', objectType: 'incident', objectId: r.inc.id, scopePath: r.inc.scopePath, reason: r.reason,
    detail: { escalationId: r.id, from: r.from, to: r.to.level, placeId: r.to.id, kind: r.kind, dueAt: r.dueAt, deadlineAt: r.inc.deadlineAt },
  });
  return true;
}

/**
 * Escalates an incident one level by hand ("the compound cannot solve it"): a dispatcher or handler at its current level
 * states why; the incident joins the higher level's joint-meeting agenda and its people are told. Compare-and-set on the
 * ladder version (409 STALE when someone moved it since it was read); retry-safe by client id (200 with the same rise).
 */
export async function escalateIncident(db: Db, ctx: Ctx, id: string, input: { id?: string; reason: string; version: number }): Promise<{ escalation: IncidentEscalationView; created: boolean }> {
  const eventId = input.id?.toLowerCase() ?? newId();
  const existing = input.id ? await repo.findEvent(db, eventId) : null;
  if (existing) {
    if (existing.incidentId !== id) throw new DomainError('ID_CONFLICT');
    return { escalation: await getIncidentEscalation(db, ctx, id), created: false };
  }
  const problem = reasonProblem('reason', input.reason);
  if (problem) throw invalid([problem]);
  const inc = await visibleFacts(db, ctx, id);
  if (inc.endedAt) throw new DomainError('ESCALATION_INCIDENT_ENDED');
  const chain = await ladderOf(db, inc);
  const state = (await repo.statesOf(db, [id])).get(id);
  const level = state?.level ?? chain[0].level;
  const version = state?.version ?? 1;
  if (input.version !== version) throw stale(version);
  const place = placeAt(chain, level) ?? chain[0];
  const next = nextPlace(chain, level);
  if (!next) throw new DomainError('ESCALATION_AT_TOP', { place: place.name });
  if (!(await standsAt(db, ctx, place, inc))) throw new DomainError('ESCALATION_NOT_ALLOWED', { place: place.name });
  try {
    return await inTx(db, async (tx) => {
      const ok = await recordRise(tx, ctx, {
        id: eventId, inc, from: level, to: next, kind: 'manual', reason: input.reason.trim(), dueAt: null, expectVersion: version, at: ctx.clock.now().toISOString(),
      });
      if (!ok) throw stale((await repo.statesOf(tx, [id])).get(id)?.version ?? version);
      return { escalation: await escalationView(tx, ctx, inc), created: true };
    });
  } catch (e) {
    // The same client id sent twice at once: the loser answers like a resend.
    if (repo.isUniqueViolation(e) && (await repo.findEvent(db, eventId))) return escalateIncident(db, ctx, id, input);
    throw e;
  }
}

/** What one run of the automatic rule did. */
export interface EscalationRun {
  checked: number;
  risen: { incidentId: string; from: LadderLevel; to: LadderLevel; placeId: string; dueAt: string }[];
}

const BATCH = 500;

/**
 * The automatic rule, run by the scheduler every few minutes and by tests directly: every open, unsuspended incident
 * whose deadline passed rises to each level whose overdue threshold (working time on the calendar of its place) has
 * passed by `now`, one recorded rise per level, each in its own transaction. Concurrent runs are safe: the ladder state
 * is compare-and-set and an incident reaches each level once.
 */
export async function runEscalations(db: Db, ctx: Ctx, now: Date): Promise<EscalationRun> {
  const rows = await repo.thresholdRows(db);
  const cutoff = new Date(now.getTime() - shortestThresholdMs(rows) + 60_000).toISOString();
  const chains = new Map<string, LadderPlace[]>();
  const calendars = new Map<string, Awaited<ReturnType<typeof calendarAt>>>();
  const out: EscalationRun = { checked: 0, risen: [] };
  let after: { deadlineAt: string; id: string } | null = null;
  for (;;) {
    const batch = await repo.candidates(db, cutoff, after, BATCH);
    if (!batch.length) break;
    after = { deadlineAt: batch[batch.length - 1].deadlineAt, id: batch[batch.length - 1].id };
    // Calendars from the China date before the batch's earliest deadline cover every incident of the batch.
    const fromDate = new Date(Date.parse(batch[0].deadlineAt) + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    calendars.clear();
    for (const c of batch) {
      out.checked++;
      let chain = chains.get(c.scopePath);
      if (!chain) chains.set(c.scopePath, (chain = await ladderOf(db, c)));
      if (!chain.length) continue;
      const calKey = chain.find((p) => p.level !== 'compound')?.scopePath ?? c.scopePath;
      let cal = calendars.get(calKey);
      if (!cal) calendars.set(calKey, (cal = await calendarAt(db, calKey, fromDate)));
      const current = c.level ?? chain[0].level;
      const rises = overdueRises(chain, current, c.deadlineAt, now, thresholdsAt(rows, c.scopePath), cal);
      let from = current;
      let version = c.version;
      for (const r of rises) {
        const at = now.toISOString();
        const ok = await inTx(db, (tx) => recordRise(tx, ctx, {
          id: newId(), inc: { id: c.id, scopePath: c.scopePath, deadlineAt: c.deadlineAt }, from, to: r.place, kind: 'overdue', reason: null,
          dueAt: r.dueAt.toISOString(), expectVersion: version, at,
        })).catch((e: unknown) => {
          if (repo.isUniqueViolation(e)) return false;
          throw e;
        });
        if (!ok) break;
        out.risen.push({ incidentId: c.id, from, to: r.place.level, placeId: r.place.id, dueAt: r.dueAt.toISOString() });
        from = r.place.level;
        version++;
      }
    }
    if (batch.length < BATCH) break;
  }
  return out;
}

/** The thresholds in force at a place (default: national). */
export async function getThresholds(db: Db, ctx: Ctx, scopePath = '/'): Promise<ThresholdsView> {
  if (!hasPermission(ctx.actor, 'incident.read') && !hasPermission(ctx.actor, 'incident.configure')) throw new DomainError('FORBIDDEN', { permission: 'incident.read' });
  const t = thresholdsAt(await repo.thresholdRows(db), scopePath);
  return {
    scopePath,
    levels: THRESHOLD_LEVELS.map((level) => ({ level, amount: t[level].amount, unit: t[level].unit, definedAt: t[level].definedAt })),
    abilities: { update: can(ctx.actor, 'incident.configure', scopePath) },
  };
}

/** Sets the overdue thresholds of one place (levels not given fall back to the places above); audited with the values. */
export async function putThresholds(db: Db, ctx: Ctx, input: { scopePath?: string; levels: { level: string; amount: number; unit: string }[] }): Promise<ThresholdsView> {
  const scopePath = input.scopePath ?? '/';
  requireAt(ctx.actor, 'incident.configure', scopePath);
  const problems = checkThresholds(input.levels);
  if (scopePath !== '/' && !(await repo.regionsAt(db, [scopePath])).length) problems.push(fieldProblem('scopePath', 'NOT_FOUND_REF', { value: scopePath }));
  if (problems.length) throw invalid(problems);
  return inTx(db, async (tx) => {
    await repo.replaceThresholds(tx, scopePath, input.levels, ctx.clock.now().toISOString(), ctx.actor.userId);
    await recordAudit(tx, ctx, { action: 'escalation.thresholds', objectType: 'escalation_threshold', objectId: scopePath, scopePath, detail: { levels: input.levels } });
    return getThresholds(tx, ctx, scopePath);
  });
}
