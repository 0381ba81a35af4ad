import type { Db } from '../../db/database.ts';
import { MEMBER_KINDS, type ChoiceReason, type MemberKind, type ParticipantView } from '../../../shared/deliberation.ts';

const collator = new Intl.Collator('zh-Hans-CN');

/** A matter's chosen participants with their pool entries: the 1, then the 5 by kind, then the N; by name within a kind. */
export async function participantsOf(db: Db, matterId: string): Promise<(ParticipantView & { userId: string | null })[]> {
  const rows = await db.selectFrom('matter_participant as mp')
    .innerJoin('pool_member as pm', 'pm.id', 'mp.member_id')
    .leftJoin('org', 'org.id', 'pm.org_id')
    .select(['mp.member_id', 'mp.kind', 'mp.reasons', 'mp.chosen_by', 'pm.name', 'pm.user_id', 'pm.expertise', 'pm.org_id', 'org.name as org_name'])
    .where('mp.matter_id', '=', matterId)
    .execute();
  const rank = (k: string) => (MEMBER_KINDS as readonly string[]).indexOf(k);
  return rows.sort((a, b) => rank(a.kind) - rank(b.kind) || collator.compare(a.name, b.name)).map((r) => ({
    memberId: r.member_id, name: r.name, kind: r.kind as MemberKind, userId: r.user_id,
    org: r.org_id ? { id: r.org_id, name: r.org_name ?? r.org_id } : null, expertise: JSON.parse(r.expertise) as string[],
    reasons: JSON.parse(r.reasons) as ChoiceReason[], chosenBy: r.chosen_by as ParticipantView['chosenBy'],
  }));
}

/** Replaces a matter's participants; members kept keep the time they were first added and who added them. */
export async function replaceParticipants(db: Db, matterId: string, chosen: readonly ParticipantView[], now: string, by: string | null): Promise<void> {
  const before = new Map((await db.selectFrom('matter_participant').select(['member_id', 'added_at', 'added_by']).where('matter_id', '=', matterId).execute())
    .map((r) => [r.member_id, r]));
  await db.deleteFrom('matter_participant').where('matter_id', '=', matterId).execute();
  if (chosen.length === 0) return;
  await db.insertInto('matter_participant').values(chosen.map((p) => ({
    matter_id: matterId, member_id: p.memberId, kind: p.kind, reasons: JSON.stringify(p.reasons), chosen_by: p.chosenBy,
    added_at: before.get(p.memberId)?.added_at ?? now, added_by: before.get(p.memberId)?.added_by ?? by,
  }))).execute();
}
