import { describe, expect, it } from 'vitest';
import type { OrgType, Post } from '../../../shared/org-types.ts';
import { crossAppointments, type BodyPosition } from './cross-appointment.ts';

function at(personId: string, orgType: OrgType, post: Post, extra: Partial<BodyPosition> = {}): BodyPosition {
  return { personId, residentId: null, name: personId, politicalStatus: '01', isOwner: true, orgId: orgType, orgType, orgName: orgType, post, ...extra };
}

describe('cross-appointment counts', () => {
  it('counts a person once however many posts they hold, and needs two bodies to list them', () => {
    const r = crossAppointments([
      at('a', 'branch', 'secretary'), at('a', 'party_group', 'member'), at('a', 'owners_committee', 'chair'),
      at('b', 'owners_committee', 'member', { politicalStatus: '13' }),
      at('c', 'courtyard_committee', 'member', { isOwner: false }),
      at('d', 'property_company', 'project_manager', { politicalStatus: '13' }), at('d', 'branch', 'contact'),
    ]);
    expect(r.counts).toEqual({ partyMemberOwnersOnCommittees: 1, propertyHeadsOnPartyOrg: 0, secretariesChairingCommittee: 1 });
    expect(r.people.map((p) => [p.personId, p.bodies])).toEqual([['a', ['committee', 'party']], ['d', ['party', 'property']]]);
  });

  it('treats person records linked to the same resident as one person', () => {
    const r = crossAppointments([at('p1', 'branch', 'member', { residentId: 'r1' }), at('p2', 'supervisory_board', 'supervisor', { residentId: 'r1' })]);
    expect(r.people.map((p) => p.personIds)).toEqual([['p1', 'p2']]);
  });
});
