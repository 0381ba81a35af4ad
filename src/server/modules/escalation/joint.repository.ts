import { sql } from 'kysely';
import type { ItemEffect, ItemKind, JointTaskState, LadderLevel } from '../../../shared/escalation.ts';
import { scopeCondition, type Db } from '../../db/database.ts';
import { toEvent, type EventRow } from './escalation.repository.ts';

/** A joint-meeting body as stored. */
export interface BodyRow {
  id: string;
  level: LadderLevel;
  placeId: string;
  placeName: string;
  scopePath: string;
  name: string;
  members: string[];
  rota: string[];
  rotaStart: string;
  version: number;
}

type BRow = { id: string; level: string; place_id: string; place_name: string; scope_path: string; name: string; members: string; rota: string; rota_start: string; version: number };

function toBody(r: BRow): BodyRow {
  return {
    id: r.id, level: r.level as LadderLevel, placeId: r.place_id, placeName: r.place_name, scopePath: r.scope_path, name: r.name,
    members: JSON.parse(r.members) as string[], rota: JSON.parse(r.rota) as string[], rotaStart: r.rota_start, version: Number(r.version),
  };
}

const BODY_COLS = ['id', 'level', 'place_id', 'place_name', 'scope_path', 'name', 'members', 'rota', 'rota_start', 'version'] as const;

/** One body by id. */
export async function findBody(db: Db, id: string): Promise<BodyRow | null> {
  const r = await db.selectFrom('joint_body').select(BODY_COLS).where('id', '=', id).executeTakeFirst();
  return r ? toBody(r) : null;
}

/** The body of a place, if one is set up. */
export async function findBodyByPlace(db: Db, placeId: string): Promise<BodyRow | null> {
  const r = await db.selectFrom('joint_body').select(BODY_COLS).where('place_id', '=', placeId).executeTakeFirst();
  return r ? toBody(r) : null;
}

/** Bodies under the caller's scopes (and under a place), top level first. */
export async function listBodies(db: Db, f: { prefixes: readonly string[]; underPath?: string; level?: string }, limit: number, offset: number): Promise<{ rows: BodyRow[]; total: number }> {
  let q = db.selectFrom('joint_body').where(scopeCondition('joint_body.scope_path', f.prefixes));
  if (f.underPath) q = q.where(scopeCondition('joint_body.scope_path', [f.underPath]));
  if (f.level) q = q.where('level', '=', f.level);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select(BODY_COLS).orderBy(sql`length(scope_path)`).orderBy('scope_path').limit(limit).offset(offset).execute();
  return { rows: rows.map(toBody), total };
}

/** Inserts a body. */
export async function insertBody(db: Db, b: Omit<BodyRow, 'version'>, now: string, by: string | null): Promise<void> {
  await db.insertInto('joint_body').values({
    id: b.id, level: b.level, place_id: b.placeId, place_name: b.placeName, scope_path: b.scopePath, name: b.name, members: JSON.stringify(b.members),
    rota: JSON.stringify(b.rota), rota_start: b.rotaStart, version: 1, created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Compare-and-set update of a body; returns rows changed (0 = someone else changed it first). */
export async function updateBody(db: Db, id: string, expectVersion: number, patch: { name?: string; members?: string[]; rota?: string[]; rotaStart?: string }, now: string): Promise<number> {
  const set: Record<string, unknown> = { updated_at: now, version: expectVersion + 1 };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.members !== undefined) set.members = JSON.stringify(patch.members);
  if (patch.rota !== undefined) set.rota = JSON.stringify(patch.rota);
  if (patch.rotaStart !== undefined) set.rota_start = patch.rotaStart;
  const r = await db.updateTable('joint_body').set(set).where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A body's chair changes by month. */
export async function overridesOf(db: Db, bodyId: string): Promise<Map<string, { orgId: string; reason: string }>> {
  const rows = await db.selectFrom('joint_chair_override').select(['month', 'org_id', 'reason']).where('body_id', '=', bodyId).execute();
  return new Map(rows.map((r) => [r.month, { orgId: r.org_id, reason: r.reason }]));
}

/** Writes the chair of some months. */
export async function setOverrides(db: Db, bodyId: string, rows: readonly { month: string; orgId: string }[], reason: string, now: string, by: string | null): Promise<void> {
  if (!rows.length) return;
  await db.deleteFrom('joint_chair_override').where('body_id', '=', bodyId).where('month', 'in', rows.map((r) => r.month)).execute();
  await db.insertInto('joint_chair_override').values(rows.map((r) => ({ body_id: bodyId, month: r.month, org_id: r.orgId, reason, created_at: now, created_by: by }))).execute();
}

/** Names and places of some organisations (read-only lookup in the orgs module's table). */
export async function orgsByIds(db: Db, ids: readonly string[]): Promise<Map<string, { id: string; name: string; scopePath: string }>> {
  const list = [...new Set(ids)].filter(Boolean);
  if (!list.length) return new Map();
  const rows = await db.selectFrom('org').select(['id', 'name', 'scope_path']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, scopePath: r.scope_path }]));
}

