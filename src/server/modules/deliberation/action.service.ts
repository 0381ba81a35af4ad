import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import type { ActionItemView } from '../../../shared/deliberation.ts';
import { inScope, inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, requireScopes } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { attachToInstance, findAttachments } from '../methods/index.ts';
import { checkActionFields, checkCompletion, isOverdue, type ActionFields, type ActionItem } from './action.ts';
import * as repo from './action.repository.ts';
import { findMatterRef, type MatterRef } from './matter-ref.repository.ts';
import { readableMatter } from './participant.service.ts';
import { findOrgRef } from './pool.repository.ts';
import { newId } from '../../../shared/ids.ts';

function view(ctx: Ctx, a: ActionItem): ActionItemView {
  const open = a.status === 'open' && can(ctx.actor, 'deliberation.write', a.scopePath);
  return {
    id: a.id, matterId: a.matterId, title: a.title, executorOrg: a.executorOrg, dueDate: a.dueDate, status: a.status,
    overdue: isOverdue(a, todayCst(ctx.clock)), completion: a.completion, evidence: a.evidence, completedAt: a.completedAt, version: a.version,
    abilities: { edit: open, complete: open },
  };
}

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

/** An executor organisation must exist and concern the matter's place (anchored above or inside it) or be visible to the caller. */
async function orgProblems(db: Db, ctx: Ctx, matter: MatterRef, orgId: string | null | undefined): Promise<FieldProblem[]> {
  if (!orgId) return [];
  const o = await findOrgRef(db, orgId);
  const ok = o && (matter.scopePath.startsWith(o.scopePath) || o.scopePath.startsWith(matter.scopePath) || can(ctx.actor, 'org.read', o.scopePath));
  return ok ? [] : [fieldProblem('executorOrgId', 'NOT_FOUND_REF', { value: orgId })];
}

/** A matter's action items, with an overdue flag. */
export async function listActions(db: Db, ctx: Ctx, matterId: string): Promise<ActionItemView[]> {
  const m = await readableMatter(db, ctx, matterId);
  return (await repo.actionsOf(db, m.id)).map((a) => view(ctx, a));
}

/** Input of an action item create. */
export type NewAction = ActionFields & { id?: string };

/** Adds an action item to a running matter; the executor defaults to the matter's. Retry-safe by id. */
export async function createAction(db: Db, ctx: Ctx, matterId: string, input: NewAction): Promise<{ action: ActionItemView; created: boolean }> {
  const scopes = requireScopes(ctx.actor, 'deliberation.write');
  const id = input.id ?? newId();
  const existing = await repo.findAction(db, id, null);
  if (existing) {
    if (existing.matterId !== matterId || !inScope(existing.scopePath, scopes)) throw new DomainError('ID_CONFLICT');
    return { action: view(ctx, existing), created: false };
  }
  const m = await readableMatter(db, ctx, matterId);
  requireAt(ctx.actor, 'deliberation.write', m.scopePath);
  if (m.terminal) throw new DomainError('INSTANCE_CLOSED', { stage: m.stage });
  const executorOrgId = input.executorOrgId !== undefined ? input.executorOrgId : m.executorOrgId;
  const problems = [...checkActionFields(input, { creating: true }), ...(await orgProblems(db, ctx, m, input.executorOrgId))];
  if (problems.length) throw invalid(problems);
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    await repo.insertAction(tx, { id, matterId: m.id, scopePath: m.scopePath, title: input.title!.trim(), executorOrgId, dueDate: input.dueDate ?? null }, now, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'action_item.create', objectType: 'action_item', objectId: id, scopePath: m.scopePath,
      detail: { matterId: m.id, title: input.title!.trim(), executorOrgId, dueDate: input.dueDate ?? null },
    });
    return { action: view(ctx, (await repo.findAction(tx, id, null))!), created: true };
  });
}

async function writableAction(db: Db, ctx: Ctx, id: string): Promise<{ a: ActionItem; m: MatterRef }> {
  const a = await repo.findAction(db, id, requireScopes(ctx.actor, 'deliberation.read'));
  if (!a) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'deliberation.write', a.scopePath);
  if (a.status === 'done') throw new DomainError('ACTION_ALREADY_DONE', { completedAt: a.completedAt ?? '' });
  return { a, m: (await findMatterRef(db, a.matterId, null))! };
}

/** Changes an open action item with compare-and-set on version. */
export async function updateAction(db: Db, ctx: Ctx, id: string, input: ActionFields & { version: number }): Promise<ActionItemView> {
  const { a, m } = await writableAction(db, ctx, id);
  const { version, ...f } = input;
  const problems = [...checkActionFields(f, { creating: false }), ...(await orgProblems(db, ctx, m, f.executorOrgId))];
  if (problems.length) throw invalid(problems);
  const patch: repo.ActionPatch = {};
  if (f.title !== undefined) patch.title = f.title.trim();
  if (f.executorOrgId !== undefined) patch.executor_org_id = f.executorOrgId || null;
  if (f.dueDate !== undefined) patch.due_date = f.dueDate || null;
  return inTx(db, async (tx) => {
    if ((await repo.updateAction(tx, id, patch, nowIso(ctx), version)) === 0) throw stale((await repo.findAction(tx, id, null))!.version);
    await recordAudit(tx, ctx, { action: 'action_item.update', objectType: 'action_item', objectId: id, scopePath: a.scopePath, detail: { fields: Object.keys(patch), ...patch } });
    return view(ctx, (await repo.findAction(tx, id, null))!);
  });
}

/** What a completion carries: what was done, and the ids of the uploaded evidence (POST /api/attachments first). */
export interface Completion {
  completion: string;
  evidence: string[];
  version: number;
}

/**
 * Completes an action item with evidence: at least one attachment, each either the caller's fresh upload or already on
 * the matter's method instance; fresh uploads are tied to that instance, so whoever may read the matter may open them.
 */
export async function completeAction(db: Db, ctx: Ctx, id: string, input: Completion): Promise<ActionItemView> {
  const { a, m } = await writableAction(db, ctx, id);
  const problems = checkCompletion(input.completion);
  const ids = [...new Set(input.evidence)];
  if (ids.length === 0) throw new DomainError('ACTION_EVIDENCE_REQUIRED', {}, [...problems, fieldProblem('evidence', 'REQUIRED')]);
  const found = new Map((await findAttachments(db, ids)).map((x) => [x.id, x]));
  const fresh: string[] = [];
  input.evidence.forEach((eid, i) => {
    const x = found.get(eid);
    const usable = x && (x.instanceId === m.instanceId || (x.instanceId === null && x.uploadedBy !== null && x.uploadedBy === ctx.actor.userId));
    if (!usable) problems.push(fieldProblem(`evidence.${i}`, 'NOT_FOUND_REF', { value: eid }));
    else if (x.instanceId === null && !fresh.includes(eid)) fresh.push(eid);
  });
  if (problems.length) throw invalid(problems);
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    const n = await repo.updateAction(tx, id, {
      status: 'done', completion: input.completion.trim(), evidence: JSON.stringify(ids), completed_at: now, completed_by: ctx.actor.userId,
    }, now, input.version);
    if (n === 0) throw stale((await repo.findAction(tx, id, null))!.version);
    await attachToInstance(tx, fresh, m.instanceId, m.scopePath);
    await recordAudit(tx, ctx, { action: 'action_item.complete', objectType: 'action_item', objectId: id, scopePath: a.scopePath, detail: { matterId: m.id, evidence: ids } });
    return view(ctx, (await repo.findAction(tx, id, null))!);
  });
}
