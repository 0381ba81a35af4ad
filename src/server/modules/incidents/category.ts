import type { FieldProblem } from '../../../shared/errors.ts';
import { incidentProblem, MAJOR_CODE, MINOR_CODE, URGENCIES, type CategoryDef, type RouteRuleDef, type Urgency } from '../../../shared/incidents.ts';
import { DEADLINE_UNITS, type DeadlineUnit } from '../../../shared/method-template.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';

/** What an administrator publishes: the whole tree and the routing rules, as one new version. */
export interface CategoryVersionInput {
  note?: string | null;
  categories: CategoryDef[];
  rules: RouteRuleDef[];
}

/** A 小类 with the SLA registration uses. */
export interface MinorCategory {
  code: string;
  majorCode: string;
  name: { zh: string; en: string };
  deadline: { amount: number; unit: DeadlineUnit };
  urgency: Urgency;
}

const isName = (n: unknown): n is { zh: string; en: string } =>
  typeof n === 'object' && n !== null && typeof (n as { zh?: unknown }).zh === 'string' && (n as { zh: string }).zh.trim() !== ''
  && typeof (n as { en?: unknown }).en === 'string' && (n as { en: string }).en.trim() !== '';

/**
 * Checks a version's shape: 2-digit 大类 and 4-digit 小类 codes, each 小类 under a 大类 of the same version, names in both
 * languages, a deadline and urgency on every 小类, rules naming a code of the version (or none) and no two rules for the
 * same category and place. Whether places and organisations exist is the service's business.
 */
export function checkCategoryVersion(input: CategoryVersionInput): FieldProblem[] {
  const out: FieldProblem[] = [];
  const codes = new Set<string>();
  const majors = new Set(input.categories.filter((c) => MAJOR_CODE.test(c.code)).map((c) => c.code));
  input.categories.forEach((c, i) => {
    const f = `categories.${i}`;
    if (!MAJOR_CODE.test(c.code) && !MINOR_CODE.test(c.code)) { out.push(incidentProblem(`${f}.code`, 'CATEGORY_CODE_FORMAT')); return; }
    if (codes.has(c.code)) out.push(fieldProblem(`${f}.code`, 'DUPLICATE_VALUE', { value: c.code }));
    codes.add(c.code);
    if (!isName(c.name)) out.push(fieldProblem(`${f}.name`, 'REQUIRED'));
    if (MINOR_CODE.test(c.code)) {
      if (!majors.has(c.code.slice(0, 2))) out.push(incidentProblem(`${f}.code`, 'CATEGORY_PARENT_MISSING', { value: c.code, parent: c.code.slice(0, 2) }));
      const dl = c.deadline;
      if (!dl || !Number.isInteger(dl.amount) || dl.amount < 1 || dl.amount > 3650 || !DEADLINE_UNITS.includes(dl.unit)) out.push(incidentProblem(`${f}.deadline`, 'CATEGORY_DEADLINE'));
      if (!URGENCIES.includes(c.urgency as Urgency)) out.push(fieldProblem(`${f}.urgency`, 'NOT_IN_LIST', { allowed: URGENCIES.join(', ') }));
    }
  });
  const seen = new Set<string>();
  input.rules.forEach((r, i) => {
    const f = `rules.${i}`;
    if (r.categoryCode !== null && !codes.has(r.categoryCode)) out.push(incidentProblem(`${f}.categoryCode`, 'CATEGORY_UNKNOWN', { value: r.categoryCode }));
    const key = `${r.categoryCode ?? '*'} ${r.scopePath}`;
    if (seen.has(key)) out.push(incidentProblem(`${f}.scopePath`, 'RULE_DUPLICATE', { value: key }));
    seen.add(key);
  });
  return out;
}

/** The 小类 of a version by code, with its 大类. */
export function minorOf(categories: readonly CategoryDef[], code: string): MinorCategory | null {
  const c = categories.find((x) => x.code === code);
  if (!c || !MINOR_CODE.test(code) || !c.deadline || !c.urgency) return null;
  return { code, majorCode: code.slice(0, 2), name: c.name, deadline: c.deadline, urgency: c.urgency };
}

const specificity = (code: string | null) => (code === null ? 0 : code.length);

/**
 * The routing rule for an incident: among rules whose place contains the incident's place and whose category is its 小类,
 * its 大类 or any, the one with the deepest place wins, then the most specific category, then the earliest listed.
 * Null means no rule applies: the community handles it.
 */
export function matchRoute<R extends RouteRuleDef>(rules: readonly R[], categoryCode: string, scopePath: string): R | null {
  const fits = rules
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => scopePath.startsWith(r.scopePath) && (r.categoryCode === null || r.categoryCode === categoryCode || r.categoryCode === categoryCode.slice(0, 2)));
  fits.sort((a, b) => b.r.scopePath.length - a.r.scopePath.length || specificity(b.r.categoryCode) - specificity(a.r.categoryCode) || a.i - b.i);
  return fits[0]?.r ?? null;
}