/** The date of a body's latest session, or null. */
export async function lastHeldOn(db: Db, bodyId: string): Promise<string | null> {
  const r = await db.selectFrom('joint_session').select((eb) => eb.fn.max('held_on').as('d')).where('body_id', '=', bodyId).executeTakeFirst();
  return (r?.d as string | null | undefined) ?? null;
}

/**
 * The escalations pending on a body's agenda: rises to its place and level whose incident is still open, still at this
 * level (not risen further), and not yet an item of any session of this body; oldest first.
 */
export async function pendingEscalations(db: Db, body: { id: string; placeId: string; level: string }): Promise<EventRow[]> {
  const rows = await db.selectFrom('escalation_event as e')
    .innerJoin('incident_escalation as s', (j) => j.onRef('s.incident_id', '=', 'e.incident_id').onRef('s.level', '=', 'e.to_level'))
    .innerJoin('incident', 'incident.id', 'e.incident_id')
    .selectAll('e')
    .where('e.place_id', '=', body.placeId).where('e.to_level', '=', body.level).where('incident.ended_at', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('joint_item as ji').select('ji.id').where('ji.body_id', '=', body.id).whereRef('ji.incident_id', '=', 'e.incident_id'))))
    .orderBy('e.at').orderBy('e.id').execute();
  return rows.map(toEvent);
}

/** Counts of what waits on bodies: pending escalations and cases. */
export async function pendingCounts(db: Db, bodies: readonly { id: string; placeId: string; level: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const b of bodies) {
    const esc = (await pendingEscalations(db, b)).length;
    const cases = Number((await db.selectFrom('joint_case').select((eb) => eb.fn.countAll<number>().as('n')).where('body_id', '=', b.id).where('session_id', 'is', null).executeTakeFirstOrThrow()).n);
    out.set(b.id, esc + cases);
  }
  return out;
}

/** Every rise to a place at a level, newest first, with whether the incident is still open and still at that level. */
export async function escalationsTo(db: Db, body: { placeId: string; level: string }, openOnly: boolean, limit: number, offset: number): Promise<{ rows: EventRow[]; total: number }> {
  let q = db.selectFrom('escalation_event as e').innerJoin('incident', 'incident.id', 'e.incident_id').where('e.place_id', '=', body.placeId).where('e.to_level', '=', body.level);
  if (openOnly) q = q.where('incident.ended_at', 'is', null);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll('e').orderBy('e.at', 'desc').orderBy('e.id').limit(limit).offset(offset).execute();
  return { rows: rows.map(toEvent), total };
}

/** A hard case as stored. */
export interface CaseRow {
  id: string;
  bodyId: string;
  scopePath: string;
  title: string;
  reason: string;
  incidentId: string | null;
  disputeId: string | null;
  sessionId: string | null;
  createdAt: string;
  createdByName: string;
}

type CRow = { id: string; body_id: string; scope_path: string; title: string; reason: string; incident_id: string | null; dispute_id: string | null; session_id: string | null; created_at: string; created_by_name: string };

function toCase(r: CRow): CaseRow {
  return {
    id: r.id, bodyId: r.body_id, scopePath: r.scope_path, title: r.title, reason: r.reason, incidentId: r.incident_id, disputeId: r.dispute_id,
    sessionId: r.session_id, createdAt: r.created_at, createdByName: r.created_by_name,
  };
}

