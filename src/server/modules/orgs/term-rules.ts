import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import {
  COMMITTEE_SEAT_POSTS, ORG_TYPES, PARTY_COMMITTEE_POSTS, postLabel,
  type OrgType, type OrgWarningCode,
} from '../../../shared/org-types.ts';
import { addDays, addYears, daysBetween } from './dates.ts';
import { orgActiveOn, problem, type Org } from './org.ts';
import type { PositionWithPerson } from './position.repository.ts';

/** Per-jurisdiction thresholds from STANDARDS §4 (party: 支部工作条例; owners: 指导规则 建房〔2009〕274号). */
export interface TermRules {
  /** A branch needs at least this many full members (预备党员 don't count). */
  branchMinFullMembers: number;
  /** From this many full members a branch needs a committee (支部委员会). */
  committeeRequiredAt: number;
  committeeSizeMin: number;
  committeeSizeMax: number;
  /** Typical size of a general branch (党总支) and a basic-level committee (党委), for reference. */
  generalBranchMembers: number;
  partyCommitteeMembers: number;
  branchMaxMembers: number;
  jointBranchMaxUnits: number;
  ownersCommitteeSizeMin: number;
  ownersCommitteeSizeMax: number;
  ownersCommitteeOdd: boolean;
  /** Compounds with at most this many households may have a committee of `smallCompoundCommitteeSize` (Hangzhou); null = off. */
  smallCompoundHouseholds: number | null;
  smallCompoundCommitteeSize: number;
  ownersCommitteeTermMaxYears: number;
  communityPartyTermYears: number;
  branchTermYears: number;
  expiryWarningDays: number;
  /** An owners' committee must be filed within this many days of founding. */
  filingDays: number;
}

/** The national defaults. */
export const DEFAULT_TERM_RULES: TermRules = {
  branchMinFullMembers: 3,
  committeeRequiredAt: 7,
  committeeSizeMin: 3,
  committeeSizeMax: 7,
  generalBranchMembers: 50,
  partyCommitteeMembers: 100,
  branchMaxMembers: 50,
  jointBranchMaxUnits: 5,
  ownersCommitteeSizeMin: 5,
  ownersCommitteeSizeMax: 11,
  ownersCommitteeOdd: true,
  smallCompoundHouseholds: null,
  smallCompoundCommitteeSize: 3,
  ownersCommitteeTermMaxYears: 5,
  communityPartyTermYears: 5,
  branchTermYears: 3,
  expiryWarningDays: 60,
  filingDays: 30,
};

/** One stored override: a partial rule set at a place. */
export interface TermRuleOverride {
  scopePath: string;
  config: Partial<TermRules>;
}

/** The rules in force at a place: defaults, then every ancestor's override from the top down (the nearest wins). */
export function effectiveRules(overrides: readonly TermRuleOverride[], scopePath: string): TermRules {
  const chain = overrides.filter((o) => scopePath.startsWith(o.scopePath)).sort((a, b) => a.scopePath.length - b.scopePath.length);
  return chain.reduce<TermRules>((acc, o) => ({ ...acc, ...o.config }), { ...DEFAULT_TERM_RULES });
}

const INT_LIMITS: Partial<Record<keyof TermRules, [number, number]>> = {
  branchMinFullMembers: [1, 100], committeeRequiredAt: [1, 1000], committeeSizeMin: [1, 50], committeeSizeMax: [1, 50],
  generalBranchMembers: [1, 100000], partyCommitteeMembers: [1, 100000], branchMaxMembers: [1, 100000], jointBranchMaxUnits: [1, 100],
  ownersCommitteeSizeMin: [1, 99], ownersCommitteeSizeMax: [1, 99], smallCompoundHouseholds: [1, 100000], smallCompoundCommitteeSize: [1, 99],
  ownersCommitteeTermMaxYears: [1, 20], communityPartyTermYears: [1, 20], branchTermYears: [1, 20], expiryWarningDays: [0, 3650], filingDays: [0, 3650],
};

