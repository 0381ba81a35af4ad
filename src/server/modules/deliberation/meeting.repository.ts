import { sql } from 'kysely';
import { scopeCondition, type Db } from '../../db/database.ts';
import type { MeetingForm, MeetingPurpose, MeetingStatus } from '../../../shared/deliberation.ts';
import type { Attendee, Meeting, SignInMethod } from './meeting.ts';

const COLS = [
  'meeting.id', 'meeting.compound_id', 'meeting.scope_path', 'meeting.matter_id', 'meeting.purpose', 'meeting.form', 'meeting.title', 'meeting.starts_at',
  'meeting.place', 'meeting.status', 'meeting.held_at', 'meeting.minutes', 'meeting.decisions', 'meeting.version',
] as const;

type Row = {
  id: string; compound_id: string; scope_path: string; matter_id: string | null; purpose: string; form: string; title: string; starts_at: string;
  place: string | null; status: string; held_at: string | null; minutes: string | null; decisions: string | null; version: number;
  compound_name: string; matter_title: string | null;
};

function toMeeting(r: Row): Meeting {
  return {
    id: r.id, compoundId: r.compound_id, compoundName: r.compound_name, scopePath: r.scope_path, matterId: r.matter_id, matterTitle: r.matter_title,
    purpose: r.purpose as MeetingPurpose, form: r.form as MeetingForm, title: r.title, startsAt: r.starts_at, place: r.place,
    status: r.status as MeetingStatus, heldAt: r.held_at, minutes: r.minutes, decisions: r.decisions, version: Number(r.version),
  };
}

function select(db: Db) {
  return db.selectFrom('meeting')
    .innerJoin('compound', 'compound.id', 'meeting.compound_id')
    .leftJoin('matter', 'matter.id', 'meeting.matter_id')
    .select(COLS).select(['compound.name as compound_name', 'matter.title as matter_title']);
}

/** One meeting; with scopes, one outside them is not found. */
export async function findMeeting(db: Db, id: string, scopes: readonly string[] | null): Promise<Meeting | null> {
  let q = select(db).where('meeting.id', '=', id);
  if (scopes) q = q.where(scopeCondition('meeting.scope_path', scopes));
  const r = await q.executeTakeFirst();
  return r ? toMeeting(r as Row) : null;
}

/** Filters of the meeting list; times are UTC instants. */
export interface MeetingFilter {
  underPath?: string;
  compoundId?: string;
  matterId?: string;
  purpose?: string;
  form?: string;
  status?: string;
  startsFrom?: string;
  startsBefore?: string;
}

/** Meetings in scope, latest first. */
export async function listMeetings(db: Db, scopes: readonly string[], f: MeetingFilter, limit: number, offset: number): Promise<{ rows: Meeting[]; total: number }> {
  let q = db.selectFrom('meeting').where(scopeCondition('meeting.scope_path', scopes));
  if (f.underPath) q = q.where(scopeCondition('meeting.scope_path', [f.underPath]));
  if (f.compoundId) q = q.where('meeting.compound_id', '=', f.compoundId);
  if (f.matterId) q = q.where('meeting.matter_id', '=', f.matterId);
  if (f.purpose) q = q.where('meeting.purpose', '=', f.purpose);
  if (f.form) q = q.where('meeting.form', '=', f.form);
  if (f.status) q = q.where('meeting.status', '=', f.status);
  if (f.startsFrom) q = q.where('meeting.starts_at', '>=', f.startsFrom);
  if (f.startsBefore) q = q.where('meeting.starts_at', '<', f.startsBefore);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.innerJoin('compound', 'compound.id', 'meeting.compound_id').leftJoin('matter', 'matter.id', 'meeting.matter_id')
    .select(COLS).select(['compound.name as compound_name', 'matter.title as matter_title'])
    .orderBy('meeting.starts_at', 'desc').orderBy('meeting.id').limit(limit).offset(offset).execute();
  return { total: Number(total.n), rows: rows.map((r) => toMeeting(r as Row)) };
}

