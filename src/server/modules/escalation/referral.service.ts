import type { Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { recordAudit } from '../audit/index.ts';
import { ladderOf } from './escalation.service.ts';
import { nextPlace } from './escalation.ts';
import * as repo from './joint.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** Where a referred dispute went: the joint meeting whose agenda now holds it. */
export interface ReferredTo {
  bodyId: string;
  bodyName: string;
  level: string;
  caseId: string;
}

/**
 * Puts a dispute its mediators refer to the higher level (移交上级) on the agenda of that level's joint meeting, in the
 * caller's transaction: the referral is the decision, so no joint-meeting permission is asked. The level is the one
 * above the dispute's own place (a compound's dispute goes to its community, a community's to its street). Answers
 * null when that level has no joint meeting, which the caller tells the user; a dispute already waiting keeps its case.
 */
export async function referDispute(db: Db, ctx: Ctx, d: { id: string; scopePath: string; compoundId: string | null; title: string; reason: string }): Promise<ReferredTo | null> {
  const chain = await ladderOf(db, { scopePath: d.scopePath, compoundId: d.compoundId });
  const up = nextPlace(chain, d.compoundId ? 'compound' : 'community');
  const body = up ? await repo.findBodyByPlace(db, up.id) : null;
  if (!body) return null;
  const waiting = await repo.pendingCaseOfDispute(db, d.id);
  if (waiting) return { bodyId: waiting.bodyId, bodyName: body.name, level: body.level, caseId: waiting.id };
  const c = {
    id: newId(), bodyId: body.id, scopePath: body.scopePath, title: d.title, reason: d.reason, incidentId: null, disputeId: d.id,
    createdAt: nowIso(ctx), createdByName: ctx.actor.displayName,
  };
  await repo.insertCase(db, c, ctx.actor.userId);
  await recordAudit(db, ctx, {
    action: 'joint_case.add', objectType: 'joint_body', objectId: body.id, scopePath: body.scopePath, reason: d.reason,
    detail: { caseId: c.id, title: c.title, disputeId: d.id, referred: true },
  });
  return { bodyId: body.id, bodyName: body.name, level: body.level, caseId: c.id };
}
