import type { FieldProblem } from './errors.ts';
import type { I18nName } from './method-template.ts';

// Disputes (矛盾纠纷): code lists, field problems and the shapes the API returns. Isomorphic: the server builds these
// views, the console reads them.

/** Dispute types: 邻里, 物业服务, 停车占道, 噪音, 婚姻家庭, 劳资, 租赁, 施工, 自治组织不作为, 其他. */
export const DISPUTE_TYPES = [
  'neighbourhood', 'property_service', 'road_occupation', 'noise', 'family', 'labour', 'tenancy', 'construction', 'self_governance_inactive', 'other',
] as const;
/** A dispute type. */
export type DisputeType = (typeof DISPUTE_TYPES)[number];

/** Names of the dispute types, for lists and counts. */
export const DISPUTE_TYPE_NAMES: Record<DisputeType, I18nName> = {
  neighbourhood: { zh: '邻里纠纷', en: 'Neighbours' },
  property_service: { zh: '物业服务纠纷', en: 'Property service' },
  road_occupation: { zh: '停车占道纠纷', en: 'Parking and road occupation' },
  noise: { zh: '噪音扰民', en: 'Noise' },
  family: { zh: '婚姻家庭纠纷', en: 'Family' },
  labour: { zh: '劳资纠纷', en: 'Labour' },
  tenancy: { zh: '房屋租赁纠纷', en: 'Tenancy' },
  construction: { zh: '施工纠纷', en: 'Construction' },
  self_governance_inactive: { zh: '自治组织不作为', en: 'Inactive self-governing body' },
  other: { zh: '其他纠纷', en: 'Other' },
};

/**
 * Dispute states: registered → mediating → agreed | referred | withdrawn, then followed_up after the return visit; a
 * relapse found on that visit reopens mediation. Registered disputes may also be referred or withdrawn straight away.
 */
export const DISPUTE_STATUSES = ['registered', 'mediating', 'agreed', 'referred', 'withdrawn', 'followed_up'] as const;
/** A dispute state. */
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** How mediation ended. */
export const DISPUTE_OUTCOMES = ['agreed', 'referred', 'withdrawn'] as const;
/** A mediation outcome. */
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** Where a dispute was referred: court (诉讼), arbitration (仲裁), a government department, a higher level. */
export const REFERRAL_TARGETS = ['court', 'arbitration', 'department', 'higher_level'] as const;
/** A referral target. */
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

/** What the return visit found: the settlement holds, or the dispute broke out again. */
export const FOLLOW_UP_RESULTS = ['holding', 'relapsed'] as const;
/** A follow-up result. */
export type FollowUpResult = (typeof FOLLOW_UP_RESULTS)[number];

/** Events on a dispute, each appended to its timeline. */
export const DISPUTE_EVENTS = ['register', 'update', 'add_parties', 'assign', 'unassign', 'session', 'agree', 'refer', 'withdraw', 'follow_up', 'reopen'] as const;
/** A dispute event. */
export type DisputeEvent = (typeof DISPUTE_EVENTS)[number];

/** Mediator kinds: 五老 elder, lawyer, people's mediator (人民调解员), police officer, community cadre. */
export const MEDIATOR_KINDS = ['elder', 'lawyer', 'people_mediator', 'police', 'community_cadre'] as const;
/** A mediator kind. */
export type MediatorKind = (typeof MEDIATOR_KINDS)[number];

/** The five kinds of 五老: 老干部, 老战士, 老专家, 老教师, 老模范. */
export const ELDER_KINDS = ['veteran_cadre', 'veteran_soldier', 'veteran_expert', 'veteran_teacher', 'veteran_model'] as const;
/** A 五老 kind. */
export type ElderKind = (typeof ELDER_KINDS)[number];

/** Which side a party is on. */
export const PARTY_SIDES = ['applicant', 'respondent', 'other'] as const;
/** A party side. */
export type PartySide = (typeof PARTY_SIDES)[number];

/** Party fields that can be revealed in plain text (resident.reveal and a reason, audited). */
export const PARTY_REVEALABLE = ['name', 'phone', 'idNumber'] as const;
/** A revealable party field. */
export type PartyRevealField = (typeof PARTY_REVEALABLE)[number];

