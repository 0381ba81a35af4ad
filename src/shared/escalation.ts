import type { FieldProblem } from './errors.ts';
import type { DeadlineUnit, I18nName } from './method-template.ts';

// The escalation ladder and the four-level joint meetings (四级联席会议): code lists, field problems and the shapes the
// API returns. Isomorphic: the server builds these views, the console reads them.

/** The rungs of the ladder from the bottom up: a matter the compound cannot solve rises to the community, then the street (town), then the county. */
export const LADDER_LEVELS = ['compound', 'community', 'street', 'county'] as const;
/** A rung of the ladder, and the level of a joint-meeting body. */
export type LadderLevel = (typeof LADDER_LEVELS)[number];
/** The levels an overdue incident rises to automatically, each with its own threshold. */
export const THRESHOLD_LEVELS = ['community', 'street', 'county'] as const;
/** A level with an overdue threshold. */
export type ThresholdLevel = (typeof THRESHOLD_LEVELS)[number];

/** How an incident rose: someone at its level said it cannot be solved there, or it stayed overdue past the threshold. */
export const ESCALATION_KINDS = ['manual', 'overdue'] as const;
/** An escalation kind. */
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

/** A joint task's states: sent down open, done with evidence. */
export const JOINT_TASK_STATES = ['open', 'done'] as const;
/** A joint task state. */
export type JointTaskState = (typeof JOINT_TASK_STATES)[number];

/** What a decision on an incident item did to the incident: dispatched it to the decided organisation, or was recorded only. */
export const ITEM_EFFECTS = ['dispatched', 'recorded'] as const;
/** An item effect. */
export type ItemEffect = (typeof ITEM_EFFECTS)[number];

/** Agenda and item kinds: an incident that rose to the level, or a hard case added by hand. */
export const ITEM_KINDS = ['escalation', 'case'] as const;
/** An agenda item kind. */
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Thresholds used where no row is stored: overdue by 2 / 5 / 10 working days rises to community / street / county. */
export const DEFAULT_THRESHOLDS: Record<ThresholdLevel, { amount: number; unit: DeadlineUnit }> = {
  community: { amount: 2, unit: 'working_days' },
  street: { amount: 5, unit: 'working_days' },
  county: { amount: 10, unit: 'working_days' },
};

/** Problems with escalation and joint-meeting input, with messages for the form. */
export const ESCALATION_PROBLEMS = {
  REASON_TOO_SHORT: { zh: '请说明理由（至少 4 个字）', en: 'Give a reason (at least 4 characters)' },
  PLACE_UNKNOWN: { zh: '找不到该区划或小区：{value}', en: 'No such region or compound: {value}' },
  PLACE_NOT_A_LEVEL: { zh: '联席会议只设在区县、街道（乡镇）、社区和小区（院落）四级：{value}', en: 'Joint meetings sit at county, street (town), community or compound level only: {value}' },
  ORG_UNKNOWN: { zh: '找不到该单位：{value}', en: 'No such organisation: {value}' },
  NOT_A_MEMBER: { zh: '该单位不是联席会议成员单位：{value}', en: 'This organisation is not a member unit of the joint meeting: {value}' },
  ROTA_EMPTY: { zh: '请至少排一个轮值主持单位，或在记录会议时指定主持单位', en: 'Put at least one unit on the rota, or name the chair when recording the session' },
  MONTH_FORMAT: { zh: '月份格式应为 YYYY-MM', en: 'Months look like YYYY-MM' },
  SAME_MONTH: { zh: '请选择两个不同的月份对调', en: 'Choose two different months to swap' },
  NOT_ON_AGENDA: { zh: '该事项不在本次会议的议程上（可能已被协调或已办结）：{value}', en: 'This item is not on the agenda (it may have been coordinated or closed already): {value}' },
  ITEM_TWICE: { zh: '同一事项在本次会议中只能出现一次：{value}', en: 'An item can appear only once in a session: {value}' },
  ITEM_NEEDS_ONE: { zh: '每个议程事项须指明事件或疑难事项（只能二选一）', en: 'Each item names either an incident or a hard case, not both' },
  DUE_BEFORE_SESSION: { zh: '完成期限不能早于会议日期', en: 'The due date cannot be before the session date' },
  DATE_IN_FUTURE: { zh: '会议日期不能晚于今天', en: 'The session date cannot be later than today' },
  THRESHOLD_ORDER: { zh: '上一级的超期阈值不能短于下一级（{lower} → {upper}）', en: 'A higher level’s threshold cannot be shorter than the one below ({lower} → {upper})' },
  INCIDENT_UNKNOWN: { zh: '找不到该事件，或您无权查看：{value}', en: 'No such incident, or you cannot see it: {value}' },
} as const;
/** An escalation problem code. */
export type EscalationProblemCode = keyof typeof ESCALATION_PROBLEMS;

/** A problem with one field, with both messages. */
export function escalationProblem(field: string, code: EscalationProblemCode, params: Record<string, string | number> = {}): FieldProblem {
  const m = ESCALATION_PROBLEMS[code];
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  return { field, code, zh: fill(m.zh), en: fill(m.en) };
}

/** A place on the ladder: a compound, or a community, street or county region. */
export interface LadderPlaceRef {
  id: string;
  name: string;
  level: LadderLevel;
}

/** An organisation named by id and name. */
export interface OrgRef {
  id: string;
  name: string;
}

/** One level's overdue threshold, with the place whose row applies ('default' when none is stored). */
export interface ThresholdView {
  level: ThresholdLevel;
  amount: number;
  unit: DeadlineUnit;
  definedAt: string;
}

/** The thresholds in force at a place. */
export interface ThresholdsView {
  scopePath: string;
  levels: ThresholdView[];
  abilities: { update: boolean };
}

