import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import type { MeetingForm, MeetingPurpose, MeetingView } from '../../../shared/deliberation.ts';
import { inScope, inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, requireScopes } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { appendOutbox } from '../outbox/index.ts';
import { findCompoundRef, findRegionRef } from '../registry/index.ts';
import { findMatterRef, type MatterRef } from './matter-ref.repository.ts';
import {
  checkMeetingFields, checkWalkIn, existingAttendee, heldBlocker, statusWords, type Attendee, type Meeting, type MeetingFields, type SignInMethod,
} from './meeting.ts';
import * as repo from './meeting.repository.ts';
import { participantsOf } from './participant.repository.ts';
import { hasConflict } from './participants.ts';
import { membersByIds } from './pool.repository.ts';
import type { PoolMember } from './pool.ts';
import { isIsoDate } from './problem.ts';
import { votesOfMeetings } from './vote.repository.ts';
import { voteView } from './vote.ts';
import { newId } from '../../../shared/ids.ts';

function meetingView(ctx: Ctx, m: Meeting, attendees: Attendee[], votes: MeetingView['votes']): MeetingView {
  const write = can(ctx.actor, 'deliberation.write', m.scopePath);
  const self = !!ctx.actor.userId && attendees.some((a) => a.memberId && a.userId === ctx.actor.userId);
  return {
    id: m.id, compound: { id: m.compoundId, name: m.compoundName }, matterId: m.matterId, matterTitle: m.matterTitle, purpose: m.purpose, form: m.form,
    title: m.title, startsAt: m.startsAt, place: m.place, status: m.status, heldAt: m.heldAt, minutes: m.minutes, decisions: m.decisions,
    attendees: attendees.map(({ userId: _u, ...a }) => a), votes, version: m.version,
    abilities: { edit: write && m.status !== 'cancelled', signIn: m.status === 'planned' && (write || self), vote: write && m.status !== 'cancelled', markHeld: write && m.status === 'planned' },
  };
}

/** One meeting as the API shows it, with attendees and votes. */
export async function meetingDetail(db: Db, ctx: Ctx, m: Meeting): Promise<MeetingView> {
  const [attendees, votes] = await Promise.all([repo.attendeesOf(db, [m.id]), votesOfMeetings(db, [m.id])]);
  return meetingView(ctx, m, attendees, votes.map(voteView));
}

/** A meeting the caller may read; not found otherwise. */
export async function readableMeeting(db: Db, ctx: Ctx, id: string): Promise<Meeting> {
  const m = await repo.findMeeting(db, id, requireScopes(ctx.actor, 'deliberation.read'));
  if (!m) throw new DomainError('NOT_FOUND');
  return m;
}

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

/** Filters of the meeting list as the API takes them (dates YYYY-MM-DD in China time, both ends included). */
export interface MeetingQuery {
  regionId?: string;
  compoundId?: string;
  matterId?: string;
  purpose?: string;
  form?: string;
  status?: string;
  from?: string;
  to?: string;
}

const cstStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const nextCstStart = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();

/** Meetings in the caller's scope, latest first. */
export async function listMeetings(db: Db, ctx: Ctx, q: MeetingQuery, limit: number, offset: number): Promise<{ items: MeetingView[]; total: number }> {
  const scopes = requireScopes(ctx.actor, 'deliberation.read');
  const problems: FieldProblem[] = [];
  for (const k of ['from', 'to'] as const) if (q[k] && !isIsoDate(q[k]!)) problems.push(fieldProblem(k, 'NOT_A_DATE'));
  if (problems.length) throw invalid(problems);
  let underPath: string | undefined;
  if (q.regionId) {
    const r = await findRegionRef(db, q.regionId);
    if (!r) return { items: [], total: 0 };
    underPath = r.scopePath;
  }
  const page = await repo.listMeetings(db, scopes, {
    underPath, compoundId: q.compoundId, matterId: q.matterId, purpose: q.purpose, form: q.form, status: q.status,
    startsFrom: q.from ? cstStart(q.from) : undefined, startsBefore: q.to ? nextCstStart(q.to) : undefined,
  }, limit, offset);
  const ids = page.rows.map((m) => m.id);
  const [attendees, votes] = await Promise.all([repo.attendeesOf(db, ids), votesOfMeetings(db, ids)]);
  return {
    total: page.total,
    items: page.rows.map((m) => meetingView(ctx, m, attendees.filter((a) => a.meetingId === m.id), votes.filter((v) => v.meetingId === m.id).map(voteView))),
  };
}

