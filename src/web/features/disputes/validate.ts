// Client-side checks of party fields with the shared validators, so a mistyped phone or ID number is caught before the
// server sees it (the server checks again and its answer lands under the same fields).
import { FIELD_PROBLEMS, type FieldProblemCode } from '../../../shared/field-problems.ts';
import { parseIdNumber } from '../../../shared/validators/idcard.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';
import type { Lang } from '../../i18n/index.tsx';

function message(code: FieldProblemCode, lang: Lang): string {
  const m = FIELD_PROBLEMS[code];
  return lang === 'en' ? m.en : m.zh;
}

/** The problem with a typed mobile number ('' and undefined pass: the field is optional), or null. */
export function phoneProblem(v: string | null | undefined, lang: Lang): string | null {
  if (!v?.trim()) return null;
  return normalizeMobile(v) ? null : message('PHONE_FORMAT', lang);
}

/** The problem with a typed citizen ID number under GB 11643 (optional field), or null. */
export function idNumberProblem(v: string | null | undefined, today: string, lang: Lang): string | null {
  if (!v?.trim()) return null;
  const r = parseIdNumber(v, today);
  return r.ok ? null : message(r.problem, lang);
}

/** An antd rule validator from a problem function. */
export function ruleOf(problem: (v: string | undefined) => string | null) {
  return {
    validator: async (_r: unknown, v: string | undefined) => {
      const p = problem(v);
      if (p) throw new Error(p);
    },
  };
}
