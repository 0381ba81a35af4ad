import { fieldProblem } from '../../../shared/field-problems.ts';
import type { FieldProblem } from '../../../shared/errors.ts';
import {
  FIVE_SLOTS, N_KINDS, ONE_KIND, type ChoiceReason, type MatterCategory, type MemberKind, type Named, type ParticipantProposal, type ParticipantView,
} from '../../../shared/deliberation.ts';
import { problem } from './problem.ts';

type Label = { zh: string; en: string };

/** Names of the matter categories, for reasons such as "擅长：停车管理". */
export const CATEGORY_LABELS: Record<MatterCategory, Label> = {
  environment: { zh: '环境卫生', en: 'environment' }, greening: { zh: '绿化', en: 'greening' }, parking: { zh: '停车管理', en: 'parking' },
  property: { zh: '物业服务', en: 'property services' }, facilities: { zh: '公共设施', en: 'facilities' }, safety: { zh: '安全', en: 'safety' },
  elevator: { zh: '电梯', en: 'elevators' }, renovation: { zh: '改造', en: 'renovation' }, maintenance_fund: { zh: '维修资金', en: 'maintenance fund' },
  neighbourhood: { zh: '邻里关系', en: 'neighbourhood relations' }, elderly_children: { zh: '一老一小', en: 'elderly and children' },
  policy: { zh: '政策', en: 'policy' }, other: { zh: '其他', en: 'other' },
};

/** Names of the member kinds. */
export const KIND_LABELS: Record<MemberKind, Label> = {
  community_secretary: { zh: '社区党组织书记', en: 'community party secretary' }, community_cadre: { zh: '社区干部', en: 'community cadre' },
  party_member_rep: { zh: '党员代表', en: 'party-member representative' }, resident_rep: { zh: '居民代表', en: 'resident representative' },
  grid_worker: { zh: '网格员', en: 'grid worker' }, police_officer: { zh: '片区民警', en: 'area police officer' },
  retired_cadre: { zh: '退休干部', en: 'retired cadre' }, interested_party: { zh: '利益相关方', en: 'interested party' },
  department: { zh: '职能部门', en: 'department' },
};

/** The slot key of the "1" in missingSlots. */
export const ONE_SLOT = 'community_secretary';
/** At most this many of the N are proposed. */
export const N_CAP = 5;

/** The matter as a proposal sees it. */
export interface ProposalMatter {
  category: MatterCategory;
  /** Further tags to match expertise against (free tags). */
  tags?: readonly string[];
  executorOrgId?: string | null;
  conflictMemberIds: readonly string[];
  conflictOrgIds: readonly string[];
}

/** A pool member as a proposal sees it. */
export interface ProposalMember {
  id: string;
  kind: MemberKind;
  name: string;
  org: Named | null;
  expertise: readonly string[];
  active: boolean;
}

const collator = new Intl.Collator('zh-Hans-CN');

function tagLabel(tag: string): Label {
  return (CATEGORY_LABELS as Record<string, Label | undefined>)[tag] ?? { zh: tag, en: tag };
}

/** The matter's tags a member is expert in, category first. */
function overlap(matter: ProposalMatter, m: ProposalMember): string[] {
  return [matter.category, ...(matter.tags ?? [])].filter((t, i, all) => all.indexOf(t) === i && m.expertise.includes(t));
}

function expertiseReasons(tags: string[]): ChoiceReason[] {
  if (tags.length === 0) return [];
  const labels = tags.map(tagLabel);
  return [{ code: 'EXPERTISE', zh: `擅长：${labels.map((l) => l.zh).join('、')}`, en: `Expertise: ${labels.map((l) => l.en).join(', ')}` }];
}

/** Why a member may not take part in a matter: a conflict of interest (the member or their organisation), or deactivation. */
export function exclusionReasons(matter: ProposalMatter, m: ProposalMember): ChoiceReason[] {
  const out: ChoiceReason[] = [];
  if (matter.conflictMemberIds.includes(m.id)) {
    out.push({ code: 'CONFLICT', zh: '与本议题有利害关系（如被反映方），应当回避', en: 'Has a conflict of interest in this matter (e.g. the party complained about) and must stand aside' });
  }
  if (m.org && matter.conflictOrgIds.includes(m.org.id)) {
    out.push({ code: 'CONFLICT', zh: `所在单位“${m.org.name}”与本议题有利害关系，应当回避`, en: `Their organisation “${m.org.name}” has a conflict of interest in this matter` });
  }
  if (!m.active) out.push({ code: 'INACTIVE', zh: '已停用', en: 'Deactivated' });
  return out;
}

/** Whether a member has a conflict of interest in the matter. */
export function hasConflict(matter: ProposalMatter, m: ProposalMember): boolean {
  return exclusionReasons(matter, m).some((r) => r.code === 'CONFLICT');
}

function participant(m: ProposalMember, reasons: ChoiceReason[], chosenBy: ParticipantView['chosenBy']): ParticipantView {
  return { memberId: m.id, name: m.name, kind: m.kind, org: m.org, expertise: [...m.expertise], reasons, chosenBy };
}

