/** One problem with one input field, reported beside the field in the UI. */
export interface FieldProblem {
  /** JSON path of the field, e.g. `idNumber` or `rows.3.phone`. */
  field: string;
  code: string;
  zh: string;
  en: string;
}

/** Catalogue entry: HTTP status and the message in both languages. */
interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

/** Every stable error code the API can answer with. Messages may use {name} placeholders. */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '提交的信息有误，请按提示修改后重试', en: 'Some fields are invalid; correct them and try again' },
  BAD_REQUEST: { status: 400, zh: '请求格式有误：{detail}', en: 'The request is malformed: {detail}' },
  NOT_FOUND: { status: 404, zh: '未找到该记录，或您无权访问', en: 'The record was not found, or you have no access to it' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在：{path}', en: 'No such endpoint: {path}' },
  STALE: { status: 409, zh: '该记录已被他人修改（当前版本 {currentVersion}），请刷新后再改', en: 'Someone changed this record (now version {currentVersion}); reload and apply your change again' },
  DUPLICATE: { status: 409, zh: '已存在相同的记录：{detail}', en: 'A matching record already exists: {detail}' },
  ID_CONFLICT: { status: 409, zh: '该编号已用于另一类记录', en: 'This id is already used by a different kind of record' },
  IN_USE: { status: 409, zh: '该记录仍被引用，不能删除：{detail}', en: 'The record is still referenced and cannot be deleted: {detail}' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '长时间未操作，登录已过期，请重新登录', en: 'Your session expired after inactivity; please sign in again' },
  BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误，还可尝试 {remaining} 次', en: 'Wrong user name or password; {remaining} attempts left' },
  ACCOUNT_LOCKED: { status: 423, zh: '连续登录失败次数过多，账号已锁定，请于 {until} 后再试', en: 'Too many failed sign-ins; the account is locked until {until}' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系系统管理员', en: 'The account is disabled; contact the system administrator' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录或密码已过期，请先修改密码', en: 'Change your password before continuing' },
  CSRF_INVALID: { status: 403, zh: '页面已失效，请刷新后重试', en: 'The page is out of date (CSRF check failed); reload and try again' },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限（需要 {permission}）', en: 'You do not have permission for this action (needs {permission})' },
  OUT_OF_SCOPE: { status: 403, zh: '该位置不在您的管辖范围内', en: 'That place is outside the area you are granted' },
  REASON_REQUIRED: { status: 400, zh: '查看明文需填写事由（至少 4 个字）', en: 'State a reason (at least 4 characters) to reveal personal data' },
  WEAK_PASSWORD: { status: 400, zh: '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类', en: 'The password needs at least 8 characters from 3 of: upper case, lower case, digits, symbols' },
  PASSWORD_REUSED: { status: 400, zh: '新密码不能与最近 5 次使用过的密码相同', en: 'The new password must differ from your last 5 passwords' },
  SEPARATION_OF_DUTIES: { status: 409, zh: '系统管理员、安全管理员、审计管理员三种角色不能由同一账号兼任', en: 'The system, security and audit administrator roles cannot be held by one account' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  IMPORT_INVALID: { status: 422, zh: '导入文件有 {count} 处错误，未写入任何数据', en: 'The import file has {count} problems; nothing was written' },
  EXPORT_TOO_LARGE: { status: 422, zh: '导出行数 {count} 超过上限 {max}，请加筛选条件缩小范围后分批导出', en: 'The export has {count} rows, more than the limit of {max}; narrow it with filters and export in parts' },
  FILE_UNREADABLE: { status: 400, zh: '无法读取文件：{detail}', en: 'The file cannot be read: {detail}' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '文件过大（上限 {limit}）', en: 'The file is too large (limit {limit})' },
  EVENT_NOT_ALLOWED_IN_STAGE: { status: 409, zh: '当前阶段（{stage}）不能执行“{event}”', en: '“{event}” cannot be done in the current stage ({stage})' },
  ROLE_NOT_ALLOWED: { status: 403, zh: '您在此事项中的身份不能执行“{event}”（可执行：{who}）', en: 'Your role on this matter does not allow “{event}” (allowed: {who})' },
  INPUT_MISSING: { status: 400, zh: '缺少必填内容：{inputs}', en: 'Required inputs are missing: {inputs}' },
  INPUT_INVALID: { status: 400, zh: '填写内容有误：{inputs}', en: 'Some inputs are invalid: {inputs}' },
  INSTANCE_CLOSED: { status: 409, zh: '该流程已结束（{stage}），不能再操作', en: 'This process has ended ({stage}); no further actions' },
  TEMPLATE_NOT_AVAILABLE: { status: 409, zh: '议事方法“{key}”在此处没有已发布的版本', en: 'Method “{key}” has no published version that applies here' },
  TEMPLATE_NOT_DRAFT: { status: 409, zh: '只有草稿可以发布（当前状态：{status}）', en: 'Only a draft can be published (status now: {status})' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, zh: '不支持的文件类型，只能上传 JPEG、PNG、WebP 图片或 PDF、Word（docx）、Excel（xlsx）文件', en: 'File type not allowed: upload JPEG, PNG or WebP images, or PDF, Word (docx) or Excel (xlsx) files' },
  CHECKSUM_MISMATCH: { status: 422, zh: '文件校验值不符，传输中可能损坏，请重新上传', en: 'The file checksum does not match; it was probably damaged in transfer, upload it again' },
  INTERNAL: { status: 500, zh: '服务器内部错误，已记录，请稍后重试（编号 {ref}）', en: 'Internal error, logged; try again later (ref {ref})' },
} as const satisfies Record<string, ErrorSpec>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERRORS;

/** An expected failure of a use case: a value with a stable code, never an HTTP type. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldProblem[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'DomainError';
  }
}

/** Fills {name} placeholders. */
export function formatMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** The catalogue message for a code in both languages. */
export function messageFor(code: ErrorCode, params: Record<string, string | number> = {}): { zh: string; en: string } {
  const spec: ErrorSpec = ERRORS[code];
  return { zh: formatMessage(spec.zh, params), en: formatMessage(spec.en, params) };
}

/** Shorthand for a validation failure with the given field problems. */
export function invalid(fields: FieldProblem[]): DomainError {
  return new DomainError('VALIDATION_FAILED', {}, fields);
}