/** Checks an override: known keys, whole numbers in range, and min ≤ max once merged over the inherited rules. */
export function checkOverride(config: Record<string, unknown>, inherited: TermRules): { problems: FieldProblem[]; value: Partial<TermRules> } {
  const problems: FieldProblem[] = [];
  const value: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    const field = `config.${k}`;
    if (!(k in DEFAULT_TERM_RULES)) {
      problems.push(problem(field, 'UNKNOWN_RULE', '不认识的规则项', 'Unknown rule'));
      continue;
    }
    if (k === 'ownersCommitteeOdd') {
      if (typeof v !== 'boolean') problems.push(problem(field, 'NOT_A_BOOLEAN', '应为是或否', 'Must be true or false'));
      else value[k] = v;
      continue;
    }
    if (k === 'smallCompoundHouseholds' && v === null) {
      value[k] = null;
      continue;
    }
    const [min, max] = INT_LIMITS[k as keyof TermRules]!;
    if (typeof v !== 'number' || !Number.isInteger(v)) problems.push(fieldProblem(field, 'NOT_A_NUMBER'));
    else if (v < min || v > max) problems.push(fieldProblem(field, 'OUT_OF_RANGE', { min, max }));
    else value[k] = v;
  }
  const merged = { ...inherited, ...value } as TermRules;
  if (merged.committeeSizeMin > merged.committeeSizeMax) problems.push(fieldProblem('config.committeeSizeMax', 'OUT_OF_RANGE', { min: merged.committeeSizeMin, max: 50 }));
  if (merged.ownersCommitteeSizeMin > merged.ownersCommitteeSizeMax) problems.push(fieldProblem('config.ownersCommitteeSizeMax', 'OUT_OF_RANGE', { min: merged.ownersCommitteeSizeMin, max: 99 }));
  return { problems, value: value as Partial<TermRules> };
}

/** A rule breach or an approaching deadline, computed from records (never stored). */
export interface OrgWarning {
  code: OrgWarningCode;
  severity: 'warning' | 'error';
  zh: string;
  en: string;
  params: Record<string, string | number>;
  orgId: string;
  orgName: string;
  orgType: OrgType;
  scopePath: string;
  compound: { id: string; name: string } | null;
  positionId?: string;
}

/** What the warning rules look at for one organisation. */
export interface WarningSubject {
  org: Org;
  compound: { id: string; name: string; householdCount: number | null } | null;
  /** The organisation's positions current today. */
  positions: readonly PositionWithPerson[];
  rules: TermRules;
  today: string;
}

const BRANCH_TYPES: readonly OrgType[] = ['branch', 'joint_branch'];
const TERMED_COMMITTEES: readonly OrgType[] = ['owners_committee'];

function distinct<T>(xs: readonly T[]): number {
  return new Set(xs).size;
}