/** Best first: most expertise overlap, then name (pinyin order), then id, so the same pool always gives the same proposal. */
function ranked(matter: ProposalMatter, members: ProposalMember[]): ProposalMember[] {
  const score = new Map(members.map((m) => [m.id, overlap(matter, m).length]));
  return [...members].sort((a, b) => score.get(b.id)! - score.get(a.id)! || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Proposes the 1+5+N participants of a matter from its compound's pool: the best available community secretary (the 1),
 * the best member of each of the five slots, and up to N_CAP interested parties and departments whose expertise matches
 * the matter (or whose organisation executes it). Members with a conflict of interest and deactivated members are left out
 * and listed with the reason; slots the pool cannot fill are listed in missingSlots. Every choice says why.
 */
export function proposeParticipants(matter: ProposalMatter, pool: readonly ProposalMember[]): ParticipantProposal {
  const excluded: ParticipantProposal['excluded'] = [];
  const eligible: ProposalMember[] = [];
  for (const m of pool) {
    const why = exclusionReasons(matter, m);
    if (why.length) excluded.push({ memberId: m.id, name: m.name, kind: m.kind, reasons: why });
    else eligible.push(m);
  }
  const participants: ParticipantView[] = [];
  const missingSlots: string[] = [];
  const pick = (slot: string, kinds: readonly MemberKind[], reason: ChoiceReason) => {
    const best = ranked(matter, eligible.filter((m) => kinds.includes(m.kind)))[0];
    if (!best) missingSlots.push(slot);
    else participants.push(participant(best, [reason, ...expertiseReasons(overlap(matter, best))], 'proposal'));
  };
  const one = KIND_LABELS[ONE_KIND];
  pick(ONE_SLOT, [ONE_KIND], { code: 'ONE', zh: `“1”：${one.zh}`, en: `The “1”: ${one.en}` });
  for (const s of FIVE_SLOTS) {
    const l = s.kinds.map((k) => KIND_LABELS[k]);
    pick(s.slot, s.kinds, { code: 'FIVE_SLOT', zh: `“5”：${l.map((x) => x.zh).join('或')}`, en: `One of the “5”: ${l.map((x) => x.en).join(' or ')}` });
  }
  const executes = (m: ProposalMember) => !!matter.executorOrgId && m.org?.id === matter.executorOrgId;
  const n = ranked(matter, eligible.filter((m) => N_KINDS.includes(m.kind) && (overlap(matter, m).length > 0 || executes(m))))
    .sort((a, b) => Number(executes(b)) - Number(executes(a)))
    .slice(0, N_CAP);
  for (const m of n) {
    const kind = KIND_LABELS[m.kind];
    const reasons: ChoiceReason[] = [{ code: m.kind === 'department' ? 'DEPARTMENT' : 'INTERESTED_PARTY', zh: `“N”：${kind.zh}`, en: `One of the “N”: ${kind.en}` }];
    if (executes(m)) reasons.push({ code: 'DEPARTMENT', zh: `所在单位“${m.org!.name}”承办本议题`, en: `Their organisation “${m.org!.name}” executes this matter` });
    participants.push(participant(m, [...reasons, ...expertiseReasons(overlap(matter, m))], 'proposal'));
  }
  return { participants, excluded, missingSlots };
}

/** One participant the talk leader picks, with an optional reason in their words. */
export interface ParticipantPick {
  memberId: string;
  reason?: string | null;
}

/**
 * Checks the talk leader's list against the pool and the proposal: members must be in the matter's pool, active and listed
 * once; members with a conflict of interest are returned apart (the service refuses them). A member the proposal chose
 * keeps its reasons and counts as chosen by the proposal; any other is the leader's choice.
 */
export function checkChoice(matter: ProposalMatter, pool: readonly ProposalMember[], picks: readonly ParticipantPick[]): { participants: ParticipantView[]; conflicted: { index: number; member: ProposalMember }[]; problems: FieldProblem[] } {
  const byId = new Map(pool.map((m) => [m.id, m]));
  const proposed = new Map(proposeParticipants(matter, pool).participants.map((p) => [p.memberId, p]));
  const seen = new Set<string>();
  const participants: ParticipantView[] = [];
  const conflicted: { index: number; member: ProposalMember }[] = [];
  const problems: FieldProblem[] = [];
  picks.forEach((p, i) => {
    const field = `participants.${i}.memberId`;
    const m = byId.get(p.memberId);
    if (!m) return problems.push(fieldProblem(field, 'NOT_FOUND_REF', { value: p.memberId }));
    if (seen.has(m.id)) return problems.push(fieldProblem(field, 'DUPLICATE_VALUE', { value: m.name }));
    seen.add(m.id);
    if (hasConflict(matter, m)) return conflicted.push({ index: i, member: m });
    if (!m.active) return problems.push(problem(field, 'MEMBER_INACTIVE', `${m.name} 已停用，请先在成员库中启用`, `${m.name} is deactivated; reactivate them in the pool first`));
    const own = p.reason?.trim();
    const leader: ChoiceReason = own ? { code: 'LEADER_CHOICE', zh: own, en: own } : { code: 'LEADER_CHOICE', zh: '说事长调整加入', en: 'Added by the talk leader' };
    const fromProposal = proposed.get(m.id);
    if (fromProposal) participants.push({ ...fromProposal, reasons: own ? [...fromProposal.reasons, leader] : fromProposal.reasons });
    else participants.push(participant(m, [leader, ...expertiseReasons(overlap(matter, m))], 'leader'));
  });
  return { participants, conflicted, problems };
}
