import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import type { VoteView } from '../../../shared/deliberation.ts';
import { inScope, inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { requireAt, requireScopes } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findMatterRef } from './matter-ref.repository.ts';
import { ownerTotals as totalsOf } from './meeting.repository.ts';
import { readableMeeting } from './meeting.service.ts';
import { statusWords } from './meeting.ts';
import { readableCompound } from './pool.service.ts';
import { problem } from './problem.ts';
import * as repo from './vote.repository.ts';
import {
  formatArea, missingVoteFields, readOwnersVote, simpleVoteOutcome, simpleVoteProblems, voteView, type OwnersVoteInput, type SimpleVoteInput, type VoteBody,
} from './vote.ts';
import { newId } from '../../../shared/ids.ts';

export type { VoteBody } from './vote.ts';

/**
 * Records a vote at a meeting. An owners' vote is read exactly (areas in hundredths), refused when its counts contradict
 * each other (422 VOTE_COUNT_INCOHERENT), and judged by the art. 278 rule: double two-thirds participation, then more than
 * half, or three quarters for items 6–8. The vote is tied to the meeting's matter unless another matter of the compound is
 * named; when that matter is a joint decision, the vote must be on its item. Votes are immutable; retry-safe by id.
 */
export async function recordVote(db: Db, ctx: Ctx, meetingId: string, input: VoteBody): Promise<{ vote: VoteView; created: boolean }> {
  const meeting = await readableMeeting(db, ctx, meetingId);
  requireAt(ctx.actor, 'deliberation.write', meeting.scopePath);
  const id = input.id ?? newId();
  const existing = await repo.findVote(db, id);
  if (existing) {
    if (existing.meetingId !== meetingId || !inScope(existing.scopePath, requireScopes(ctx.actor, 'deliberation.read'))) throw new DomainError('ID_CONFLICT');
    return { vote: voteView(existing), created: false };
  }
  if (meeting.status === 'cancelled') throw new DomainError('MEETING_NOT_OPEN', statusWords(meeting.status));
  const missing = missingVoteFields(input);
  if (missing.length) throw invalid(missing);
  const matterId = input.matterId ?? meeting.matterId;
  const matter = matterId ? await findMatterRef(db, matterId, requireScopes(ctx.actor, 'deliberation.read')) : null;
  if (matterId && (!matter || matter.compoundId !== meeting.compoundId)) throw invalid([fieldProblem('matterId', 'NOT_FOUND_REF', { value: matterId })]);
  const now = nowIso(ctx);
  const base = { id, meetingId, matterId: matter?.id ?? null, scopePath: meeting.scopePath, recordedAt: now, recordedBy: ctx.actor.userId };
  let rec: repo.VoteRecord;
  if (input.kind === 'owners') {
    if (matter?.jointDecisionItem != null && matter.jointDecisionItem !== input.ownersItem) {
      throw invalid([problem('ownersItem', 'ITEM_MISMATCH', `本议题为第 ${matter.jointDecisionItem} 项共同决定事项，表决事项应一致`, `This matter is joint-decision item ${matter.jointDecisionItem}; the vote must be on the same item`)]);
    }
    const r = readOwnersVote(input as OwnersVoteInput);
    if ('format' in r) throw invalid(r.format);
    if ('incoherent' in r) throw new DomainError('VOTE_COUNT_INCOHERENT', {}, r.incoherent);
    const c = r.count;
    rec = {
      ...base, kind: 'owners', ownersItem: c.item, totalAreaC: c.totalAreaC, totalOwners: c.totalOwners, partAreaC: c.participatingAreaC,
      partOwners: c.participatingOwners, yesAreaC: c.yesAreaC, yesOwners: c.yesOwners, noAreaC: c.noAreaC, noOwners: c.noOwners,
      eligible: null, votesFor: null, votesAgainst: null, votesAbstain: null, outcome: r.outcome,
    };
  } else {
    const v = input as SimpleVoteInput;
    const problems = simpleVoteProblems(v);
    if (problems.length) throw new DomainError('VOTE_COUNT_INCOHERENT', {}, problems);
    rec = {
      ...base, kind: 'simple', ownersItem: null, totalAreaC: null, totalOwners: null, partAreaC: null, partOwners: null, yesAreaC: null,
      yesOwners: null, noAreaC: null, noOwners: null, eligible: v.eligible ?? null, votesFor: v.votesFor, votesAgainst: v.votesAgainst,
      votesAbstain: v.votesAbstain, outcome: simpleVoteOutcome(v),
    };
  }
  return inTx(db, async (tx) => {
    await repo.insertVote(tx, rec);
    await recordAudit(tx, ctx, {
      action: 'meeting.vote', objectType: 'meeting', objectId: meetingId, scopePath: meeting.scopePath,
      detail: { voteId: id, kind: rec.kind, matterId: rec.matterId, ownersItem: rec.ownersItem, outcome: rec.outcome },
    });
    return { vote: voteView(rec), created: true };
  });
}

/** The registry's household count and floor area of a compound, to prefill an owners' vote. */
export async function ownerTotals(db: Db, ctx: Ctx, compoundId: string): Promise<{ households: number; areaM2: string; householdsWithoutArea: number }> {
  const c = await readableCompound(db, ctx, compoundId);
  const t = await totalsOf(db, c.id);
  return { households: t.households, areaM2: formatArea(t.areaC)!, householdsWithoutArea: t.households - t.withArea };
}
