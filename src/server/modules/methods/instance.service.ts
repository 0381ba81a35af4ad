import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { inputProblem, type I18nName, type MethodTemplateBody, type StageDef } from '../../../shared/method-template.ts';
import { inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, requireScopes, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findRegionRef } from '../registry/index.ts';
import * as attachments from './attachment.repository.ts';
import { isImage } from './attachment.ts';
import { cstDate, type WorkCalendar } from './calendar.ts';
import { calendarAt } from './calendar.service.ts';
import * as repo from './instance.repository.ts';
import {
  attachmentRefs, availableEvents, checkRelations, fire, heldRelations, initialState, stageOf,
  type AvailableEvent, type MethodActor, type Relations,
} from './method.ts';
import { placeExists } from './place.ts';
import { pinnedTemplate } from './template.repository.ts';
import { startableTemplate } from './template.service.ts';
import { newId } from '../../../shared/ids.ts';

/** An instance as the API shows it, with the events the caller may fire now. */
export interface InstanceView extends Omit<repo.InstanceRecord, 'createdBy'> {
  templateName: I18nName;
  stageName: I18nName;
  stageOwner: string | null;
  overdue: boolean;
  abilities: { events: AvailableEvent[] };
}

/** An instance with its pinned template's stages and its whole timeline. */
export interface InstanceDetail extends InstanceView {
  template: { id: string; key: string; version: number; name: I18nName; initial: string; stages: StageDef[] };
  timeline: repo.EventRecord[];
}

/**
 * The engine's view of the caller on one instance: the roles granted over its place, and the relation roles their user
 * id holds on it. Organisation-held relations (e.g. executor = a property company) match once users are linked to
 * organisations; until then relations list user ids, alone or beside the organisation id.
 */
export function methodActor(actor: Actor, scopePath: string, relations: Relations): MethodActor {
  const grants = actor.grants.filter((g) => scopePath.startsWith(g.scopePath));
  const roleKeys = grants.some((g) => g.permissions.includes('*')) ? ['*'] : [...new Set(grants.map((g) => g.roleKey))];
  return { userId: actor.userId, roleKeys, relations: heldRelations(relations, [actor.userId]) };
}

function view(ctx: Ctx, i: repo.InstanceRecord, t: MethodTemplateBody): InstanceView {
  const { createdBy: _c, ...rest } = i;
  const stage = stageOf(t, i.stage);
  const now = nowIso(ctx);
  const events = can(ctx.actor, 'method.read', i.scopePath) ? availableEvents(t, i, methodActor(ctx.actor, i.scopePath, i.relations)) : [];
  return {
    ...rest, templateName: t.name, stageName: stage?.name ?? { zh: i.stage, en: i.stage }, stageOwner: stage?.owner ?? null,
    overdue: !i.terminal && i.dueAt !== null && i.dueAt < now, abilities: { events },
  };
}

async function detail(db: Db, ctx: Ctx, i: repo.InstanceRecord): Promise<InstanceDetail> {
  const t = (await pinnedTemplate(db, i.templateId))!;
  return {
    ...view(ctx, i, t.body),
    template: { id: t.id, key: t.key, version: t.version, name: t.body.name, initial: t.body.initial, stages: t.body.stages },
    timeline: await repo.eventsOf(db, i.id),
  };
}

/** One instance with timeline and the caller's abilities. */
export async function getInstance(db: Db, ctx: Ctx, id: string): Promise<InstanceDetail> {
  const i = await repo.findInstance(db, id, requireScopes(ctx.actor, 'method.read'));
  if (!i) throw new DomainError('NOT_FOUND');
  return detail(db, ctx, i);
}

async function views(db: Db, ctx: Ctx, rows: repo.InstanceRecord[]): Promise<InstanceView[]> {
  const templates = new Map<string, MethodTemplateBody>();
  for (const id of new Set(rows.map((r) => r.templateId))) templates.set(id, (await pinnedTemplate(db, id))!.body);
  return rows.map((r) => view(ctx, r, templates.get(r.templateId)!));
}

/** Filters of the instance lists as the API takes them. */
export type InstanceQuery = Omit<repo.InstanceFilter, 'underPath' | 'overdueAt'> & { regionId?: string };

async function underPathOf(db: Db, regionId: string | undefined): Promise<string | null | undefined> {
  if (!regionId) return undefined;
  return (await findRegionRef(db, regionId))?.scopePath ?? null;
}

