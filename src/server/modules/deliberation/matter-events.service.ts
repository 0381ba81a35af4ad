import { DomainError } from '../../../shared/errors.ts';
import type { MatterDetail } from '../../../shared/deliberation.ts';
import { inTx, type Db } from '../../db/database.ts';
import type { Ctx } from '../../lib/context.ts';
import { recordAudit } from '../audit/index.ts';
import { fireEvent, heldRelations, transitionFor, type FireInput } from '../methods/index.ts';
import { appendOutbox } from '../outbox/index.ts';
import { recordEvaluation } from './evaluation.service.ts';
import { evaluatorKindOf, eventEffects, outcomeOf, ownersGate, type GateVote } from './matter.ts';
import * as repo from './matter.repository.ts';
import { matterDetail, visibleMatter } from './matter.service.ts';
import { latestOwnersVoteForMatter } from './vote.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** The latest owners' vote of a matter in the shape the art. 278 gate reads. */
async function gateVote(db: Db, matterId: string): Promise<GateVote | null> {
  const v = await latestOwnersVoteForMatter(db, matterId);
  if (!v) return null;
  const n = [v.totalAreaC, v.totalOwners, v.partAreaC, v.partOwners, v.yesAreaC, v.yesOwners, v.noAreaC, v.noOwners];
  const counts = n.every((x) => x !== null)
    ? { totalAreaC: v.totalAreaC!, totalOwners: v.totalOwners!, participatingAreaC: v.partAreaC!, participatingOwners: v.partOwners!,
      yesAreaC: v.yesAreaC!, yesOwners: v.yesOwners!, noAreaC: v.noAreaC!, noOwners: v.noOwners! }
    : null;
  return { outcome: v.outcome, counts };
}

/**
 * Fires a method event on a matter's instance and applies its side effects in one transaction: the engine decides
 * (stage, actor, inputs, version), then by input kind a decision (gated by 民法典 art. 278 when the matter is a joint
 * decision of owners; a refusal rolls the event back), an evaluation, the result, and closing with the outcome.
 * 'matter.decided' goes to the outbox the first time a matter is decided; 'matter.evaluated' with every score.
 */
export async function fireMatterEvent(db: Db, ctx: Ctx, id: string, body: FireInput): Promise<MatterDetail> {
  const m = await visibleMatter(db, ctx, id);
  const t = (await repo.templateBodies(db, [m.templateId])).get(m.templateId)!;
  return inTx(db, async (tx) => {
    const inst = await fireEvent(tx, ctx, m.instanceId, body);
    const fired = inst.timeline[inst.timeline.length - 1];
    const tr = transitionFor(t, fired.fromStage!, fired.event)!;
    const fx = eventEffects(tr.inputs ?? [], fired.input, inst.terminal);
    const at = fired.at;
    const patch: repo.MatterPatch = {};
    let firstDecision = false;
    if (fx.decision !== null) {
      patch.decision = fx.decision;
      if (fx.decides) {
        const refusal = ownersGate(m.jointDecisionItem, await gateVote(tx, m.id));
        if (refusal) throw new DomainError(refusal.code, refusal.params);
        patch.decided_at = at;
        firstDecision = m.decidedAt === null;
      }
    }
    if (fx.result !== null) patch.result = fx.result;
    if (fx.closes) {
      patch.closed_at = at;
      patch.outcome = outcomeOf(patch.decided_at ?? m.decidedAt);
    }
    if (Object.keys(patch).length) await repo.updateMatter(tx, m.id, patch, at, null);
    if (firstDecision) {
      await appendOutbox(tx, [{
        type: 'matter.decided', aggregateType: 'matter', aggregateId: m.id, scopePath: m.scopePath, occurredAt: at,
        payload: { matterId: m.id, compoundId: m.compoundId, decidedAt: at, methodKey: m.methodKey, jointDecisionItem: m.jointDecisionItem, participantMemberIds: await repo.participantMemberIds(tx, m.id) },
      }]);
    }
    let evaluationId: string | null = null;
    if (fx.satisfaction !== null) {
      evaluationId = newId();
      const byKind = evaluatorKindOf(heldRelations(m.relations, [ctx.actor.userId]));
      await recordEvaluation(tx, m, {
        id: evaluationId, byKind, source: 'event', satisfaction: fx.satisfaction, comment: fx.comment ?? (body.comment?.trim() || null),
        byUser: ctx.actor.userId, ipHash: null, at,
      });
    }
    if (Object.keys(patch).length || evaluationId) {
      await recordAudit(tx, ctx, {
        action: 'matter.event', objectType: 'matter', objectId: m.id, scopePath: m.scopePath,
        detail: { event: fired.event, from: fired.fromStage, to: fired.toStage, fields: Object.keys(patch), decided: patch.decided_at !== undefined, evaluationId, outcome: patch.outcome ?? null },
      });
    }
    return matterDetail(tx, ctx, (await repo.findMatter(tx, m.id, null))!);
  });
}