/** One meeting. */
export async function getMeeting(db: Db, ctx: Ctx, id: string): Promise<MeetingView> {
  return meetingDetail(db, ctx, await readableMeeting(db, ctx, id));
}

/** Checks invited members: in the compound's pool, active, listed once, and without a conflict of interest in the matter. */
async function invitees(db: Db, compoundId: string, matter: MatterRef | null, ids: readonly string[]): Promise<PoolMember[]> {
  const found = new Map((await membersByIds(db, ids)).filter((m) => m.compoundId === compoundId).map((m) => [m.id, m]));
  const problems: FieldProblem[] = [];
  const conflicted: PoolMember[] = [];
  const out: PoolMember[] = [];
  ids.forEach((id, i) => {
    const m = found.get(id);
    const field = `invitedMemberIds.${i}`;
    if (!m || !m.active) problems.push(fieldProblem(field, 'NOT_FOUND_REF', { value: id }));
    else if (out.includes(m)) problems.push(fieldProblem(field, 'DUPLICATE_VALUE', { value: m.name }));
    else if (matter && hasConflict({ ...matter, executorOrgId: null }, m)) conflicted.push(m);
    else out.push(m);
  });
  if (problems.length) throw invalid(problems);
  if (conflicted.length) throw new DomainError('CONFLICT_OF_INTEREST', { names: conflicted.map((m) => m.name).join('、') });
  return out;
}

/** A matter of the meeting's compound the caller may read, or a problem on the field. */
async function linkedMatter(db: Db, ctx: Ctx, compoundId: string, matterId: string, field = 'matterId'): Promise<MatterRef> {
  const m = await findMatterRef(db, matterId, requireScopes(ctx.actor, 'deliberation.read'));
  if (!m || m.compoundId !== compoundId) throw invalid([fieldProblem(field, 'NOT_FOUND_REF', { value: matterId })]);
  return m;
}

/** Input of a meeting create. */
export type NewMeeting = MeetingFields & { id?: string; compoundId: string; matterId?: string | null; invitedMemberIds?: string[] };

/**
 * Schedules a meeting of a compound, optionally about one of its matters. Invitees come from the compound's pool; when a
 * matter is given and no invitees are, the matter's participants are invited. Retry-safe by id.
 */
export async function createMeeting(db: Db, ctx: Ctx, input: NewMeeting): Promise<{ meeting: MeetingView; created: boolean }> {
  const scopes = requireScopes(ctx.actor, 'deliberation.write');
  const id = input.id ?? newId();
  const existing = await repo.findMeeting(db, id, null);
  if (existing) {
    if (!inScope(existing.scopePath, scopes)) throw new DomainError('ID_CONFLICT');
    return { meeting: await meetingDetail(db, ctx, existing), created: false };
  }
  const c = await findCompoundRef(db, input.compoundId);
  if (!c) throw invalid([fieldProblem('compoundId', 'NOT_FOUND_REF', { value: input.compoundId })]);
  requireAt(ctx.actor, 'deliberation.write', c.scopePath);
  const check = checkMeetingFields(input, { creating: true });
  if (check.problems.length) throw invalid(check.problems);
  const matter = input.matterId ? await linkedMatter(db, ctx, c.id, input.matterId) : null;
  const invited = input.invitedMemberIds !== undefined
    ? await invitees(db, c.id, matter, input.invitedMemberIds)
    : matter ? (await membersByIds(db, (await participantsOf(db, matter.id)).map((p) => p.memberId))).filter((x) => x.active) : [];
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    await repo.insertMeeting(tx, {
      id, compoundId: c.id, scopePath: c.scopePath, matterId: matter?.id ?? null, purpose: input.purpose as MeetingPurpose, form: input.form as MeetingForm,
      title: input.title!.trim(), startsAt: check.startsAt!, place: input.place?.trim() || null, minutes: input.minutes?.trim() || null,
      decisions: input.decisions?.trim() || null,
    }, now, ctx.actor.userId);
    await repo.insertAttendees(tx, invited.map((m) => ({
      id: newId(), meetingId: id, memberId: m.id, name: m.name, kind: m.kind, invited: true, signedInAt: null, signedInBy: null, method: null,
    })));
    await recordAudit(tx, ctx, {
      action: 'meeting.create', objectType: 'meeting', objectId: id, scopePath: c.scopePath,
      detail: { purpose: input.purpose, form: input.form, title: input.title, startsAt: check.startsAt, matterId: matter?.id ?? null, invited: invited.map((m) => m.id) },
    });
    return { meeting: await meetingDetail(tx, ctx, (await repo.findMeeting(tx, id, null))!), created: true };
  });
}