/** Instances in the caller's scope (and a region's when given). */
export async function listInstances(db: Db, ctx: Ctx, q: InstanceQuery, limit: number, offset: number): Promise<{ items: InstanceView[]; total: number }> {
  const scopes = requireScopes(ctx.actor, 'method.read');
  const { regionId, ...f } = q;
  const underPath = await underPathOf(db, regionId);
  if (underPath === null) return { items: [], total: 0 };
  const page = await repo.listInstances(db, scopes, { ...f, underPath }, limit, offset);
  return { total: page.total, items: await views(db, ctx, page.rows) };
}

/** Running instances past their due time in the caller's scope (and a region's when given), most overdue first. */
export async function listOverdue(db: Db, ctx: Ctx, q: { regionId?: string; templateKey?: string }, limit: number, offset: number): Promise<{ items: InstanceView[]; total: number }> {
  const scopes = requireScopes(ctx.actor, 'method.read');
  const underPath = await underPathOf(db, q.regionId);
  if (underPath === null) return { items: [], total: 0 };
  const page = await repo.listInstances(db, scopes, { underPath, templateKey: q.templateKey, overdueAt: nowIso(ctx) }, limit, offset);
  return { total: page.total, items: await views(db, ctx, page.rows) };
}

/** Input of an instance start. */
export interface NewInstance {
  id?: string;
  templateKey: string;
  subjectType: string;
  subjectId: string;
  relations?: Relations;
  scopePath: string;
}

/**
 * Starts an instance of the method's current published version at a place; the instance pins that version for life.
 * Retry-safe by id. The timeline opens with a `start` entry.
 */
export async function startInstance(db: Db, ctx: Ctx, input: NewInstance): Promise<{ instance: InstanceDetail; created: boolean }> {
  const scopes = requireScopes(ctx.actor, 'method.read');
  const id = input.id ?? newId();
  const existing = await repo.findInstance(db, id, null);
  if (existing) {
    if (!scopes.some((s) => existing.scopePath.startsWith(s))) throw new DomainError('ID_CONFLICT');
    return { instance: await detail(db, ctx, existing), created: false };
  }
  requireAt(ctx.actor, 'method.read', input.scopePath);
  const problems: FieldProblem[] = checkRelations(input.relations);
  if (!(await placeExists(db, input.scopePath))) problems.push(fieldProblem('scopePath', 'NOT_FOUND_REF', { value: input.scopePath }));
  if (problems.length) throw invalid(problems);
  const tpl = await startableTemplate(db, input.templateKey, input.scopePath);
  if (!tpl) throw new DomainError('TEMPLATE_NOT_AVAILABLE', { key: input.templateKey });
  const now = ctx.clock.now();
  const at = now.toISOString();
  const state = initialState(tpl.body, now, await calendarAt(db, input.scopePath, cstDate(now)));
  const relations: Relations = input.relations ?? {};
  const rec: repo.InstanceRecord = {
    id, templateId: tpl.id, templateKey: tpl.key, templateVersion: tpl.version, subjectType: input.subjectType, subjectId: input.subjectId,
    stage: state.stage, stageEnteredAt: at, dueAt: state.dueAt, terminal: false, closedAt: null, relations, counters: state.counters,
    scopePath: input.scopePath, version: 1, createdAt: at, updatedAt: at, createdBy: ctx.actor.userId,
  };
  return inTx(db, async (tx) => {
    await repo.insertInstance(tx, rec);
    await repo.insertEvent(tx, {
      id: newId(), instanceId: id, seq: 1, event: 'start', fromStage: null, toStage: state.stage, actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName, at, input: {}, comment: null, attachments: [], oldDueAt: null, newDueAt: state.dueAt,
    });
    await recordAudit(tx, ctx, {
      action: 'method_instance.start', objectType: 'method_instance', objectId: id, scopePath: rec.scopePath,
      detail: { templateKey: tpl.key, templateVersion: tpl.version, subjectType: rec.subjectType, subjectId: rec.subjectId, stage: rec.stage, relations: Object.keys(relations) },
    });
    return { instance: await detail(tx, ctx, rec), created: true };
  });
}

/** The engine's decision on an event, and the attachments it names checked: refused events and unknown files throw. */
async function decide(db: Db, ctx: Ctx, t: MethodTemplateBody, inst: repo.InstanceRecord, body: Omit<FireInput, 'version'>, now: Date, cal: WorkCalendar) {
  const r = fire(t, inst, body.event, methodActor(ctx.actor, inst.scopePath, inst.relations), body.input ?? {}, now, cal);
  if (!r.ok) throw new DomainError(r.code, r.params, r.fields);
  const refs = [
    ...attachmentRefs(t, inst.stage, body.event, r.event.input),
    ...(body.attachments ?? []).map((a, i) => ({ id: a, field: `attachments.${i}`, photo: false })),
  ];
  const checked = await checkAttachments(db, ctx, inst, refs);
  if (checked.problems.length) throw new DomainError('INPUT_INVALID', { inputs: checked.problems.map((p) => p.field).join(', ') }, checked.problems);
  return { r, checked };
}