/** One rise of an incident (append-only). */
export interface EscalationEventView {
  id: string;
  incidentId: string;
  fromLevel: LadderLevel;
  toLevel: LadderLevel;
  place: LadderPlaceRef;
  kind: EscalationKind;
  reason: string | null;
  /** For an overdue rise: when the threshold was passed, and the handling deadline it was measured from. */
  dueAt: string | null;
  deadlineAt: string | null;
  actorName: string;
  at: string;
}

/** What a joint meeting decided on an incident, as the incident's page shows it. */
export interface DecisionRef {
  sessionId: string;
  bodyId: string;
  bodyName: string;
  heldOn: string;
  decision: string;
  responsibleOrg: OrgRef | null;
  dueOn: string | null;
  effect: ItemEffect | null;
  taskId: string | null;
  taskState: JointTaskState | null;
  /** The task is open past its due date. */
  taskOverdue: boolean;
}

/** An incident's place on the ladder: its level now, the whole chain, every rise, and the joint-meeting decisions on it. */
export interface IncidentEscalationView {
  incidentId: string;
  level: LadderLevel;
  place: LadderPlaceRef;
  chain: (LadderPlaceRef & { reached: boolean })[];
  next: LadderPlaceRef | null;
  events: EscalationEventView[];
  decisions: DecisionRef[];
  /** 1 before the first rise, then one more per rise: send it with an explicit escalation. */
  version: number;
  abilities: { escalate: boolean };
}

/** An incident as agendas and lists of the ladder show it. */
export interface IncidentSummary {
  id: string;
  categoryCode: string;
  categoryName: I18nName;
  description: string;
  stage: string;
  stageName: I18nName;
  deadlineAt: string | null;
  overdue: boolean;
  open: boolean;
  handlerName: string | null;
  reportedAt: string;
  /** Where it stands on the ladder now. */
  level: LadderLevel;
}

/** A joint-meeting body of one place. */
export interface JointBodyView {
  id: string;
  level: LadderLevel;
  place: LadderPlaceRef;
  name: string;
  members: OrgRef[];
  rota: OrgRef[];
  /** The month the first unit of the rota chairs (YYYY-MM); the rota repeats from there. */
  rotaStart: string;
  /** The chair of the current month (China time), after any swap. */
  chairThisMonth: OrgRef | null;
  lastHeldOn: string | null;
  pendingItems: number;
  openTasks: number;
  overdueTasks: number;
  version: number;
  abilities: { configure: boolean; record: boolean };
}

/** One month of a rota. */
export interface RotaMonth {
  month: string;
  /** Who chairs after swaps. */
  chair: OrgRef | null;
  /** Who the rota alone names. */
  scheduled: OrgRef | null;
  overridden: boolean;
  reason: string | null;
}

/** Twelve months of a body's rota. */
export interface RotaView {
  bodyId: string;
  year: number;
  months: RotaMonth[];
  version: number;
  abilities: { swap: boolean };
}

/** A hard case added to a body's agenda by hand. */
export interface JointCaseView {
  id: string;
  bodyId: string;
  title: string;
  reason: string;
  incidentId: string | null;
  /** The dispute whose mediators referred it here (矛盾纠纷 移交上级). */
  disputeId: string | null;
  sessionId: string | null;
  createdByName: string;
  createdAt: string;
}

/** One entry of the next session's agenda. */
export interface AgendaEntry {
  kind: ItemKind;
  /** The incident id (escalation) or the case id (case): what the session's item names. */
  ref: string;
  title: string;
  incident: IncidentSummary | null;
  escalation: EscalationEventView | null;
  case: JointCaseView | null;
}

/** The next session's agenda: what rose to the body's level since the previous session (or earlier, not yet taken up) and is still open, plus hard cases. */
export interface AgendaView {
  bodyId: string;
  lastHeldOn: string | null;
  chairThisMonth: OrgRef | null;
  items: AgendaEntry[];
}

/** A task a decision sent down. */
export interface JointTaskView {
  id: string;
  bodyId: string;
  bodyName: string;
  level: LadderLevel;
  sessionId: string;
  heldOn: string;
  org: OrgRef;
  incidentId: string | null;
  title: string;
  decision: string;
  dueOn: string;
  state: JointTaskState;
  overdue: boolean;
  evidence: string | null;
  doneAt: string | null;
  doneByName: string | null;
  version: number;
  abilities: { complete: boolean };
}

/** One agenda item of a held session, with its decision and the task it created. */
export interface SessionItemView {
  id: string;
  seq: number;
  kind: ItemKind;
  incidentId: string | null;
  caseId: string | null;
  title: string;
  note: string | null;
  decision: string | null;
  responsibleOrg: OrgRef | null;
  dueOn: string | null;
  effect: ItemEffect | null;
  task: JointTaskView | null;
}

/** A held session. */
export interface SessionView {
  id: string;
  bodyId: string;
  level: LadderLevel;
  month: string;
  heldOn: string;
  place: string;
  chair: OrgRef;
  attendees: OrgRef[];
  minutes: string;
  itemCount: number;
  decisionCount: number;
  version: number;
  abilities: { edit: boolean };
}

/** A held session with its items. */
export interface SessionDetail extends SessionView {
  items: SessionItemView[];
}

/** Joint-meeting figures over bodies under a place: sessions and items per level and month, and tasks. */
export interface JointStats {
  from: string;
  to: string;
  byMonth: { level: LadderLevel; month: string; sessions: number; items: number; decisions: number }[];
  byLevel: { level: LadderLevel; sessions: number; items: number; decisions: number; tasksDone: number; tasksOpen: number; tasksOverdue: number }[];
  totals: { sessions: number; items: number; decisions: number; tasksDone: number; tasksOpen: number; tasksOverdue: number; escalated: number };
}