/** Inserts a meeting (status planned). */
export async function insertMeeting(db: Db, m: Omit<Meeting, 'compoundName' | 'matterTitle' | 'version' | 'status' | 'heldAt'>, now: string, by: string | null): Promise<void> {
  await db.insertInto('meeting').values({
    id: m.id, compound_id: m.compoundId, scope_path: m.scopePath, matter_id: m.matterId, purpose: m.purpose, form: m.form, title: m.title,
    starts_at: m.startsAt, place: m.place, status: 'planned', held_at: null, minutes: m.minutes, decisions: m.decisions,
    created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Column patch of a meeting update. */
export type MeetingPatch = Partial<{
  form: string; title: string; starts_at: string; place: string | null; minutes: string | null; decisions: string | null;
  status: string; held_at: string | null;
}>;

/** Compare-and-set update; returns rows changed (0 when the version moved on). */
export async function updateMeeting(db: Db, id: string, patch: MeetingPatch, now: string, expectVersion: number): Promise<number> {
  const r = await db.updateTable('meeting').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The current version of a meeting (for a STALE answer). */
export async function meetingVersion(db: Db, id: string): Promise<number> {
  const r = await db.selectFrom('meeting').select('version').where('id', '=', id).executeTakeFirst();
  return r ? Number(r.version) : 0;
}

const collator = new Intl.Collator('zh-Hans-CN');

/** The attendees of some meetings: invited first, then by name. */
export async function attendeesOf(db: Db, meetingIds: readonly string[]): Promise<(Attendee & { meetingId: string })[]> {
  if (meetingIds.length === 0) return [];
  const rows = await db.selectFrom('meeting_attendee as a').leftJoin('pool_member as pm', 'pm.id', 'a.member_id')
    .select(['a.id', 'a.meeting_id', 'a.member_id', 'a.name', 'a.kind', 'a.invited', 'a.signed_in_at', 'a.sign_in_method', 'pm.user_id'])
    .where('a.meeting_id', 'in', [...meetingIds])
    .execute();
  // Sorted here: the databases order nulls differently.
  rows.sort((a, b) => Number(b.invited) - Number(a.invited) || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return rows.map((r) => ({
    id: r.id, meetingId: r.meeting_id, memberId: r.member_id, name: r.name, kind: r.kind, invited: Number(r.invited) === 1,
    signedInAt: r.signed_in_at, signInMethod: r.sign_in_method as SignInMethod | null, userId: r.user_id ?? null,
  }));
}

/** A new attendee row. */
export interface AttendeeInsert {
  id: string; meetingId: string; memberId: string | null; name: string; kind: string; invited: boolean;
  signedInAt: string | null; signedInBy: string | null; method: SignInMethod | null;
}

/** Inserts attendees. */
export async function insertAttendees(db: Db, rows: readonly AttendeeInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('meeting_attendee').values(rows.map((a) => ({
    id: a.id, meeting_id: a.meetingId, member_id: a.memberId, name: a.name, kind: a.kind, invited: a.invited ? 1 : 0,
    signed_in_at: a.signedInAt, signed_in_by: a.signedInBy, sign_in_method: a.method,
  }))).execute();
}

/** Signs an attendee in unless already signed in (the first sign-in stands); returns rows changed. */
export async function signInAttendee(db: Db, id: string, at: string, by: string | null, method: SignInMethod): Promise<number> {
  const r = await db.updateTable('meeting_attendee').set({ signed_in_at: at, signed_in_by: by, sign_in_method: method })
    .where('id', '=', id).where('signed_in_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Withdraws invitations: rows not signed in are removed, rows signed in stay as uninvited attendees. */
export async function uninvite(db: Db, meetingId: string, memberIds: readonly string[]): Promise<void> {
  if (memberIds.length === 0) return;
  await db.deleteFrom('meeting_attendee').where('meeting_id', '=', meetingId).where('member_id', 'in', [...memberIds]).where('signed_in_at', 'is', null).execute();
  await db.updateTable('meeting_attendee').set({ invited: 0 }).where('meeting_id', '=', meetingId).where('member_id', 'in', [...memberIds]).execute();
}

/** Marks existing attendee rows of these members as invited. */
export async function markInvited(db: Db, meetingId: string, memberIds: readonly string[]): Promise<void> {
  if (memberIds.length === 0) return;
  await db.updateTable('meeting_attendee').set({ invited: 1 }).where('meeting_id', '=', meetingId).where('member_id', 'in', [...memberIds]).execute();
}

/**
 * Household count and floor area of a compound from the registry, for prefilling an owners' vote. A read-only query
 * here because the registry exports no totals; areas are summed in hundredths of m² so the result is exact.
 */
export async function ownerTotals(db: Db, compoundId: string): Promise<{ households: number; withArea: number; areaC: number }> {
  const r = await db.selectFrom('household')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`count(area)`.as('with_area'),
      sql<number>`coalesce(sum(round(area * 100)), 0)`.as('area_c'),
    ])
    .where('compound_id', '=', compoundId)
    .executeTakeFirstOrThrow();
  return { households: Number(r.n), withArea: Number(r.with_area), areaC: Number(r.area_c) };
}

/**
 * Touches a planned meeting without changing its version, so a sign-in and a concurrent "held" queue on the same row:
 * a sign-in either lands before the meeting is held (and gets its attendance event) or is refused. Returns rows changed.
 */
export async function touchIfPlanned(db: Db, id: string, now: string): Promise<number> {
  const r = await db.updateTable('meeting').set({ updated_at: now }).where('id', '=', id).where('status', '=', 'planned').executeTakeFirst();
  return Number(r.numUpdatedRows);
}
