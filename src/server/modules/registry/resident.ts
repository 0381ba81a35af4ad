import type { FieldProblem } from '../../../shared/errors.ts';
import { ageBand, maskName } from '../../../shared/mask.ts';
import {
  allowedList, codeFromInput, FAMILY_RELATION_LABELS, GENDER_LABELS, POLITICAL_STATUS_LABELS, PROTECTED_TAG_LABELS,
  type FamilyRelation, type Gender, type PoliticalStatus, type ProtectedTag,
} from '../../../shared/registry-codes.ts';
import { ageOn, parseIdNumber } from '../../../shared/validators/idcard.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';
import { makeReader, type RawInput, type Reader } from './input.ts';

/** Age under which all of a person's data is sensitive (PIPL art. 28). */
export const MINOR_AGE = 14;

/** A resident as stored, without the sealed values. */
export interface Resident {
  id: string;
  householdId: string | null;
  compoundId: string;
  scopePath: string;
  name: string;
  gender: Gender;
  birthDate: string | null;
  idNumberMask: string | null;
  phoneMask: string | null;
  politicalStatus: PoliticalStatus | null;
  relation: FamilyRelation | null;
  hasProtectedTags: boolean;
  movedOutOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields a caller sets on a resident, checked; idNumber and phone are normalised plain text, to be sealed. */
export interface ResidentValue {
  id: string | null;
  /** Required unless householdId is given (the service takes the household's compound). */
  compoundId: string | null;
  householdId: string | null;
  name: string;
  gender: Gender;
  birthDate: string | null;
  idNumber: string | null;
  phone: string | null;
  politicalStatus: PoliticalStatus | null;
  relation: FamilyRelation | null;
  protectedTags: ProtectedTag[];
  movedOutOn: string | null;
}

/** What a PATCH needs to know about the stored resident to keep gender and birth date in step with the ID number. */
export interface ResidentFacts {
  hasIdNumber: boolean;
  gender: Gender;
  birthDate: string | null;
}

function readTags(r: Reader, input: RawInput, partial: boolean): ProtectedTag[] | undefined {
  const v = input.protectedTags;
  if (v === undefined && partial) return undefined;
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,，、;；\s]+/).filter(Boolean) : v == null ? [] : null;
  const out: ProtectedTag[] = [];
  for (const item of list ?? [null]) {
    const c = typeof item === 'string' ? codeFromInput(PROTECTED_TAG_LABELS, item) : null;
    if (!c) {
      r.add('protectedTags', 'NOT_IN_LIST', { allowed: allowedList(PROTECTED_TAG_LABELS) });
      return [];
    }
    if (!out.includes(c)) out.push(c);
  }
  return out.sort();
}

