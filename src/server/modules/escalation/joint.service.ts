import { escalationProblem, type IncidentSummary, type JointBodyView, type LadderLevel, type OrgRef, type RotaView } from '../../../shared/escalation.ts';
import { DomainError, invalid } from '../../../shared/errors.ts';
import { CLOSED_LOOP_KEY } from '../../../shared/incidents.ts';
import type { I18nName } from '../../../shared/method-template.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, scopesFor, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { categorySet } from '../incidents/index.ts';
import { PRESETS } from '../methods/index.ts';
import { incidentFacts, isUniqueViolation, placeById, statesOf } from './escalation.repository.ts';
import { reasonProblem } from './escalation.ts';
import { checkBody, chairOf, isMonth, rotaYear, swapOf } from './joint.ts';
import * as repo from './joint.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** Places under which the caller reads joint meetings: where they read incidents or configure them. */
export function readPrefixes(actor: Actor): string[] {
  const paths = [...scopesFor(actor, 'incident.read'), ...scopesFor(actor, 'incident.configure')].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of paths) if (!out.some((q) => p.startsWith(q))) out.push(p);
  if (!out.length) throw new DomainError('FORBIDDEN', { permission: 'incident.read' });
  return out;
}

/** A body the caller may read; NOT_FOUND otherwise (a body outside their places does not exist for them). */
export async function readableBody(db: Db, ctx: Ctx, id: string): Promise<repo.BodyRow> {
  const prefixes = readPrefixes(ctx.actor);
  const b = await repo.findBody(db, id);
  if (!b || !prefixes.some((p) => b.scopePath.startsWith(p))) throw new DomainError('NOT_FOUND');
  return b;
}

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

/** Organisation references for ids, in order; unknown ids are named by id. */
export function refsOf(ids: readonly string[], orgs: ReadonlyMap<string, { id: string; name: string }>): OrgRef[] {
  return ids.map((id) => ({ id, name: orgs.get(id)?.name ?? id }));
}

/** The current month in China time. */
export function thisMonth(ctx: Ctx): string {
  return todayCst(ctx.clock).slice(0, 7);
}

async function bodyViews(db: Db, ctx: Ctx, rows: readonly repo.BodyRow[]): Promise<JointBodyView[]> {
  const month = thisMonth(ctx);
  const overrides = new Map(await Promise.all(rows.map(async (b) => [b.id, await repo.overridesOf(db, b.id)] as const)));
  const chairs = new Map(rows.map((b) => [b.id, chairOf(b.rota, b.rotaStart, month, new Map([...overrides.get(b.id)!].map(([m, o]) => [m, o.orgId]))).orgId]));
  const [orgs, pending, tasks] = await Promise.all([
    repo.orgsByIds(db, rows.flatMap((b) => [...b.members, ...(chairs.get(b.id) ? [chairs.get(b.id)!] : [])])),
    repo.pendingCounts(db, rows), repo.taskCounts(db, rows.map((b) => b.id), todayCst(ctx.clock)),
  ]);
  const out: JointBodyView[] = [];
  for (const b of rows) {
    const chair = chairs.get(b.id);
    out.push({
      id: b.id, level: b.level, place: { id: b.placeId, name: b.placeName, level: b.level }, name: b.name, members: refsOf(b.members, orgs), rota: refsOf(b.rota, orgs),
      rotaStart: b.rotaStart, chairThisMonth: chair ? refsOf([chair], orgs)[0] : null, lastHeldOn: await repo.lastHeldOn(db, b.id),
      pendingItems: pending.get(b.id) ?? 0, openTasks: tasks.get(b.id)?.open ?? 0, overdueTasks: tasks.get(b.id)?.overdue ?? 0, version: b.version,
      abilities: { configure: can(ctx.actor, 'incident.configure', b.scopePath), record: can(ctx.actor, 'incident.dispatch', b.scopePath) },
    });
  }
  return out;
}

/** One joint-meeting body with this month's chair and what waits on it. */
export async function getBody(db: Db, ctx: Ctx, id: string): Promise<JointBodyView> {
  return (await bodyViews(db, ctx, [await readableBody(db, ctx, id)]))[0];
}

/** The bodies the caller sees, optionally under one place or at one level, county first. */
export async function listBodies(db: Db, ctx: Ctx, q: { placeId?: string; level?: string }, limit: number, offset: number): Promise<{ items: JointBodyView[]; total: number }> {
  const prefixes = readPrefixes(ctx.actor);
  let underPath: string | undefined;
  if (q.placeId) {
    const p = await placeById(db, q.placeId);
    if (!p) return { items: [], total: 0 };
    underPath = p.scopePath;
  }
  const page = await repo.listBodies(db, { prefixes, underPath, level: q.level }, limit, offset);
  return { items: await bodyViews(db, ctx, page.rows), total: page.total };
}

const RUNGS: Record<string, LadderLevel> = { compound: 'compound', community: 'community', street: 'street', county: 'county' };

