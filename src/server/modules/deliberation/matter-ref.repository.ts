import { scopeCondition, type Db } from '../../db/database.ts';
import type { MatterCategory } from '../../../shared/deliberation.ts';

/**
 * What the pool, participant, meeting, vote and action use cases need of a matter, read here with plain SQL so they do
 * not depend on the matter service.
 */
export interface MatterRef {
  id: string;
  compoundId: string;
  scopePath: string;
  instanceId: string;
  title: string;
  category: MatterCategory;
  executorOrgId: string | null;
  jointDecisionItem: number | null;
  conflictOrgIds: string[];
  conflictMemberIds: string[];
  /** The matter's method instance has reached a terminal stage. */
  terminal: boolean;
  stage: string;
  version: number;
}

/** One matter; with scopes, one outside them is not found. */
export async function findMatterRef(db: Db, id: string, scopes: readonly string[] | null): Promise<MatterRef | null> {
  let q = db.selectFrom('matter').innerJoin('method_instance as mi', 'mi.id', 'matter.instance_id')
    .select([
      'matter.id', 'matter.compound_id', 'matter.scope_path', 'matter.instance_id', 'matter.title', 'matter.category', 'matter.executor_org_id',
      'matter.joint_decision_item', 'matter.conflict_org_ids', 'matter.conflict_member_ids', 'matter.version', 'mi.terminal', 'mi.stage',
    ])
    .where('matter.id', '=', id);
  if (scopes) q = q.where(scopeCondition('matter.scope_path', scopes));
  const r = await q.executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id, compoundId: r.compound_id, scopePath: r.scope_path, instanceId: r.instance_id, title: r.title, category: r.category as MatterCategory,
    executorOrgId: r.executor_org_id, jointDecisionItem: r.joint_decision_item === null ? null : Number(r.joint_decision_item),
    conflictOrgIds: JSON.parse(r.conflict_org_ids) as string[], conflictMemberIds: JSON.parse(r.conflict_member_ids) as string[],
    terminal: Number(r.terminal) === 1, stage: r.stage, version: Number(r.version),
  };
}

/** Compare-and-set bump of a matter's version (a change to its participants); returns rows changed. */
export async function bumpMatterVersion(db: Db, id: string, expectVersion: number, now: string): Promise<number> {
  const r = await db.updateTable('matter').set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The current version of a matter (for a STALE answer). */
export async function matterVersion(db: Db, id: string): Promise<number> {
  const r = await db.selectFrom('matter').select('version').where('id', '=', id).executeTakeFirst();
  return r ? Number(r.version) : 0;
}
