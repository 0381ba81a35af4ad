import { describe, expect, it } from 'vitest';
import { postLabel, postsAllowedFor } from '../../../shared/org-types.ts';
import { checkOrgFields, checkParent } from './org.ts';
import { checkPairing } from './pairing.ts';
import { checkPosition } from './position.ts';

describe('organisation rules', () => {
  it('allows each type only the posts of its category', () => {
    expect(postsAllowedFor('branch')).toEqual(['secretary', 'deputy_secretary', 'committee_member', 'member', 'contact']);
    expect(postsAllowedFor('owners_committee')).toEqual(['member', 'chair', 'vice_chair', 'contact']);
    expect(postsAllowedFor('supervisory_board')).toEqual(['member', 'chair', 'vice_chair', 'supervisor', 'contact']);
    expect(postsAllowedFor('property_company')).toEqual(['project_manager', 'contact']);
    expect(postsAllowedFor('volunteer_team')).toEqual(['leader', 'volunteer', 'contact']);
    expect(postLabel('member', 'branch').zh).toBe('党员');
    expect(postLabel('member', 'owners_committee').zh).toBe('委员');
  });

  it('collects every bad field of an organisation at once', () => {
    const r = checkOrgFields({ type: 'club', name: ' ', uscc: '91350100M000100Y44', termStart: '2026-02-30', termEnd: '2026-01-01' }, { creating: true });
    expect(r.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['type:NOT_IN_LIST', 'name:REQUIRED', 'regionId:ANCHOR_ONE', 'uscc:USCC_CHECK_CHAR', 'termStart:NOT_A_DATE']);
    const order = checkOrgFields({ type: 'branch', name: '支部', compoundId: 'c', termStart: '2026-02-01', termEnd: '2026-01-01' }, { creating: true });
    expect(order.problems.map((p) => p.code)).toEqual(['DATE_ORDER']);
  });

  it('refuses a parent that is the organisation itself, a descendant, or not a party organisation', () => {
    expect(checkParent({ id: 'a', type: 'branch' }, { id: 'b', type: 'general_branch' }, ['a']).map((p) => p.code)).toEqual(['PARENT_CYCLE']);
    expect(checkParent({ id: null, type: 'party_group' }, { id: 'b', type: 'owners_committee' }, []).map((p) => p.code)).toEqual(['PARENT_NOT_PARTY']);
    expect(checkParent({ id: null, type: 'volunteer_team' }, { id: 'b', type: 'branch' }, [])).toEqual([]);
  });

  it('derives party membership from GB/T 4762 status and refuses membership outside party organisations', () => {
    expect(checkPosition({ orgType: 'branch', personPoliticalStatus: '01', post: 'member', startOn: null, endOn: null }).membership).toBe('full');
    expect(checkPosition({ orgType: 'branch', personPoliticalStatus: '02', post: 'member', startOn: null, endOn: null }).membership).toBe('probationary');
    expect(checkPosition({ orgType: 'branch', personPoliticalStatus: '13', post: 'member', membership: 'full', startOn: null, endOn: null }).problems).toEqual([]);
    expect(checkPosition({ orgType: 'owners_committee', personPoliticalStatus: '01', post: 'chair', membership: 'full', startOn: null, endOn: null }).problems.map((p) => p.code)).toEqual(['MEMBERSHIP_NOT_APPLICABLE']);
    expect(checkPosition({ orgType: 'owners_committee', personPoliticalStatus: '01', post: 'chair', startOn: null, endOn: null }).membership).toBeNull();
  });

  it('matches pairing kinds with partner kinds', () => {
    expect(checkPairing({ kind: 'responsible_leader', partnerName: '刘' }).partnerKind).toBe('leader');
    expect(checkPairing({ kind: 'contact_unit', partnerKind: 'department', partnerName: '局' }).problems).toEqual([]);
    expect(checkPairing({ kind: 'co_building', partnerKind: 'leader', partnerName: '刘' }).problems.map((p) => p.code)).toEqual(['PARTNER_KIND_MISMATCH']);
    expect(checkPairing({ kind: 'responsible_leader', partnerOrgId: 'o1' }).problems.map((p) => p.code)).toEqual(['PARTNER_REF_KIND']);
  });
});