/** Fields a PATCH may change; the invitation list only while the meeting is planned. */
export type MeetingChanges = Omit<MeetingFields, 'purpose'> & { invitedMemberIds?: string[]; version: number };

/** Changes a meeting (minutes and decisions stay editable after it is held) with compare-and-set on version. */
export async function updateMeeting(db: Db, ctx: Ctx, id: string, input: MeetingChanges): Promise<MeetingView> {
  const m = await readableMeeting(db, ctx, id);
  requireAt(ctx.actor, 'deliberation.write', m.scopePath);
  if (m.status === 'cancelled' || (m.status === 'held' && input.invitedMemberIds !== undefined)) throw new DomainError('MEETING_NOT_OPEN', statusWords(m.status));
  const { version, invitedMemberIds, ...f } = input;
  const check = checkMeetingFields(f, { creating: false });
  if (check.problems.length) throw invalid(check.problems);
  const matter = m.matterId ? await findMatterRef(db, m.matterId, null) : null;
  const invited = invitedMemberIds !== undefined ? await invitees(db, m.compoundId, matter, invitedMemberIds) : null;
  const patch: repo.MeetingPatch = {};
  if (f.form !== undefined) patch.form = f.form;
  if (f.title !== undefined) patch.title = f.title.trim();
  if (check.startsAt !== undefined) patch.starts_at = check.startsAt;
  if (f.place !== undefined) patch.place = f.place?.trim() || null;
  if (f.minutes !== undefined) patch.minutes = f.minutes?.trim() || null;
  if (f.decisions !== undefined) patch.decisions = f.decisions?.trim() || null;
  return inTx(db, async (tx) => {
    if ((await repo.updateMeeting(tx, id, patch, nowIso(ctx), version)) === 0) throw stale(await repo.meetingVersion(tx, id));
    if (invited) {
      const current = (await repo.attendeesOf(tx, [id])).filter((a) => a.memberId);
      const want = new Set(invited.map((x) => x.id));
      await repo.uninvite(tx, id, current.filter((a) => a.invited && !want.has(a.memberId!)).map((a) => a.memberId!));
      await repo.markInvited(tx, id, current.filter((a) => want.has(a.memberId!)).map((a) => a.memberId!));
      const have = new Set(current.map((a) => a.memberId));
      await repo.insertAttendees(tx, invited.filter((x) => !have.has(x.id)).map((x) => ({
        id: newId(), meetingId: id, memberId: x.id, name: x.name, kind: x.kind, invited: true, signedInAt: null, signedInBy: null, method: null,
      })));
    }
    await recordAudit(tx, ctx, {
      action: 'meeting.update', objectType: 'meeting', objectId: id, scopePath: m.scopePath,
      detail: { fields: [...Object.keys(patch), ...(invited ? ['invitedMemberIds'] : [])], ...(invited ? { invited: invited.map((x) => x.id) } : {}) },
    });
    return meetingDetail(tx, ctx, (await repo.findMeeting(tx, id, null))!);
  });
}

/** Who signs in: a pool member, or a walk-in by name and kind; how, when not the default. */
export type SignIn = ({ memberId: string } | { name: string; kind: string }) & { method?: SignInMethod };

/**
 * Signs an attendee in, once: signing in again changes nothing and answers the same. Staff (deliberation.write) sign
 * anyone in; a pool member linked to the caller's account may sign themselves in. Members not invited and walk-ins are
 * added as they arrive. Only while the meeting is planned.
 */
