import { scopeCondition, type Db } from '../../db/database.ts';
import type { ActionItem } from './action.ts';

type Row = {
  id: string; matter_id: string; scope_path: string; title: string; executor_org_id: string | null; due_date: string | null; status: string;
  completion: string | null; evidence: string; completed_at: string | null; version: number; org_name: string | null;
};

function toAction(r: Row): ActionItem {
  return {
    id: r.id, matterId: r.matter_id, scopePath: r.scope_path, title: r.title,
    executorOrg: r.executor_org_id ? { id: r.executor_org_id, name: r.org_name ?? r.executor_org_id } : null, dueDate: r.due_date,
    status: r.status as ActionItem['status'], completion: r.completion, evidence: JSON.parse(r.evidence) as string[], completedAt: r.completed_at,
    version: Number(r.version),
  };
}

function select(db: Db) {
  return db.selectFrom('action_item').leftJoin('org', 'org.id', 'action_item.executor_org_id')
    .select([
      'action_item.id', 'action_item.matter_id', 'action_item.scope_path', 'action_item.title', 'action_item.executor_org_id', 'action_item.due_date',
      'action_item.status', 'action_item.completion', 'action_item.evidence', 'action_item.completed_at', 'action_item.version', 'org.name as org_name',
    ]);
}

/** One action item; with scopes, one outside them is not found. */
export async function findAction(db: Db, id: string, scopes: readonly string[] | null): Promise<ActionItem | null> {
  let q = select(db).where('action_item.id', '=', id);
  if (scopes) q = q.where(scopeCondition('action_item.scope_path', scopes));
  const r = await q.executeTakeFirst();
  return r ? toAction(r as Row) : null;
}

/** A matter's action items in the order they were added. */
export async function actionsOf(db: Db, matterId: string): Promise<ActionItem[]> {
  const rows = await select(db).where('action_item.matter_id', '=', matterId).orderBy('action_item.created_at').orderBy('action_item.id').execute();
  return rows.map((r) => toAction(r as Row));
}

/** Inserts an open action item. */
export async function insertAction(db: Db, a: { id: string; matterId: string; scopePath: string; title: string; executorOrgId: string | null; dueDate: string | null }, now: string, by: string | null): Promise<void> {
  await db.insertInto('action_item').values({
    id: a.id, matter_id: a.matterId, scope_path: a.scopePath, title: a.title, executor_org_id: a.executorOrgId, due_date: a.dueDate, status: 'open',
    completion: null, evidence: '[]', completed_at: null, completed_by: null, created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Column patch of an action item update. */
export type ActionPatch = Partial<{
  title: string; executor_org_id: string | null; due_date: string | null; status: string; completion: string; evidence: string; completed_at: string; completed_by: string | null;
}>;

/** Compare-and-set update of an open item; returns rows changed (0 when the version moved on or it was completed). */
export async function updateAction(db: Db, id: string, patch: ActionPatch, now: string, expectVersion: number): Promise<number> {
  const r = await db.updateTable('action_item').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows);
}
