import { insertMany, prepared, scopeCondition, type Db } from '../../db/database.ts';
import type { Relations } from './method.ts';

/** A stored instance of a method. */
export interface InstanceRecord {
  id: string;
  templateId: string;
  templateKey: string;
  templateVersion: number;
  subjectType: string;
  subjectId: string;
  stage: string;
  stageEnteredAt: string;
  dueAt: string | null;
  terminal: boolean;
  closedAt: string | null;
  relations: Relations;
  counters: Record<string, number>;
  scopePath: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

/** One entry of an instance's timeline. */
export interface EventRecord {
  id: string;
  instanceId: string;
  seq: number;
  event: string;
  fromStage: string | null;
  toStage: string;
  actorId: string | null;
  actorName: string;
  at: string;
  input: Record<string, unknown>;
  comment: string | null;
  attachments: string[];
  oldDueAt: string | null;
  newDueAt: string | null;
}

type InstanceRow = {
  id: string; template_id: string; template_key: string; template_version: number; subject_type: string; subject_id: string; stage: string;
  stage_entered_at: string; due_at: string | null; terminal: number; closed_at: string | null; relations: string; counters: string; scope_path: string;
  version: number; created_at: string; updated_at: string; created_by: string | null;
};

function toInstance(r: InstanceRow): InstanceRecord {
  return {
    id: r.id, templateId: r.template_id, templateKey: r.template_key, templateVersion: Number(r.template_version), subjectType: r.subject_type,
    subjectId: r.subject_id, stage: r.stage, stageEnteredAt: r.stage_entered_at, dueAt: r.due_at, terminal: Number(r.terminal) === 1,
    closedAt: r.closed_at, relations: JSON.parse(r.relations) as Relations, counters: JSON.parse(r.counters) as Record<string, number>,
    scopePath: r.scope_path, version: Number(r.version), createdAt: r.created_at, updatedAt: r.updated_at, createdBy: r.created_by,
  };
}

/** One instance; with scopes, one outside them is not found. */
export async function findInstance(db: Db, id: string, scopes: readonly string[] | null): Promise<InstanceRecord | null> {
  let q = db.selectFrom('method_instance').selectAll().where('id', '=', id);
  if (scopes) q = q.where(scopeCondition('scope_path', scopes));
  const r = await q.executeTakeFirst();
  return r ? toInstance(r) : null;
}

/** Filters of the instance list. */
export interface InstanceFilter {
  templateKey?: string;
  subjectType?: string;
  subjectId?: string;
  stage?: string;
  underPath?: string;
  /** Only instances still running (true) or ended (false). */
  open?: boolean;
  /** Only running instances due before this instant. */
  overdueAt?: string;
}

/** Instances in scope, most urgent first for overdue lists, newest first otherwise. */
export async function listInstances(db: Db, scopes: readonly string[], f: InstanceFilter, limit: number, offset: number): Promise<{ rows: InstanceRecord[]; total: number }> {
  let q = db.selectFrom('method_instance').where(scopeCondition('scope_path', scopes));
  if (f.underPath) q = q.where(scopeCondition('scope_path', [f.underPath]));
  if (f.templateKey) q = q.where('template_key', '=', f.templateKey);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.stage) q = q.where('stage', '=', f.stage);
  if (f.open !== undefined) q = q.where('terminal', '=', f.open ? 0 : 1);
  if (f.overdueAt) q = q.where('terminal', '=', 0).where('due_at', 'is not', null).where('due_at', '<', f.overdueAt);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rows = q.selectAll();
  rows = f.overdueAt ? rows.orderBy('due_at').orderBy('id') : rows.orderBy('created_at', 'desc').orderBy('id');
  return { total: Number(total.n), rows: (await rows.limit(limit).offset(offset).execute()).map(toInstance) };
}

