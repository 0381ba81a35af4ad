import type { FieldProblem } from '../../../shared/errors.ts';
import { allowedList, codeFromInput, GRID_BUSINESS_LINE_LABELS, GRID_WORKER_DUTY_LABELS, type GridBusinessLine, type GridWorkerDuty } from '../../../shared/registry-codes.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';
import { makeReader, type RawInput, type Reader } from './input.ts';

/** A grid of the unified comprehensive grid layer; it belongs to exactly one community. */
export interface Grid {
  id: string;
  communityId: string;
  scopePath: string;
  code: string;
  name: string;
  businessLines: GridBusinessLine[];
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A person on duty in a grid. */
export interface GridWorker {
  id: string;
  gridId: string;
  scopePath: string;
  userId: string | null;
  name: string;
  phoneMask: string | null;
  duty: GridWorkerDuty;
  startOn: string | null;
  endOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Checks a 14-digit grid code: the community's 12-digit code plus a 2-digit sequence (STANDARDS §1.2). */
export function checkGridCode(code: string, communityCode: string): 'GRID_CODE_FORMAT' | 'GRID_CODE_COMMUNITY' | null {
  if (!/^\d{14}$/.test(code)) return 'GRID_CODE_FORMAT';
  if (code.slice(0, 12) !== communityCode) return 'GRID_CODE_COMMUNITY';
  return null;
}

function readLines(r: Reader, input: RawInput, required: boolean): GridBusinessLine[] | undefined {
  const v = input.businessLines;
  if (v === undefined && !r.has('businessLines')) return undefined;
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,，、;；\s]+/).filter(Boolean) : v == null ? [] : null;
  if (list === null) {
    r.add('businessLines', 'NOT_IN_LIST', { allowed: allowedList(GRID_BUSINESS_LINE_LABELS) });
    return [];
  }
  const out: GridBusinessLine[] = [];
  for (const item of list) {
    const c = typeof item === 'string' ? codeFromInput(GRID_BUSINESS_LINE_LABELS, item) : null;
    if (!c) {
      r.add('businessLines', 'NOT_IN_LIST', { allowed: allowedList(GRID_BUSINESS_LINE_LABELS) });
      return [];
    }
    if (!out.includes(c)) out.push(c);
  }
  if (required && out.length === 0) r.add('businessLines', 'REQUIRED');
  return out;
}

/** A checked grid. */
export interface GridValue {
  id: string | null;
  code: string;
  name: string;
  businessLines: GridBusinessLine[];
  note: string | null;
}

/** Validates a grid (full for create, partial for PATCH) against its community's code. */
export function validateGridInput(input: RawInput, communityCode: string | null, partial = false): { value: Partial<GridValue>; problems: FieldProblem[] } {
  const r = makeReader(input, { partial });
  const id = partial ? undefined : r.id('id');
  const code = r.text('code', { required: true, max: 14 });
  const name = r.text('name', { required: true, max: 50 });
  const businessLines = readLines(r, input, true);
  const note = r.text('note', { max: 500 });
  if (code && communityCode) {
    const p = checkGridCode(code, communityCode);
    if (p) r.add('code', p, { community: communityCode });
  }
  const value: Partial<GridValue> = {};
  if (id !== undefined) value.id = id;
  if (code) value.code = code;
  if (name) value.name = name;
  if (businessLines !== undefined) value.businessLines = businessLines;
  if (note !== undefined) value.note = note;
  return { value, problems: r.problems };
}

/** A checked grid worker. */
export interface GridWorkerValue {
  id: string | null;
  name: string;
  phone: string | null;
  userId: string | null;
  duty: GridWorkerDuty;
  startOn: string | null;
  endOn: string | null;
}

/** Validates a grid worker; the phone comes back normalised for sealing. */
export function validateGridWorkerInput(input: RawInput, partial = false): { value: Partial<GridWorkerValue>; problems: FieldProblem[] } {
  const r = makeReader(input, { partial });
  const id = partial ? undefined : r.id('id');
  const name = r.text('name', { required: true, max: 50 });
  const rawPhone = r.text('phone', { max: 30 });
  let phone: string | null | undefined = rawPhone;
  if (rawPhone) {
    phone = normalizeMobile(rawPhone);
    if (!phone) r.add('phone', 'PHONE_FORMAT');
  }
  const userId = r.id('userId');
  const duty = r.code('duty', GRID_WORKER_DUTY_LABELS);
  const startOn = r.date('startOn');
  const endOn = r.date('endOn');
  if (startOn && endOn && endOn < startOn) r.add('endOn', 'DATE_ORDER');
  const value: Partial<GridWorkerValue> = {};
  if (id !== undefined) value.id = id;
  if (name) value.name = name;
  if (phone !== undefined) value.phone = phone;
  if (userId !== undefined) value.userId = userId;
  if (duty !== undefined) value.duty = duty ?? 'worker';
  if (startOn !== undefined) value.startOn = startOn;
  if (endOn !== undefined) value.endOn = endOn;
  return { value, problems: r.problems };
}

/** Whether a worker is on duty on a day. */
export function onDuty(w: { startOn: string | null; endOn: string | null }, today: string): boolean {
  return (!w.startOn || w.startOn <= today) && (!w.endOn || w.endOn >= today);
}
