import type { FieldProblem } from './errors.ts';
import type { Deadline, I18nName, InputDef } from './method-template.ts';

// Grid incidents on the closed loop (CJJ/T 106, STANDARDS §1): code lists, field problems, and the shapes the API
// returns. Isomorphic: the server builds these views, the console and the phone page read them.

/** How a report came in: grid worker on patrol, resident, 12345 hotline, staff at the desk, video, IoT sensor, a leader. */
export const SOURCE_CHANNELS = ['patrol', 'resident', 'hotline', 'staff', 'video', 'iot', 'leader'] as const;
/** A source channel. */
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];
/** Channels whose reporter confirms the fix before the case closes (a resident, or a citizen called back by the hotline). */
export const CONFIRMING_CHANNELS: readonly SourceChannel[] = ['resident', 'hotline'];

/** Urgency of a category: urgent ones usually run on natural time. */
export const URGENCIES = ['urgent', 'normal'] as const;
/** An urgency. */
export type Urgency = (typeof URGENCIES)[number];

/** How a case ended. 'closed' is fixed and verified; 'closed_unfixed' is a distinct outcome a verifier records. */
export const OUTCOMES = ['closed', 'closed_unfixed', 'self_handled', 'invalid', 'cancelled'] as const;
/** An outcome. */
export type Outcome = (typeof OUTCOMES)[number];

/** The method template key incidents run on (methods/presets/closed-loop.ts). */
export const CLOSED_LOOP_KEY = 'closed_loop';

/** What a KPI table is broken down by. */
export const KPI_GROUPS = ['region', 'grid', 'org', 'worker'] as const;
/** A KPI breakdown. */
export type KpiGroup = (typeof KPI_GROUPS)[number];

/** Event categories use 2-digit 大类 and 4-digit 小类 codes (STANDARDS §1.2). */
export const MAJOR_CODE = /^\d{2}$/;
/** A 小类 code: its 大类 code plus two digits. */
export const MINOR_CODE = /^\d{4}$/;

/** Problems with a category version or an incident, with messages for the form. */
export const INCIDENT_PROBLEMS = {
  CATEGORY_CODE_FORMAT: { zh: '分类代码应为 2 位（大类）或 4 位（小类）数字', en: 'A category code has 2 digits (major) or 4 digits (minor)' },
  CATEGORY_PARENT_MISSING: { zh: '小类 {value} 的大类 {parent} 不在本版本中', en: 'Minor category {value} needs major category {parent} in this version' },
  CATEGORY_UNKNOWN: { zh: '当前分类版本中没有小类 {value}', en: 'No minor category {value} in the current version' },
  CATEGORY_DEADLINE: { zh: '小类须设处置时限：数量 1–3650，单位为自然/工作小时或天', en: 'A minor category needs a deadline: amount 1–3650, unit natural/working hours or days' },
  RULE_DUPLICATE: { zh: '同一分类在同一地点只能有一条派遣规则：{value}', en: 'One routing rule per category and place: {value}' },
  PLACE_UNKNOWN: { zh: '找不到该地点：{value}', en: 'No such place: {value}' },
  PLACE_MISMATCH: { zh: '网格与小区（社区）不一致', en: 'The grid is not in that compound’s community' },
  LOCATION_PAIR: { zh: '经度和纬度须同时填写', en: 'Give both latitude and longitude' },
  DUPLICATE_TARGET: { zh: '不能合并到该事件：{value}', en: 'Cannot merge into that incident: {value}' },
  VERIFIER_NOT_GRID_WORKER: { zh: '核查人须为本网格的网格员：{value}', en: 'A verifier must be a grid worker of this grid: {value}' },
  HANDLER_ORG_UNKNOWN: { zh: '找不到处置单位：{value}', en: 'No such handling organisation: {value}' },
  USER_UNKNOWN: { zh: '找不到该用户：{value}', en: 'No such user: {value}' },
} as const;
/** An incident problem code. */
export type IncidentProblemCode = keyof typeof INCIDENT_PROBLEMS;

/** A problem with one field of a category version or an incident, with both messages. */
export function incidentProblem(field: string, code: IncidentProblemCode, params: Record<string, string | number> = {}): FieldProblem {
  const m = INCIDENT_PROBLEMS[code];
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  return { field, code, zh: fill(m.zh), en: fill(m.en) };
}

/** One category of a version: a 大类 (2 digits, no deadline) or a 小类 (4 digits, with its SLA). */
export interface CategoryDef {
  code: string;
  name: I18nName;
  /** 小类 only: the handling time limit counted from registration (立案). */
  deadline?: Deadline;
  urgency?: Urgency;
}

/** A routing rule: incidents of a category (a 小类, a 大类, or any when null) under a place go to an organisation. */
export interface RouteRuleDef {
  categoryCode: string | null;
  scopePath: string;
  orgId: string;
  note?: string | null;
}

