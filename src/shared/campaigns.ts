import type { FieldProblem } from './errors.ts';
import type { I18nName } from './method-template.ts';

// Rectification campaigns (专项整治): code lists, field problems and the shapes the API returns. Isomorphic: the server
// builds these views, the console reads them.

/** Campaign states: planned → running (inspection tasks created) → finished. */
export const CAMPAIGN_STATUSES = ['planned', 'running', 'finished'] as const;
/** A campaign state. */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Inspection task states: open until inspected, or waived with a recorded reason. */
export const TASK_STATUSES = ['open', 'inspected', 'waived'] as const;
/** A task state. */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** How a task came to exist: in the snapshot taken at start, or added explicitly later (a compound registered after start). */
export const TASK_ORIGINS = ['snapshot', 'added'] as const;
/** A task origin. */
export type TaskOrigin = (typeof TASK_ORIGINS)[number];

/** What an inspection found. */
export const INSPECTION_RESULTS = ['no_problem', 'problems_found'] as const;
/** An inspection result. */
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

/** Problems with a campaign, an inspection or a waiver, with messages for the form. */
export const CAMPAIGN_PROBLEMS = {
  PROBLEM_TYPE_UNKNOWN: { zh: '当前事件分类中没有该类别：{value}', en: 'No such category in the current incident categories: {value}' },
  CATEGORY_NOT_IN_CAMPAIGN: { zh: '该问题类别不在本次专项整治范围内：{value}', en: 'This problem type is not one the campaign covers: {value}' },
  FINDINGS_REQUIRED: { zh: '结果为“发现问题”时至少登记一个问题', en: 'Record at least one finding when problems were found' },
  FINDINGS_NOT_ALLOWED: { zh: '结果为“未发现问题”时不能登记问题', en: 'No findings can be recorded when no problem was found' },
  REGION_UNKNOWN: { zh: '找不到该区划：{value}', en: 'No such region: {value}' },
  COMPOUND_NOT_IN_REGION: { zh: '该小区不在本次专项整治的区域内：{value}', en: 'The compound is not in the campaign’s region: {value}' },
  TASK_UNKNOWN: { zh: '找不到该检查任务：{value}', en: 'No such inspection task: {value}' },
  TASK_NOT_OPEN: { zh: '该检查任务已{value}，不能免检', en: 'The task is already {value}; it cannot be waived' },
  REASON_TOO_SHORT: { zh: '请说明理由（至少 4 个字）', en: 'Give a reason (at least 4 characters)' },
  TIME_IN_FUTURE: { zh: '检查时间不能晚于现在', en: 'The inspection time cannot be in the future' },
} as const;
/** A campaign problem code. */
export type CampaignProblemCode = keyof typeof CAMPAIGN_PROBLEMS;

/** A problem with one field of a campaign or an inspection, with both messages. */
export function campaignProblem(field: string, code: CampaignProblemCode, params: Record<string, string | number> = {}): FieldProblem {
  const m = CAMPAIGN_PROBLEMS[code];
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  return { field, code, zh: fill(m.zh), en: fill(m.en) };
}

/** Coverage figures: tasks in scope, and how many were inspected, waived or are still open; rate = inspected / in scope. */
export interface CoverageFigures {
  inScope: number;
  inspected: number;
  waived: number;
  open: number;
  problemsFound: number;
  /** inspected / inScope, 0–1 (0 when nothing is in scope). */
  rate: number;
}

/** A campaign as the API shows it. */
export interface CampaignView {
  id: string;
  name: string;
  description: string | null;
  region: { id: string; name: string; level: string };
  problemTypes: { code: string; name: I18nName }[];
  startsOn: string;
  endsOn: string;
  status: CampaignStatus;
  /** Running past its end date. */
  overdue: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  /** Over the tasks the caller can see (all of them for someone who sees the whole region). */
  coverage: CoverageFigures;
  version: number;
  abilities: { edit: boolean; start: boolean; finish: boolean; addTask: boolean };
}

/** A finding recorded on an inspection, and the incident it became. */
export interface FindingView {
  id: string;
  incidentId: string;
  taskId: string;
  compound: { id: string; name: string };
  categoryCode: string;
  description: string;
  recordedAt: string;
  recordedBy: string;
}

/** One compound's inspection task. */
export interface TaskView {
  id: string;
  campaignId: string;
  compound: { id: string; name: string };
  community: { id: string; name: string };
  origin: TaskOrigin;
  status: TaskStatus;
  inspectedAt: string | null;
  inspectedBy: string | null;
  result: InspectionResult | null;
  note: string | null;
  waivedAt: string | null;
  waivedBy: string | null;
  waiveReason: string | null;
  findings: FindingView[];
  version: number;
  abilities: { inspect: boolean; waive: boolean };
}

/** A campaign's coverage: totals, per community, compounds registered after start without a task, findings by type. */
export interface CampaignCoverage {
  campaignId: string;
  totals: CoverageFigures & { findings: number };
  byCommunity: (CoverageFigures & { communityId: string; communityName: string })[];
  /** Compounds now under the region that were not in the start snapshot and have no task yet: add each (then inspect or waive). */
  addedAfterStart: { compoundId: string; compoundName: string; communityId: string; communityName: string }[];
  findingsByType: { categoryCode: string; name: I18nName; count: number }[];
}
