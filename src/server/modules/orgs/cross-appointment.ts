import {
  OWNER_COMMITTEE_TYPES, PARTY_ORG_TYPES, postLabel,
  type OrgType, type Post,
} from '../../../shared/org-types.ts';

/** The bodies of a compound between which 交叉任职 is counted. */
export type CompoundBody = 'party' | 'committee' | 'property' | 'supervisory';

/** Organisation types that count as each body when anchored to the compound. */
export const BODY_TYPES: Record<CompoundBody, readonly OrgType[]> = {
  party: PARTY_ORG_TYPES,
  committee: ['owners_committee', 'courtyard_committee', 'self_management_committee'],
  property: ['property_company'],
  supervisory: ['supervisory_board'],
};

/** Every type that belongs to some body. */
export const ALL_BODY_TYPES: readonly OrgType[] = Object.values(BODY_TYPES).flat();

/** The body an organisation type belongs to, if any. */
export function bodyOf(type: OrgType): CompoundBody | null {
  for (const [body, types] of Object.entries(BODY_TYPES) as [CompoundBody, readonly OrgType[]][]) if (types.includes(type)) return body;
  return null;
}

/** A current post at one of a compound's bodies, with the holder's facts. */
export interface BodyPosition {
  personId: string;
  residentId: string | null;
  name: string;
  politicalStatus: string | null;
  isOwner: boolean;
  orgId: string;
  orgType: OrgType;
  orgName: string;
  post: Post;
}

/** One person (people linked to the same resident count as one) holding posts in two or more bodies. */
export interface CrossAppointedPerson {
  personId: string;
  personIds: string[];
  name: string;
  bodies: CompoundBody[];
  posts: { orgId: string; orgType: OrgType; orgName: string; post: Post; postLabel: { zh: string; en: string } }[];
}

/** The seed's three counts (南充: 478 党员业主任业委会成员, 207 物业项目党员负责人任兼职委员, 57 书记任业委会主任). */
export interface CrossCounts {
  partyMemberOwnersOnCommittees: number;
  propertyHeadsOnPartyOrg: number;
  secretariesChairingCommittee: number;
}

const PARTY_MEMBER = (s: string | null) => s === '01' || s === '02';

/** The identity that merges person records linked to the same resident. */
export function identityOf(p: { personId: string; residentId: string | null }): string {
  return p.residentId ? 'r:' + p.residentId : 'p:' + p.personId;
}

/** Cross-appointments and the three counts for one compound, from its current body positions. */
export function crossAppointments(positions: readonly BodyPosition[]): { people: CrossAppointedPerson[]; counts: CrossCounts } {
  const byIdentity = new Map<string, BodyPosition[]>();
  for (const p of positions) {
    if (!bodyOf(p.orgType)) continue;
    const k = identityOf(p);
    byIdentity.set(k, [...(byIdentity.get(k) ?? []), p]);
  }
  const people: CrossAppointedPerson[] = [];
  const counts: CrossCounts = { partyMemberOwnersOnCommittees: 0, propertyHeadsOnPartyOrg: 0, secretariesChairingCommittee: 0 };
  for (const held of byIdentity.values()) {
    const bodies = [...new Set(held.map((p) => bodyOf(p.orgType)!))];
    const inParty = held.some((p) => PARTY_ORG_TYPES.includes(p.orgType));
    if (held.some((p) => OWNER_COMMITTEE_TYPES.includes(p.orgType) && PARTY_MEMBER(p.politicalStatus) && p.isOwner)) counts.partyMemberOwnersOnCommittees++;
    if (inParty && held.some((p) => p.orgType === 'property_company' && p.post === 'project_manager' && PARTY_MEMBER(p.politicalStatus))) counts.propertyHeadsOnPartyOrg++;
    if (held.some((p) => PARTY_ORG_TYPES.includes(p.orgType) && p.post === 'secretary') && held.some((p) => OWNER_COMMITTEE_TYPES.includes(p.orgType) && p.post === 'chair')) {
      counts.secretariesChairingCommittee++;
    }
    if (bodies.length < 2) continue;
    const ids = [...new Set(held.map((p) => p.personId))].sort();
    people.push({
      personId: ids[0], personIds: ids, name: held[0].name, bodies: bodies.sort(),
      posts: held.map((p) => ({ orgId: p.orgId, orgType: p.orgType, orgName: p.orgName, post: p.post, postLabel: postLabel(p.post, p.orgType) })),
    });
  }
  people.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.personId.localeCompare(b.personId));
  return { people, counts };
}
