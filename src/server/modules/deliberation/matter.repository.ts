import { containsText, scopeCondition, type Db } from '../../db/database.ts';
import type { MatterCategory, MatterSource } from '../../../shared/deliberation.ts';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';
import type { Relations } from '../methods/index.ts';

/** A matter with the state of its method instance, as the services use it. */
export interface MatterRecord {
  id: string;
  compoundId: string;
  compoundName: string;
  scopePath: string;
  title: string;
  description: string | null;
  category: MatterCategory;
  source: MatterSource;
  methodKey: string;
  instanceId: string;
  executorOrgId: string | null;
  executorOrgName: string | null;
  deadline: string | null;
  jointDecisionItem: number | null;
  conflictOrgIds: string[];
  conflictMemberIds: string[];
  decision: string | null;
  decidedAt: string | null;
  result: string | null;
  outcome: 'resolved' | 'not_taken_up' | null;
  closedAt: string | null;
  satisfactionSum: number;
  satisfactionCount: number;
  version: number;
  createdAt: string;
  createdBy: string | null;
  templateId: string;
  stage: string;
  dueAt: string | null;
  terminal: boolean;
  instanceVersion: number;
  relations: Relations;
}

const COLS = [
  'matter.id', 'matter.compound_id', 'matter.scope_path', 'matter.title', 'matter.description', 'matter.category', 'matter.source',
  'matter.method_key', 'matter.instance_id', 'matter.executor_org_id', 'matter.deadline', 'matter.joint_decision_item', 'matter.conflict_org_ids',
  'matter.conflict_member_ids', 'matter.decision', 'matter.decided_at', 'matter.result', 'matter.outcome', 'matter.closed_at',
  'matter.satisfaction_sum', 'matter.satisfaction_count', 'matter.version', 'matter.created_at', 'matter.created_by',
  'method_instance.template_id', 'method_instance.stage', 'method_instance.due_at', 'method_instance.terminal',
  'method_instance.relations', 'method_instance.version as instance_version', 'compound.name as compound_name', 'org.name as org_name',
] as const;

type Row = {
  id: string; compound_id: string; scope_path: string; title: string; description: string | null; category: string; source: string;
  method_key: string; instance_id: string; executor_org_id: string | null; deadline: string | null; joint_decision_item: number | null;
  conflict_org_ids: string; conflict_member_ids: string; decision: string | null; decided_at: string | null; result: string | null;
  outcome: string | null; closed_at: string | null; satisfaction_sum: number; satisfaction_count: number; version: number; created_at: string;
  created_by: string | null; template_id: string; stage: string; due_at: string | null; terminal: number; relations: string;
  instance_version: number; compound_name: string; org_name: string | null;
};

function toMatter(r: Row): MatterRecord {
  return {
    id: r.id, compoundId: r.compound_id, compoundName: r.compound_name, scopePath: r.scope_path, title: r.title, description: r.description,
    category: r.category as MatterCategory, source: r.source as MatterSource, methodKey: r.method_key, instanceId: r.instance_id,
    executorOrgId: r.executor_org_id, executorOrgName: r.executor_org_id ? r.org_name ?? null : null, deadline: r.deadline,
    jointDecisionItem: r.joint_decision_item === null ? null : Number(r.joint_decision_item),
    conflictOrgIds: JSON.parse(r.conflict_org_ids) as string[], conflictMemberIds: JSON.parse(r.conflict_member_ids) as string[],
    decision: r.decision, decidedAt: r.decided_at, result: r.result, outcome: r.outcome as MatterRecord['outcome'], closedAt: r.closed_at,
    satisfactionSum: Number(r.satisfaction_sum), satisfactionCount: Number(r.satisfaction_count), version: Number(r.version),
    createdAt: r.created_at, createdBy: r.created_by, templateId: r.template_id, stage: r.stage, dueAt: r.due_at,
    terminal: Number(r.terminal) === 1, instanceVersion: Number(r.instance_version), relations: JSON.parse(r.relations) as Relations,
  };
}

function base(db: Db) {
  return db.selectFrom('matter')
    .innerJoin('method_instance', 'method_instance.id', 'matter.instance_id')
    .innerJoin('compound', 'compound.id', 'matter.compound_id')
    .leftJoin('org', 'org.id', 'matter.executor_org_id');
}