/**
 * Starts an instance and fires its first event in one step, inside the caller's transaction: for a module that creates
 * its subject with the instance and has resolved the place itself (an incident's report). One template and calendar
 * read, the instance written as it stands after the event, both timeline entries, nothing read back. A second start with
 * the same id fails on the primary key, which the caller answers as a resend; the caller's own audit row records the start.
 * Returns the stored instance and timeline, not a view: the caller shows its subject, not the instance.
 */
export async function startWithEvent(
  db: Db, ctx: Ctx, input: Omit<NewInstance, 'id'> & { id: string }, first: Omit<FireInput, 'version'>,
): Promise<{ instance: repo.InstanceRecord; timeline: repo.EventRecord[] }> {
  requireAt(ctx.actor, 'method.read', input.scopePath);
  const relations: Relations = input.relations ?? {};
  const problems = checkRelations(relations);
  if (problems.length) throw invalid(problems);
  const tpl = await startableTemplate(db, input.templateKey, input.scopePath);
  if (!tpl) throw new DomainError('TEMPLATE_NOT_AVAILABLE', { key: input.templateKey });
  const now = ctx.clock.now();
  const at = now.toISOString();
  const cal = await calendarAt(db, input.scopePath, cstDate(now));
  const state = initialState(tpl.body, now, cal);
  const started: repo.InstanceRecord = {
    id: input.id, templateId: tpl.id, templateKey: tpl.key, templateVersion: tpl.version, subjectType: input.subjectType, subjectId: input.subjectId,
    stage: state.stage, stageEnteredAt: at, dueAt: state.dueAt, terminal: false, closedAt: null, relations, counters: state.counters,
    scopePath: input.scopePath, version: 1, createdAt: at, updatedAt: at, createdBy: ctx.actor.userId,
  };
  const { r, checked } = await decide(db, ctx, tpl.body, started, first, now, cal);
  const rec: repo.InstanceRecord = {
    ...started, stage: r.next.stage, stageEnteredAt: at, dueAt: r.next.dueAt, terminal: r.next.terminal, closedAt: r.next.terminal ? at : null,
    counters: r.next.counters, version: 2,
  };
  const actor = { actorId: ctx.actor.userId, actorName: ctx.actor.displayName, at };
  const timeline: repo.EventRecord[] = [
    { id: newId(), instanceId: rec.id, seq: 1, event: 'start', fromStage: null, toStage: state.stage, ...actor, input: {}, comment: null, attachments: [], oldDueAt: null, newDueAt: state.dueAt },
    { id: newId(), instanceId: rec.id, seq: 2, event: r.event.event, fromStage: r.event.fromStage, toStage: r.event.toStage, ...actor, input: r.event.input,
      comment: first.comment?.trim() || null, attachments: [...new Set(first.attachments ?? [])], oldDueAt: r.event.oldDueAt, newDueAt: r.event.newDueAt },
  ];
  await repo.insertInstance(db, rec);
  await repo.insertEvents(db, timeline);
  await attachments.attachToEvent(db, checked.fresh, rec.id, timeline[1].id, rec.scopePath);
  return { instance: rec, timeline };
}

/** What the caller sends to fire an event. */
export interface FireInput {
  event: string;
  input?: Record<string, unknown>;
  comment?: string | null;
  attachments?: string[];
  version: number;
}

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

/** Checks every attachment an event names: it exists, and is either the caller's fresh upload or already on this instance. */
async function checkAttachments(db: Db, ctx: Ctx, inst: repo.InstanceRecord, refs: { id: string; field: string; photo: boolean }[]): Promise<{ problems: FieldProblem[]; fresh: string[] }> {
  const found = new Map((await attachments.findAttachments(db, [...new Set(refs.map((r) => r.id))])).map((a) => [a.id, a]));
  const problems: FieldProblem[] = [];
  const fresh = new Set<string>();
  for (const r of refs) {
    const a = found.get(r.id);
    const usable = a && (a.instanceId === inst.id || (a.instanceId === null && a.uploadedBy !== null && a.uploadedBy === ctx.actor.userId));
    if (!a || !usable) { problems.push(inputProblem(r.field, 'INPUT_ATTACHMENT_UNKNOWN', { value: r.id })); continue; }
    if (r.photo && !isImage(a.mimeType)) { problems.push(inputProblem(r.field, 'INPUT_NOT_IMAGE', { value: a.fileName })); continue; }
    if (a.instanceId === null) fresh.add(a.id);
  }
  return { problems, fresh: [...fresh] };
}

