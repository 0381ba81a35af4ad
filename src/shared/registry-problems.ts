import type { FieldProblem } from './errors.ts';
import { fieldProblem, FIELD_PROBLEMS, type FieldProblemCode } from './field-problems.ts';

/** Field problems particular to the registry, in the same shape as FIELD_PROBLEMS. */
export const REGISTRY_PROBLEMS = {
  GRID_CODE_FORMAT: { zh: '网格编码应为 14 位数字：所属社区 12 位代码 + 2 位序号', en: 'A grid code has 14 digits: the community’s 12-digit code and a 2-digit sequence' },
  GRID_CODE_COMMUNITY: { zh: '网格编码应以所属社区代码 {community} 开头', en: 'The grid code must start with its community’s code {community}' },
  NOT_A_COMMUNITY: { zh: '所选区划不是社区（村）级：{value}', en: 'The chosen region is not a community: {value}' },
  LEVEL_UNDER_PARENT: { zh: '{level}不能直接设在{parentLevel}之下', en: 'A {level} cannot sit directly under a {parentLevel}' },
  OTHER_COMMUNITY: { zh: '该网格属于其他社区：{value}', en: 'That grid belongs to another community: {value}' },
  OTHER_COMPOUND: { zh: '不属于本小区：{value}', en: 'Belongs to another compound: {value}' },
  GENDER_MISMATCH: { zh: '性别与身份证号不符（身份证号显示为{expected}）', en: 'The gender does not match the ID number (which says {expected})' },
  BIRTH_DATE_MISMATCH: { zh: '出生日期与身份证号中的出生日期不符', en: 'The birth date does not match the one inside the ID number' },
  DATE_IN_FUTURE: { zh: '日期不能晚于今天', en: 'The date cannot be later than today' },
  HEAD_NOT_MEMBER: { zh: '户主须是本户在册居民', en: 'The head must be a current resident of this household' },
  BAD_UUID: { zh: '编号应为 UUID', en: 'Ids are UUIDs' },
} as const;

/** A registry field problem code. */
export type RegistryProblemCode = keyof typeof REGISTRY_PROBLEMS;

/** Builds a field problem from either catalogue, with both messages filled in. */
export function registryProblem(field: string, code: RegistryProblemCode | FieldProblemCode, params: Record<string, string | number> = {}): FieldProblem {
  if (code in FIELD_PROBLEMS) return fieldProblem(field, code as FieldProblemCode, params);
  const m = REGISTRY_PROBLEMS[code as RegistryProblemCode];
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  return { field, code, zh: fill(m.zh), en: fill(m.en) };
}
