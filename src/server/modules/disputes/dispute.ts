import {
  DISPUTE_TYPES, FOLLOW_UP_RESULTS, PARTY_SIDES, REFERRAL_TARGETS, disputeProblem,
  type DisputeEvent, type DisputeOutcome, type DisputeStatus, type DisputeType, type FollowUpResult, type PartySide, type ReferralTarget,
} from '../../../shared/disputes.ts';
import type { ErrorCode, FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { parseIdNumber } from '../../../shared/validators/idcard.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';

/** A party as entered: name required, phone and ID number optional. */
export interface PartyInput {
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  side?: string | null;
}

/** A checked party: phone and ID number normalised, ready to seal. */
export interface PartyValue {
  name: string;
  phone: string | null;
  idNumber: string | null;
  side: PartySide | null;
}

/** The editable fields of a dispute. */
export interface DisputeFields {
  type?: string;
  summary?: string;
  occurredOn?: string | null;
}

/** Whether s is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Problems with a date field: a real date, not after today. */
export function dateProblems(field: string, v: string | null | undefined, today: string): FieldProblem[] {
  if (!v) return [];
  if (!isIsoDate(v)) return [fieldProblem(field, 'NOT_A_DATE')];
  return v > today ? [disputeProblem(field, 'DATE_IN_FUTURE')] : [];
}

function text(field: string, v: string | null | undefined, max: number, required: boolean): FieldProblem[] {
  const t = v?.trim() ?? '';
  if (!t) return required ? [fieldProblem(field, 'REQUIRED')] : [];
  return [...t].length > max ? [fieldProblem(field, 'TOO_LONG', { max })] : [];
}

/** Checks parties (name required; phone a mainland mobile; ID number valid under GB 11643) and normalises them. */
export function checkParties(parties: readonly PartyInput[], today: string, field = 'parties'): { values: PartyValue[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const values = parties.map((p, i) => {
    const f = `${field}.${i}`;
    problems.push(...text(`${f}.name`, p.name, 50, true));
    const phone = p.phone?.trim() ? normalizeMobile(p.phone) : null;
    if (p.phone?.trim() && !phone) problems.push(fieldProblem(`${f}.phone`, 'PHONE_FORMAT'));
    let idNumber: string | null = null;
    if (p.idNumber?.trim()) {
      const parsed = parseIdNumber(p.idNumber, today);
      if (parsed.ok) idNumber = parsed.value.normalized;
      else problems.push(fieldProblem(`${f}.idNumber`, parsed.problem));
    }
    if (p.side && !PARTY_SIDES.includes(p.side as PartySide)) problems.push(fieldProblem(`${f}.side`, 'NOT_IN_LIST', { allowed: PARTY_SIDES.join(', ') }));
    return { name: p.name?.trim() ?? '', phone, idNumber, side: (p.side as PartySide) || null };
  });
  return { values, problems };
}

/** Checks the fields of a new dispute (creating) or a change (only the fields given). */
export function checkDisputeFields(f: DisputeFields, today: string, creating: boolean): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (creating || f.type !== undefined) {
    if (!DISPUTE_TYPES.includes(f.type as DisputeType)) out.push(fieldProblem('type', f.type ? 'NOT_IN_LIST' : 'REQUIRED', { allowed: DISPUTE_TYPES.join(', ') }));
  }
  if (creating || f.summary !== undefined) out.push(...text('summary', f.summary, 2000, true));
  out.push(...dateProblems('occurredOn', f.occurredOn, today));
  return out;
}

/** Where each event may be fired from, and where it leads ('same' keeps the status). */
export const DISPUTE_TRANSITIONS: Record<Exclude<DisputeEvent, 'register'>, { from: readonly DisputeStatus[]; to: DisputeStatus | 'same' }> = {
  update: { from: ['registered', 'mediating'], to: 'same' },
  add_parties: { from: ['registered', 'mediating'], to: 'same' },
  assign: { from: ['registered', 'mediating'], to: 'mediating' },
  unassign: { from: ['mediating'], to: 'same' },
  session: { from: ['mediating'], to: 'same' },
  agree: { from: ['mediating'], to: 'agreed' },
  refer: { from: ['registered', 'mediating'], to: 'referred' },
  withdraw: { from: ['registered', 'mediating'], to: 'withdrawn' },
  follow_up: { from: ['agreed', 'referred', 'withdrawn'], to: 'followed_up' },
  reopen: { from: ['followed_up'], to: 'mediating' },
};

/** Events the timeline's action buttons offer (field edits and party additions have their own forms). */
export const ACTION_EVENTS = ['assign', 'unassign', 'session', 'agree', 'refer', 'withdraw', 'follow_up', 'reopen'] as const;
/** An event fired through POST /disputes/:id/events. */
export type ActionEvent = (typeof ACTION_EVENTS)[number];

/** What the rules need to know about a dispute. */
export interface DisputeState {
  status: DisputeStatus;
  mediatorCount: number;
  sessionCount: number;
  followUpResult: FollowUpResult | null;
}

/** Why an event cannot be fired now, or null when it can. */
export function eventBlocker(d: DisputeState, event: Exclude<DisputeEvent, 'register'>): { code: ErrorCode; params: Record<string, string> } | null {
  const t = DISPUTE_TRANSITIONS[event];
  if (!t.from.includes(d.status)) return { code: 'EVENT_NOT_ALLOWED_IN_STAGE', params: { stage: d.status, event } };
  if (event === 'session' && d.mediatorCount === 0) return { code: 'DISPUTE_MEDIATOR_REQUIRED', params: {} };
  if (event === 'agree' && d.sessionCount === 0) return { code: 'DISPUTE_SESSION_REQUIRED', params: {} };
  if (event === 'reopen' && d.followUpResult !== 'relapsed') return { code: 'DISPUTE_NOT_RELAPSED', params: {} };
  return null;
}

/** The status after an event. */
export function statusAfter(d: DisputeState, event: Exclude<DisputeEvent, 'register'>): DisputeStatus {
  const to = DISPUTE_TRANSITIONS[event].to;
  return to === 'same' ? d.status : to;
}

/** The action events the caller could fire now (given write access). */
export function availableEvents(d: DisputeState): ActionEvent[] {
  return ACTION_EVENTS.filter((e) => eventBlocker(d, e) === null);
}

/** The input of an action event, as the API takes it. */
export interface EventInput {
  mediatorIds?: string[];
  heldOn?: string;
  place?: string;
  notes?: string;
  agreementText?: string;
  referredTo?: string;
  note?: string | null;
  reason?: string;
  on?: string;
  result?: string;
}

/** Problems with an event's input (which fields it needs and their formats); mediator checks are the service's. */
export function checkEventInput(event: ActionEvent, i: EventInput, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const req = (field: keyof EventInput, max: number) => out.push(...text(`input.${field}`, i[field] as string | undefined, max, true));
  switch (event) {
    case 'assign':
    case 'unassign':
      if (!i.mediatorIds?.length) out.push(fieldProblem('input.mediatorIds', 'REQUIRED'));
      break;
    case 'session':
      if (!i.heldOn) out.push(fieldProblem('input.heldOn', 'REQUIRED'));
      out.push(...dateProblems('input.heldOn', i.heldOn, today));
      req('place', 200);
      req('notes', 4000);
      if (!i.mediatorIds?.length) out.push(fieldProblem('input.mediatorIds', 'REQUIRED'));
      break;
    case 'agree':
      req('agreementText', 4000);
      break;
    case 'refer':
      if (!REFERRAL_TARGETS.includes(i.referredTo as ReferralTarget)) out.push(fieldProblem('input.referredTo', i.referredTo ? 'NOT_IN_LIST' : 'REQUIRED', { allowed: REFERRAL_TARGETS.join(', ') }));
      req('note', 500);
      break;
    case 'withdraw':
    case 'reopen':
      req('reason', 500);
      break;
    case 'follow_up':
      if (!i.on) out.push(fieldProblem('input.on', 'REQUIRED'));
      out.push(...dateProblems('input.on', i.on, today));
      if (!FOLLOW_UP_RESULTS.includes(i.result as FollowUpResult)) out.push(fieldProblem('input.result', i.result ? 'NOT_IN_LIST' : 'REQUIRED', { allowed: FOLLOW_UP_RESULTS.join(', ') }));
      out.push(...text('input.note', i.note, 1000, false));
      break;
  }
  return out;
}

/** The dispute columns an outcome or follow-up event sets (outcome columns are cleared again on reopen). */
export function outcomePatch(event: ActionEvent, i: EventInput, at: string): Record<string, string | null> {
  const outcome = (o: DisputeOutcome) => ({ outcome: o, outcome_at: at });
  switch (event) {
    case 'agree': return { ...outcome('agreed'), agreement_text: i.agreementText!.trim() };
    case 'refer': return { ...outcome('referred'), referred_to: i.referredTo!, referral_note: i.note!.trim() };
    case 'withdraw': return { ...outcome('withdrawn'), withdraw_reason: i.reason!.trim() };
    case 'follow_up': return { follow_up_on: i.on!, follow_up_result: i.result!, follow_up_note: i.note?.trim() || null, followed_up_at: at };
    case 'reopen': return {
      outcome: null, outcome_at: null, agreement_text: null, referred_to: null, referral_note: null, withdraw_reason: null,
      follow_up_on: null, follow_up_result: null, follow_up_note: null, followed_up_at: null,
    };
    default: return {};
  }
}