/** Every warning for one organisation, in a stable order. */
export function orgWarnings(s: WarningSubject): OrgWarning[] {
  const { org, rules, today } = s;
  if (!orgActiveOn({ foundedOn: null, dissolvedOn: org.dissolvedOn }, today)) return [];
  const out: OrgWarning[] = [];
  const typeZh = ORG_TYPES.find((t) => t.code === org.type)!.zh;
  const add = (code: OrgWarningCode, severity: 'warning' | 'error', zh: string, en: string, params: Record<string, string | number>, positionId?: string) => {
    out.push({ code, severity, zh, en, params, orgId: org.id, orgName: org.name, orgType: org.type, scopePath: org.scopePath,
      compound: s.compound ? { id: s.compound.id, name: s.compound.name } : null, ...(positionId ? { positionId } : {}) });
  };

  if (BRANCH_TYPES.includes(org.type)) {
    const full = distinct(s.positions.filter((p) => p.membership === 'full').map((p) => p.personId));
    const members = distinct(s.positions.filter((p) => p.membership !== null).map((p) => p.personId));
    const committee = distinct(s.positions.filter((p) => PARTY_COMMITTEE_POSTS.includes(p.post)).map((p) => p.personId));
    if (org.type === 'branch' && full < rules.branchMinFullMembers) {
      add('BRANCH_TOO_FEW_MEMBERS', 'warning',
        `党支部仅有正式党员 ${full} 名，不足 ${rules.branchMinFullMembers} 名（预备党员不计），应改建为联合党支部`,
        `The branch has ${full} full members, fewer than ${rules.branchMinFullMembers} (probationary members do not count); it should become a joint branch`,
        { full, min: rules.branchMinFullMembers });
    }
    if (full >= rules.committeeRequiredAt && committee < rules.committeeSizeMin) {
      add('BRANCH_NEEDS_COMMITTEE', 'warning',
        `${typeZh}有正式党员 ${full} 名（达到 ${rules.committeeRequiredAt} 名），应设立 ${rules.committeeSizeMin}–${rules.committeeSizeMax} 人的支部委员会，现有委员 ${committee} 名`,
        `The branch has ${full} full members (${rules.committeeRequiredAt} or more), so it needs a committee of ${rules.committeeSizeMin}–${rules.committeeSizeMax}; it has ${committee}`,
        { full, at: rules.committeeRequiredAt, committee, min: rules.committeeSizeMin, max: rules.committeeSizeMax });
    }
    if (members > rules.branchMaxMembers) {
      add('BRANCH_TOO_LARGE', 'warning',
        `${typeZh}有党员 ${members} 名，超过 ${rules.branchMaxMembers} 名，宜划分党小组或分设支部`,
        `The branch has ${members} members, more than ${rules.branchMaxMembers}; split it into party groups or several branches`,
        { members, max: rules.branchMaxMembers });
    }
  }

  if (org.type === 'owners_committee') {
    const size = distinct(s.positions.filter((p) => COMMITTEE_SEAT_POSTS.includes(p.post)).map((p) => p.personId));
    const inRange = size >= rules.ownersCommitteeSizeMin && size <= rules.ownersCommitteeSizeMax && (!rules.ownersCommitteeOdd || size % 2 === 1);
    const small = rules.smallCompoundHouseholds !== null && s.compound?.householdCount != null && s.compound.householdCount <= rules.smallCompoundHouseholds;
    if (!inRange && !(small && size === rules.smallCompoundCommitteeSize)) {
      const odd = rules.ownersCommitteeOdd;
      add('OWNERS_COMMITTEE_SIZE', 'error',
        `业主委员会现有委员 ${size} 名，应为 ${rules.ownersCommitteeSizeMin}–${rules.ownersCommitteeSizeMax} 名${odd ? '的单数' : ''}` + (small ? `（本小区不超过 ${rules.smallCompoundHouseholds} 户，也可为 ${rules.smallCompoundCommitteeSize} 名）` : ''),
        `The owners' committee has ${size} members; it needs ${odd ? 'an odd number of members from ' : ''}${rules.ownersCommitteeSizeMin} to ${rules.ownersCommitteeSizeMax}${odd ? '' : ' members'}` + (small ? ` (or ${rules.smallCompoundCommitteeSize} in a compound of at most ${rules.smallCompoundHouseholds} households)` : ''),
        { size, min: rules.ownersCommitteeSizeMin, max: rules.ownersCommitteeSizeMax });
    }
    if (org.termStart && org.termEnd && org.termEnd > addYears(org.termStart, rules.ownersCommitteeTermMaxYears)) {
      const years = Math.round((daysBetween(org.termStart, org.termEnd) / 365.25) * 10) / 10;
      add('OWNERS_COMMITTEE_TERM', 'error',
        `业主委员会任期 ${years} 年（${org.termStart} 至 ${org.termEnd}），超过 ${rules.ownersCommitteeTermMaxYears} 年上限`,
        `The owners' committee term is ${years} years (${org.termStart} to ${org.termEnd}), longer than the ${rules.ownersCommitteeTermMaxYears}-year limit`,
        { years, max: rules.ownersCommitteeTermMaxYears, termStart: org.termStart, termEnd: org.termEnd });
    }
  }

  if (TERMED_COMMITTEES.includes(org.type) && org.foundedOn && !org.filedOn) {
    const due = addDays(org.foundedOn, rules.filingDays);
    if (today > due) {
      add('NOT_FILED', 'error',
        `${typeZh}成立于 ${org.foundedOn}，超过 ${rules.filingDays} 天仍未备案（应于 ${due} 前备案）`,
        `Founded on ${org.foundedOn} and still not filed after ${rules.filingDays} days (due by ${due})`,
        { foundedOn: org.foundedOn, days: rules.filingDays, due });
    }
  }

  if (org.termEnd) {
    const left = daysBetween(today, org.termEnd);
    if (left < 0) {
      add('TERM_EXPIRED', 'error',
        `${typeZh}任期已于 ${org.termEnd} 届满（已过 ${-left} 天），尚未换届`,
        `The term ended on ${org.termEnd} (${-left} days ago) and no new term is recorded`,
        { termEnd: org.termEnd, days: -left });
    } else if (left <= rules.expiryWarningDays) {
      add('TERM_EXPIRING', 'warning',
        `${typeZh}任期将于 ${org.termEnd} 届满（还有 ${left} 天），请筹备换届`,
        `The term ends on ${org.termEnd} (in ${left} days); prepare the election`,
        { termEnd: org.termEnd, days: left, within: rules.expiryWarningDays });
    }
  }

  for (const p of s.positions) {
    if (!p.endOn) continue;
    const left = daysBetween(today, p.endOn);
    if (left >= 0 && left <= rules.expiryWarningDays) {
      const label = postLabel(p.post, org.type);
      add('POSITION_EXPIRING', 'warning',
        `${p.personName} 的${label.zh}任职将于 ${p.endOn} 到期（还有 ${left} 天）`,
        `${p.personName}'s post as ${label.en.toLowerCase()} ends on ${p.endOn} (in ${left} days)`,
        { person: p.personName, post: p.post, endOn: p.endOn, days: left }, p.id);
    }
  }
  return out;
}
