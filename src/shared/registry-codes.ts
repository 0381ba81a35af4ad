/** Registry enumerations with Chinese and English labels, shared by the server, the import and the web UI. */

/** A code's display labels. */
export interface CodeLabel {
  zh: string;
  en: string;
}

/** Region levels and their labels (province may be the root of a deployment). */
export const REGION_LEVEL_LABELS = {
  province: { zh: '省（自治区、直辖市）', en: 'Province' },
  city: { zh: '市（地、州、盟）', en: 'City / prefecture' },
  county: { zh: '区（县、县级市）', en: 'County / district' },
  street: { zh: '街道（乡镇）', en: 'Street / town' },
  community: { zh: '社区（村）', en: 'Community / village' },
} as const satisfies Record<string, CodeLabel>;

/** Nanchong's five housing classes (DESIGN §6). */
export const HOUSING_TYPES = ['commodity', 'reformed', 'public', 'affordable', 'cooperative'] as const;
/** A housing type. */
export type HousingType = (typeof HOUSING_TYPES)[number];
/** Labels of the housing types. */
export const HOUSING_TYPE_LABELS: Record<HousingType, CodeLabel> = {
  commodity: { zh: '商品房', en: 'Commodity housing' },
  reformed: { zh: '房改房', en: 'Reformed (ex-work-unit) housing' },
  public: { zh: '公房', en: 'Public housing' },
  affordable: { zh: '保障房', en: 'Affordable housing' },
  cooperative: { zh: '集资房', en: 'Cooperative (fund-raised) housing' },
};

/** Nanchong's "four batches" of property management. */
export const PROPERTY_MODES = ['market', 'community_run', 'self_managed', 'soe_backstop'] as const;
/** A property-management mode. */
export type PropertyMode = (typeof PROPERTY_MODES)[number];
/** Labels of the property modes. */
export const PROPERTY_MODE_LABELS: Record<PropertyMode, CodeLabel> = {
  market: { zh: '公开选聘', en: 'Market (publicly selected company)' },
  community_run: { zh: '社区领办', en: 'Run by the community' },
  self_managed: { zh: '自主管理', en: 'Self-managed by residents' },
  soe_backstop: { zh: '国企兜底', en: 'State-owned company as backstop' },
};

/** Business lines merged into the one unified comprehensive grid (Zhoushi "一张网"). */
export const GRID_BUSINESS_LINES = ['safety', 'environment', 'public_order', 'fire', 'sanitation', 'petition', 'services', 'other'] as const;
/** A grid business line. */
export type GridBusinessLine = (typeof GRID_BUSINESS_LINES)[number];
/** Labels of the grid business lines. */
export const GRID_BUSINESS_LINE_LABELS: Record<GridBusinessLine, CodeLabel> = {
  safety: { zh: '安全生产', en: 'Work safety' },
  environment: { zh: '生态环境', en: 'Environment' },
  public_order: { zh: '社会治安', en: 'Public order' },
  fire: { zh: '消防安全', en: 'Fire safety' },
  sanitation: { zh: '市容环卫', en: 'Sanitation and city appearance' },
  petition: { zh: '信访维稳', en: 'Petitions and stability' },
  services: { zh: '民生服务', en: 'Public services' },
  other: { zh: '其他', en: 'Other' },
};

/** Duties of grid staff. */
export const GRID_WORKER_DUTIES = ['worker', 'leader'] as const;
/** A grid duty. */
export type GridWorkerDuty = (typeof GRID_WORKER_DUTIES)[number];
/** Labels of the grid duties. */
export const GRID_WORKER_DUTY_LABELS: Record<GridWorkerDuty, CodeLabel> = {
  worker: { zh: '网格员', en: 'Grid worker' },
  leader: { zh: '网格长', en: 'Grid leader' },
};

/** Occupancy of a household. */
export const HOUSEHOLD_STATUSES = ['resident', 'away', 'vacant'] as const;
/** A household status. */
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
/** Labels of the household statuses. */
export const HOUSEHOLD_STATUS_LABELS: Record<HouseholdStatus, CodeLabel> = {
  resident: { zh: '常住', en: 'Occupied' },
  away: { zh: '人户分离', en: 'Registered but living elsewhere' },
  vacant: { zh: '空置', en: 'Vacant' },
};

/** Genders (GB/T 2261.1 reduced to what an ID number can tell). */
export const GENDERS = ['male', 'female', 'unknown'] as const;
/** A gender. */
export type Gender = (typeof GENDERS)[number];
/** Labels of the genders. */
export const GENDER_LABELS: Record<Gender, CodeLabel> = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
  unknown: { zh: '未知', en: 'Unknown' },
};

