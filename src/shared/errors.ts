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
  CONFLICT_OF_INTEREST: { status: 409, zh: '{names} 与本议题有利害关系，不能作为说事成员，请从名单中移除', en: '{names} have a conflict of interest in this matter and cannot take part; remove them from the list' },
  VOTE_COUNT_INCOHERENT: { status: 422, zh: '表决数据前后矛盾（部分大于整体），请核对后重新填写', en: 'The vote counts do not add up (a part is larger than its whole); check and enter them again' },
  MEETING_NOT_OPEN: { status: 409, zh: '该会议已{statusZh}，不能再执行此操作', en: 'This meeting is already {statusEn}; this action is no longer possible' },
  MEETING_MINUTES_REQUIRED: { status: 422, zh: '请先填写会议纪要，再标记会议已召开', en: 'Write the minutes before marking the meeting as held' },
  MEETING_NO_ATTENDEES: { status: 422, zh: '还没有人签到，至少一名参会人员签到后才能标记会议已召开', en: 'Nobody has signed in; at least one attendee must sign in before the meeting is marked as held' },
  ACTION_EVIDENCE_REQUIRED: { status: 422, zh: '请至少上传一份完成佐证（照片或文件）', en: 'Upload at least one piece of evidence (a photo or a file) of the completion' },
  ACTION_ALREADY_DONE: { status: 409, zh: '该事项已于 {completedAt} 完成，不能再修改', en: 'This action item was completed at {completedAt} and can no longer be changed' },
  OWNERS_VOTE_REQUIRED: { status: 422, zh: '该事项属于业主共同决定事项（民法典第二百七十八条第 {item} 项），须先在议事会议上录入业主表决结果，再作出决议', en: 'This matter is a joint decision of the owners (Civil Code art. 278, item {item}); record the owners’ vote at a meeting before deciding' },
  OWNERS_QUORUM_NOT_MET: { status: 422, zh: '最近一次业主表决未达到“双三分之二”参与要求（专有部分面积和人数均须达到三分之二以上），不能作出决议；请组织业主重新表决', en: 'The latest owners’ vote did not reach the quorum (two thirds of the area and two thirds of the owners must take part); hold the vote again before deciding' },
  OWNERS_VOTE_REJECTED: { status: 422, zh: '最近一次业主表决未获通过（第 {item} 项须经参与表决面积和人数{majority}同意），不能按此作出决议；可退回重新协商或决定不予实施', en: 'The latest owners’ vote was rejected (item {item} needs {majorityEn} of the participating area and owners); return the matter for more consultation or decide not to proceed' },
  OPINION_RATE_LIMITED: { status: 429, zh: '提交过于频繁：同一网络每小时最多向本小区提交 {max} 条意见，请稍后再试，或直接联系小区党组织', en: 'Too many submissions: at most {max} opinions an hour from one network to this compound; try again later or contact the compound party organisation' },
  RATING_RATE_LIMITED: { status: 429, zh: '您已评价过该事项，每个网络每天只能评价一次', en: 'You have already rated this matter; one rating per network per day' },
  MATTER_NOT_RATEABLE: { status: 409, zh: '该事项尚未定议并落实，暂不能评价；落实后再来评价', en: 'This matter has not been decided and carried out yet; rate it once the result is reported' },
  OPEN311_API_KEY_INVALID: { status: 403, zh: '缺少 api_key 或 api_key 无效：提交诉求须使用向本平台申请的密钥', en: 'The api_key is missing or not valid: submitting a request needs a key issued by this platform' },
  OPEN311_FORMAT_UNSUPPORTED: { status: 400, zh: '本接口只提供 JSON 格式：请把地址中的 .{format} 换成 .json', en: 'Only JSON is served: replace .{format} with .json in the address' },
  OPEN311_LOCATION_REQUIRED: { status: 400, zh: '请给出位置：经纬度（lat 和 long）、小区编号（address_id），或含有小区名称的地址（address_string）', en: 'Give a location: lat and long, a compound id (address_id), or an address_string naming a compound' },
  OPEN311_LOCATION_OUTSIDE: { status: 400, zh: '该位置 {radius} 米内没有本平台登记的小区或社区，无法受理；请核对经纬度，或拨打 12345 反映', en: 'No compound or community registered here lies within {radius} m of that point; check the coordinates, or call 12345' },
  OPEN311_ADDRESS_AMBIGUOUS: { status: 400, zh: '地址未能确定到唯一小区（{count} 个匹配）；请同时给出经纬度或小区编号', en: 'The address does not name exactly one compound ({count} match); also give lat/long or the compound id' },
  OPEN311_RATE_LIMITED: { status: 429, zh: '提交过于频繁：同一网络每小时最多提交 {max} 件诉求，请稍后再试或拨打 12345', en: 'Too many submissions: at most {max} requests an hour from one network; try again later or call 12345' },
  INCIDENT_CONFIRMATION_REQUIRED: { status: 409, zh: '该事件由居民或热线反映，核查通过后须先请反映人确认（“核查通过”），不能直接结案', en: 'A resident or the hotline reported this incident: after verifying, ask the reporter to confirm (“Verified”) instead of closing directly' },
  INCIDENT_CONFIRMATION_NOT_NEEDED: { status: 409, zh: '该事件由工作人员上报，无需反映人确认，核查通过后请直接结案', en: 'Staff reported this incident, so no reporter confirmation is needed; close it once verified' },
  INCIDENT_CONFIRMATION_PENDING: { status: 409, zh: '反映人确认期至 {until} 结束，请等待反映人确认或期满后再结案', en: 'The reporter has until {until} to confirm; wait for the answer or for the period to end before closing' },
  INCIDENT_CONFIRMATION_OVER: { status: 409, zh: '确认期已于 {until} 结束；如问题仍在，请重新反映', en: 'The confirmation period ended at {until}; if the problem is still there, report it again' },
  INCIDENT_SELF_HANDLE_NOT_ALLOWED: { status: 409, zh: '只有网格员巡查发现的事件可以自行处置', en: 'Only incidents a grid worker finds on patrol can be solved on the spot' },
  INCIDENT_CATEGORIES_MISSING: { status: 409, zh: '尚未发布事件分类，请先由管理员发布分类版本', en: 'No incident categories are published yet; an administrator must publish a version first' },
  DISPUTE_SESSION_REQUIRED: { status: 409, zh: '请先记录至少一次调解（时间、地点、到场调解员、经过），再登记达成协议', en: 'Record at least one mediation session (date, place, mediators present, notes) before recording an agreement' },
  DISPUTE_MEDIATOR_REQUIRED: { status: 409, zh: '请先指派调解员，再记录调解', en: 'Assign a mediator before recording a mediation session' },
  DISPUTE_NOT_RELAPSED: { status: 409, zh: '只有回访发现“反复”的纠纷才能重新调解', en: 'Only a dispute the return visit found relapsed can be mediated again' },
  CAMPAIGN_NOT_PLANNED: { status: 409, zh: '专项整治当前为“{statusZh}”，只有“计划中”的整治才能修改区域、问题类别或启动', en: 'The campaign is {statusEn}; only a planned campaign can change its region or problem types, or be started' },
  CAMPAIGN_NOT_RUNNING: { status: 409, zh: '专项整治未在进行中（当前：{statusZh}），不能检查、增加任务或结束', en: 'The campaign is not running (now: {statusEn}); tasks cannot be inspected or added, nor the campaign finished' },
  CAMPAIGN_FINISHED: { status: 409, zh: '专项整治已结束，不能再修改', en: 'The campaign has finished and can no longer be changed' },
  CAMPAIGN_NO_COMPOUNDS: { status: 409, zh: '该区域下没有小区，无法生成检查任务；请先在台账中登记小区', en: 'There are no compounds in this region, so no inspection tasks can be created; register the compounds first' },
  CAMPAIGN_TASKS_OPEN: { status: 409, zh: '还有 {count} 个小区未检查；请完成检查，或逐一说明理由免检后再结束', en: '{count} compounds are not inspected yet; inspect them, or waive each one with a reason, before finishing' },
  CAMPAIGN_COMPOUNDS_UNLISTED: { status: 409, zh: '有 {count} 个小区在整治启动后登记、尚无检查任务；请逐一加入任务（再检查或免检）后再结束', en: '{count} compounds were registered after the start and have no task; add each one (then inspect or waive it) before finishing' },
  CAMPAIGN_TASK_CLOSED: { status: 409, zh: '该小区的检查任务已{statusZh}，不能重复检查', en: 'This compound’s task is already {statusEn}; it cannot be inspected again' },
  ESCALATION_AT_TOP: { status: 409, zh: '该事件已在最高一级（{place}），不能再上报', en: 'The incident is already at the top level ({place}); it cannot rise further' },
  ESCALATION_NOT_ALLOWED: { status: 403, zh: '只有当前层级（{place}）的派遣员或处置人员可以上报上一级', en: 'Only a dispatcher or handler at the current level ({place}) can escalate it' },
  ESCALATION_INCIDENT_ENDED: { status: 409, zh: '该事件已办结或作废，不能再上报', en: 'The incident has ended; it cannot be escalated' },
  JOINT_BODY_EXISTS: { status: 409, zh: '{place} 已设立联席会议，请在原有联席会议中调整成员和轮值', en: '{place} already has a joint meeting; change its members and rota there' },
  JOINT_TASK_DONE: { status: 409, zh: '该任务已于 {doneAt} 完成，不能再修改', en: 'This task was completed at {doneAt} and can no longer be changed' },
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