/** Input of a body create. */
export interface NewBody {
  id?: string;
  placeId: string;
  name?: string | null;
  members: string[];
  rota: string[];
  rotaStart?: string | null;
}

async function checkOrgs(db: Db, field: string, ids: readonly string[]) {
  const orgs = await repo.orgsByIds(db, ids);
  return ids.flatMap((id, i) => (orgs.has(id) ? [] : [escalationProblem(`${field}.${i}`, 'ORG_UNKNOWN', { value: id })]));
}

/**
 * Sets up the joint meeting of a county, street, community or compound (incident.configure there): member units, the
 * rota of chairing units and the month the rota starts. One body per place; idempotent by client id.
 */
export async function createBody(db: Db, ctx: Ctx, input: NewBody): Promise<{ body: JointBodyView; created: boolean }> {
  const id = input.id?.toLowerCase() ?? newId();
  const existing = await repo.findBody(db, id);
  if (existing) {
    if (!readPrefixes(ctx.actor).some((p) => existing.scopePath.startsWith(p))) throw new DomainError('ID_CONFLICT');
    return { body: await getBody(db, ctx, id), created: false };
  }
  const place = await placeById(db, input.placeId);
  if (!place) throw invalid([escalationProblem('placeId', 'PLACE_UNKNOWN', { value: input.placeId })]);
  const level = RUNGS[place.level];
  if (!level) throw invalid([escalationProblem('placeId', 'PLACE_NOT_A_LEVEL', { value: place.name })]);
  requireAt(ctx.actor, 'incident.configure', place.scopePath);
  const rotaStart = input.rotaStart ?? thisMonth(ctx);
  const problems = [...checkBody({ members: input.members, rota: input.rota, rotaStart, name: input.name ?? undefined }), ...(await checkOrgs(db, 'members', input.members))];
  if (problems.length) throw invalid(problems);
  if (await repo.findBodyByPlace(db, place.id)) throw new DomainError('JOINT_BODY_EXISTS', { place: place.name });
  const name = input.name?.trim() || `${place.name}联席会议`;
  try {
    return await inTx(db, async (tx) => {
      await repo.insertBody(tx, { id, level, placeId: place.id, placeName: place.name, scopePath: place.scopePath, name, members: input.members, rota: input.rota, rotaStart }, nowIso(ctx), ctx.actor.userId);
      await recordAudit(tx, ctx, { action: 'joint_body.create', objectType: 'joint_body', objectId: id, scopePath: place.scopePath, detail: { level, placeId: place.id, members: input.members, rota: input.rota, rotaStart } });
      return { body: (await bodyViews(tx, ctx, [(await repo.findBody(tx, id))!]))[0], created: true };
    });
  } catch (e) {
    // A race on the same client id answers like a resend; a race on the same place like a second body.
    if (isUniqueViolation(e) && (await repo.findBody(db, id))) return createBody(db, ctx, input);
    if (isUniqueViolation(e) && (await repo.findBodyByPlace(db, place.id))) throw new DomainError('JOINT_BODY_EXISTS', { place: place.name });
    throw e;
  }
}

/** A body the caller configures, at the version they read. */
async function configuredBody(db: Db, ctx: Ctx, id: string, version: number): Promise<repo.BodyRow> {
  const b = await readableBody(db, ctx, id);
  requireAt(ctx.actor, 'incident.configure', b.scopePath);
  if (b.version !== version) throw stale(b.version);
  return b;
}

/** Changes a body's name, members, rota or rota start month (compare-and-set on version). */
export async function updateBody(db: Db, ctx: Ctx, id: string, input: { version: number; name?: string; members?: string[]; rota?: string[]; rotaStart?: string }): Promise<JointBodyView> {
  const b = await configuredBody(db, ctx, id, input.version);
  const members = input.members ?? b.members;
  const problems = [
    ...checkBody({ members, rota: input.rota ?? b.rota.filter((o) => members.includes(o)), rotaStart: input.rotaStart, name: input.name }),
    ...(input.members ? await checkOrgs(db, 'members', input.members) : []),
  ];
  if (problems.length) throw invalid(problems);
  const patch = { name: input.name?.trim(), members: input.members, rota: input.rota ?? (input.members ? b.rota.filter((o) => members.includes(o)) : undefined), rotaStart: input.rotaStart };
  return inTx(db, async (tx) => {
    if ((await repo.updateBody(tx, id, b.version, patch, nowIso(ctx))) === 0) throw stale((await repo.findBody(tx, id))?.version ?? b.version);
    await recordAudit(tx, ctx, { action: 'joint_body.update', objectType: 'joint_body', objectId: id, scopePath: b.scopePath, detail: { fields: Object.keys(input).filter((k) => k !== 'version'), ...patch } });
    return (await bodyViews(tx, ctx, [(await repo.findBody(tx, id))!]))[0];
  });
}

/** Twelve months of a body's rota with each month's chair, swaps applied. */
export async function getRota(db: Db, ctx: Ctx, id: string, year?: number): Promise<RotaView> {
  const b = await readableBody(db, ctx, id);
  return rotaView(db, ctx, b, year ?? Number(thisMonth(ctx).slice(0, 4)));
}

