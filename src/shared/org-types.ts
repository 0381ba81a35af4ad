/** Organisation types, posts and the five-ones checklist items, with labels for the UI (orgs module). */

/** The five groups the UI sorts organisations into. */
export const ORG_CATEGORIES = ['party', 'self_governance', 'property', 'unit', 'team'] as const;
/** One organisation category. */
export type OrgCategory = (typeof ORG_CATEGORIES)[number];

/** Chinese and English labels of the categories. */
export const ORG_CATEGORY_LABELS: Record<OrgCategory, { zh: string; en: string }> = {
  party: { zh: '党组织', en: 'Party organisation' },
  self_governance: { zh: '自治组织', en: 'Self-governance body' },
  property: { zh: '物业服务', en: 'Property service' },
  unit: { zh: '单位与社会组织', en: 'Unit or organisation' },
  team: { zh: '队伍', en: 'Team' },
};

/** Every organisation type with its labels and category. */
export const ORG_TYPES = [
  { code: 'party_committee', zh: '党委', en: 'Party committee', category: 'party' },
  { code: 'general_branch', zh: '党总支', en: 'General party branch', category: 'party' },
  { code: 'branch', zh: '党支部', en: 'Party branch', category: 'party' },
  { code: 'joint_branch', zh: '联合党支部', en: 'Joint party branch', category: 'party' },
  { code: 'party_group', zh: '党小组', en: 'Party group', category: 'party' },
  { code: 'owners_committee', zh: '业委会', en: "Owners' committee", category: 'self_governance' },
  { code: 'courtyard_committee', zh: '院委会', en: 'Courtyard committee', category: 'self_governance' },
  { code: 'self_management_committee', zh: '自管委', en: 'Self-management committee', category: 'self_governance' },
  { code: 'supervisory_board', zh: '监事会', en: 'Supervisory board', category: 'self_governance' },
  { code: 'property_company', zh: '物业服务企业', en: 'Property company', category: 'property' }, // anchored to a compound: its project office there
  { code: 'resident_unit', zh: '驻区单位', en: 'Resident unit', category: 'unit' },
  { code: 'government_department', zh: '职能部门', en: 'Government department', category: 'unit' },
  { code: 'social_organisation', zh: '社会组织', en: 'Social organisation', category: 'unit' },
  { code: 'mass_organisation', zh: '群团组织', en: 'Mass organisation', category: 'unit' },
  { code: 'talent_team', zh: '人才团队', en: 'Talent team', category: 'team' },
  { code: 'volunteer_team', zh: '志愿服务队', en: 'Volunteer team', category: 'team' },
] as const satisfies readonly { code: string; zh: string; en: string; category: OrgCategory }[];

/** One organisation type code. */
export type OrgType = (typeof ORG_TYPES)[number]['code'];
/** All type codes, in display order. */
export const ORG_TYPE_CODES: readonly OrgType[] = ORG_TYPES.map((t) => t.code);

/** Party organisation types (党委, 党总支, 党支部, 联合党支部, 党小组). */
export const PARTY_ORG_TYPES: readonly OrgType[] = ['party_committee', 'general_branch', 'branch', 'joint_branch', 'party_group'];
/** Committees whose members the seed counts as 业(院)委会成员. */
export const OWNER_COMMITTEE_TYPES: readonly OrgType[] = ['owners_committee', 'courtyard_committee'];
/** Self-governance committees of a compound (excluding the supervisory board). */
export const COMPOUND_COMMITTEE_TYPES: readonly OrgType[] = ['owners_committee', 'courtyard_committee', 'self_management_committee'];

/** The category of a type. */
export function orgCategoryOf(type: OrgType): OrgCategory {
  return ORG_TYPES.find((t) => t.code === type)!.category;
}

/** Types that belong to a category. */
export function orgTypesIn(category: OrgCategory): OrgType[] {
  return ORG_TYPES.filter((t) => t.category === category).map((t) => t.code);
}

/** Whether a string is a known organisation type. */
export function isOrgType(s: string): s is OrgType {
  return (ORG_TYPE_CODES as readonly string[]).includes(s);
}

/**
 * Posts a person can hold, with the categories (and, for 监事, the single type) that allow them.
 * `member` is 党员 in a party organisation and 委员 in a committee; `labelIn` gives the right word.
 */
export const POSTS = [
  { code: 'secretary', zh: '书记', en: 'Secretary', categories: ['party'] },
  { code: 'deputy_secretary', zh: '副书记', en: 'Deputy secretary', categories: ['party'] },
  { code: 'committee_member', zh: '委员', en: 'Committee member', categories: ['party'] },
  { code: 'member', zh: '成员', en: 'Member', categories: ['party', 'self_governance'] },
  { code: 'chair', zh: '主任', en: 'Chair', categories: ['self_governance'] },
  { code: 'vice_chair', zh: '副主任', en: 'Vice chair', categories: ['self_governance'] },
  { code: 'project_manager', zh: '项目经理', en: 'Project manager', categories: ['property'] },
  { code: 'supervisor', zh: '监事', en: 'Supervisor', categories: ['self_governance'], types: ['supervisory_board'] },
  { code: 'leader', zh: '队长', en: 'Team leader', categories: ['team'] },
  { code: 'volunteer', zh: '队员', en: 'Team member', categories: ['team'] },
  { code: 'contact', zh: '联络人', en: 'Contact person', categories: ['party', 'self_governance', 'property', 'unit', 'team'] },
] as const satisfies readonly { code: string; zh: string; en: string; categories: readonly OrgCategory[]; types?: readonly OrgType[] }[];

/** One post code. */
export type Post = (typeof POSTS)[number]['code'];
/** All post codes. */
export const POST_CODES: readonly Post[] = POSTS.map((p) => p.code);

