import { ELDER_KINDS, MEDIATOR_KINDS, disputeProblem, type ElderKind, type MediatorKind } from '../../../shared/disputes.ts';
import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';

/** A mediator as stored (phone only as its mask). */
export interface Mediator {
  id: string;
  regionId: string;
  regionName: string;
  scopePath: string;
  kind: MediatorKind;
  elderKind: ElderKind | null;
  name: string;
  phoneMask: string | null;
  expertise: string[];
  note: string | null;
  active: boolean;
  version: number;
}

/** The fields a create or change of a mediator carries. */
export interface MediatorFields {
  kind?: string;
  elderKind?: string | null;
  name?: string;
  phone?: string | null;
  expertise?: string[];
  note?: string | null;
  active?: boolean;
}

/**
 * Checks a mediator's fields: kind from the list, a 五老 kind exactly when the mediator is an elder (against the kind it
 * will have after the change), a name, a mainland mobile, short expertise tags. Returns the normalised phone
 * (null to clear, undefined when not given).
 */
export function checkMediator(f: MediatorFields, current: { kind: MediatorKind; elderKind: ElderKind | null } | null): { problems: FieldProblem[]; phone: string | null | undefined } {
  const out: FieldProblem[] = [];
  if (!current || f.kind !== undefined) {
    if (!MEDIATOR_KINDS.includes(f.kind as MediatorKind)) out.push(fieldProblem('kind', f.kind ? 'NOT_IN_LIST' : 'REQUIRED', { allowed: MEDIATOR_KINDS.join(', ') }));
  }
  const kind = (f.kind ?? current?.kind) as MediatorKind;
  const elderKind = f.elderKind !== undefined ? f.elderKind : current?.elderKind ?? null;
  if (elderKind && !ELDER_KINDS.includes(elderKind as ElderKind)) out.push(fieldProblem('elderKind', 'NOT_IN_LIST', { allowed: ELDER_KINDS.join(', ') }));
  else if (kind === 'elder' && !elderKind) out.push(disputeProblem('elderKind', 'ELDER_KIND_REQUIRED'));
  else if (kind !== 'elder' && elderKind && MEDIATOR_KINDS.includes(kind)) out.push(disputeProblem('elderKind', 'ELDER_KIND_ONLY_FOR_ELDERS'));
  if (!current || f.name !== undefined) {
    const n = f.name?.trim() ?? '';
    if (!n) out.push(fieldProblem('name', 'REQUIRED'));
    else if ([...n].length > 50) out.push(fieldProblem('name', 'TOO_LONG', { max: 50 }));
  }
  let phone: string | null | undefined;
  if (f.phone !== undefined) {
    phone = f.phone?.trim() ? normalizeMobile(f.phone) : null;
    if (f.phone?.trim() && !phone) out.push(fieldProblem('phone', 'PHONE_FORMAT'));
  }
  (f.expertise ?? []).forEach((t, i) => {
    if (!t.trim()) out.push(fieldProblem(`expertise.${i}`, 'REQUIRED'));
  });
  return { problems: out, phone };
}

/** All the region paths a path lies under, itself included ('/a/b/' → '/', '/a/', '/a/b/'): the pools that serve a place. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const out = ['/'];
  for (let i = 1; i <= parts.length; i++) out.push('/' + parts.slice(0, i).join('/') + '/');
  return out;
}
