import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { isOrgType, orgCategoryOf, ORG_TYPE_CODES, type OrgType } from '../../../shared/org-types.ts';
import { parseUscc } from '../../../shared/validators/uscc.ts';
import { isIsoDate } from './dates.ts';

/** An organisation as the domain sees it. */
export interface Org {
  id: string;
  type: OrgType;
  name: string;
  regionId: string | null;
  compoundId: string | null;
  parentOrgId: string | null;
  scopePath: string;
  uscc: string | null;
  termStart: string | null;
  termEnd: string | null;
  foundedOn: string | null;
  dissolvedOn: string | null;
  filedOn: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields of an organisation (anchor fields only on create). */
export interface OrgFields {
  type: string;
  name: string;
  regionId?: string | null;
  compoundId?: string | null;
  parentOrgId?: string | null;
  uscc?: string | null;
  termStart?: string | null;
  termEnd?: string | null;
  foundedOn?: string | null;
  dissolvedOn?: string | null;
  filedOn?: string | null;
  note?: string | null;
}

/** An advisory note returned with a successful write (not an error). */
export interface Notice {
  code: string;
  field: string;
  zh: string;
  en: string;
}

/** A module-local field problem with its own message. */
export function problem(field: string, code: string, zh: string, en: string): FieldProblem {
  return { field, code, zh, en };
}

/** The outcome of checking an organisation's fields. */
export interface OrgCheck {
  problems: FieldProblem[];
  notices: Notice[];
  /** The normalised credit code (upper case, trimmed) or null. */
  uscc: string | null;
}

const DATE_FIELDS = ['termStart', 'termEnd', 'foundedOn', 'dissolvedOn', 'filedOn'] as const;

/** Checks an organisation's own fields (type, name, anchor, credit code, dates); references are checked by the service. */
export function checkOrgFields(f: OrgFields, opts: { creating: boolean }): OrgCheck {
  const problems: FieldProblem[] = [];
  const notices: Notice[] = [];
  if (!isOrgType(f.type)) problems.push(fieldProblem('type', 'NOT_IN_LIST', { allowed: ORG_TYPE_CODES.join(', ') }));
  const name = f.name.trim();
  if (!name) problems.push(fieldProblem('name', 'REQUIRED'));
  else if (name.length > 100) problems.push(fieldProblem('name', 'TOO_LONG', { max: 100 }));
  if (opts.creating && !!f.regionId === !!f.compoundId) {
    problems.push(problem(f.regionId ? 'compoundId' : 'regionId', 'ANCHOR_ONE', '所属区域与所属小区必须且只能填写一个', 'Give exactly one anchor: a region or a compound'));
  }
  let uscc: string | null = null;
  if (f.uscc && f.uscc.trim()) {
    const r = parseUscc(f.uscc);
    if (!r.ok) problems.push(fieldProblem('uscc', r.problem));
    else {
      uscc = r.value;
      if (!r.innerCheckOk) {
        notices.push({ code: 'USCC_INNER_CHECK', field: 'uscc', zh: '统一社会信用代码第 9–17 位（组织机构代码）校验不通过，请核对', en: 'The organisation-code part (characters 9–17) fails its own check; please verify' });
      }
    }
  }
  for (const k of DATE_FIELDS) {
    const v = f[k];
    if (v && !isIsoDate(v)) problems.push(fieldProblem(k, 'NOT_A_DATE'));
  }
  const ok = (v: string | null | undefined) => !!v && isIsoDate(v);
  if (ok(f.termStart) && ok(f.termEnd) && f.termEnd! < f.termStart!) problems.push(fieldProblem('termEnd', 'DATE_ORDER'));
  if (ok(f.foundedOn) && ok(f.dissolvedOn) && f.dissolvedOn! < f.foundedOn!) problems.push(fieldProblem('dissolvedOn', 'DATE_ORDER'));
  if (f.note && f.note.length > 2000) problems.push(fieldProblem('note', 'TOO_LONG', { max: 2000 }));
  return { problems, notices, uscc };
}

/** Checks a proposed parent: a party organisation's parent must be a party organisation, and no cycles. */
export function checkParent(child: { id: string | null; type: OrgType }, parent: { id: string; type: OrgType } | null, ancestorsOfParent: string[]): FieldProblem[] {
  if (!parent) return [];
  if (child.id && (parent.id === child.id || ancestorsOfParent.includes(child.id))) {
    return [problem('parentOrgId', 'PARENT_CYCLE', '上级组织不能是本组织或其下级', 'The parent cannot be the organisation itself or one of its descendants')];
  }
  if (orgCategoryOf(child.type) === 'party' && orgCategoryOf(parent.type) !== 'party') {
    return [problem('parentOrgId', 'PARENT_NOT_PARTY', '党组织的上级必须是党组织', "A party organisation's parent must be a party organisation")];
  }
  return [];
}

/** Whether an organisation exists on a day (founded, not yet dissolved). */
export function orgActiveOn(o: { foundedOn: string | null; dissolvedOn: string | null }, today: string): boolean {
  return (o.foundedOn === null || o.foundedOn <= today) && (o.dissolvedOn === null || o.dissolvedOn > today);
}