function readResident(input: RawInput, today: string, partial: boolean, current: ResidentFacts | null): { value: Partial<ResidentValue>; problems: FieldProblem[] } {
  const r = makeReader(input, { partial });
  const value: Partial<ResidentValue> = {};
  if (!partial) {
    value.id = r.id('id') ?? null;
    value.compoundId = r.id('compoundId') ?? null;
  }
  const householdId = r.id('householdId');
  if (!partial && !value.compoundId && !householdId && !r.problems.some((p) => p.field.endsWith('compoundId') || p.field.endsWith('householdId'))) r.add('compoundId', 'REQUIRED');
  value.householdId = householdId;
  value.name = r.text('name', { required: true, max: 50 }) ?? undefined;

  const rawId = r.text('idNumber', { max: 20 });
  let derived: { gender: Gender; birthDate: string } | null = null;
  if (rawId) {
    const p = parseIdNumber(rawId, today);
    if (p.ok) {
      value.idNumber = p.value.normalized;
      derived = { gender: p.value.gender, birthDate: p.value.birthDate };
    } else r.add('idNumber', p.problem);
  } else if (rawId !== undefined) value.idNumber = null;

  const gender = r.code('gender', GENDER_LABELS);
  const birthDate = r.date('birthDate', { notAfter: today });
  // The ID number is the authority: given values must agree with it, and it fills them in.
  const authority = derived ?? (rawId === undefined && current?.hasIdNumber ? { gender: current.gender, birthDate: current.birthDate ?? '' } : null);
  if (authority) {
    if (gender && gender !== 'unknown' && gender !== authority.gender) r.add('gender', 'GENDER_MISMATCH', { expected: GENDER_LABELS[authority.gender].zh });
    if (birthDate && birthDate !== authority.birthDate) r.add('birthDate', 'BIRTH_DATE_MISMATCH');
  }
  if (derived) {
    value.gender = derived.gender;
    value.birthDate = derived.birthDate;
  } else if (!authority) {
    if (gender !== undefined) value.gender = gender ?? 'unknown';
    else if (!partial) value.gender = 'unknown';
    if (birthDate !== undefined) value.birthDate = birthDate;
    else if (!partial) value.birthDate = null;
  }

  const rawPhone = r.text('phone', { max: 30 });
  if (rawPhone) {
    const p = normalizeMobile(rawPhone);
    if (p) value.phone = p;
    else r.add('phone', 'PHONE_FORMAT');
  } else if (rawPhone !== undefined) value.phone = null;

  value.politicalStatus = twoDigit(r, input, 'politicalStatus', POLITICAL_STATUS_LABELS, partial);
  value.relation = twoDigit(r, input, 'relation', FAMILY_RELATION_LABELS, partial);
  value.protectedTags = readTags(r, input, partial);
  value.movedOutOn = r.date('movedOutOn', { notAfter: today });
  for (const k of Object.keys(value) as (keyof ResidentValue)[]) if (value[k] === undefined) delete value[k];
  return { value, problems: r.problems };
}

function twoDigit<K extends string>(r: Reader, input: RawInput, key: string, labels: Record<K, { zh: string; en: string }>, partial: boolean): K | null | undefined {
  const v = input[key];
  if (v === undefined) return partial ? undefined : null;
  if (v === null || (typeof v === 'string' && !v.trim())) return null;
  const s = typeof v === 'number' || typeof v === 'string' ? String(v).trim() : '';
  const c = s ? codeFromInput(labels, /^\d$/.test(s) ? '0' + s : s) : null;
  if (!c) r.add(key, 'NOT_IN_LIST', { allowed: allowedList(labels) });
  return c;
}

/**
 * Checks a new resident (from JSON or a spreadsheet row) with `today` = todayCst(clock): name, ID number
 * (GB 11643 check, 15→18 digits), gender and birth date derived from it and required to agree, mobile, GB/T 4762
 * political status, GB/T 4761 relation, protected tags. Uniqueness and references are checked in the service.
 */
export function validateResidentInput(input: RawInput, today: string): { value: ResidentValue; problems: FieldProblem[] } {
  const { value, problems } = readResident(input, today, false, null);
  return { value: value as ResidentValue, problems };
}

/** Checks a resident PATCH against the stored facts; a new ID number re-derives gender and birth date. */
export function validateResidentPatch(input: RawInput, today: string, current: ResidentFacts): { value: Partial<ResidentValue>; problems: FieldProblem[] } {
  return readResident(input, today, true, current);
}

/** Age in whole years on `today`, or null without a birth date. */
export function ageOf(birthDate: string | null, today: string): number | null {
  return birthDate ? ageOn(birthDate, today) : null;
}

/** Whether the person is under 14 on `today` (unknown birth date: not known to be a minor). */
export function isMinor(birthDate: string | null, today: string): boolean {
  const a = ageOf(birthDate, today);
  return a !== null && a < MINOR_AGE;
}

/** The latest birth date of someone who is 14 or older on `today`: minors are born after it. */
export function minorCutoff(today: string): string {
  return String(Number(today.slice(0, 4)) - MINOR_AGE).padStart(4, '0') + today.slice(4);
}

/** The display facts of a resident: the name masked for minors, age and band instead of the birth date. */
export function residentDisplay(r: { name: string; birthDate: string | null; hasProtectedTags: boolean }, today: string) {
  const age = ageOf(r.birthDate, today);
  const minor = age !== null && age < MINOR_AGE;
  return { name: minor ? maskName(r.name) : r.name, age, ageBand: age === null ? null : ageBand(age), minor, sensitive: minor || r.hasProtectedTags };
}
