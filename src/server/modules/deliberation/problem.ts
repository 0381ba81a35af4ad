import type { FieldProblem } from '../../../shared/errors.ts';

/** A field problem of the pool, meeting, vote and action rules, with its own message in both languages. */
export function problem(field: string, code: string, zh: string, en: string): FieldProblem {
  return { field, code, zh, en };
}

/** Whether s is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