async function rotaView(db: Db, ctx: Ctx, b: repo.BodyRow, year: number): Promise<RotaView> {
  const overrides = await repo.overridesOf(db, b.id);
  const months = rotaYear(b.rota, b.rotaStart, year, new Map([...overrides].map(([m, o]) => [m, o.orgId])));
  const orgs = await repo.orgsByIds(db, months.flatMap((m) => [m.orgId ?? '', m.scheduled ?? '']));
  const ref = (id: string | null) => (id ? refsOf([id], orgs)[0] : null);
  return {
    bodyId: b.id, year, version: b.version, abilities: { swap: can(ctx.actor, 'incident.configure', b.scopePath) },
    months: months.map((m) => ({ month: m.month, chair: ref(m.orgId), scheduled: ref(m.scheduled), overridden: m.overridden, reason: m.overridden ? overrides.get(m.month)?.reason ?? null : null })),
  };
}

/**
 * Changes who chairs: swaps the chairs of two months, or gives one month to a member unit. An administrator
 * (incident.configure) states why; the body's version moves so a rota read before the change answers 409 STALE.
 */
export async function changeChair(db: Db, ctx: Ctx, id: string, input: { version: number; reason: string; months?: string[]; month?: string; orgId?: string }): Promise<RotaView> {
  const b = await configuredBody(db, ctx, id, input.version);
  const problems = [reasonProblem('reason', input.reason)].filter((p) => p !== null);
  const overrides = new Map([...(await repo.overridesOf(db, id))].map(([m, o]) => [m, o.orgId]));
  let rows: { month: string; orgId: string | null }[] = [];
  if (input.months) {
    const [a, c] = input.months;
    input.months.forEach((m, i) => { if (!isMonth(m)) problems.push(escalationProblem(`months.${i}`, 'MONTH_FORMAT')); });
    if (input.months.length !== 2) problems.push(escalationProblem('months', 'SAME_MONTH'));
    else if (a === c) problems.push(escalationProblem('months.1', 'SAME_MONTH'));
    else rows = swapOf(b.rota, b.rotaStart, a, c, overrides);
  } else {
    if (!isMonth(input.month)) problems.push(escalationProblem('month', 'MONTH_FORMAT'));
    if (!input.orgId || !b.members.includes(input.orgId)) problems.push(escalationProblem('orgId', 'NOT_A_MEMBER', { value: input.orgId ?? '' }));
    rows = [{ month: input.month!, orgId: input.orgId ?? null }];
  }
  if (!problems.length && rows.some((r) => !r.orgId)) problems.push(escalationProblem('months', 'ROTA_EMPTY'));
  if (problems.length) throw invalid(problems);
  return inTx(db, async (tx) => {
    const now = nowIso(ctx);
    if ((await repo.updateBody(tx, id, b.version, {}, now)) === 0) throw stale((await repo.findBody(tx, id))?.version ?? b.version);
    await repo.setOverrides(tx, id, rows as { month: string; orgId: string }[], input.reason.trim(), now, ctx.actor.userId);
    await recordAudit(tx, ctx, { action: 'joint_body.chair', objectType: 'joint_body', objectId: id, scopePath: b.scopePath, reason: input.reason.trim(), detail: { chairs: rows } });
    return rotaView(tx, ctx, (await repo.findBody(tx, id))!, Number(rows[0].month.slice(0, 4)));
  });
}

const STAGE_NAMES = new Map((PRESETS.find((p) => p.key === CLOSED_LOOP_KEY)?.stages ?? []).map((s) => [s.key, s.name]));

/** Short views of some incidents for agendas and lists, with where each stands on the ladder now. */
export async function summariesOf(db: Db, ctx: Ctx, ids: readonly string[]): Promise<Map<string, IncidentSummary>> {
  const [facts, states] = await Promise.all([incidentFacts(db, ids), statesOf(db, ids)]);
  const now = ctx.clock.now().toISOString();
  const out = new Map<string, IncidentSummary>();
  for (const f of facts.values()) {
    const set = await categorySet(db, f.categorySetId).catch(() => null);
    const name: I18nName = set?.categories.find((c) => c.code === f.categoryCode)?.name ?? { zh: f.categoryCode, en: f.categoryCode };
    out.set(f.id, {
      id: f.id, categoryCode: f.categoryCode, categoryName: name, description: f.description, stage: f.stage, stageName: STAGE_NAMES.get(f.stage) ?? { zh: f.stage, en: f.stage },
      deadlineAt: f.deadlineAt, overdue: !f.endedAt && f.stage !== 'suspended' && !!f.deadlineAt && f.deadlineAt < now, open: !f.endedAt,
      handlerName: f.handlerName, reportedAt: f.reportedAt, level: states.get(f.id)?.level ?? (f.compoundId ? 'compound' : 'community'),
    });
  }
  return out;
}
