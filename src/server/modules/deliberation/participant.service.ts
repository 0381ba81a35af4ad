import { DomainError, invalid } from '../../../shared/errors.ts';
import type { ParticipantProposal, ParticipantView } from '../../../shared/deliberation.ts';
import { inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { requireAt, requireScopes } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { updateRelations } from '../methods/index.ts';
import { bumpMatterVersion, findMatterRef, matterVersion, type MatterRef } from './matter-ref.repository.ts';
import { checkChoice, proposeParticipants, type ParticipantPick, type ProposalMatter } from './participants.ts';
import * as participants from './participant.repository.ts';
import { listMembers } from './pool.repository.ts';

/** A matter the caller may read deliberation records of; not found otherwise. */
export async function readableMatter(db: Db, ctx: Ctx, id: string): Promise<MatterRef> {
  const m = await findMatterRef(db, id, requireScopes(ctx.actor, 'deliberation.read'));
  if (!m) throw new DomainError('NOT_FOUND');
  return m;
}

function proposalMatter(m: MatterRef): ProposalMatter {
  return { category: m.category, executorOrgId: m.executorOrgId, conflictMemberIds: m.conflictMemberIds, conflictOrgIds: m.conflictOrgIds };
}

/** A matter's chosen participants. */
export async function listParticipants(db: Db, ctx: Ctx, matterId: string): Promise<ParticipantView[]> {
  const m = await readableMatter(db, ctx, matterId);
  return (await participants.participantsOf(db, m.id)).map(({ userId: _u, ...p }) => p);
}

/** Proposes participants for a matter from its compound's pool (computed, not saved). */
export async function proposeForMatter(db: Db, ctx: Ctx, matterId: string): Promise<ParticipantProposal> {
  const m = await readableMatter(db, ctx, matterId);
  return proposeParticipants(proposalMatter(m), await listMembers(db, m.compoundId, {}));
}

/** What the talk leader sends to set a matter's participants. */
export interface ParticipantChoice {
  participants: ParticipantPick[];
  /** The matter's version as read. */
  version: number;
}

/**
 * Saves the participants the talk leader settled on. Members with a conflict of interest are refused
 * (CONFLICT_OF_INTEREST); each saved member records whether the proposal or the leader chose them. The matter's version
 * is compared and bumped (409 STALE), and the method instance's `participant` relation becomes the chosen members' user
 * accounts, so they may take the steps the method gives participants. One transaction, audited.
 */
export async function setParticipants(db: Db, ctx: Ctx, matterId: string, input: ParticipantChoice): Promise<ParticipantView[]> {
  const m = await readableMatter(db, ctx, matterId);
  requireAt(ctx.actor, 'deliberation.write', m.scopePath);
  if (m.terminal) throw new DomainError('INSTANCE_CLOSED', { stage: m.stage });
  if (input.version !== m.version) throw new DomainError('STALE', { currentVersion: m.version }, [], { currentVersion: m.version });
  const pool = await listMembers(db, m.compoundId, {});
  const choice = checkChoice(proposalMatter(m), pool, input.participants);
  if (choice.problems.length) throw invalid(choice.problems);
  if (choice.conflicted.length) {
    const names = choice.conflicted.map((c) => c.member.name).join('、');
    throw new DomainError('CONFLICT_OF_INTEREST', { names }, choice.conflicted.map((c) => ({
      field: `participants.${c.index}.memberId`, code: 'CONFLICT_OF_INTEREST',
      zh: `${c.member.name} 与本议题有利害关系，应当回避`, en: `${c.member.name} has a conflict of interest in this matter`,
    })));
  }
  const userIds = [...new Set(pool.filter((p) => choice.participants.some((c) => c.memberId === p.id) && p.userId).map((p) => p.userId!))];
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    if ((await bumpMatterVersion(tx, m.id, input.version, now)) === 0) {
      const v = await matterVersion(tx, m.id);
      throw new DomainError('STALE', { currentVersion: v }, [], { currentVersion: v });
    }
    await participants.replaceParticipants(tx, m.id, choice.participants, now, ctx.actor.userId);
    await updateRelations(tx, ctx, m.instanceId, { participant: userIds });
    await recordAudit(tx, ctx, {
      action: 'matter.participants', objectType: 'matter', objectId: m.id, scopePath: m.scopePath,
      detail: { members: choice.participants.map((p) => ({ memberId: p.memberId, kind: p.kind, chosenBy: p.chosenBy })), users: userIds },
    });
    return (await participants.participantsOf(tx, m.id)).map(({ userId: _u, ...p }) => p);
  });
}
