import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { POLITICAL_STATUSES } from '../../../shared/org-types.ts';
import { parseIdNumber } from '../../../shared/validators/idcard.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';
import { problem } from './org.ts';

/** A person who holds posts or partners in pairings; ID number and phone only as masks. */
export interface Person {
  id: string;
  scopePath: string;
  name: string;
  gender: string | null;
  politicalStatus: string | null;
  residentId: string | null;
  isOwner: boolean;
  idNumberMask: string | null;
  phoneMask: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** GB/T 2261.1 sex codes. */
export const GENDERS = ['0', '1', '2', '9'] as const;

/** Fields a caller may send for a person. */
export interface PersonFields {
  name?: string;
  gender?: string | null;
  politicalStatus?: string | null;
  isOwner?: boolean;
  idNumber?: string | null;
  phone?: string | null;
}

/** The normalised personal data of a valid input (undefined: not sent; null: cleared). */
export interface PersonNormalised {
  idNumber: string | null | undefined;
  phone: string | null | undefined;
}

/** Checks a person's fields and normalises the ID number and phone. */
export function checkPersonFields(f: PersonFields, today: string, opts: { nameRequired: boolean }): { problems: FieldProblem[]; value: PersonNormalised } {
  const problems: FieldProblem[] = [];
  if (f.name !== undefined || opts.nameRequired) {
    const name = (f.name ?? '').trim();
    if (!name) problems.push(fieldProblem('name', 'REQUIRED'));
    else if (name.length > 50) problems.push(fieldProblem('name', 'TOO_LONG', { max: 50 }));
  }
  if (f.gender != null && !(GENDERS as readonly string[]).includes(f.gender)) problems.push(fieldProblem('gender', 'NOT_IN_LIST', { allowed: GENDERS.join(', ') }));
  if (f.politicalStatus != null && !POLITICAL_STATUSES.some((s) => s.code === f.politicalStatus)) {
    problems.push(fieldProblem('politicalStatus', 'NOT_IN_LIST', { allowed: POLITICAL_STATUSES.map((s) => s.code).join(', ') }));
  }
  let idNumber: string | null | undefined = f.idNumber === undefined ? undefined : null;
  if (f.idNumber) {
    const r = parseIdNumber(f.idNumber, today);
    if (r.ok) idNumber = r.value.normalized;
    else problems.push(fieldProblem('idNumber', r.problem));
  }
  let phone: string | null | undefined = f.phone === undefined ? undefined : null;
  if (f.phone) {
    const p = normalizeMobile(f.phone);
    if (p) phone = p;
    else problems.push(fieldProblem('phone', 'PHONE_FORMAT'));
  }
  return { problems, value: { idNumber, phone } };
}

/** The problem for a person anchored to none or several places. */
export function personAnchorProblem(given: { residentId?: string | null; compoundId?: string | null; regionId?: string | null }): FieldProblem | null {
  const n = [given.residentId, given.compoundId, given.regionId].filter(Boolean).length;
  return n === 1 ? null : problem('compoundId', 'ANCHOR_ONE', '请填写且只填写一项：关联居民、所属小区或所属区域', 'Give exactly one of: a linked resident, a compound or a region');
}
