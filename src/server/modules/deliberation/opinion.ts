import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { MATTER_CATEGORIES, OPINION_CHANNELS, type OpinionStatus } from '../../../shared/deliberation.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';

// Resident opinions (民情民意): the pure rules of entry, answer and the public form's limits.

/** Opinions one network (IP hash) may send to one compound's public form in an hour. */
export const PUBLIC_OPINIONS_PER_HOUR = 5;
/** Ratings one network may give one matter in a day. */
export const PUBLIC_RATINGS_PER_DAY = 1;
/** Longest opinion text staff may enter. */
export const CONTENT_MAX = 2000;
/** Longest resident name. */
export const NAME_MAX = 50;

/** The fields of an opinion as entered by staff or sent from the public form. */
export interface OpinionFields {
  content: string;
  category?: string;
  channel?: string;
  residentName?: string | null;
  phone?: string | null;
  receivedAt?: string | null;
}

/** Checked values: trimmed text, the normalised phone, the instant received. */
export interface OpinionValue {
  content: string;
  residentName: string | null;
  phone: string | null;
  receivedAt: string;
}

/** Checks an opinion; receivedAt defaults to now and may not lie in the future (five minutes of clock skew allowed). */
export function checkOpinion(f: OpinionFields, now: Date): { problems: FieldProblem[]; value: OpinionValue } {
  const problems: FieldProblem[] = [];
  const content = f.content.trim();
  if ([...content].length < 2) problems.push(fieldProblem('content', 'REQUIRED'));
  else if ([...content].length > CONTENT_MAX) problems.push(fieldProblem('content', 'TOO_LONG', { max: CONTENT_MAX }));
  if (f.category !== undefined && !(MATTER_CATEGORIES as readonly string[]).includes(f.category)) {
    problems.push(fieldProblem('category', 'NOT_IN_LIST', { allowed: MATTER_CATEGORIES.join(', ') }));
  }
  if (f.channel !== undefined && !(OPINION_CHANNELS as readonly string[]).includes(f.channel)) {
    problems.push(fieldProblem('channel', 'NOT_IN_LIST', { allowed: OPINION_CHANNELS.join(', ') }));
  }
  const residentName = f.residentName?.trim() || null;
  if (residentName && [...residentName].length > NAME_MAX) problems.push(fieldProblem('residentName', 'TOO_LONG', { max: NAME_MAX }));
  let phone: string | null = null;
  if (f.phone?.trim()) {
    phone = normalizeMobile(f.phone);
    if (!phone) problems.push(fieldProblem('phone', 'PHONE_FORMAT'));
  }
  let receivedAt = now.toISOString();
  if (f.receivedAt) {
    const t = Date.parse(f.receivedAt);
    if (Number.isNaN(t)) problems.push(fieldProblem('receivedAt', 'NOT_A_DATE'));
    else if (t > now.getTime() + 5 * 60_000) problems.push(fieldProblem('receivedAt', 'OUT_OF_RANGE', { min: '…', max: now.toISOString() }));
    else receivedAt = new Date(t).toISOString();
  }
  return { problems, value: { content, residentName, phone, receivedAt } };
}

/** The state an answer leaves an opinion in: one taken up into a matter stays taken up. */
export function statusAfterAnswer(current: OpinionStatus): OpinionStatus {
  return current === 'taken_up' ? 'taken_up' : 'answered';
}

/** Whether an opinion can still be linked to a new matter. */
export function canTakeUp(status: OpinionStatus): boolean {
  return status !== 'taken_up';
}