/** A published category version as the API shows it. */
export interface CategoryVersionView {
  id: string;
  version: number;
  status: 'published' | 'retired';
  note: string | null;
  publishedAt: string;
  publishedBy: string | null;
  categories: (CategoryDef & { parentCode: string | null })[];
  /** The rules, each with its organisation's name (null when it cannot be found) for pickers and tables. */
  rules: (RouteRuleDef & { orgName?: string | null })[];
  abilities: { publish: boolean };
}

/** Who an incident is dispatched to: an organisation (by rule or chosen) or, by default, its community. */
export interface HandlerRef {
  kind: 'org' | 'community';
  id: string;
  name: string;
  /** Why: the rule that matched, an explicit choice, or the community fallback. */
  via: 'rule' | 'chosen' | 'community';
}

/** An event the caller may fire now, for action buttons. */
export interface IncidentAction {
  event: string;
  name: I18nName | null;
  to: string;
  toName: I18nName;
  inputs: InputDef[];
}

/** An incident as lists and the task list show it. */
export interface IncidentView {
  id: string;
  /** What people say and write: the report day and its place that day (2026112700012). */
  caseNo: string | null;
  categoryVersion: number;
  categoryCode: string;
  categoryName: I18nName;
  majorCode: string;
  urgency: Urgency;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  communityId: string;
  compoundId: string | null;
  gridId: string | null;
  sourceChannel: SourceChannel;
  externalOrderNo: string | null;
  reporter: { kind: 'user' | 'anonymous'; name: string | null; phone: string | null };
  needsConfirmation: boolean;
  stage: string;
  stageName: I18nName;
  stageDueAt: string | null;
  outcome: Outcome | null;
  handler: { kind: 'org' | 'community'; id: string; name: string } | null;
  deadlineAt: string | null;
  overdue: boolean;
  possibleDuplicate: boolean;
  duplicateCandidates: string[];
  duplicateOf: string | null;
  counts: { rework: number; return: number; extension: number; feedback: number };
  reportedAt: string;
  registeredAt: string | null;
  closedAt: string | null;
  version: number;
  abilities: { events: IncidentAction[] };
}

/** One entry of the incident's timeline (from the methods engine). */
export interface IncidentTimelineEntry {
  seq: number;
  event: string;
  fromStage: string | null;
  toStage: string;
  actorName: string;
  at: string;
  input: Record<string, unknown>;
  comment: string | null;
  attachments: string[];
  oldDueAt: string | null;
  newDueAt: string | null;
}

/** An incident with its timeline and, for dispatchers, the route the rules suggest. */
export interface IncidentDetail extends IncidentView {
  timeline: IncidentTimelineEntry[];
  suggestedHandler: HandlerRef | null;
  verifiers: string[];
}

/** The counts a KPI row is computed from (STANDARDS §1.4); all over raw timestamps. */
export interface KpiCounts {
  /** 上报数: reported in the period. */
  reported: number;
  /** 有效上报数: of those, accepted (受理). */
  valid: number;
  invalid: number;
  selfHandled: number;
  /** 立案数: of those reported, registered. */
  registered: number;
  /** 应处置数 = 应结案数: registered, not cancelled, deadline inside the period. */
  due: number;
  /** 缓办数: of those due, suspended (挂账) now. */
  suspended: number;
  /** 处置数 / 按期处置数: of those due, handled (feedback given), and handled by the deadline. */
  handled: number;
  handledOnTime: number;
  /** 结案数 / 按期结案数: of those due, closed as fixed, and closed by the deadline. */
  closed: number;
  closedOnTime: number;
  closedUnfixed: number;
  /** 返工数: failed verifications and reporter reopenings of the cases due. */
  reworks: number;
  /** 超期未处置数: of those due, past the deadline at the period's end (or now) and still open. */
  overdue: number;
  handlingHoursSum: number;
}

/** The indicators of STANDARDS §1.4 as fractions (0.7582 = 75.82%); null when the denominator is 0. */
export interface KpiRates {
  validReportRate: number | null;
  registrationRate: number | null;
  handlingRate: number | null;
  onTimeHandlingRate: number | null;
  closingRate: number | null;
  onTimeClosingRate: number | null;
  onTimeClosingRateExclSuspended: number | null;
  reworkRate: number | null;
  avgHandlingHours: number | null;
}

/** One row of a KPI table. */
export interface KpiRow {
  key: string;
  name: string;
  counts: KpiCounts;
  rates: KpiRates;
}

/** A KPI table for a place and a period. */
export interface KpiTable {
  regionId: string;
  groupBy: KpiGroup;
  from: string;
  to: string;
  asOf: string;
  total: KpiRow;
  rows: KpiRow[];
  topCategories: { code: string; name: I18nName; count: number }[];
}
