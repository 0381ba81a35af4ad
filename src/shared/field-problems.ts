import type { FieldProblem } from './errors.ts';

/** Messages for problems with one field, shared by the API, the import report and the UI. */
export const FIELD_PROBLEMS = {
  REQUIRED: { zh: '必填', en: 'Required' },
  TOO_LONG: { zh: '过长（最多 {max} 个字符）', en: 'Too long (at most {max} characters)' },
  NOT_A_NUMBER: { zh: '应为数字', en: 'Must be a number' },
  OUT_OF_RANGE: { zh: '应在 {min} 到 {max} 之间', en: 'Must be between {min} and {max}' },
  NOT_A_DATE: { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates look like YYYY-MM-DD' },
  DATE_ORDER: { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  NOT_IN_LIST: { zh: '只能取以下值之一：{allowed}', en: 'Must be one of: {allowed}' },
  ID_FORMAT: { zh: '身份证号应为 18 位（末位可为 X）或旧 15 位', en: 'An ID number has 18 characters (the last may be X) or the old 15 digits' },
  ID_PROVINCE: { zh: '身份证号前两位不是有效的省级代码', en: 'The first two digits are not a province code' },
  ID_BIRTH_DATE: { zh: '身份证号中的出生日期无效', en: 'The birth date inside the ID number is not a real date' },
  ID_CHECK_CHAR: { zh: '身份证号校验位不正确，请核对是否录错', en: 'The check character does not match; the number is probably mistyped' },
  ID_DUPLICATE: { zh: '该身份证号已登记（{where}）', en: 'This ID number is already registered ({where})' },
  PHONE_FORMAT: { zh: '手机号应为 11 位，以 13–19 开头', en: 'A mobile number has 11 digits starting 13–19' },
  USCC_FORMAT: { zh: '统一社会信用代码应为 18 位（不含 I O S V Z）', en: 'A credit code has 18 characters (no I, O, S, V or Z)' },
  USCC_CHECK_CHAR: { zh: '统一社会信用代码校验位不正确', en: 'The credit code check character does not match' },
  DIVISION_FORMAT: { zh: '区划代码应为 6、9 或 12 位数字', en: 'A division code has 6, 9 or 12 digits' },
  DIVISION_PROVINCE: { zh: '区划代码前两位不是有效的省级代码', en: 'The first two digits are not a province code' },
  DIVISION_LEVEL: { zh: '区划代码位数与层级不符（市 6 位 xxxx00，区县 6 位，街道 9 位，社区 12 位）', en: 'The code length does not fit the level (city xxxx00, county 6, street 9, community 12 digits)' },
  DIVISION_PARENT: { zh: '区划代码不以上级代码开头', en: 'The code does not start with its parent’s code' },
  DIVISION_TOWN_RANGE: { zh: '街道/乡镇段应在 001–599 之间', en: 'The street/town part must be 001–599' },
  DIVISION_VILLAGE_RANGE: { zh: '社区/村段应在 001–399 之间（001–199 居委会，200–399 村委会）', en: 'The community part must be 001–399 (001–199 residents’, 200–399 villagers’ committees)' },
  NOT_FOUND_REF: { zh: '找不到：{value}', en: 'Not found: {value}' },
  OUT_OF_SCOPE_REF: { zh: '不在您的管辖范围内：{value}', en: 'Outside your granted area: {value}' },
  DUPLICATE_VALUE: { zh: '重复：{value}', en: 'Duplicate: {value}' },
} as const;

/** A field problem code. */
export type FieldProblemCode = keyof typeof FIELD_PROBLEMS;

/** Builds a field problem with both messages filled in. */
export function fieldProblem(field: string, code: FieldProblemCode, params: Record<string, string | number> = {}): FieldProblem {
  const m = FIELD_PROBLEMS[code];
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  return { field, code, zh: fill(m.zh), en: fill(m.en) };
}
