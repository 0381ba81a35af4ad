import type { I18nName, InputDef } from './method-template.ts';

// Deliberation (议事协商): code lists, the 民法典 art. 278 vote rule, and the shapes the API returns. Isomorphic: the
// server builds these views, the console and the public pages read them.

/** Matter categories; also the expertise tags a pool member may carry, so participants can be matched to a matter. */
export const MATTER_CATEGORIES = [
  'environment', 'greening', 'parking', 'property', 'facilities', 'safety', 'elevator', 'renovation',
  'maintenance_fund', 'neighbourhood', 'elderly_children', 'policy', 'other',
] as const;
/** A matter category. */
export type MatterCategory = (typeof MATTER_CATEGORIES)[number];

/** Where a matter came from. */
export const MATTER_SOURCES = ['resident_opinion', 'grid_report', 'meeting', 'assignment'] as const;
/** A matter source. */
export type MatterSource = (typeof MATTER_SOURCES)[number];

/** How an opinion reached the compound: 走访, 电话, 微信群, 线上, 敲门. */
export const OPINION_CHANNELS = ['visit', 'phone', 'wechat', 'online', 'door_knocking'] as const;
/** An opinion channel. */
export type OpinionChannel = (typeof OPINION_CHANNELS)[number];

/** Opinion states: received, answered (a reply was given), taken up (became or joined a matter). */
export const OPINION_STATUSES = ['received', 'answered', 'taken_up'] as const;
/** An opinion state. */
export type OpinionStatus = (typeof OPINION_STATUSES)[number];

/** Meeting forms: 集中议事, 座谈议事, 线上议事, 板凳会, 炕头会. */
export const MEETING_FORMS = ['together', 'seminar', 'online', 'bench', 'kang'] as const;
/** A meeting form. */
export type MeetingForm = (typeof MEETING_FORMS)[number];

/** What a meeting is for: deliberating matters, or a policy-promotion session (政策宣讲). */
export const MEETING_PURPOSES = ['deliberation', 'policy_promotion'] as const;
/** A meeting purpose. */
export type MeetingPurpose = (typeof MEETING_PURPOSES)[number];

/** Meeting states. */
export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
/** A meeting state. */
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/**
 * Member-pool kinds under the 1+5+N rule: the 1 (community party secretary), the 5 fixed kinds (community cadre,
 * party-member representative, resident representative, grid worker, area police officer, retired cadre — the seed lists
 * these six as the "5" kinds, party-member and resident representatives counting as one), and the N (interested parties,
 * departments).
 */
export const MEMBER_KINDS = [
  'community_secretary', 'community_cadre', 'party_member_rep', 'resident_rep', 'grid_worker', 'police_officer', 'retired_cadre',
  'interested_party', 'department',
] as const;
/** A member-pool kind. */
export type MemberKind = (typeof MEMBER_KINDS)[number];
/** The "1" of 1+5+N. */
export const ONE_KIND: MemberKind = 'community_secretary';
/**
 * The "5" of 1+5+N, as slots a proposal must fill; a slot lists the kinds that fill it (party-member and resident
 * representatives share one slot).
 */
export const FIVE_SLOTS: readonly { slot: string; kinds: readonly MemberKind[] }[] = [
  { slot: 'community_cadre', kinds: ['community_cadre'] },
  { slot: 'representative', kinds: ['party_member_rep', 'resident_rep'] },
  { slot: 'grid_worker', kinds: ['grid_worker'] },
  { slot: 'police_officer', kinds: ['police_officer'] },
  { slot: 'retired_cadre', kinds: ['retired_cadre'] },
];
/** The "N" of 1+5+N. */
export const N_KINDS: readonly MemberKind[] = ['interested_party', 'department'];

/** Who evaluates a matter's result. */
export const EVALUATOR_KINDS = ['supervisory_board', 'resident', 'participant'] as const;
/** An evaluator kind. */
export type EvaluatorKind = (typeof EVALUATOR_KINDS)[number];

/**
 * 民法典 art. 278 joint-decision items: 1 议事规则, 2 管理规约, 3 elect/replace the committee, 4 hire/fire the property
 * manager, 5 use maintenance funds, 6 raise maintenance funds, 7 rebuild, 8 change use of common parts, 9 other major
 * matters. Items 6–8 need three quarters; the others more than half.
 */
export const JOINT_DECISION_ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
/** Whether an art. 278 item needs the three-quarters majority. */
export function isSpecialItem(item: number): boolean {
  return item >= 6 && item <= 8;
}