/** Inserts a hard case. */
export async function insertCase(db: Db, c: Omit<CaseRow, 'sessionId'>, by: string | null): Promise<void> {
  await db.insertInto('joint_case').values({
    id: c.id, body_id: c.bodyId, scope_path: c.scopePath, title: c.title, reason: c.reason, incident_id: c.incidentId, dispute_id: c.disputeId, session_id: null,
    created_at: c.createdAt, created_by: by, created_by_name: c.createdByName,
  }).execute();
}

/** One hard case. */
export async function findCase(db: Db, id: string): Promise<CaseRow | null> {
  const r = await db.selectFrom('joint_case').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toCase(r) : null;
}

/** The case of a dispute still waiting for a session, if any. */
export async function pendingCaseOfDispute(db: Db, disputeId: string): Promise<CaseRow | null> {
  const r = await db.selectFrom('joint_case').selectAll().where('dispute_id', '=', disputeId).where('session_id', 'is', null).executeTakeFirst();
  return r ? toCase(r) : null;
}

/** A body's hard cases not yet taken up by a session, oldest first. */
export async function pendingCases(db: Db, bodyId: string): Promise<CaseRow[]> {
  const rows = await db.selectFrom('joint_case').selectAll().where('body_id', '=', bodyId).where('session_id', 'is', null).orderBy('created_at').orderBy('id').execute();
  return rows.map(toCase);
}

/** Marks hard cases as taken up by a session. */
export async function takeCases(db: Db, ids: readonly string[], sessionId: string): Promise<void> {
  if (ids.length) await db.updateTable('joint_case').set({ session_id: sessionId }).where('id', 'in', [...ids]).where('session_id', 'is', null).execute();
}

/** A held session as stored. */
export interface SessionRow {
  id: string;
  bodyId: string;
  level: LadderLevel;
  scopePath: string;
  month: string;
  heldOn: string;
  place: string;
  chairOrgId: string;
  attendees: string[];
  minutes: string;
  version: number;
}

type SRow = { id: string; body_id: string; level: string; scope_path: string; month: string; held_on: string; place: string; chair_org_id: string; attendees: string; minutes: string; version: number };

function toSession(r: SRow): SessionRow {
  return {
    id: r.id, bodyId: r.body_id, level: r.level as LadderLevel, scopePath: r.scope_path, month: r.month, heldOn: r.held_on, place: r.place,
    chairOrgId: r.chair_org_id, attendees: JSON.parse(r.attendees) as string[], minutes: r.minutes, version: Number(r.version),
  };
}

const SESSION_COLS = ['id', 'body_id', 'level', 'scope_path', 'month', 'held_on', 'place', 'chair_org_id', 'attendees', 'minutes', 'version'] as const;

