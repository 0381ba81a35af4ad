import { describe, expect, it } from 'vitest';
import type { MemberKind } from '../../../shared/deliberation.ts';
import { checkChoice, N_CAP, proposeParticipants, type ProposalMatter, type ProposalMember } from './participants.ts';

let n = 0;
const member = (kind: MemberKind, name: string, expertise: string[] = [], extra: Partial<ProposalMember> = {}): ProposalMember =>
  ({ id: `m${++n}`, kind, name, org: null, expertise, active: true, ...extra });

const parking: ProposalMatter = { category: 'parking', conflictMemberIds: [], conflictOrgIds: [] };

function fullPool() {
  return [
    member('community_secretary', '陈书记'),
    member('community_cadre', '李干部'),
    member('party_member_rep', '赵党员'),
    member('grid_worker', '孙网格'),
    member('police_officer', '周民警'),
    member('retired_cadre', '吴老干部'),
  ];
}

describe('proposeParticipants', () => {
  it('covers the 1 and each of the five slots, saying why each was chosen', () => {
    const p = proposeParticipants(parking, fullPool());
    expect(p.missingSlots).toEqual([]);
    expect(p.participants.map((x) => x.kind)).toEqual(['community_secretary', 'community_cadre', 'party_member_rep', 'grid_worker', 'police_officer', 'retired_cadre']);
    expect(p.participants.every((x) => x.chosenBy === 'proposal' && x.reasons.length > 0)).toBe(true);
    expect(p.participants[0].reasons[0]).toMatchObject({ code: 'ONE', zh: '“1”：社区党组织书记' });
    expect(p.participants[2].reasons[0]).toMatchObject({ code: 'FIVE_SLOT', zh: '“5”：党员代表或居民代表' });
  });

  it('reports the slots the pool cannot fill', () => {
    const pool = fullPool().filter((m) => m.kind !== 'police_officer' && m.kind !== 'community_secretary');
    expect(proposeParticipants(parking, pool).missingSlots).toEqual(['community_secretary', 'police_officer']);
  });

  it('picks within a slot the member with the most expertise overlap, then by name (pinyin order)', () => {
    const withTags: ProposalMatter = { ...parking, tags: ['停车收费'] };
    const pool = [
      member('community_cadre', '陈干部'),
      member('community_cadre', '张干部', ['parking']),
      member('community_cadre', '王干部', ['parking', '停车收费']),
      member('resident_rep', '李居民'),
      member('party_member_rep', '陈党员'),
    ];
    const p = proposeParticipants(withTags, pool);
    const cadre = p.participants.find((x) => x.kind === 'community_cadre')!;
    expect(cadre.name).toBe('王干部');
    expect(cadre.reasons.find((r) => r.code === 'EXPERTISE')).toEqual({ code: 'EXPERTISE', zh: '擅长：停车管理、停车收费', en: 'Expertise: parking, 停车收费' });
    // No overlap on either representative: name order (chén before lǐ) decides, and again the same way every time.
    expect(p.participants.find((x) => x.memberId && ['party_member_rep', 'resident_rep'].includes(x.kind))!.name).toBe('陈党员');
    expect(proposeParticipants(withTags, [...pool].reverse())).toEqual(p);
  });

  it('excludes members with a conflict of interest, by member or by organisation, and deactivated members, with reasons', () => {
    const company = { id: 'org-pm', name: '安居物业' };
    const pool = [
      ...fullPool(),
      member('community_cadre', '钱干部', ['parking']),
      member('interested_party', '物业经理', ['parking'], { org: company }),
      member('interested_party', '郑业主', ['parking']),
      member('department', '城管中队', ['parking'], { active: false }),
    ];
    const complained = pool.find((m) => m.name === '钱干部')!;
    const matter: ProposalMatter = { ...parking, conflictMemberIds: [complained.id], conflictOrgIds: [company.id] };
    const p = proposeParticipants(matter, pool);
    const names = p.participants.map((x) => x.name);
    expect(names).not.toContain('钱干部');
    expect(names).not.toContain('物业经理');
    expect(names).not.toContain('城管中队');
    expect(names).toContain('李干部');
    expect(names).toContain('郑业主');
    const why = Object.fromEntries(p.excluded.map((e) => [e.name, e.reasons.map((r) => r.code)]));
    expect(why).toEqual({ 钱干部: ['CONFLICT'], 物业经理: ['CONFLICT'], 城管中队: ['INACTIVE'] });
    expect(p.excluded.find((e) => e.name === '物业经理')!.reasons[0].zh).toContain('安居物业');
  });

  it('picks the N by expertise or executing organisation, capped', () => {
    const exec = { id: 'org-cg', name: '城管局' };
    const pool = [
      ...fullPool(),
      member('interested_party', '冯业主', ['elevator']),
      member('department', '执法中队', [], { org: exec }),
      ...Array.from({ length: 7 }, (_, i) => member('interested_party', `业主${i}`, ['parking'])),
    ];
    const p = proposeParticipants({ ...parking, executorOrgId: exec.id }, pool);
    const ns = p.participants.filter((x) => x.kind === 'interested_party' || x.kind === 'department');
    expect(ns).toHaveLength(N_CAP);
    expect(ns[0].name).toBe('执法中队');
    expect(ns[0].reasons.map((r) => r.code)).toEqual(['DEPARTMENT', 'DEPARTMENT']);
    expect(ns.map((x) => x.name)).not.toContain('冯业主');
  });
});

describe('checkChoice', () => {
  it('keeps the proposal’s reasons for proposed members and marks others as the leader’s choice', () => {
    const pool = [...fullPool(), member('interested_party', '冯业主', ['elevator'])];
    const extra = pool.at(-1)!;
    const r = checkChoice(parking, pool, [{ memberId: pool[0].id }, { memberId: extra.id, reason: '住在东门' }]);
    expect(r.problems).toEqual([]);
    expect(r.participants.map((p) => p.chosenBy)).toEqual(['proposal', 'leader']);
    expect(r.participants[1].reasons).toEqual([{ code: 'LEADER_CHOICE', zh: '住在东门', en: '住在东门' }]);
  });

  it('returns conflicted members apart and refuses unknown, repeated and deactivated members', () => {
    const pool = [...fullPool(), member('resident_rep', '停用居民', [], { active: false })];
    const r = checkChoice({ ...parking, conflictMemberIds: [pool[1].id] }, pool, [
      { memberId: pool[1].id }, { memberId: 'nobody' }, { memberId: pool[0].id }, { memberId: pool[0].id }, { memberId: pool.at(-1)!.id },
    ]);
    expect(r.conflicted.map((c) => [c.index, c.member.name])).toEqual([[0, '李干部']]);
    expect(r.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'participants.1.memberId:NOT_FOUND_REF', 'participants.3.memberId:DUPLICATE_VALUE', 'participants.4.memberId:MEMBER_INACTIVE',
    ]);
  });
});