/** An owners' vote under art. 278, counted by area (hundredths of m², integers) and by owners (headcount). */
export interface OwnersVoteCount {
  item: number;
  totalAreaC: number;
  totalOwners: number;
  participatingAreaC: number;
  participatingOwners: number;
  yesAreaC: number;
  yesOwners: number;
  noAreaC: number;
  noOwners: number;
}

/** The outcome of a vote. */
export type VoteOutcome = 'passed' | 'rejected' | 'quorum_not_met';

/** Why an owners' vote count is not coherent (a part larger than its whole), as field paths. */
export function ownersVoteProblems(v: OwnersVoteCount): { field: string; code: 'VOTE_COUNT_INCOHERENT' }[] {
  const out: { field: string; code: 'VOTE_COUNT_INCOHERENT' }[] = [];
  const bad = (field: string) => out.push({ field, code: 'VOTE_COUNT_INCOHERENT' });
  if (v.totalAreaC <= 0) bad('totalArea');
  if (v.totalOwners <= 0) bad('totalOwners');
  if (v.participatingAreaC > v.totalAreaC) bad('participatingArea');
  if (v.participatingOwners > v.totalOwners) bad('participatingOwners');
  if (v.yesAreaC + v.noAreaC > v.participatingAreaC) bad('yesArea');
  if (v.yesOwners + v.noOwners > v.participatingOwners) bad('yesOwners');
  return out;
}

/**
 * The art. 278 rule (STANDARDS §4.3): owners of at least two thirds of the area and two thirds of the owners take part;
 * items 6–8 pass with three quarters of the participating area and owners, the others with more than half of each.
 * Integer arithmetic only.
 */
export function checkOwnersVote(v: OwnersVoteCount): VoteOutcome {
  const quorum = 3 * v.participatingAreaC >= 2 * v.totalAreaC && 3 * v.participatingOwners >= 2 * v.totalOwners;
  if (!quorum) return 'quorum_not_met';
  const pass = isSpecialItem(v.item)
    ? 4 * v.yesAreaC >= 3 * v.participatingAreaC && 4 * v.yesOwners >= 3 * v.participatingOwners
    : 2 * v.yesAreaC > v.participatingAreaC && 2 * v.yesOwners > v.participatingOwners;
  return pass ? 'passed' : 'rejected';
}

/** An id with a display name. */
export interface Named {
  id: string;
  name: string;
}

/** A matter in lists and on the board. */
export interface MatterSummary {
  id: string;
  title: string;
  compound: Named;
  category: MatterCategory;
  source: MatterSource;
  methodKey: string;
  methodName: I18nName;
  instanceId: string;
  stage: string;
  stageName: I18nName;
  terminal: boolean;
  dueAt: string | null;
  overdue: boolean;
  executorOrg: Named | null;
  deadline: string | null;
  jointDecisionItem: number | null;
  decidedAt: string | null;
  outcome: 'resolved' | 'not_taken_up' | null;
  satisfaction: number | null;
  satisfactionCount: number;
  createdAt: string;
  version: number;
}

/** An event the caller may fire on the matter's method instance (same shape as the methods module's). */
export interface MatterAction {
  event: string;
  name: I18nName | null;
  to: string;
  toName: I18nName;
  inputs: InputDef[];
}

/** One timeline entry of the matter's method instance. */
export interface MatterTimelineEntry {
  id: string;
  seq: number;
  event: string;
  fromStage: string | null;
  toStage: string;
  actorName: string;
  at: string;
  input: Record<string, unknown>;
  comment: string | null;
  attachments: string[];
}

/** A matter with its method's stages, timeline, and what the caller may do. */
export interface MatterDetail extends MatterSummary {
  description: string | null;
  decision: string | null;
  result: string | null;
  conflictOrgs: Named[];
  conflictMemberIds: string[];
  relations: Record<string, string | string[]>;
  instanceVersion: number;
  stages: { key: string; name: I18nName; terminal: boolean; owner: string | null }[];
  timeline: MatterTimelineEntry[];
  opinions: OpinionView[];
  abilities: {
    edit: boolean;
    events: MatterAction[];
    proposeParticipants: boolean;
    setParticipants: boolean;
    addMeeting: boolean;
    addActionItem: boolean;
    evaluate: boolean;
  };
}

