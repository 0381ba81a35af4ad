import { campaignProblem, INSPECTION_RESULTS, type CampaignStatus, type CoverageFigures, type InspectionResult, type TaskStatus } from '../../../shared/campaigns.ts';
import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';

/** A category of the current incident version, as campaigns need it. */
export interface CategoryRef {
  code: string;
  name: { zh: string; en: string };
}

/** The fields a campaign create or change carries. */
export interface CampaignFields {
  name?: string;
  description?: string | null;
  problemTypes?: string[];
  startsOn?: string;
  endsOn?: string;
}

/** Whether s is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Checks a campaign's fields against the current incident categories: a name; problem types that are 大类 or 小类 codes of
 * that version, at least one, no repeats; real dates with the end not before the start (checked against the dates it will
 * have after a change).
 */
export function checkCampaignFields(f: CampaignFields, categories: readonly CategoryRef[], current: { startsOn: string; endsOn: string } | null): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!current || f.name !== undefined) {
    const n = f.name?.trim() ?? '';
    if (!n) out.push(fieldProblem('name', 'REQUIRED'));
    else if ([...n].length > 100) out.push(fieldProblem('name', 'TOO_LONG', { max: 100 }));
  }
  if (!current || f.problemTypes !== undefined) {
    const types = f.problemTypes ?? [];
    if (!types.length) out.push(fieldProblem('problemTypes', 'REQUIRED'));
    const codes = new Set(categories.map((c) => c.code));
    types.forEach((t, i) => {
      if (!codes.has(t)) out.push(campaignProblem(`problemTypes.${i}`, 'PROBLEM_TYPE_UNKNOWN', { value: t }));
      else if (types.indexOf(t) !== i) out.push(fieldProblem(`problemTypes.${i}`, 'DUPLICATE_VALUE', { value: t }));
    });
  }
  for (const k of ['startsOn', 'endsOn'] as const) {
    if (!current && !f[k]) out.push(fieldProblem(k, 'REQUIRED'));
    else if (f[k] !== undefined && !isIsoDate(f[k]!)) out.push(fieldProblem(k, 'NOT_A_DATE'));
  }
  const from = f.startsOn ?? current?.startsOn;
  const to = f.endsOn ?? current?.endsOn;
  if (from && to && isIsoDate(from) && isIsoDate(to) && to < from) out.push(fieldProblem('endsOn', 'DATE_ORDER'));
  return out;
}

/** Whether a finding's 小类 is one the campaign covers: listed itself, or under a listed 大类. */
export function coversCategory(problemTypes: readonly string[], minorCode: string): boolean {
  return problemTypes.some((t) => t === minorCode || (t.length === 2 && minorCode.startsWith(t)));
}

/** A finding as an inspection records it. */
export interface FindingInput {
  id?: string;
  categoryCode: string;
  description: string;
  photos?: string[];
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
}

/** What an inspection records. */
export interface InspectionInput {
  id?: string;
  version: number;
  result: string;
  inspectedAt?: string;
  note?: string | null;
  findings?: FindingInput[];
}

/** The longest a device clock may run ahead of ours before an inspection time counts as in the future. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Checks an inspection: a result from the list, findings exactly when problems were found, each finding's 小类 known
 * (isMinor) and covered by the campaign, a description, and an inspection time not in the future.
 */
export function checkInspection(i: InspectionInput, problemTypes: readonly string[], isMinor: (code: string) => boolean, now: Date): FieldProblem[] {
  const out: FieldProblem[] = [];
  const findings = i.findings ?? [];
  if (!INSPECTION_RESULTS.includes(i.result as InspectionResult)) out.push(fieldProblem('result', 'NOT_IN_LIST', { allowed: INSPECTION_RESULTS.join(', ') }));
  else if (i.result === 'problems_found' && !findings.length) out.push(campaignProblem('findings', 'FINDINGS_REQUIRED'));
  else if (i.result === 'no_problem' && findings.length) out.push(campaignProblem('findings', 'FINDINGS_NOT_ALLOWED'));
  if (i.inspectedAt !== undefined) {
    const t = Date.parse(i.inspectedAt);
    if (Number.isNaN(t)) out.push(fieldProblem('inspectedAt', 'NOT_A_DATE'));
    else if (t > now.getTime() + CLOCK_SKEW_MS) out.push(campaignProblem('inspectedAt', 'TIME_IN_FUTURE'));
  }
  findings.forEach((f, n) => {
    const p = `findings.${n}`;
    if (!isMinor(f.categoryCode)) out.push(campaignProblem(`${p}.categoryCode`, 'PROBLEM_TYPE_UNKNOWN', { value: f.categoryCode }));
    else if (!coversCategory(problemTypes, f.categoryCode)) out.push(campaignProblem(`${p}.categoryCode`, 'CATEGORY_NOT_IN_CAMPAIGN', { value: f.categoryCode }));
    if (!f.description?.trim()) out.push(fieldProblem(`${p}.description`, 'REQUIRED'));
  });
  const ids = findings.map((f) => f.id?.toLowerCase()).filter((x): x is string => !!x);
  if (new Set(ids).size !== ids.length) out.push(fieldProblem('findings', 'DUPLICATE_VALUE', { value: ids.join(', ') }));
  return out;
}

/** Whether a waiver's reason says enough. */
export function reasonProblem(field: string, reason: string | null | undefined): FieldProblem | null {
  return [...(reason ?? '').trim()].length < 4 ? campaignProblem(field, 'REASON_TOO_SHORT') : null;
}

/** Coverage from task counts: rate = inspected / in scope (0 when nothing is in scope). */
export function coverageOf(c: { inScope: number; inspected: number; waived: number; problemsFound: number }): CoverageFigures {
  return { ...c, open: c.inScope - c.inspected - c.waived, rate: c.inScope ? c.inspected / c.inScope : 0 };
}

const STATUS_WORDS: Record<CampaignStatus | TaskStatus, { zh: string; en: string }> = {
  planned: { zh: '计划中', en: 'planned' },
  running: { zh: '进行中', en: 'running' },
  finished: { zh: '已结束', en: 'finished' },
  open: { zh: '待检查', en: 'open' },
  inspected: { zh: '检查', en: 'inspected' },
  waived: { zh: '免检', en: 'waived' },
};

/** Error parameters naming a campaign or task state in both languages. */
export function statusWords(s: CampaignStatus | TaskStatus): { statusZh: string; statusEn: string } {
  const w = STATUS_WORDS[s];
  return { statusZh: w.zh, statusEn: w.en };
}

/** All the region paths a path lies under, itself included: campaigns over them cover the place. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const out = ['/'];
  for (let i = 1; i <= parts.length; i++) out.push('/' + parts.slice(0, i).join('/') + '/');
  return out;
}
