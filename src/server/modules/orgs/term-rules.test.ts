import { describe, expect, it } from 'vitest';
import type { Membership, OrgType, Post } from '../../../shared/org-types.ts';
import type { Org } from './org.ts';
import type { PositionWithPerson } from './position.repository.ts';
import { checkOverride, DEFAULT_TERM_RULES, effectiveRules, orgWarnings, type TermRules } from './term-rules.ts';

const TODAY = '2026-11-26';

function org(type: OrgType, extra: Partial<Org> = {}): Org {
  return {
    id: 'o1', type, name: '测试组织', regionId: null, compoundId: 'c1', parentOrgId: null, scopePath: '/1/2/c1/', uscc: null,
    termStart: null, termEnd: null, foundedOn: null, dissolvedOn: null, filedOn: null, note: null, version: 1, createdAt: '', updatedAt: '', ...extra,
  };
}

let n = 0;
function pos(post: Post, membership: Membership | null, extra: Partial<PositionWithPerson> = {}): PositionWithPerson {
  n++;
  return {
    id: `p${n}`, orgId: 'o1', personId: `person${n}`, scopePath: '/1/2/c1/', post, membership, partTime: false, startOn: null, endOn: null,
    version: 1, createdAt: '', updatedAt: '', personName: `人${n}`, politicalStatus: membership === 'full' ? '01' : membership ? '02' : '13', isOwner: true, residentId: null, ...extra,
  };
}

const many = (k: number, post: Post, membership: Membership | null) => Array.from({ length: k }, () => pos(post, membership));
const codes = (o: Org, positions: PositionWithPerson[], rules: TermRules = DEFAULT_TERM_RULES, householdCount: number | null = null) =>
  orgWarnings({ org: o, compound: { id: 'c1', name: '小区', householdCount }, positions, rules, today: TODAY }).map((w) => w.code);

describe('term rules', () => {
  it('merges overrides over the defaults with the nearest ancestor winning', () => {
    const r = effectiveRules([
      { scopePath: '/511300/', config: { ownersCommitteeSizeMax: 9, expiryWarningDays: 90 } },
      { scopePath: '/511300/511302/', config: { ownersCommitteeSizeMax: 7 } },
      { scopePath: '/440100/', config: { branchMaxMembers: 10 } },
    ], '/511300/511302/511302001/');
    expect([r.ownersCommitteeSizeMax, r.expiryWarningDays, r.branchMaxMembers, r.branchMinFullMembers]).toEqual([7, 90, 50, 3]);
  });

  it('refuses unknown rules, non-integers and a minimum above the maximum', () => {
    const r = checkOverride({ nope: 1, branchMaxMembers: 2.5, ownersCommitteeSizeMin: 13 }, DEFAULT_TERM_RULES);
    expect(r.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['config.nope:UNKNOWN_RULE', 'config.branchMaxMembers:NOT_A_NUMBER', 'config.ownersCommitteeSizeMax:OUT_OF_RANGE']);
  });

  it('warns that a branch with 2 full and 1 probationary member should be a joint branch', () => {
    const w = orgWarnings({ org: org('branch'), compound: null, positions: [...many(2, 'member', 'full'), pos('member', 'probationary')], rules: DEFAULT_TERM_RULES, today: TODAY });
    expect(w.map((x) => x.code)).toEqual(['BRANCH_TOO_FEW_MEMBERS']);
    expect(w[0].params).toEqual({ full: 2, min: 3 });
    expect(w[0].zh).toContain('2 名');
    expect(codes(org('joint_branch'), many(2, 'member', 'full'))).toEqual([]);
  });

  it('asks a branch of 7 full members for a committee of at least 3, and flags a branch over 50', () => {
    expect(codes(org('branch'), [pos('secretary', 'full'), ...many(6, 'member', 'full')])).toEqual(['BRANCH_NEEDS_COMMITTEE']);
    expect(codes(org('branch'), [pos('secretary', 'full'), pos('deputy_secretary', 'full'), pos('committee_member', 'full'), ...many(4, 'member', 'full')])).toEqual([]);
    const big = [pos('secretary', 'full'), pos('deputy_secretary', 'full'), pos('committee_member', 'full'), ...many(48, 'member', 'probationary')];
    expect(codes(org('branch'), big)).toEqual(['BRANCH_TOO_LARGE']);
  });

  it('wants an owners committee of 5 to 11, odd, and allows 3 in a small compound only when configured', () => {
    expect(codes(org('owners_committee'), many(6, 'member', null))).toEqual(['OWNERS_COMMITTEE_SIZE']);
    expect(codes(org('owners_committee'), many(13, 'member', null))).toEqual(['OWNERS_COMMITTEE_SIZE']);
    expect(codes(org('owners_committee'), [pos('chair', null), pos('vice_chair', null), ...many(3, 'member', null), pos('contact', null)])).toEqual([]);
    expect(codes(org('owners_committee'), many(3, 'member', null), DEFAULT_TERM_RULES, 80)).toEqual(['OWNERS_COMMITTEE_SIZE']);
    const hangzhou = { ...DEFAULT_TERM_RULES, smallCompoundHouseholds: 100 };
    expect(codes(org('owners_committee'), many(3, 'member', null), hangzhou, 80)).toEqual([]);
    expect(codes(org('owners_committee'), many(3, 'member', null), hangzhou, 101)).toEqual(['OWNERS_COMMITTEE_SIZE']);
  });

  it('flags an owners committee term over 5 years and a committee not filed within 30 days', () => {
    const five = many(5, 'member', null);
    expect(codes(org('owners_committee', { termStart: '2024-01-01', termEnd: '2029-01-01' }), five)).toEqual([]);
    expect(codes(org('owners_committee', { termStart: '2024-01-01', termEnd: '2029-06-30' }), five)).toEqual(['OWNERS_COMMITTEE_TERM']);
    expect(codes(org('owners_committee', { foundedOn: '2026-10-20' }), five)).toEqual(['NOT_FILED']);
    expect(codes(org('owners_committee', { foundedOn: '2026-10-30' }), five)).toEqual([]);
    expect(codes(org('owners_committee', { foundedOn: '2026-10-20', filedOn: '2026-11-02' }), five)).toEqual([]);
  });

  it('warns of a term ending within 60 days, an ended term and a position ending soon', () => {
    const w = orgWarnings({ org: org('volunteer_team', { termEnd: '2026-12-26' }), compound: null, positions: [], rules: DEFAULT_TERM_RULES, today: TODAY });
    expect(w.map((x) => [x.code, x.params.days])).toEqual([['TERM_EXPIRING', 30]]);
    expect(codes(org('volunteer_team', { termEnd: '2027-01-26' }), [])).toEqual([]);
    expect(codes(org('volunteer_team', { termEnd: '2026-11-25' }), [])).toEqual(['TERM_EXPIRED']);
    expect(codes(org('volunteer_team'), [pos('leader', null, { endOn: '2027-01-10' }), pos('volunteer', null, { endOn: '2027-06-01' })])).toEqual(['POSITION_EXPIRING']);
    expect(codes(org('volunteer_team', { termEnd: '2020-01-01', dissolvedOn: '2026-01-01' }), [])).toEqual([]);
  });
});