/**
 * Fires an event on an instance: the pure engine decides against the pinned template version, the caller's roles and
 * relations, the inputs and the working-day calendar; the move is a compare-and-set on the instance's version (409 STALE),
 * appended to the timeline and audited in one transaction.
 */
export async function fireEvent(db: Db, ctx: Ctx, id: string, body: FireInput): Promise<InstanceDetail> {
  const inst = await repo.findInstance(db, id, requireScopes(ctx.actor, 'method.read'));
  if (!inst) throw new DomainError('NOT_FOUND');
  if (body.version !== inst.version) throw stale(inst.version);
  const tpl = (await pinnedTemplate(db, inst.templateId))!;
  const now = ctx.clock.now();
  const cal = await calendarAt(db, inst.scopePath, cstDate(now));
  const { r, checked } = await decide(db, ctx, tpl.body, inst, body, now, cal);
  const at = r.event.at;
  return inTx(db, async (tx) => {
    const moved = await repo.moveInstance(tx, id, body.version, {
      stage: r.next.stage, stageEnteredAt: r.next.stageChanged ? at : inst.stageEnteredAt, dueAt: r.next.dueAt,
      terminal: r.next.terminal, closedAt: r.next.terminal ? at : null, counters: r.next.counters,
    }, at);
    if (moved === 0) throw stale((await repo.findInstance(tx, id, null))?.version ?? 0);
    const eventId = newId();
    await repo.insertEvent(tx, {
      id: eventId, instanceId: id, seq: await repo.nextSeq(tx, id), event: r.event.event, fromStage: r.event.fromStage, toStage: r.event.toStage,
      actorId: ctx.actor.userId, actorName: ctx.actor.displayName, at, input: r.event.input, comment: body.comment?.trim() || null,
      attachments: [...new Set(body.attachments ?? [])], oldDueAt: r.event.oldDueAt, newDueAt: r.event.newDueAt,
    });
    await attachments.attachToEvent(tx, checked.fresh, id, eventId, inst.scopePath);
    await recordAudit(tx, ctx, {
      action: 'method_instance.event', objectType: 'method_instance', objectId: id, scopePath: inst.scopePath,
      detail: { event: r.event.event, from: r.event.fromStage, to: r.event.toStage, templateKey: inst.templateKey, templateVersion: inst.templateVersion,
        inputs: Object.keys(r.event.input), oldDueAt: r.event.oldDueAt, newDueAt: r.event.newDueAt },
    });
    return detail(tx, ctx, (await repo.findInstance(tx, id, null))!);
  });
}

/** A change of relations: a role set to an id or ids, or removed with null or an empty list. */
export type RelationsPatch = Partial<Record<keyof Relations, string | string[] | null>>;

/**
 * Changes who holds relation roles on an instance (e.g. the participants chosen for a matter). For modules that own the
 * instance's subject and have checked the caller's permission on it; not a route. The timeline keeps real transitions
 * only, so the change is recorded in the audit log, in the caller's transaction.
 */
export async function updateRelations(db: Db, ctx: Ctx, instanceId: string, patch: RelationsPatch): Promise<Relations> {
  const inst = await repo.findInstance(db, instanceId, null);
  if (!inst) throw new DomainError('NOT_FOUND');
  const next: Relations = { ...inst.relations };
  const changes: Record<string, { from: string | string[] | null; to: string | string[] | null }> = {};
  for (const [k, v] of Object.entries(patch) as [keyof Relations, string | string[] | null | undefined][]) {
    if (v === undefined) continue;
    const to = v === null || (Array.isArray(v) && v.length === 0) ? null : Array.isArray(v) ? [...new Set(v)] : v;
    if (to === null) delete next[k];
    else next[k] = to;
    changes[k] = { from: inst.relations[k] ?? null, to };
  }
  const problems = checkRelations(next);
  if (problems.length) throw invalid(problems);
  return inTx(db, async (tx) => {
    await repo.setRelations(tx, instanceId, next, nowIso(ctx));
    await recordAudit(tx, ctx, {
      action: 'method_instance.relations', objectType: 'method_instance', objectId: instanceId, scopePath: inst.scopePath,
      detail: { templateKey: inst.templateKey, stage: inst.stage, changes },
    });
    return next;
  });
}