/** A resident opinion as staff see it: name and phone masked. */
export interface OpinionView {
  id: string;
  compound: Named;
  content: string;
  category: MatterCategory;
  channel: OpinionChannel;
  proxy: boolean;
  enteredBy: string | null;
  nameMasked: string | null;
  phoneMasked: string | null;
  status: OpinionStatus;
  matterId: string | null;
  answer: string | null;
  answeredAt: string | null;
  receivedAt: string;
  version: number;
  abilities: { answer: boolean; takeUp: boolean; reveal: boolean };
}

/** A member of a compound's 1+5+N pool. */
export interface PoolMemberView {
  id: string;
  compoundId: string;
  kind: MemberKind;
  name: string;
  title: string | null;
  userId: string | null;
  org: Named | null;
  phoneMasked: string | null;
  expertise: string[];
  note: string | null;
  active: boolean;
  version: number;
  abilities: { edit: boolean };
}

/** Why a member was chosen or left out, in both languages. */
export interface ChoiceReason {
  code: 'ONE' | 'FIVE_SLOT' | 'EXPERTISE' | 'INTERESTED_PARTY' | 'DEPARTMENT' | 'LEADER_CHOICE' | 'CONFLICT' | 'INACTIVE';
  zh: string;
  en: string;
}

/** A proposed or chosen participant of a matter. */
export interface ParticipantView {
  memberId: string;
  name: string;
  kind: MemberKind;
  org: Named | null;
  expertise: string[];
  reasons: ChoiceReason[];
  chosenBy: 'proposal' | 'leader';
}

/** A participant proposal for a matter: who, why, who was excluded and why, which 1+5 slots the pool cannot fill. */
export interface ParticipantProposal {
  participants: ParticipantView[];
  excluded: { memberId: string; name: string; kind: MemberKind; reasons: ChoiceReason[] }[];
  missingSlots: string[];
}

/** A meeting attendee, invited or walked in, with sign-in. */
export interface AttendeeView {
  id: string;
  memberId: string | null;
  name: string;
  kind: string;
  invited: boolean;
  signedInAt: string | null;
  signInMethod: 'staff' | 'self' | 'online' | null;
}

/** A vote recorded at a meeting. Areas in m² as decimals with two places (strings keep them exact). */
export interface VoteView {
  id: string;
  meetingId: string;
  matterId: string | null;
  kind: 'simple' | 'owners';
  ownersItem: number | null;
  totalArea: string | null;
  totalOwners: number | null;
  participatingArea: string | null;
  participatingOwners: number | null;
  yesArea: string | null;
  yesOwners: number | null;
  noArea: string | null;
  noOwners: number | null;
  eligible: number | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  outcome: VoteOutcome;
  recordedAt: string;
}

/** A meeting with attendees and votes. */
export interface MeetingView {
  id: string;
  compound: Named;
  matterId: string | null;
  matterTitle: string | null;
  purpose: MeetingPurpose;
  form: MeetingForm;
  title: string;
  startsAt: string;
  place: string | null;
  status: MeetingStatus;
  heldAt: string | null;
  minutes: string | null;
  decisions: string | null;
  attendees: AttendeeView[];
  votes: VoteView[];
  version: number;
  abilities: { edit: boolean; signIn: boolean; vote: boolean; markHeld: boolean };
}

/** An action item of a matter's execution. */
export interface ActionItemView {
  id: string;
  matterId: string;
  title: string;
  executorOrg: Named | null;
  dueDate: string | null;
  status: 'open' | 'done';
  overdue: boolean;
  completion: string | null;
  evidence: string[];
  completedAt: string | null;
  version: number;
  abilities: { edit: boolean; complete: boolean };
}

/** One evaluation of a matter's result. */
export interface EvaluationView {
  id: string;
  byKind: EvaluatorKind;
  source: 'staff' | 'public' | 'event';
  satisfaction: number;
  comment: string | null;
  at: string;
}

/** A decided matter on the public bulletin: no personal data. */
export interface BulletinItem {
  id: string;
  title: string;
  category: MatterCategory;
  methodName: I18nName;
  stageName: I18nName;
  decidedAt: string;
  decision: string;
  executor: string | null;
  deadline: string | null;
  result: string | null;
  closedAt: string | null;
  satisfaction: number | null;
  satisfactionCount: number;
  rateable: boolean;
}

/** The public bulletin of one compound. */
export interface Bulletin {
  compound: { id: string; name: string; community: string | null; street: string | null };
  items: BulletinItem[];
  opinionsThisMonth: number;
  meetingsThisMonth: number;
  generatedAt: string;
}
