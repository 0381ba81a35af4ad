import type { FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import type { Named } from '../../../shared/deliberation.ts';
import { isIsoDate } from './problem.ts';

/** A stored action item of a matter's execution. */
export interface ActionItem {
  id: string;
  matterId: string;
  scopePath: string;
  title: string;
  executorOrg: Named | null;
  dueDate: string | null;
  status: 'open' | 'done';
  completion: string | null;
  evidence: string[];
  completedAt: string | null;
  version: number;
}

/** Fields a caller may send for an action item (undefined: not sent; null: cleared). */
export interface ActionFields {
  title?: string;
  executorOrgId?: string | null;
  dueDate?: string | null;
}

/** Checks an action item's fields; on a create the title is required. */
export function checkActionFields(f: ActionFields, opts: { creating: boolean }): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (f.title !== undefined || opts.creating) {
    const t = (f.title ?? '').trim();
    if (!t) out.push(fieldProblem('title', 'REQUIRED'));
    else if (t.length > 200) out.push(fieldProblem('title', 'TOO_LONG', { max: 200 }));
  }
  if (f.dueDate && !isIsoDate(f.dueDate)) out.push(fieldProblem('dueDate', 'NOT_A_DATE'));
  return out;
}

/** Checks a completion: what was done, in words; the evidence is checked apart (ACTION_EVIDENCE_REQUIRED). */
export function checkCompletion(completion: string | undefined): FieldProblem[] {
  const t = (completion ?? '').trim();
  if (!t) return [fieldProblem('completion', 'REQUIRED')];
  if (t.length > 5000) return [fieldProblem('completion', 'TOO_LONG', { max: 5000 })];
  return [];
}

/** An open item is overdue the day after its due date (dates in China time). */
export function isOverdue(a: Pick<ActionItem, 'status' | 'dueDate'>, today: string): boolean {
  return a.status === 'open' && a.dueDate !== null && a.dueDate < today;
}