/** One matter; with scopes, one outside them is not found. */
export async function findMatter(db: Db, id: string, scopes: readonly string[] | null): Promise<MatterRecord | null> {
  let q = base(db).select(COLS).where('matter.id', '=', id);
  if (scopes) q = q.where(scopeCondition('matter.scope_path', scopes));
  const r = await q.executeTakeFirst();
  return r ? toMatter(r as Row) : null;
}

/** Filters of the matter list and board. */
export interface MatterFilter {
  underPath?: string;
  compoundId?: string;
  stage?: string;
  methodKey?: string;
  category?: string;
  source?: string;
  /** Only running matters past their stage's due time at this instant. */
  overdueAt?: string;
  /** Only running (true) or ended (false) matters. */
  open?: boolean;
  q?: string;
}

function filtered(db: Db, scopes: readonly string[], f: MatterFilter) {
  let q = base(db).where(scopeCondition('matter.scope_path', scopes));
  if (f.underPath) q = q.where(scopeCondition('matter.scope_path', [f.underPath]));
  if (f.compoundId) q = q.where('matter.compound_id', '=', f.compoundId);
  if (f.stage) q = q.where('method_instance.stage', '=', f.stage);
  if (f.methodKey) q = q.where('matter.method_key', '=', f.methodKey);
  if (f.category) q = q.where('matter.category', '=', f.category);
  if (f.source) q = q.where('matter.source', '=', f.source);
  if (f.open !== undefined) q = q.where('method_instance.terminal', '=', f.open ? 0 : 1);
  if (f.overdueAt) {
    q = q.where('method_instance.terminal', '=', 0).where('method_instance.due_at', 'is not', null).where('method_instance.due_at', '<', f.overdueAt);
  }
  if (f.q?.trim()) q = q.where(containsText('matter.title', f.q.trim()));
  return q;
}

/** Matters in scope, newest first. */
export async function listMatters(db: Db, scopes: readonly string[], f: MatterFilter, limit: number, offset: number): Promise<{ rows: MatterRecord[]; total: number }> {
  const q = filtered(db, scopes, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select(COLS).orderBy('matter.created_at', 'desc').orderBy('matter.id').limit(limit).offset(offset).execute();
  return { total: Number(total.n), rows: rows.map((r) => toMatter(r as Row)) };
}

/** Matter counts per current stage, for the board's column totals. */
export async function countByStage(db: Db, scopes: readonly string[], f: MatterFilter): Promise<Map<string, number>> {
  const rows = await filtered(db, scopes, f).select(['method_instance.stage', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('method_instance.stage').execute();
  return new Map(rows.map((r) => [r.stage, Number(r.n)]));
}

/** The bodies of some template versions by id (no scope: instances pin versions the caller may already see). */
export async function templateBodies(db: Db, ids: readonly string[]): Promise<Map<string, MethodTemplateBody>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('method_template').select(['id', 'body']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.body) as MethodTemplateBody]));
}

/** A new matter's columns. */
export interface MatterInsert {
  id: string; compoundId: string; scopePath: string; title: string; description: string | null; category: string; source: string;
  methodKey: string; instanceId: string; executorOrgId: string | null; deadline: string | null; jointDecisionItem: number | null;
  conflictOrgIds: string[]; conflictMemberIds: string[];
}