/** Problems with a dispute or a mediator, with messages for the form. */
export const DISPUTE_PROBLEMS = {
  MEDIATOR_UNKNOWN: { zh: '找不到该调解员，或其不属于本地调解员库：{value}', en: 'No such mediator in a pool that covers this place: {value}' },
  MEDIATOR_INACTIVE: { zh: '调解员已停用：{value}', en: 'The mediator is inactive: {value}' },
  MEDIATOR_ALREADY_ASSIGNED: { zh: '调解员已在本纠纷中：{value}', en: 'The mediator is already on this dispute: {value}' },
  MEDIATOR_NOT_ASSIGNED: { zh: '调解员未被指派到本纠纷：{value}', en: 'The mediator is not assigned to this dispute: {value}' },
  ELDER_KIND_REQUIRED: { zh: '“五老”调解员须注明类别（老干部、老战士、老专家、老教师、老模范）', en: 'An elder mediator needs one of the five kinds (veteran cadre, soldier, expert, teacher, model worker)' },
  ELDER_KIND_ONLY_FOR_ELDERS: { zh: '只有“五老”调解员才有此类别', en: 'Only elder mediators have this kind' },
  INCIDENT_UNKNOWN: { zh: '找不到该事件，或您无权查看：{value}', en: 'No such incident, or you cannot see it: {value}' },
  GRID_MISMATCH: { zh: '网格与小区所在社区不一致', en: 'The grid is not in the compound’s community' },
  DATE_IN_FUTURE: { zh: '日期不能晚于今天', en: 'The date cannot be later than today' },
} as const;
/** A dispute problem code. */
export type DisputeProblemCode = keyof typeof DISPUTE_PROBLEMS;

/** A problem with one field of a dispute or a mediator, with both messages. */
export function disputeProblem(field: string, code: DisputeProblemCode, params: Record<string, string | number> = {}): FieldProblem {
  const m = DISPUTE_PROBLEMS[code];
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  return { field, code, zh: fill(m.zh), en: fill(m.en) };
}

/** A mediator of a region's pool as the API shows it (phone masked). */
export interface MediatorView {
  id: string;
  region: { id: string; name: string };
  kind: MediatorKind;
  elderKind: ElderKind | null;
  name: string;
  phoneMasked: string | null;
  expertise: string[];
  note: string | null;
  active: boolean;
  version: number;
  abilities: { edit: boolean; reveal: boolean };
}

/** A party of a dispute: masked name, phone and ID number only. */
export interface DisputePartyView {
  id: string;
  seq: number;
  side: PartySide | null;
  nameMasked: string;
  phoneMasked: string | null;
  idNumberMasked: string | null;
}

/** A dispute as lists show it. */
export interface DisputeView {
  id: string;
  compound: { id: string; name: string };
  communityId: string;
  gridId: string | null;
  sourceIncidentId: string | null;
  type: DisputeType;
  typeName: I18nName;
  summary: string;
  occurredOn: string | null;
  status: DisputeStatus;
  outcome: DisputeOutcome | null;
  agreementText: string | null;
  referredTo: ReferralTarget | null;
  referralNote: string | null;
  withdrawReason: string | null;
  outcomeAt: string | null;
  followUp: { on: string; result: FollowUpResult; note: string | null; at: string } | null;
  reopenCount: number;
  parties: DisputePartyView[];
  registeredAt: string;
  registeredBy: string;
  version: number;
  abilities: { edit: boolean; reveal: boolean; events: DisputeEvent[] };
}

/** A mediator on a dispute. */
export interface DisputeMediatorView {
  id: string;
  name: string;
  kind: MediatorKind;
  elderKind: ElderKind | null;
  phoneMasked: string | null;
  assignedAt: string;
}

/** A mediation session. */
export interface DisputeSessionView {
  seq: number;
  heldOn: string;
  place: string;
  mediators: { id: string; name: string }[];
  notes: string;
  recordedAt: string;
  recordedBy: string;
}

/** One entry of a dispute's append-only timeline (never personal data: party details stay in the sealed columns). */
export interface DisputeTimelineEntry {
  seq: number;
  event: DisputeEvent;
  fromStatus: DisputeStatus | null;
  toStatus: DisputeStatus;
  actorName: string;
  at: string;
  data: Record<string, unknown>;
}

/** A dispute with its mediators, sessions and timeline. */
export interface DisputeDetail extends DisputeView {
  mediators: DisputeMediatorView[];
  sessions: DisputeSessionView[];
  timeline: DisputeTimelineEntry[];
}

/** Dispute counts of one row (a region, a compound or a type): registered in the period, and how they stand now. */
export interface DisputeCounts {
  total: number;
  open: number;
  agreed: number;
  referred: number;
  withdrawn: number;
  followedUp: number;
  holding: number;
  relapsed: number;
}

/** Counts by type and result for a region and period, with one row per child region (or compound under a community). */
export interface DisputeStats {
  region: { id: string; name: string; level: string };
  from: string;
  to: string;
  totals: DisputeCounts;
  byType: (DisputeCounts & { type: DisputeType; typeName: I18nName })[];
  byPlace: (DisputeCounts & { kind: 'region' | 'compound'; id: string; name: string })[];
}
