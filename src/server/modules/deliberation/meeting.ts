import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import {
  MEETING_FORMS, MEETING_PURPOSES, MEMBER_KINDS, type AttendeeView, type MeetingForm, type MeetingPurpose, type MeetingStatus,
} from '../../../shared/deliberation.ts';
import { problem } from './problem.ts';

/** A stored meeting. */
export interface Meeting {
  id: string;
  compoundId: string;
  compoundName: string;
  scopePath: string;
  matterId: string | null;
  matterTitle: string | null;
  purpose: MeetingPurpose;
  form: MeetingForm;
  title: string;
  startsAt: string;
  place: string | null;
  status: MeetingStatus;
  heldAt: string | null;
  minutes: string | null;
  decisions: string | null;
  version: number;
}

/** A stored attendee, with the user account of the pool member when there is one. */
export interface Attendee extends AttendeeView {
  userId: string | null;
}

/** Kinds a walk-in may give: the pool kinds, or a resident or other guest who is not in the pool. */
export const WALK_IN_KINDS = [...MEMBER_KINDS, 'resident', 'guest'] as const;

/** How an attendee signed in. */
export const SIGN_IN_METHODS = ['staff', 'self', 'online'] as const;
/** A sign-in method. */
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** Fields a caller may send for a meeting (undefined: not sent). */
export interface MeetingFields {
  purpose?: string;
  form?: string;
  title?: string;
  startsAt?: string;
  place?: string | null;
  minutes?: string | null;
  decisions?: string | null;
}

/** An instant as sent (ISO 8601 with a zone, or a local China time without one) to the stored UTC form; null if unreadable. */
export function normaliseInstant(s: string): string | null {
  const t = s.trim();
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t)) return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}+08:00`;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Checks a meeting's fields; on a create, purpose, form, title and time are required. */
export function checkMeetingFields(f: MeetingFields, opts: { creating: boolean }): { problems: FieldProblem[]; startsAt: string | undefined } {
  const problems: FieldProblem[] = [];
  const list = (field: string, v: string | undefined, allowed: readonly string[]) => {
    if (v === undefined && !opts.creating) return;
    if (!v) problems.push(fieldProblem(field, 'REQUIRED'));
    else if (!allowed.includes(v)) problems.push(fieldProblem(field, 'NOT_IN_LIST', { allowed: allowed.join(', ') }));
  };
  list('purpose', f.purpose, MEETING_PURPOSES);
  list('form', f.form, MEETING_FORMS);
  if (f.title !== undefined || opts.creating) {
    const title = (f.title ?? '').trim();
    if (!title) problems.push(fieldProblem('title', 'REQUIRED'));
    else if (title.length > 200) problems.push(fieldProblem('title', 'TOO_LONG', { max: 200 }));
  }
  let startsAt: string | undefined;
  if (f.startsAt !== undefined || opts.creating) {
    const n = f.startsAt ? normaliseInstant(f.startsAt) : null;
    if (!f.startsAt) problems.push(fieldProblem('startsAt', 'REQUIRED'));
    else if (!n) problems.push(problem('startsAt', 'NOT_A_TIME', '时间格式应为 2026-11-28T19:30（北京时间）', 'Times look like 2026-11-28T19:30 (China time)'));
    else startsAt = n;
  }
  return { problems, startsAt };
}

/** Checks a walk-in: a name and one of the walk-in kinds. */
export function checkWalkIn(name: string | undefined, kind: string | undefined): FieldProblem[] {
  const out: FieldProblem[] = [];
  const n = (name ?? '').trim();
  if (!n) out.push(fieldProblem('name', 'REQUIRED'));
  else if (n.length > 50) out.push(fieldProblem('name', 'TOO_LONG', { max: 50 }));
  if (!kind) out.push(fieldProblem('kind', 'REQUIRED'));
  else if (!(WALK_IN_KINDS as readonly string[]).includes(kind)) out.push(fieldProblem('kind', 'NOT_IN_LIST', { allowed: WALK_IN_KINDS.join(', ') }));
  return out;
}

/** Why a meeting cannot be marked held yet: it needs minutes and at least one signed-in attendee. */
export function heldBlocker(m: Pick<Meeting, 'minutes'>, attendees: readonly Pick<AttendeeView, 'signedInAt'>[]): 'MEETING_MINUTES_REQUIRED' | 'MEETING_NO_ATTENDEES' | null {
  if (!m.minutes?.trim()) return 'MEETING_MINUTES_REQUIRED';
  if (!attendees.some((a) => a.signedInAt)) return 'MEETING_NO_ATTENDEES';
  return null;
}

/** The attendee a sign-in concerns: the member's row, or for a walk-in the unlinked row with the same name and kind. */
export function existingAttendee(attendees: readonly Attendee[], who: { memberId: string } | { name: string; kind: string }): Attendee | null {
  if ('memberId' in who) return attendees.find((a) => a.memberId === who.memberId) ?? null;
  const name = who.name.trim();
  return attendees.find((a) => a.memberId === null && a.name === name && a.kind === who.kind) ?? null;
}

/** The params of MEETING_NOT_OPEN for a meeting in this status. */
export function statusWords(s: MeetingStatus): { statusZh: string; statusEn: string } {
  return s === 'held' ? { statusZh: '召开', statusEn: 'held' } : s === 'cancelled' ? { statusZh: '取消', statusEn: 'cancelled' } : { statusZh: '安排', statusEn: 'planned' };
}
