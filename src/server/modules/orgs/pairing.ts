import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { PAIRING_KINDS, PARTNER_KINDS, type PairingKind, type PartnerKind } from '../../../shared/org-types.ts';
import { activeOn, isIsoDate } from './dates.ts';
import { problem } from './org.ts';

/** A pairing (结对共建 / 包联 / 联系单位) between a partner and a compound or community. */
export interface Pairing {
  id: string;
  kind: PairingKind;
  partnerKind: PartnerKind;
  partnerOrgId: string | null;
  partnerPersonId: string | null;
  partnerName: string;
  targetCompoundId: string | null;
  targetRegionId: string | null;
  scopePath: string;
  startOn: string | null;
  endOn: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields that decide whether a pairing is acceptable. */
export interface PairingFields {
  kind: string;
  partnerKind?: string;
  partnerOrgId?: string | null;
  partnerPersonId?: string | null;
  partnerName?: string | null;
  startOn?: string | null;
  endOn?: string | null;
  note?: string | null;
}

/** The partner kind a pairing kind implies when none is given. */
export function defaultPartnerKind(kind: PairingKind): PartnerKind {
  return PAIRING_KINDS.find((k) => k.code === kind)!.partnerKinds[0];
}

/** Checks kind, partner and dates; returns the partner kind to store. */
export function checkPairing(f: PairingFields): { problems: FieldProblem[]; partnerKind: PartnerKind | null } {
  const problems: FieldProblem[] = [];
  const kind = PAIRING_KINDS.find((k) => k.code === f.kind);
  if (!kind) {
    problems.push(fieldProblem('kind', 'NOT_IN_LIST', { allowed: PAIRING_KINDS.map((k) => k.code).join(', ') }));
    return { problems, partnerKind: null };
  }
  const partnerKind = (f.partnerKind ?? kind.partnerKinds[0]) as PartnerKind;
  if (!PARTNER_KINDS.some((p) => p.code === partnerKind)) {
    problems.push(fieldProblem('partnerKind', 'NOT_IN_LIST', { allowed: PARTNER_KINDS.map((p) => p.code).join(', ') }));
  } else if (!(kind.partnerKinds as readonly string[]).includes(partnerKind)) {
    problems.push(problem('partnerKind', 'PARTNER_KIND_MISMATCH', `${kind.zh}的对象应为：${kind.partnerKinds.map((c) => PARTNER_KINDS.find((p) => p.code === c)!.zh).join('、')}`, `A ${kind.en.toLowerCase()} pairs with: ${kind.partnerKinds.join(', ')}`));
  }
  if (partnerKind === 'leader' && f.partnerOrgId) problems.push(problem('partnerOrgId', 'PARTNER_REF_KIND', '领导干部请选择人员，不选组织', 'A leader is a person, not an organisation'));
  if (partnerKind !== 'leader' && f.partnerPersonId) problems.push(problem('partnerPersonId', 'PARTNER_REF_KIND', '单位或部门请选择组织，不选人员', 'A unit or department is an organisation, not a person'));
  if (!f.partnerOrgId && !f.partnerPersonId && !(f.partnerName ?? '').trim()) problems.push(fieldProblem('partnerName', 'REQUIRED'));
  if ((f.partnerName ?? '').length > 100) problems.push(fieldProblem('partnerName', 'TOO_LONG', { max: 100 }));
  if (f.startOn && !isIsoDate(f.startOn)) problems.push(fieldProblem('startOn', 'NOT_A_DATE'));
  if (f.endOn && !isIsoDate(f.endOn)) problems.push(fieldProblem('endOn', 'NOT_A_DATE'));
  if (f.startOn && f.endOn && isIsoDate(f.startOn) && isIsoDate(f.endOn) && f.endOn < f.startOn) problems.push(fieldProblem('endOn', 'DATE_ORDER'));
  if (f.note && f.note.length > 2000) problems.push(fieldProblem('note', 'TOO_LONG', { max: 2000 }));
  return { problems, partnerKind };
}

/** Whether a pairing is in force on a day (start ≤ today ≤ end; open ends count). */
export function pairingActive(p: { startOn: string | null; endOn: string | null }, today: string): boolean {
  return activeOn(p.startOn, p.endOn, today);
}