/** Inserts a session. */
export async function insertSession(db: Db, s: Omit<SessionRow, 'version'>, now: string, by: string | null): Promise<void> {
  await db.insertInto('joint_session').values({
    id: s.id, body_id: s.bodyId, level: s.level, scope_path: s.scopePath, month: s.month, held_on: s.heldOn, place: s.place, chair_org_id: s.chairOrgId,
    attendees: JSON.stringify(s.attendees), minutes: s.minutes, version: 1, created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** One session. */
export async function findSession(db: Db, id: string): Promise<SessionRow | null> {
  const r = await db.selectFrom('joint_session').select(SESSION_COLS).where('id', '=', id).executeTakeFirst();
  return r ? toSession(r) : null;
}

/** A body's sessions, latest first, with item and decision counts. */
export async function listSessions(db: Db, bodyId: string, limit: number, offset: number): Promise<{ rows: (SessionRow & { items: number; decisions: number })[]; total: number }> {
  const total = Number((await db.selectFrom('joint_session').select((eb) => eb.fn.countAll<number>().as('n')).where('body_id', '=', bodyId).executeTakeFirstOrThrow()).n);
  const rows = await db.selectFrom('joint_session').select(SESSION_COLS)
    .select((eb) => [
      eb.selectFrom('joint_item').select((x) => x.fn.countAll<number>().as('n')).whereRef('joint_item.session_id', '=', 'joint_session.id').as('items'),
      eb.selectFrom('joint_item').select((x) => x.fn.countAll<number>().as('n')).whereRef('joint_item.session_id', '=', 'joint_session.id').where('joint_item.decision', 'is not', null).as('decisions'),
    ])
    .where('body_id', '=', bodyId).orderBy('held_on', 'desc').orderBy('id').limit(limit).offset(offset).execute();
  return { total, rows: rows.map((r) => ({ ...toSession(r), items: Number(r.items ?? 0), decisions: Number(r.decisions ?? 0) })) };
}

/** Compare-and-set update of a session's record. */
export async function updateSession(db: Db, id: string, expectVersion: number, patch: { place?: string; minutes?: string; attendees?: string[] }, now: string): Promise<number> {
  const set: Record<string, unknown> = { updated_at: now, version: expectVersion + 1 };
  if (patch.place !== undefined) set.place = patch.place;
  if (patch.minutes !== undefined) set.minutes = patch.minutes;
  if (patch.attendees !== undefined) set.attendees = JSON.stringify(patch.attendees);
  const r = await db.updateTable('joint_session').set(set).where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** An agenda item of a held session. */
export interface ItemRow {
  id: string;
  sessionId: string;
  bodyId: string;
  seq: number;
  kind: ItemKind;
  incidentId: string | null;
  caseId: string | null;
  title: string;
  note: string | null;
  decision: string | null;
  responsibleOrgId: string | null;
  dueOn: string | null;
  effect: ItemEffect | null;
}

/** Inserts a session's items. */
export async function insertItems(db: Db, items: readonly ItemRow[]): Promise<void> {
  if (!items.length) return;
  await db.insertInto('joint_item').values(items.map((i) => ({
    id: i.id, session_id: i.sessionId, body_id: i.bodyId, seq: i.seq, kind: i.kind, incident_id: i.incidentId, case_id: i.caseId, title: i.title, note: i.note,
    decision: i.decision, responsible_org_id: i.responsibleOrgId, due_on: i.dueOn, effect: i.effect,
  }))).execute();
}

type IRow = { id: string; session_id: string; body_id: string; seq: number; kind: string; incident_id: string | null; case_id: string | null; title: string; note: string | null; decision: string | null; responsible_org_id: string | null; due_on: string | null; effect: string | null };

function toItem(r: IRow): ItemRow {
  return {
    id: r.id, sessionId: r.session_id, bodyId: r.body_id, seq: Number(r.seq), kind: r.kind as ItemKind, incidentId: r.incident_id, caseId: r.case_id, title: r.title,
    note: r.note, decision: r.decision, responsibleOrgId: r.responsible_org_id, dueOn: r.due_on, effect: r.effect as ItemEffect | null,
  };
}

/** A session's items in order. */
export async function itemsOf(db: Db, sessionId: string): Promise<ItemRow[]> {
  return (await db.selectFrom('joint_item').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute()).map(toItem);
}

/** The decided items on an incident across bodies, with their session's date and body name. */
export async function decisionsOn(db: Db, incidentId: string): Promise<(ItemRow & { heldOn: string; bodyName: string })[]> {
  const rows = await db.selectFrom('joint_item').innerJoin('joint_session', 'joint_session.id', 'joint_item.session_id').innerJoin('joint_body', 'joint_body.id', 'joint_item.body_id')
    .selectAll('joint_item').select(['joint_session.held_on', 'joint_body.name as body_name'])
    .where('joint_item.incident_id', '=', incidentId).orderBy('joint_session.held_on').orderBy('joint_item.seq').execute();
  return rows.map((r) => ({ ...toItem(r), heldOn: r.held_on, bodyName: r.body_name }));
}

/** A task as stored. */
export interface TaskRow {
  id: string;
  itemId: string;
  sessionId: string;
  bodyId: string;
  level: LadderLevel;
  scopePath: string;
  orgId: string;
  orgScopePath: string;
  incidentId: string | null;
  title: string;
  decision: string;
  dueOn: string;
  state: JointTaskState;
  evidence: string | null;
  doneAt: string | null;
  doneByName: string | null;
  version: number;
}

type TRow = {
  id: string; item_id: string; session_id: string; body_id: string; level: string; scope_path: string; org_id: string; org_scope_path: string; incident_id: string | null;
  title: string; decision: string; due_on: string; state: string; evidence: string | null; done_at: string | null; done_by_name: string | null; version: number;
};

function toTask(r: TRow): TaskRow {
  return {
    id: r.id, itemId: r.item_id, sessionId: r.session_id, bodyId: r.body_id, level: r.level as LadderLevel, scopePath: r.scope_path, orgId: r.org_id,
    orgScopePath: r.org_scope_path, incidentId: r.incident_id, title: r.title, decision: r.decision, dueOn: r.due_on, state: r.state as JointTaskState,
    evidence: r.evidence, doneAt: r.done_at, doneByName: r.done_by_name, version: Number(r.version),
  };
}

const TASK_COLS = ['id', 'item_id', 'session_id', 'body_id', 'level', 'scope_path', 'org_id', 'org_scope_path', 'incident_id', 'title', 'decision', 'due_on', 'state', 'evidence', 'done_at', 'done_by_name', 'version'] as const;

/** Inserts tasks. */
export async function insertTasks(db: Db, tasks: readonly Omit<TaskRow, 'version' | 'evidence' | 'doneAt' | 'doneByName' | 'state'>[], now: string, by: string | null): Promise<void> {
  if (!tasks.length) return;
  await db.insertInto('joint_task').values(tasks.map((t) => ({
    id: t.id, item_id: t.itemId, session_id: t.sessionId, body_id: t.bodyId, level: t.level, scope_path: t.scopePath, org_id: t.orgId, org_scope_path: t.orgScopePath,
    incident_id: t.incidentId, title: t.title, decision: t.decision, due_on: t.dueOn, state: 'open', evidence: null, done_at: null, done_by: null, done_by_name: null,
    version: 1, created_at: now, updated_at: now, created_by: by,
  }))).execute();
}

/** One task. */
export async function findTask(db: Db, id: string): Promise<TaskRow | null> {
  const r = await db.selectFrom('joint_task').select(TASK_COLS).where('id', '=', id).executeTakeFirst();
  return r ? toTask(r) : null;
}

/** Tasks by the items that created them. */
export async function tasksOfItems(db: Db, itemIds: readonly string[]): Promise<Map<string, TaskRow>> {
  if (!itemIds.length) return new Map();
  const rows = await db.selectFrom('joint_task').select(TASK_COLS).where('item_id', 'in', [...itemIds]).execute();
  return new Map(rows.map((r) => [r.item_id, toTask(r)]));
}

/** Filters of the task list; a caller sees tasks under their scopes, or sent to an organisation they handle for. */
export interface TaskFilter {
  prefixes: readonly string[];
  orgIds: readonly string[];
  bodyId?: string;
  orgId?: string;
  state?: string;
  /** Only open tasks due before this date. */
  overdueBefore?: string;
  underPath?: string;
}

/** One page of tasks, earliest due first. */
export async function listTasks(db: Db, f: TaskFilter, limit: number, offset: number): Promise<{ rows: (TaskRow & { heldOn: string; bodyName: string })[]; total: number }> {
  let q = db.selectFrom('joint_task').innerJoin('joint_session', 'joint_session.id', 'joint_task.session_id').innerJoin('joint_body', 'joint_body.id', 'joint_task.body_id')
    .where((eb) => eb.or([
      scopeCondition('joint_task.scope_path', f.prefixes), scopeCondition('joint_task.org_scope_path', f.prefixes),
      ...(f.orgIds.length ? [eb('joint_task.org_id', 'in', [...f.orgIds])] : []),
    ]));
  if (f.bodyId) q = q.where('joint_task.body_id', '=', f.bodyId);
  if (f.orgId) q = q.where('joint_task.org_id', '=', f.orgId);
  if (f.state) q = q.where('joint_task.state', '=', f.state);
  if (f.overdueBefore) q = q.where('joint_task.state', '=', 'open').where('joint_task.due_on', '<', f.overdueBefore);
  if (f.underPath) q = q.where(scopeCondition('joint_task.scope_path', [f.underPath]));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select(TASK_COLS.map((c) => `joint_task.${c}` as const)).select(['joint_session.held_on', 'joint_body.name as body_name'])
    .orderBy('joint_task.state', 'desc').orderBy('joint_task.due_on').orderBy('joint_task.id').limit(limit).offset(offset).execute();
  return { total, rows: rows.map((r) => ({ ...toTask(r as unknown as TRow), heldOn: r.held_on, bodyName: r.body_name })) };
}

/** Compare-and-set completion of an open task. */
export async function completeTask(db: Db, id: string, expectVersion: number, done: { evidence: string; at: string; by: string | null; byName: string }): Promise<number> {
  const r = await db.updateTable('joint_task').set({ state: 'done', evidence: done.evidence, done_at: done.at, done_by: done.by, done_by_name: done.byName, updated_at: done.at, version: expectVersion + 1 })
    .where('id', '=', id).where('version', '=', expectVersion).where('state', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Open and overdue task counts of some bodies. */
export async function taskCounts(db: Db, bodyIds: readonly string[], today: string): Promise<Map<string, { open: number; overdue: number }>> {
  const out = new Map<string, { open: number; overdue: number }>(bodyIds.map((b) => [b, { open: 0, overdue: 0 }]));
  if (!bodyIds.length) return out;
  const rows = await db.selectFrom('joint_task').select(['body_id'])
    .select((eb) => [eb.fn.countAll<number>().as('open'), eb.fn.sum<number>(eb.case().when('due_on', '<', today).then(1).else(0).end()).as('overdue')])
    .where('body_id', 'in', [...bodyIds]).where('state', '=', 'open').groupBy('body_id').execute();
  for (const r of rows) out.set(r.body_id, { open: Number(r.open), overdue: Number(r.overdue ?? 0) });
  return out;
}

/** Sessions, items and decisions per level and month of bodies under some places, months in [from, to]. */
export async function sessionStats(db: Db, prefixes: readonly string[], underPath: string | undefined, from: string, to: string) {
  let q = db.selectFrom('joint_session').leftJoin('joint_item', 'joint_item.session_id', 'joint_session.id')
    .where(scopeCondition('joint_session.scope_path', prefixes)).where('joint_session.month', '>=', from).where('joint_session.month', '<=', to);
  if (underPath) q = q.where(scopeCondition('joint_session.scope_path', [underPath]));
  const rows = await q.select(['joint_session.level', 'joint_session.month'])
    .select((eb) => [
      eb.fn.count<number>('joint_session.id').distinct().as('sessions'), eb.fn.count<number>('joint_item.id').as('items'), eb.fn.count<number>('joint_item.decision').as('decisions'),
    ])
    .groupBy(['joint_session.level', 'joint_session.month']).orderBy('joint_session.month').orderBy('joint_session.level').execute();
  return rows.map((r) => ({ level: r.level as LadderLevel, month: r.month, sessions: Number(r.sessions), items: Number(r.items), decisions: Number(r.decisions) }));
}

/** Task states per level of tasks sent down by sessions in the period, under some places. */
export async function taskStats(db: Db, prefixes: readonly string[], underPath: string | undefined, from: string, to: string, today: string) {
  let q = db.selectFrom('joint_task').innerJoin('joint_session', 'joint_session.id', 'joint_task.session_id')
    .where(scopeCondition('joint_task.scope_path', prefixes)).where('joint_session.month', '>=', from).where('joint_session.month', '<=', to);
  if (underPath) q = q.where(scopeCondition('joint_task.scope_path', [underPath]));
  const rows = await q.select(['joint_task.level'])
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('joint_task.state', '=', 'done').then(1).else(0).end()).as('done'),
      eb.fn.sum<number>(eb.case().when('joint_task.state', '=', 'open').then(1).else(0).end()).as('open'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('joint_task.state', '=', 'open'), eb('joint_task.due_on', '<', today)])).then(1).else(0).end()).as('overdue'),
    ])
    .groupBy('joint_task.level').execute();
  return rows.map((r) => ({ level: r.level as LadderLevel, done: Number(r.done ?? 0), open: Number(r.open ?? 0), overdue: Number(r.overdue ?? 0) }));
}

/** Rises to levels under some places in [fromAt, toAt). */
export async function escalationCount(db: Db, prefixes: readonly string[], underPath: string | undefined, fromAt: string, toAt: string): Promise<number> {
  let q = db.selectFrom('escalation_event').where(scopeCondition('escalation_event.scope_path', prefixes)).where('at', '>=', fromAt).where('at', '<', toAt);
  if (underPath) q = q.where(scopeCondition('escalation_event.scope_path', [underPath]));
  return Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