/** 政治面貌 codes of GB/T 4762. */
export const POLITICAL_STATUS_LABELS = {
  '01': { zh: '中共党员', en: 'CPC member' },
  '02': { zh: '中共预备党员', en: 'CPC probationary member' },
  '03': { zh: '共青团员', en: 'Communist Youth League member' },
  '04': { zh: '民革党员', en: 'Revolutionary Committee of the Kuomintang member' },
  '05': { zh: '民盟盟员', en: 'China Democratic League member' },
  '06': { zh: '民建会员', en: 'China National Democratic Construction Association member' },
  '07': { zh: '民进会员', en: 'China Association for Promoting Democracy member' },
  '08': { zh: '农工党党员', en: 'Chinese Peasants and Workers Democratic Party member' },
  '09': { zh: '致公党党员', en: 'China Zhi Gong Party member' },
  '10': { zh: '九三学社社员', en: 'Jiusan Society member' },
  '11': { zh: '台盟盟员', en: 'Taiwan Democratic Self-Government League member' },
  '12': { zh: '无党派人士', en: 'Non-party personage' },
  '13': { zh: '群众', en: 'Ordinary citizen (no affiliation)' },
} as const satisfies Record<string, CodeLabel>;
/** A political status code. */
export type PoliticalStatus = keyof typeof POLITICAL_STATUS_LABELS;
/** Political status codes in order. */
export const POLITICAL_STATUSES = Object.keys(POLITICAL_STATUS_LABELS) as PoliticalStatus[];
/** Party members counted by the party modules: full and probationary. */
export const PARTY_MEMBER_STATUSES: readonly PoliticalStatus[] = ['01', '02'];

/** 家庭关系 codes of GB/T 4761-2008 (the headline codes; the standard has finer ones under each ten). */
export const FAMILY_RELATION_LABELS = {
  '01': { zh: '本人', en: 'Self' },
  '02': { zh: '户主', en: 'Head of household' },
  '10': { zh: '配偶', en: 'Spouse' },
  '11': { zh: '夫', en: 'Husband' },
  '12': { zh: '妻', en: 'Wife' },
  '20': { zh: '子', en: 'Son' },
  '27': { zh: '养子或继子', en: 'Adopted son or stepson' },
  '28': { zh: '女婿', en: 'Son-in-law' },
  '30': { zh: '女', en: 'Daughter' },
  '37': { zh: '养女或继女', en: 'Adopted daughter or stepdaughter' },
  '38': { zh: '儿媳', en: 'Daughter-in-law' },
  '40': { zh: '孙子、孙女、外孙子、外孙女', en: 'Grandchild' },
  '50': { zh: '父母', en: 'Parent' },
  '51': { zh: '父亲', en: 'Father' },
  '52': { zh: '母亲', en: 'Mother' },
  '53': { zh: '公公', en: 'Father-in-law (husband’s father)' },
  '54': { zh: '婆婆', en: 'Mother-in-law (husband’s mother)' },
  '55': { zh: '岳父', en: 'Father-in-law (wife’s father)' },
  '56': { zh: '岳母', en: 'Mother-in-law (wife’s mother)' },
  '60': { zh: '祖父母、外祖父母', en: 'Grandparent' },
  '70': { zh: '兄、弟、姐、妹', en: 'Sibling' },
  '80': { zh: '其他', en: 'Other relative' },
  '97': { zh: '其他亲属', en: 'Other kin' },
  '99': { zh: '非亲属', en: 'Not related' },
} as const satisfies Record<string, CodeLabel>;
/** A family relation code. */
export type FamilyRelation = keyof typeof FAMILY_RELATION_LABELS;
/** Family relation codes in order. */
export const FAMILY_RELATIONS = Object.keys(FAMILY_RELATION_LABELS) as FamilyRelation[];

/** Protected (L4) resident tags; `hardship:*` name the kind of hardship. Stored encrypted only. */
export const PROTECTED_TAG_LABELS = {
  elderly_alone: { zh: '独居老人', en: 'Elderly living alone' },
  disabled: { zh: '残疾', en: 'Disabled' },
  hardship: { zh: '困难户', en: 'Hardship household' },
  'hardship:subsistence': { zh: '困难户（低保）', en: 'Hardship: minimum subsistence (低保)' },
  'hardship:extreme_poverty': { zh: '困难户（特困）', en: 'Hardship: extreme poverty support (特困)' },
  'hardship:marginal': { zh: '困难户（低边）', en: 'Hardship: marginal (低边)' },
  special_care: { zh: '重点关爱', en: 'Special care' },
  left_behind_child: { zh: '留守儿童', en: 'Left-behind child' },
  veteran: { zh: '退役军人', en: 'Veteran' },
} as const satisfies Record<string, CodeLabel>;
/** A protected tag. */
export type ProtectedTag = keyof typeof PROTECTED_TAG_LABELS;
/** Protected tags in order. */
export const PROTECTED_TAGS = Object.keys(PROTECTED_TAG_LABELS) as ProtectedTag[];

/** Kinds of compound documents (the five-ones checklist counts a current work plan). */
export const DOCUMENT_KINDS = ['work_plan', 'owners_rules', 'meeting_rules', 'other'] as const;
/** A compound document kind. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** Labels of the document kinds. */
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, CodeLabel> = {
  work_plan: { zh: '工作计划', en: 'Work plan' },
  owners_rules: { zh: '管理规约', en: 'Owners’ management rules' },
  meeting_rules: { zh: '议事规则', en: 'Meeting rules' },
  other: { zh: '其他', en: 'Other' },
};

/** Resolves a code given as the code itself (any case) or as its Chinese label; null when neither. */
export function codeFromInput<K extends string>(labels: Record<K, CodeLabel>, raw: string): K | null {
  const s = raw.trim();
  const keys = Object.keys(labels) as K[];
  const byCode = keys.find((k) => k.toLowerCase() === s.toLowerCase());
  if (byCode) return byCode;
  return keys.find((k) => labels[k].zh === s) ?? null;
}

/** `code 标签` pairs joined for a NOT_IN_LIST message. */
export function allowedList<K extends string>(labels: Record<K, CodeLabel>): string {
  return (Object.keys(labels) as K[]).map((k) => `${k} ${labels[k].zh}`).join('、');
}