/** Posts that make up a party branch committee (支部委员会). */
export const PARTY_COMMITTEE_POSTS: readonly Post[] = ['secretary', 'deputy_secretary', 'committee_member'];
/** Posts that count towards an owners' committee's size. */
export const COMMITTEE_SEAT_POSTS: readonly Post[] = ['chair', 'vice_chair', 'member'];

/** Whether a string is a known post. */
export function isPost(s: string): s is Post {
  return (POST_CODES as readonly string[]).includes(s);
}

/** The posts an organisation of this type may have. */
export function postsAllowedFor(type: OrgType): Post[] {
  const category = orgCategoryOf(type);
  return POSTS.filter((p) => (p.categories as readonly OrgCategory[]).includes(category) && (!('types' in p) || (p.types as readonly OrgType[]).includes(type))).map((p) => p.code);
}

/** The label of a post as used in an organisation of this type (党员 in a party org, 委员 in a committee). */
export function postLabel(post: Post, type: OrgType): { zh: string; en: string } {
  const p = POSTS.find((x) => x.code === post)!;
  if (post === 'member') return orgCategoryOf(type) === 'party' ? { zh: '党员', en: 'Party member' } : { zh: '委员', en: 'Member' };
  if (post === 'chair' && type === 'supervisory_board') return { zh: '监事长', en: 'Chair of the board' };
  return { zh: p.zh, en: p.en };
}

/** Party membership of a position holder: 正式党员 or 预备党员. */
export const MEMBERSHIPS = ['full', 'probationary'] as const;
/** One membership kind. */
export type Membership = (typeof MEMBERSHIPS)[number];

/** GB/T 4762 political status codes with labels (01 中共党员 … 13 群众). */
export const POLITICAL_STATUSES = [
  { code: '01', zh: '中共党员', en: 'CPC member' },
  { code: '02', zh: '中共预备党员', en: 'CPC probationary member' },
  { code: '03', zh: '共青团员', en: 'CYL member' },
  { code: '04', zh: '民革党员', en: 'RCCK member' },
  { code: '05', zh: '民盟盟员', en: 'CDL member' },
  { code: '06', zh: '民建会员', en: 'CNDCA member' },
  { code: '07', zh: '民进会员', en: 'CAPD member' },
  { code: '08', zh: '农工党党员', en: 'CPWDP member' },
  { code: '09', zh: '致公党党员', en: 'CZGP member' },
  { code: '10', zh: '九三学社社员', en: 'JS member' },
  { code: '11', zh: '台盟盟员', en: 'TDSL member' },
  { code: '12', zh: '无党派人士', en: 'Non-partisan' },
  { code: '13', zh: '群众', en: 'Ordinary citizen' },
] as const;

/** The membership implied by a political status ('01' full, '02' probationary), or null for non-members. */
export function membershipFromStatus(status: string | null | undefined): Membership | null {
  return status === '01' ? 'full' : status === '02' ? 'probationary' : null;
}

/** Pairing kinds: 结对共建, 包联责任领导, 联系单位, 职能部门包联指导. */
export const PAIRING_KINDS = [
  { code: 'co_building', zh: '结对共建', en: 'Co-building pairing', partnerKinds: ['unit'] },
  { code: 'responsible_leader', zh: '包联责任领导', en: 'Responsible leader', partnerKinds: ['leader'] },
  { code: 'contact_unit', zh: '联系单位', en: 'Contact unit', partnerKinds: ['unit', 'department'] },
  { code: 'department_guidance', zh: '职能部门包联指导', en: 'Department guidance', partnerKinds: ['department'] },
] as const;
/** One pairing kind. */
export type PairingKind = (typeof PAIRING_KINDS)[number]['code'];
/** Who the partner is. */
export const PARTNER_KINDS = [
  { code: 'unit', zh: '单位', en: 'Unit' },
  { code: 'leader', zh: '领导干部', en: 'Leader' },
  { code: 'department', zh: '职能部门', en: 'Department' },
] as const;
/** One partner kind. */
export type PartnerKind = (typeof PARTNER_KINDS)[number]['code'];

/** The five ones (五个一): one party org, one work plan, one responsible leader, one contact unit, one volunteer team. */
export const FIVE_ONES_ITEMS = [
  { code: 'party_org', key: 'partyOrg', zh: '一个党组织', en: 'A party organisation' },
  { code: 'work_plan', key: 'workPlan', zh: '一个工作方案', en: 'A work plan' },
  { code: 'responsible_leader', key: 'responsibleLeader', zh: '一名责任领导', en: 'A responsible leader' },
  { code: 'contact_unit', key: 'contactUnit', zh: '一个联系单位', en: 'A contact unit' },
  { code: 'volunteer_team', key: 'volunteerTeam', zh: '一支志愿队伍', en: 'A volunteer team' },
] as const;
/** One five-ones item code (as used in `missing=`). */
export type FiveOnesItem = (typeof FIVE_ONES_ITEMS)[number]['code'];
/** One five-ones item key (as used in the `items` object). */
export type FiveOnesKey = (typeof FIVE_ONES_ITEMS)[number]['key'];

/** Term-rule warning codes with their severity. */
export const ORG_WARNING_CODES = [
  'BRANCH_TOO_FEW_MEMBERS', 'BRANCH_NEEDS_COMMITTEE', 'BRANCH_TOO_LARGE', 'OWNERS_COMMITTEE_SIZE', 'OWNERS_COMMITTEE_TERM',
  'TERM_EXPIRING', 'TERM_EXPIRED', 'POSITION_EXPIRING', 'NOT_FILED',
] as const;
/** One warning code. */
export type OrgWarningCode = (typeof ORG_WARNING_CODES)[number];