/** Inserts a matter (its instance must exist). */
export async function insertMatter(db: Db, m: MatterInsert, now: string, by: string | null): Promise<void> {
  await db.insertInto('matter').values({
    id: m.id, compound_id: m.compoundId, scope_path: m.scopePath, title: m.title, description: m.description, category: m.category,
    source: m.source, method_key: m.methodKey, instance_id: m.instanceId, executor_org_id: m.executorOrgId, deadline: m.deadline,
    joint_decision_item: m.jointDecisionItem, conflict_org_ids: JSON.stringify(m.conflictOrgIds), conflict_member_ids: JSON.stringify(m.conflictMemberIds),
    decision: null, decided_at: null, result: null, outcome: null, closed_at: null, published_at: null,
    created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Columns a patch or an event may set. */
export interface MatterPatch {
  title?: string;
  description?: string | null;
  category?: string;
  executor_org_id?: string | null;
  deadline?: string | null;
  joint_decision_item?: number | null;
  conflict_org_ids?: string;
  conflict_member_ids?: string;
  decision?: string | null;
  decided_at?: string | null;
  result?: string | null;
  outcome?: string | null;
  closed_at?: string | null;
}

/** Compare-and-set update; returns rows changed (0 = stale). Without expectVersion it always applies (event side effects). */
export async function updateMatter(db: Db, id: string, p: MatterPatch, now: string, expectVersion: number | null): Promise<number> {
  let q = db.updateTable('matter').set((eb) => ({ ...p, updated_at: now, version: eb('version', '+', 1) })).where('id', '=', id);
  if (expectVersion !== null) q = q.where('version', '=', expectVersion);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Adds one score to the matter's running satisfaction total, in the same statement (no lost update). */
export async function addSatisfaction(db: Db, id: string, score: number): Promise<void> {
  await db.updateTable('matter').set((eb) => ({
    satisfaction_sum: eb('satisfaction_sum', '+', score), satisfaction_count: eb('satisfaction_count', '+', 1),
  })).where('id', '=', id).execute();
}

/** Names of organisations by id; unknown ids are left out. */
export async function orgNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('org').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Which of these user ids exist. */
export async function existingUsers(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('app_user').select('id').where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

/** Which of these pool members belong to the compound. */
export async function poolMembersOf(db: Db, compoundId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('pool_member').select('id').where('compound_id', '=', compoundId).where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

/** The pool-member ids chosen as a matter's participants. */
export async function participantMemberIds(db: Db, matterId: string): Promise<string[]> {
  const rows = await db.selectFrom('matter_participant').select('member_id').where('matter_id', '=', matterId).orderBy('member_id').execute();
  return rows.map((r) => r.member_id);
}

/** Decided matters of a compound for its bulletin, latest decision first. */
export async function decidedMatters(db: Db, compoundId: string, limit: number): Promise<MatterRecord[]> {
  const rows = await base(db).select(COLS).where('matter.compound_id', '=', compoundId).where('matter.decided_at', 'is not', null)
    .orderBy('matter.decided_at', 'desc').orderBy('matter.id').limit(limit).execute();
  return rows.map((r) => toMatter(r as Row));
}

/**
 * Names of the people tied to some matters that a public page must not print: submitters of their opinions (sealed, so
 * returned encrypted), residents linked to those opinions, pool members of the compound, and meeting attendees.
 */
export async function peopleOfMatters(db: Db, compoundId: string, matterIds: readonly string[]): Promise<{ sealed: string[]; plain: string[] }> {
  if (matterIds.length === 0) return { sealed: [], plain: [] };
  const ids = [...matterIds];
  const ops = await db.selectFrom('opinion').leftJoin('resident', 'resident.id', 'opinion.resident_id')
    .select(['opinion.name_enc', 'resident.name as resident_name']).where('opinion.matter_id', 'in', ids).execute();
  const members = await db.selectFrom('pool_member').select('name').where('compound_id', '=', compoundId).execute();
  const attendees = await db.selectFrom('meeting_attendee').innerJoin('meeting', 'meeting.id', 'meeting_attendee.meeting_id')
    .select('meeting_attendee.name').where('meeting.matter_id', 'in', ids).execute();
  return {
    sealed: ops.map((o) => o.name_enc).filter((x): x is string => !!x),
    plain: [...ops.map((o) => o.resident_name), ...members.map((m) => m.name), ...attendees.map((a) => a.name)].filter((x): x is string => !!x),
  };
}

/** One timeline entry of a matter's instance. */
export interface TimelineRow {
  id: string;
  seq: number;
  event: string;
  fromStage: string | null;
  toStage: string;
  actorName: string;
  at: string;
  input: Record<string, unknown>;
  comment: string | null;
  attachments: string[];
}

/** A method instance's timeline in order. */
export async function timelineOf(db: Db, instanceId: string): Promise<TimelineRow[]> {
  const rows = await db.selectFrom('method_event').select(['id', 'seq', 'event', 'from_stage', 'to_stage', 'actor_name', 'at', 'input', 'comment', 'attachments'])
    .where('instance_id', '=', instanceId).orderBy('seq').execute();
  return rows.map((r) => ({
    id: r.id, seq: Number(r.seq), event: r.event, fromStage: r.from_stage, toStage: r.to_stage, actorName: r.actor_name, at: r.at,
    input: JSON.parse(r.input) as Record<string, unknown>, comment: r.comment, attachments: JSON.parse(r.attachments) as string[],
  }));
}

/** The newest published version of a method, for the board's columns. */
export async function currentTemplate(db: Db, key: string): Promise<MethodTemplateBody | null> {
  const r = await db.selectFrom('method_template').select('body').where('key', '=', key).where('status', '=', 'published')
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
  return r ? (JSON.parse(r.body) as MethodTemplateBody) : null;
}
