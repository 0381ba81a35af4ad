import { describe, expect, it } from 'vitest';
import { assessFiveOnes, noFacts } from './five-ones.ts';

describe('five ones assessment', () => {
  it('scores each met item once and lists the missing ones in checklist order', () => {
    const facts = { ...noFacts(), partyOrgs: ['甲支部', '甲支部'], volunteerTeams: ['志愿队'] };
    const r = assessFiveOnes({ id: 'c1', name: '甲小区', communityName: '甲社区' }, facts);
    expect(r.score).toBe(2);
    expect(r.missing).toEqual(['work_plan', 'responsible_leader', 'contact_unit']);
    expect(r.items.partyOrg).toEqual({ ok: true, detail: '甲支部' });
    expect(r.items.workPlan).toEqual({ ok: false, detail: null });
  });
});
