import { fieldProblem } from '../../../shared/field-problems.ts';
import type { FieldProblem } from '../../../shared/errors.ts';
import { MEMBER_KINDS, type MemberKind, type Named } from '../../../shared/deliberation.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';
import { problem } from './problem.ts';

/** A pool member as the services use it; the phone only as its mask. */
export interface PoolMember {
  id: string;
  compoundId: string;
  scopePath: string;
  kind: MemberKind;
  name: string;
  title: string | null;
  userId: string | null;
  org: Named | null;
  phoneMask: string | null;
  expertise: string[];
  note: string | null;
  active: boolean;
  version: number;
}

/** Fields a caller may send for a pool member (undefined: not sent; null: cleared). */
export interface PoolMemberFields {
  kind?: string;
  name?: string;
  title?: string | null;
  userId?: string | null;
  orgId?: string | null;
  phone?: string | null;
  expertise?: string[];
  note?: string | null;
  active?: boolean;
}

/** At most this many expertise tags per member, each at most this long. */
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 20;

/** Trims, drops empties and duplicates, keeping the first spelling. Category codes and free tags may be mixed. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags.map((x) => x.trim()).filter(Boolean)) if (!out.includes(t)) out.push(t);
  return out;
}

/** Checks a pool member's fields; on a create, kind and name are required. Returns the normalised phone and tags. */
export function checkPoolMember(f: PoolMemberFields, opts: { creating: boolean }): { problems: FieldProblem[]; phone: string | null | undefined; expertise: string[] | undefined } {
  const problems: FieldProblem[] = [];
  if (f.kind !== undefined || opts.creating) {
    if (!f.kind) problems.push(fieldProblem('kind', 'REQUIRED'));
    else if (!(MEMBER_KINDS as readonly string[]).includes(f.kind)) problems.push(fieldProblem('kind', 'NOT_IN_LIST', { allowed: MEMBER_KINDS.join(', ') }));
  }
  if (f.name !== undefined || opts.creating) {
    const name = (f.name ?? '').trim();
    if (!name) problems.push(fieldProblem('name', 'REQUIRED'));
    else if (name.length > 50) problems.push(fieldProblem('name', 'TOO_LONG', { max: 50 }));
  }
  if (f.title && f.title.trim().length > 100) problems.push(fieldProblem('title', 'TOO_LONG', { max: 100 }));
  let phone: string | null | undefined = f.phone === undefined ? undefined : null;
  if (f.phone) {
    const p = normalizeMobile(f.phone);
    if (p) phone = p;
    else problems.push(fieldProblem('phone', 'PHONE_FORMAT'));
  }
  let expertise: string[] | undefined;
  if (f.expertise !== undefined) {
    f.expertise.forEach((t, i) => {
      if (t.trim().length > MAX_TAG_LENGTH) problems.push(fieldProblem(`expertise.${i}`, 'TOO_LONG', { max: MAX_TAG_LENGTH }));
    });
    expertise = normaliseTags(f.expertise);
    if (expertise.length > MAX_TAGS) problems.push(problem('expertise', 'TOO_MANY_TAGS', `擅长领域最多 ${MAX_TAGS} 个`, `At most ${MAX_TAGS} expertise tags`));
  }
  return { problems, phone, expertise };
}
