import { escalationProblem, type JointTaskState } from '../../../shared/escalation.ts';
import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { isIsoDate } from '../../../shared/method-template.ts';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether a string is a month 'YYYY-MM'. */
export function isMonth(s: unknown): s is string {
  return typeof s === 'string' && MONTH_RE.test(s);
}

/** A month as a count of months since year 0, so months subtract. */
export function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + (m - 1);
}

/** The month of an index. */
export function monthAt(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The chair the rota alone names for a month: rota[0] chairs the start month, then each unit in turn, round and round (before the start too). */
export function scheduledChair(rota: readonly string[], rotaStart: string, month: string): string | null {
  if (!rota.length) return null;
  const n = rota.length;
  return rota[(((monthIndex(month) - monthIndex(rotaStart)) % n) + n) % n];
}

/** The chair of a month after an administrator's swap, and whether it differs from the rota. */
export function chairOf(rota: readonly string[], rotaStart: string, month: string, overrides: ReadonlyMap<string, string>): { orgId: string | null; scheduled: string | null; overridden: boolean } {
  const scheduled = scheduledChair(rota, rotaStart, month);
  const o = overrides.get(month);
  return { orgId: o ?? scheduled, scheduled, overridden: o !== undefined && o !== scheduled };
}

/** The twelve months of a year with their chairs. */
export function rotaYear(rota: readonly string[], rotaStart: string, year: number, overrides: ReadonlyMap<string, string>) {
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    return { month, ...chairOf(rota, rotaStart, month, overrides) };
  });
}

/** The overrides a swap of two months writes: each month gets the other's current chair. */
export function swapOf(rota: readonly string[], rotaStart: string, a: string, b: string, overrides: ReadonlyMap<string, string>): { month: string; orgId: string | null }[] {
  return [
    { month: a, orgId: chairOf(rota, rotaStart, b, overrides).orgId },
    { month: b, orgId: chairOf(rota, rotaStart, a, overrides).orgId },
  ];
}

/** Checks a body's members and rota: no unit twice, every rota unit a member, a real start month. */
export function checkBody(f: { members?: readonly string[]; rota?: readonly string[]; rotaStart?: string; name?: string }): FieldProblem[] {
  const out: FieldProblem[] = [];
  const dup = (field: string, list: readonly string[]) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x)) out.push(fieldProblem(`${field}.${i}`, 'DUPLICATE_VALUE', { value: x }));
      seen.add(x);
    });
  };
  if (f.members) dup('members', f.members);
  if (f.rota) {
    dup('rota', f.rota);
    f.rota.forEach((x, i) => {
      if (f.members && !f.members.includes(x)) out.push(escalationProblem(`rota.${i}`, 'NOT_A_MEMBER', { value: x }));
    });
  }
  if (f.rotaStart !== undefined && !isMonth(f.rotaStart)) out.push(escalationProblem('rotaStart', 'MONTH_FORMAT'));
  if (f.name !== undefined && !f.name.trim()) out.push(fieldProblem('name', 'REQUIRED'));
  return out;
}

/** One agenda item as a session record sends it. */
export interface ItemInput {
  incidentId?: string | null;
  caseId?: string | null;
  note?: string | null;
  decision?: { text: string; responsibleOrgId: string; dueOn: string } | null;
}

/**
 * Checks a session record against the body and its agenda: a real date not after today, attendees among the members,
 * each item naming exactly one pending agenda entry once, and each decision with text, a known organisation and a due
 * date not before the session.
 */
export function checkSession(
  input: { heldOn: string; place: string; attendees: readonly string[]; minutes: string; items: readonly ItemInput[] },
  ctx: { today: string; members: readonly string[]; pendingIncidents: ReadonlySet<string>; pendingCases: ReadonlySet<string>; knownOrgs: ReadonlySet<string> },
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isIsoDate(input.heldOn)) out.push(fieldProblem('heldOn', 'NOT_A_DATE'));
  else if (input.heldOn > ctx.today) out.push(escalationProblem('heldOn', 'DATE_IN_FUTURE'));
  if (!input.place.trim()) out.push(fieldProblem('place', 'REQUIRED'));
  if (!input.minutes.trim()) out.push(fieldProblem('minutes', 'REQUIRED'));
  const seenOrg = new Set<string>();
  input.attendees.forEach((a, i) => {
    if (!ctx.members.includes(a)) out.push(escalationProblem(`attendees.${i}`, 'NOT_A_MEMBER', { value: a }));
    else if (seenOrg.has(a)) out.push(fieldProblem(`attendees.${i}`, 'DUPLICATE_VALUE', { value: a }));
    seenOrg.add(a);
  });
  const seen = new Set<string>();
  input.items.forEach((it, i) => {
    const ref = it.incidentId || it.caseId;
    if (!ref || (it.incidentId && it.caseId)) out.push(escalationProblem(`items.${i}`, 'ITEM_NEEDS_ONE'));
    else if (seen.has(ref)) out.push(escalationProblem(`items.${i}`, 'ITEM_TWICE', { value: ref }));
    else if (it.incidentId ? !ctx.pendingIncidents.has(it.incidentId) : !ctx.pendingCases.has(it.caseId!)) {
      out.push(escalationProblem(`items.${i}.${it.incidentId ? 'incidentId' : 'caseId'}`, 'NOT_ON_AGENDA', { value: ref }));
    }
    if (ref) seen.add(ref);
    const d = it.decision;
    if (!d) return;
    if (!d.text.trim()) out.push(fieldProblem(`items.${i}.decision.text`, 'REQUIRED'));
    if (!ctx.knownOrgs.has(d.responsibleOrgId)) out.push(escalationProblem(`items.${i}.decision.responsibleOrgId`, 'ORG_UNKNOWN', { value: d.responsibleOrgId }));
    if (!isIsoDate(d.dueOn)) out.push(fieldProblem(`items.${i}.decision.dueOn`, 'NOT_A_DATE'));
    else if (isIsoDate(input.heldOn) && d.dueOn < input.heldOn) out.push(escalationProblem(`items.${i}.decision.dueOn`, 'DUE_BEFORE_SESSION'));
  });
  return out;
}

/** A task is overdue while open after its due date (China dates). */
export function taskOverdue(t: { state: JointTaskState | string; dueOn: string }, today: string): boolean {
  return t.state === 'open' && t.dueOn < today;
}

/** Closed-loop stages where a joint-meeting decision dispatches the incident to the decided organisation. */
export const DISPATCHABLE_STAGES: readonly string[] = ['registered', 'returned'];

/** What a decision does to its incident: dispatch when the incident waits for dispatch, else it is recorded only (the task carries it). */
export function decisionEffect(stage: string, ended: boolean): 'dispatch' | 'record' {
  return !ended && DISPATCHABLE_STAGES.includes(stage) ? 'dispatch' : 'record';
}