/** Inserts a new instance. */
export async function insertInstance(db: Db, i: InstanceRecord): Promise<void> {
  await insertMany(db, 'method_instance', [{
    id: i.id, template_id: i.templateId, template_key: i.templateKey, template_version: i.templateVersion, subject_type: i.subjectType,
    subject_id: i.subjectId, stage: i.stage, stage_entered_at: i.stageEnteredAt, due_at: i.dueAt, terminal: i.terminal ? 1 : 0,
    closed_at: i.closedAt, relations: JSON.stringify(i.relations), counters: JSON.stringify(i.counters), scope_path: i.scopePath,
    version: i.version, created_at: i.createdAt, updated_at: i.updatedAt, created_by: i.createdBy,
  }]);
}

/** The state an event moves an instance to. */
export interface InstancePatch {
  stage: string;
  stageEnteredAt: string;
  dueAt: string | null;
  terminal: boolean;
  closedAt: string | null;
  counters: Record<string, number>;
}

/** Compare-and-set move of an instance; returns rows changed (0 = someone else moved it first). */
export async function moveInstance(db: Db, id: string, expectVersion: number, p: InstancePatch, now: string): Promise<number> {
  const r = await db.updateTable('method_instance').set((eb) => ({
    stage: p.stage, stage_entered_at: p.stageEnteredAt, due_at: p.dueAt, terminal: p.terminal ? 1 : 0, closed_at: p.closedAt,
    counters: JSON.stringify(p.counters), updated_at: now, version: eb('version', '+', 1),
  })).where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Replaces an instance's relations. The version stays: relations are not part of a move, so a concurrent event cannot
 * overwrite them, and a caller holding the version for its next event is not made stale by a participant change.
 */
export async function setRelations(db: Db, id: string, relations: Relations, now: string): Promise<void> {
  await db.updateTable('method_instance').set({ relations: JSON.stringify(relations), updated_at: now }).where('id', '=', id).execute();
}

function eventRow(e: EventRecord) {
  return {
    id: e.id, instance_id: e.instanceId, seq: e.seq, event: e.event, from_stage: e.fromStage, to_stage: e.toStage, actor_id: e.actorId,
    actor_name: e.actorName, at: e.at, input: JSON.stringify(e.input), comment: e.comment, attachments: JSON.stringify(e.attachments),
    old_due_at: e.oldDueAt, new_due_at: e.newDueAt,
  };
}

/** Appends a timeline entry (the table refuses updates and deletes). */
export async function insertEvent(db: Db, e: EventRecord): Promise<void> {
  await db.insertInto('method_event').values(eventRow(e)).execute();
}

/** Appends several timeline entries in one statement. */
export async function insertEvents(db: Db, es: readonly EventRecord[]): Promise<void> {
  await insertMany(db, 'method_event', es.map(eventRow));
}

/** The next sequence number of an instance's timeline. */
export async function nextSeq(db: Db, instanceId: string): Promise<number> {
  const r = await db.selectFrom('method_event').select((eb) => eb.fn.max('seq').as('s')).where('instance_id', '=', instanceId).executeTakeFirst();
  return r?.s === null || r?.s === undefined ? 1 : Number(r.s) + 1;
}

const timeline = prepared((db: Db, instanceId: string) => db.selectFrom('method_event').selectAll().where('instance_id', '=', instanceId).orderBy('seq'));

/** An instance's timeline in order. */
export async function eventsOf(db: Db, instanceId: string): Promise<EventRecord[]> {
  const rows = await timeline(db, instanceId);
  return rows.map((r) => ({
    id: r.id, instanceId: r.instance_id, seq: Number(r.seq), event: r.event, fromStage: r.from_stage, toStage: r.to_stage, actorId: r.actor_id,
    actorName: r.actor_name, at: r.at, input: JSON.parse(r.input) as Record<string, unknown>, comment: r.comment,
    attachments: JSON.parse(r.attachments) as string[], oldDueAt: r.old_due_at, newDueAt: r.new_due_at,
  }));
}
