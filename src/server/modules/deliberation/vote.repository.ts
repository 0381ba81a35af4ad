import type { Db } from '../../db/database.ts';
import type { VoteOutcome } from '../../../shared/deliberation.ts';

/** A stored vote as the services use it (areas in hundredths of m²). */
export interface VoteRecord {
  id: string;
  meetingId: string;
  matterId: string | null;
  scopePath: string;
  kind: 'simple' | 'owners';
  ownersItem: number | null;
  totalAreaC: number | null;
  totalOwners: number | null;
  partAreaC: number | null;
  partOwners: number | null;
  yesAreaC: number | null;
  yesOwners: number | null;
  noAreaC: number | null;
  noOwners: number | null;
  eligible: number | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  outcome: VoteOutcome;
  recordedAt: string;
  recordedBy: string | null;
}

type Row = Awaited<ReturnType<typeof selectVotes>>[number];

function selectVotes(db: Db) {
  return db.selectFrom('meeting_vote').selectAll().execute();
}

/** Maps a row; PostgreSQL may hand integers back as strings, so numbers are coerced. */
export function toVote(r: Row): VoteRecord {
  const n = (x: number | string | null) => (x === null ? null : Number(x));
  return {
    id: r.id, meetingId: r.meeting_id, matterId: r.matter_id, scopePath: r.scope_path, kind: r.kind as VoteRecord['kind'],
    ownersItem: n(r.owners_item), totalAreaC: n(r.total_area_c), totalOwners: n(r.total_owners), partAreaC: n(r.part_area_c),
    partOwners: n(r.part_owners), yesAreaC: n(r.yes_area_c), yesOwners: n(r.yes_owners), noAreaC: n(r.no_area_c), noOwners: n(r.no_owners),
    eligible: n(r.eligible), votesFor: n(r.votes_for), votesAgainst: n(r.votes_against), votesAbstain: n(r.votes_abstain),
    outcome: r.outcome as VoteOutcome, recordedAt: r.recorded_at, recordedBy: r.recorded_by,
  };
}

/** The latest owners' vote recorded for a matter, if any: the one an art. 278 decision rests on. */
export async function latestOwnersVoteForMatter(db: Db, matterId: string): Promise<VoteRecord | null> {
  const r = await db.selectFrom('meeting_vote').selectAll().where('matter_id', '=', matterId).where('kind', '=', 'owners')
    .orderBy('recorded_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r ? toVote(r) : null;
}

/** One vote by id (any scope: the service checks). */
export async function findVote(db: Db, id: string): Promise<VoteRecord | null> {
  const r = await db.selectFrom('meeting_vote').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toVote(r) : null;
}

/** The votes of some meetings, oldest first. */
export async function votesOfMeetings(db: Db, meetingIds: readonly string[]): Promise<VoteRecord[]> {
  if (meetingIds.length === 0) return [];
  const rows = await db.selectFrom('meeting_vote').selectAll().where('meeting_id', 'in', [...meetingIds]).orderBy('recorded_at').orderBy('id').execute();
  return rows.map(toVote);
}

/** Stores a vote; votes are never changed afterwards (a correction is a new vote). */
export async function insertVote(db: Db, v: VoteRecord): Promise<void> {
  await db.insertInto('meeting_vote').values({
    id: v.id, meeting_id: v.meetingId, matter_id: v.matterId, scope_path: v.scopePath, kind: v.kind, owners_item: v.ownersItem,
    total_area_c: v.totalAreaC, total_owners: v.totalOwners, part_area_c: v.partAreaC, part_owners: v.partOwners, yes_area_c: v.yesAreaC,
    yes_owners: v.yesOwners, no_area_c: v.noAreaC, no_owners: v.noOwners, eligible: v.eligible, votes_for: v.votesFor,
    votes_against: v.votesAgainst, votes_abstain: v.votesAbstain, outcome: v.outcome, recorded_at: v.recordedAt, recorded_by: v.recordedBy,
  }).execute();
}