export async function signIn(db: Db, ctx: Ctx, id: string, input: SignIn): Promise<MeetingView> {
  const m = await readableMeeting(db, ctx, id);
  const write = can(ctx.actor, 'deliberation.write', m.scopePath);
  if (m.status !== 'planned') throw new DomainError('MEETING_NOT_OPEN', statusWords(m.status));
  let member: PoolMember | null = null;
  if ('memberId' in input && input.memberId) {
    [member] = (await membersByIds(db, [input.memberId])).filter((x) => x.compoundId === m.compoundId);
    if (!member) throw invalid([fieldProblem('memberId', 'NOT_FOUND_REF', { value: input.memberId })]);
  } else {
    const w = input as { name?: string; kind?: string };
    const problems = checkWalkIn(w.name, w.kind);
    if (problems.length) throw invalid(problems);
  }
  const mine = !!member && !!ctx.actor.userId && member.userId === ctx.actor.userId;
  if (!write && !mine) requireAt(ctx.actor, 'deliberation.write', m.scopePath);
  const method: SignInMethod = write ? input.method ?? (mine ? 'self' : m.form === 'online' ? 'online' : 'staff') : m.form === 'online' ? 'online' : 'self';
  const who = member ? { memberId: member.id } : { name: (input as { name: string }).name.trim(), kind: (input as { kind: string }).kind };
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    if ((await repo.touchIfPlanned(tx, id, now)) === 0) {
      const cur = (await repo.findMeeting(tx, id, null))!;
      throw new DomainError('MEETING_NOT_OPEN', statusWords(cur.status));
    }
    const row = existingAttendee(await repo.attendeesOf(tx, [id]), who);
    if (row?.signedInAt) return meetingDetail(tx, ctx, m);
    const attendeeId = row?.id ?? newId();
    if (row) await repo.signInAttendee(tx, row.id, now, ctx.actor.userId, method);
    else {
      await repo.insertAttendees(tx, [{
        id: attendeeId, meetingId: id, memberId: member?.id ?? null, name: member?.name ?? (who as { name: string }).name,
        kind: member?.kind ?? (who as { kind: string }).kind, invited: false, signedInAt: now, signedInBy: ctx.actor.userId, method,
      }]);
    }
    await recordAudit(tx, ctx, {
      action: 'meeting.sign_in', objectType: 'meeting', objectId: id, scopePath: m.scopePath,
      detail: { attendeeId, memberId: member?.id ?? null, walkIn: !member, invited: row?.invited ?? false, method },
    });
    return meetingDetail(tx, ctx, m);
  });
}

/**
 * Marks a meeting held: it needs minutes and at least one signed-in attendee. Writes one 'meeting.attended' outbox event
 * per signed-in attendee (for the points ledger and assessment) in the same transaction.
 */
export async function markHeld(db: Db, ctx: Ctx, id: string, input: { version: number }): Promise<MeetingView> {
  const m = await readableMeeting(db, ctx, id);
  requireAt(ctx.actor, 'deliberation.write', m.scopePath);
  if (m.status !== 'planned') throw new DomainError('MEETING_NOT_OPEN', statusWords(m.status));
  if (input.version !== m.version) throw stale(m.version);
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    if ((await repo.updateMeeting(tx, id, { status: 'held', held_at: now }, now, input.version)) === 0) throw stale(await repo.meetingVersion(tx, id));
    // Read after the update: the row is now locked, so every sign-in that got in first is seen here.
    const attendees = await repo.attendeesOf(tx, [id]);
    const blocker = heldBlocker(m, attendees);
    if (blocker) throw new DomainError(blocker);
    const present = attendees.filter((a) => a.signedInAt);
    await appendOutbox(tx, present.map((a) => ({
      type: 'meeting.attended', aggregateType: 'meeting', aggregateId: id, scopePath: m.scopePath, occurredAt: now,
      payload: {
        meetingId: id, attendeeId: a.id, memberId: a.memberId, userId: a.userId, kind: a.kind, compoundId: m.compoundId, matterId: m.matterId,
        form: m.form, purpose: m.purpose, signedInAt: a.signedInAt, heldAt: now,
      },
    })));
    await recordAudit(tx, ctx, { action: 'meeting.held', objectType: 'meeting', objectId: id, scopePath: m.scopePath, detail: { attendees: present.length, form: m.form, purpose: m.purpose } });
    return meetingDetail(tx, ctx, (await repo.findMeeting(tx, id, null))!);
  });
}

/** Cancels a planned meeting (kept, not deleted), with compare-and-set on version. */
export async function cancelMeeting(db: Db, ctx: Ctx, id: string, input: { version: number; reason?: string | null }): Promise<MeetingView> {
  const m = await readableMeeting(db, ctx, id);
  requireAt(ctx.actor, 'deliberation.write', m.scopePath);
  if (m.status !== 'planned') throw new DomainError('MEETING_NOT_OPEN', statusWords(m.status));
  return inTx(db, async (tx) => {
    if ((await repo.updateMeeting(tx, id, { status: 'cancelled' }, nowIso(ctx), input.version)) === 0) throw stale(await repo.meetingVersion(tx, id));
    await recordAudit(tx, ctx, { action: 'meeting.cancel', objectType: 'meeting', objectId: id, scopePath: m.scopePath, reason: input.reason?.trim() || null });
    return meetingDetail(tx, ctx, (await repo.findMeeting(tx, id, null))!);
  });
}
