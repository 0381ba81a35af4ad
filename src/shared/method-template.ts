import type { FieldProblem } from './errors.ts';

// Method templates ("methods are data"): the JSON a city stores for a governance method, and the checks the server runs on
// save and the template editor runs while typing. Isomorphic: no I/O.

/** A label in both UI languages. */
export interface I18nName {
  zh: string;
  en: string;
}

/** How a stage deadline is counted: natural time, or working time on the working-day calendar. */
export const DEADLINE_UNITS = ['natural_days', 'working_days', 'natural_hours', 'working_hours'] as const;
/** A deadline unit. */
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** A stage's time limit, counted from the moment the instance enters the stage. */
export interface Deadline {
  amount: number;
  unit: DeadlineUnit;
}

/** One stage of a method. */
export interface StageDef {
  key: string;
  name: I18nName;
  /** The method ends here: no transition may leave it. */
  terminal?: boolean;
  deadline?: Deadline;
  /** Who answers for the stage (a role or relation role), for overdue lists. */
  owner?: string;
}

/** What a transition may ask the actor to supply. */
export const INPUT_KINDS = ['text', 'decision_text', 'minutes', 'vote_result', 'photos', 'attachments', 'satisfaction', 'date', 'number', 'choice'] as const;
/** An input kind. */
export type InputKind = (typeof INPUT_KINDS)[number];

/** One input of a transition. */
export interface InputDef {
  key: string;
  kind: InputKind;
  required: boolean;
  name?: I18nName;
  /** Allowed values of a `choice`. */
  options?: string[];
  /** Bounds of a `number`. */
  min?: number;
  max?: number;
}

/**
 * Relation roles: people (or organisations) tied to one instance when it starts, e.g. the matter's proposer. An instance
 * stores them as `relations: { proposer: userId, executor: [orgId, userId…] }`.
 */
export const RELATION_ROLES = ['proposer', 'talk_leader', 'executor', 'supervisor', 'reporter', 'participant', 'assignee', 'verifier', 'dispatcher'] as const;
/** A relation role. */
export type RelationRole = (typeof RELATION_ROLES)[number];

/** One transition: firing `event` in a `from` stage moves the instance to `to`. */
export interface TransitionDef {
  /** A verb: propose, consult, decide, execute, evaluate, reopen, publish, … */
  event: string;
  name?: I18nName;
  from: string | string[];
  to: string;
  /** Role keys (built-in or custom roles) or relation roles allowed to fire it. */
  who: string[];
  inputs?: InputDef[];
  /**
   * Deadline handling. Unset: entering another stage starts that stage's deadline, staying in the same stage keeps the
   * current one. true: always restart the target stage's deadline. false: always keep the current due time.
   */
  resetsDeadline?: boolean;
  /** Key of a `date` input that, when given, sets the due date of the target stage (e.g. execution "by the date decided", 延期). */
  deadlineInput?: string;
  /** A counter bumped by one each time (e.g. 'rework' for 返工). */
  counts?: string;
}

/** The template body: what is versioned and validated. */
export interface MethodTemplateBody {
  key: string;
  name: I18nName;
  description?: string;
  stages: StageDef[];
  initial: string;
  transitions: TransitionDef[];
}

/** Codes of template problems, each with messages for the editor. */
export const TEMPLATE_PROBLEMS = {
  TEMPLATE_UNKNOWN_STAGE: { zh: '没有这个阶段：{value}', en: 'No such stage: {value}' },
  TEMPLATE_UNREACHABLE_STAGE: { zh: '从起始阶段无法到达阶段 {value}', en: 'Stage {value} cannot be reached from the initial stage' },
  TEMPLATE_TERMINAL_HAS_EXIT: { zh: '终止阶段 {value} 不能再有后续流转', en: 'Terminal stage {value} cannot have an exit' },
  TEMPLATE_NO_TERMINAL: { zh: '至少需要一个终止阶段', en: 'At least one stage must be terminal' },
  TEMPLATE_DEAD_END: { zh: '非终止阶段 {value} 没有任何出口，事项会卡在这里', en: 'Non-terminal stage {value} has no exit; instances would be stuck there' },
  TEMPLATE_UNKNOWN_ROLE: { zh: '没有这个角色：{value}', en: 'No such role: {value}' },
  TEMPLATE_UNKNOWN_INPUT_KIND: { zh: '不支持的填写项类型：{value}（可用：{allowed}）', en: 'Unsupported input kind: {value} (allowed: {allowed})' },
  TEMPLATE_DUPLICATE_STAGE: { zh: '阶段重复：{value}', en: 'Duplicate stage: {value}' },
  TEMPLATE_DUPLICATE_EVENT_FROM: { zh: '动作 {value} 在阶段 {stage} 已定义过', en: 'Event {value} is already defined from stage {stage}' },
  TEMPLATE_DUPLICATE_INPUT: { zh: '填写项重复：{value}', en: 'Duplicate input: {value}' },
  TEMPLATE_BAD_DEADLINE: { zh: '时限无效：{detail}', en: 'Invalid deadline: {detail}' },
  TEMPLATE_BAD_KEY: { zh: '标识只能用小写字母、数字和下划线，以字母开头，最多 40 位：{value}', en: 'Keys use lower-case letters, digits and _, start with a letter, at most 40 characters: {value}' },
  TEMPLATE_BAD_OPTIONS: { zh: '选择题需要至少两个不重复的选项', en: 'A choice needs at least two distinct options' },
  TEMPLATE_BAD_SHAPE: { zh: '格式不对：应为{expected}', en: 'Wrong shape: expected {expected}' },
  TEMPLATE_REQUIRED: { zh: '必填', en: 'Required' },
} as const;
/** A template problem code. */
export type TemplateProblemCode = keyof typeof TEMPLATE_PROBLEMS;

/** Codes of problems with a transition's inputs when an event is fired. */
export const INPUT_PROBLEMS = {
  REQUIRED: { zh: '必填', en: 'Required' },
  INPUT_UNKNOWN: { zh: '此操作没有这个填写项', en: 'This action has no such input' },
  INPUT_NOT_TEXT: { zh: '应为文字（最多 {max} 字）', en: 'Must be text (at most {max} characters)' },
  INPUT_NOT_DATE: { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates look like YYYY-MM-DD' },
  INPUT_NOT_NUMBER: { zh: '应为数字', en: 'Must be a number' },
  INPUT_OUT_OF_RANGE: { zh: '应在 {min} 到 {max} 之间', en: 'Must be between {min} and {max}' },
  INPUT_NOT_IN_LIST: { zh: '只能取以下值之一：{allowed}', en: 'Must be one of: {allowed}' },
  INPUT_NOT_ID_LIST: { zh: '应为附件编号列表', en: 'Must be a list of attachment ids' },
  INPUT_BAD_VOTE: { zh: '表决结果应包含赞成、反对、弃权票数（非负整数）', en: 'A vote result gives for, against and abstain counts (whole numbers from 0)' },
  INPUT_ATTACHMENT_UNKNOWN: { zh: '找不到附件或无权使用：{value}', en: 'Attachment not found or not yours to use: {value}' },
  INPUT_NOT_IMAGE: { zh: '应为照片（JPEG、PNG 或 WebP）：{value}', en: 'Must be a photo (JPEG, PNG or WebP): {value}' },
} as const;
/** An input problem code. */
export type InputProblemCode = keyof typeof INPUT_PROBLEMS;

function fill(t: string, params: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** A problem with one element of a template, with both messages. */
export function templateProblem(field: string, code: TemplateProblemCode, params: Record<string, string | number> = {}): FieldProblem {
  const m = TEMPLATE_PROBLEMS[code];
  return { field, code, zh: fill(m.zh, params), en: fill(m.en, params) };
}

/** A problem with one input of a fired event, with both messages. */
export function inputProblem(field: string, code: InputProblemCode, params: Record<string, string | number> = {}): FieldProblem {
  const m = INPUT_PROBLEMS[code];
  return { field, code, zh: fill(m.zh, params), en: fill(m.en, params) };
}

/** Keys of templates, stages, events, inputs and counters. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
/** Longest text an input takes (minutes can be long). */
export const MAX_INPUT_TEXT = 20_000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

function checkName(v: unknown, field: string, out: FieldProblem[]): void {
  if (!isObj(v)) { out.push(templateProblem(field, v === undefined ? 'TEMPLATE_REQUIRED' : 'TEMPLATE_BAD_SHAPE', { expected: '{ zh, en }' })); return; }
  if (!isStr(v.zh)) out.push(templateProblem(`${field}.zh`, 'TEMPLATE_REQUIRED'));
  if (!isStr(v.en)) out.push(templateProblem(`${field}.en`, 'TEMPLATE_REQUIRED'));
}

function checkKey(v: unknown, field: string, out: FieldProblem[]): v is string {
  if (v === undefined || v === null || v === '') { out.push(templateProblem(field, 'TEMPLATE_REQUIRED')); return false; }
  if (typeof v !== 'string' || !KEY_PATTERN.test(v)) { out.push(templateProblem(field, 'TEMPLATE_BAD_KEY', { value: String(v) })); return false; }
  return true;
}

function checkDeadline(v: unknown, field: string, terminal: boolean, out: FieldProblem[]): void {
  if (v === undefined || v === null) return;
  if (terminal) { out.push(templateProblem(field, 'TEMPLATE_BAD_DEADLINE', { detail: 'terminal stage / 终止阶段无时限' })); return; }
  if (!isObj(v)) { out.push(templateProblem(field, 'TEMPLATE_BAD_DEADLINE', { detail: '{ amount, unit }' })); return; }
  const { amount, unit } = v;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > 3650) {
    out.push(templateProblem(`${field}.amount`, 'TEMPLATE_BAD_DEADLINE', { detail: 'amount 1–3650' }));
  }
  if (!DEADLINE_UNITS.includes(unit as DeadlineUnit)) {
    out.push(templateProblem(`${field}.unit`, 'TEMPLATE_BAD_DEADLINE', { detail: `unit ∈ ${DEADLINE_UNITS.join('|')}` }));
  }
}

function checkRole(v: unknown, field: string, roles: ReadonlySet<string>, out: FieldProblem[]): void {
  if (typeof v !== 'string' || !(roles.has(v) || (RELATION_ROLES as readonly string[]).includes(v))) {
    out.push(templateProblem(field, 'TEMPLATE_UNKNOWN_ROLE', { value: String(v) }));
  }
}

function checkInputs(v: unknown, field: string, out: FieldProblem[]): Map<string, InputKind> {
  const seen = new Map<string, InputKind>();
  if (v === undefined) return seen;
  if (!Array.isArray(v)) { out.push(templateProblem(field, 'TEMPLATE_BAD_SHAPE', { expected: '[]' })); return seen; }
  v.forEach((inp, k) => {
    const f = `${field}.${k}`;
    if (!isObj(inp)) { out.push(templateProblem(f, 'TEMPLATE_BAD_SHAPE', { expected: '{ key, kind, required }' })); return; }
    if (checkKey(inp.key, `${f}.key`, out)) {
      if (seen.has(inp.key)) out.push(templateProblem(`${f}.key`, 'TEMPLATE_DUPLICATE_INPUT', { value: inp.key }));
    }
    const kindOk = INPUT_KINDS.includes(inp.kind as InputKind);
    if (!kindOk) out.push(templateProblem(`${f}.kind`, 'TEMPLATE_UNKNOWN_INPUT_KIND', { value: String(inp.kind), allowed: INPUT_KINDS.join(', ') }));
    else if (typeof inp.key === 'string' && !seen.has(inp.key)) seen.set(inp.key, inp.kind as InputKind);
    if (typeof inp.required !== 'boolean') out.push(templateProblem(`${f}.required`, 'TEMPLATE_BAD_SHAPE', { expected: 'true / false' }));
    if (inp.name !== undefined) checkName(inp.name, `${f}.name`, out);
    if (inp.kind === 'choice') {
      const o = inp.options;
      if (!Array.isArray(o) || o.length < 2 || !o.every(isStr) || new Set(o).size !== o.length) out.push(templateProblem(`${f}.options`, 'TEMPLATE_BAD_OPTIONS'));
    }
    for (const b of ['min', 'max'] as const) {
      if (inp[b] !== undefined && (typeof inp[b] !== 'number' || !Number.isFinite(inp[b]))) out.push(templateProblem(`${f}.${b}`, 'TEMPLATE_BAD_SHAPE', { expected: 'number' }));
    }
  });
  return seen;
}

/**
 * Checks a template and returns every problem, each naming its element by path (`stages.3.key`, `transitions.2.who.0`).
 * `roleKeys` are the role keys the place knows (built-in and custom); relation roles are always known. Empty means valid.
 */
export function validateTemplate(raw: unknown, roleKeys: readonly string[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isObj(raw)) return [templateProblem('', 'TEMPLATE_BAD_SHAPE', { expected: '{ key, name, stages, initial, transitions }' })];
  const roles = new Set(roleKeys);
  checkKey(raw.key, 'key', out);
  checkName(raw.name, 'name', out);
  if (raw.description !== undefined && typeof raw.description !== 'string') out.push(templateProblem('description', 'TEMPLATE_BAD_SHAPE', { expected: 'text' }));

  const stages = new Map<string, { index: number; terminal: boolean }>();
  if (!Array.isArray(raw.stages) || raw.stages.length === 0) {
    out.push(templateProblem('stages', raw.stages === undefined || Array.isArray(raw.stages) ? 'TEMPLATE_REQUIRED' : 'TEMPLATE_BAD_SHAPE', { expected: '[]' }));
  } else {
    raw.stages.forEach((s, i) => {
      const f = `stages.${i}`;
      if (!isObj(s)) { out.push(templateProblem(f, 'TEMPLATE_BAD_SHAPE', { expected: '{ key, name }' })); return; }
      if (checkKey(s.key, `${f}.key`, out)) {
        if (stages.has(s.key)) out.push(templateProblem(`${f}.key`, 'TEMPLATE_DUPLICATE_STAGE', { value: s.key }));
        else stages.set(s.key, { index: i, terminal: s.terminal === true });
      }
      checkName(s.name, `${f}.name`, out);
      if (s.terminal !== undefined && typeof s.terminal !== 'boolean') out.push(templateProblem(`${f}.terminal`, 'TEMPLATE_BAD_SHAPE', { expected: 'true / false' }));
      checkDeadline(s.deadline, `${f}.deadline`, s.terminal === true, out);
      if (s.owner !== undefined) checkRole(s.owner, `${f}.owner`, roles, out);
    });
    if (stages.size > 0 && ![...stages.values()].some((s) => s.terminal)) out.push(templateProblem('stages', 'TEMPLATE_NO_TERMINAL'));
  }

  const initialOk = typeof raw.initial === 'string' && stages.has(raw.initial);
  if (raw.initial === undefined || raw.initial === '') out.push(templateProblem('initial', 'TEMPLATE_REQUIRED'));
  else if (!initialOk && stages.size > 0) out.push(templateProblem('initial', 'TEMPLATE_UNKNOWN_STAGE', { value: String(raw.initial) }));
  else if (initialOk && stages.get(raw.initial as string)!.terminal) out.push(templateProblem('initial', 'TEMPLATE_TERMINAL_HAS_EXIT', { value: String(raw.initial) }));

  const edges: [string, string][] = [];
  const eventFrom = new Set<string>();
  if (!Array.isArray(raw.transitions)) {
    out.push(templateProblem('transitions', raw.transitions === undefined ? 'TEMPLATE_REQUIRED' : 'TEMPLATE_BAD_SHAPE', { expected: '[]' }));
  } else {
    raw.transitions.forEach((t, j) => {
      const f = `transitions.${j}`;
      if (!isObj(t)) { out.push(templateProblem(f, 'TEMPLATE_BAD_SHAPE', { expected: '{ event, from, to, who }' })); return; }
      const eventOk = checkKey(t.event, `${f}.event`, out);
      if (t.name !== undefined) checkName(t.name, `${f}.name`, out);
      const froms = Array.isArray(t.from) ? t.from : [t.from];
      if (t.from === undefined || froms.length === 0) out.push(templateProblem(`${f}.from`, 'TEMPLATE_REQUIRED'));
      const toOk = typeof t.to === 'string' && stages.has(t.to);
      if (t.to === undefined || t.to === '') out.push(templateProblem(`${f}.to`, 'TEMPLATE_REQUIRED'));
      else if (!toOk) out.push(templateProblem(`${f}.to`, 'TEMPLATE_UNKNOWN_STAGE', { value: String(t.to) }));
      froms.forEach((from, k) => {
        const ff = Array.isArray(t.from) ? `${f}.from.${k}` : `${f}.from`;
        if (typeof from !== 'string' || !stages.has(from)) {
          if (t.from !== undefined) out.push(templateProblem(ff, 'TEMPLATE_UNKNOWN_STAGE', { value: String(from) }));
          return;
        }
        if (stages.get(from)!.terminal) out.push(templateProblem(ff, 'TEMPLATE_TERMINAL_HAS_EXIT', { value: from }));
        if (eventOk) {
          const pair = `${String(t.event)}\u0000${from}`;
          if (eventFrom.has(pair)) out.push(templateProblem(`${f}.event`, 'TEMPLATE_DUPLICATE_EVENT_FROM', { value: String(t.event), stage: from }));
          eventFrom.add(pair);
        }
        if (toOk) edges.push([from, t.to as string]);
      });
      if (!Array.isArray(t.who) || t.who.length === 0) out.push(templateProblem(`${f}.who`, Array.isArray(t.who) || t.who === undefined ? 'TEMPLATE_REQUIRED' : 'TEMPLATE_BAD_SHAPE', { expected: '[]' }));
      else t.who.forEach((w, k) => checkRole(w, `${f}.who.${k}`, roles, out));
      const inputs = checkInputs(t.inputs, `${f}.inputs`, out);
      if (t.resetsDeadline !== undefined && typeof t.resetsDeadline !== 'boolean') out.push(templateProblem(`${f}.resetsDeadline`, 'TEMPLATE_BAD_SHAPE', { expected: 'true / false' }));
      if (t.deadlineInput !== undefined && inputs.get(String(t.deadlineInput)) !== 'date') {
        out.push(templateProblem(`${f}.deadlineInput`, 'TEMPLATE_BAD_DEADLINE', { detail: 'must name a date input / 须为本操作的日期填写项' }));
      }
      if (t.counts !== undefined) checkKey(t.counts, `${f}.counts`, out);
    });
  }

  const unreachable = new Set<string>();
  if (initialOk) {
    const reached = new Set<string>([raw.initial as string]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [a, b] of edges) if (reached.has(a) && !reached.has(b)) { reached.add(b); grew = true; }
    }
    for (const [key, s] of stages) {
      if (reached.has(key)) continue;
      unreachable.add(key);
      out.push(templateProblem(`stages.${s.index}.key`, 'TEMPLATE_UNREACHABLE_STAGE', { value: key }));
    }
  }
  // A stage nobody can leave traps its instances; an unreachable one is already reported.
  const exits = new Set(edges.map(([a]) => a));
  for (const [key, s] of stages) {
    if (!s.terminal && !exits.has(key) && !unreachable.has(key) && Array.isArray(raw.transitions)) out.push(templateProblem(`stages.${s.index}.key`, 'TEMPLATE_DEAD_END', { value: key }));
  }
  return out;
}

/** The stages a transition leaves from, as a list. */
export function fromStages(t: TransitionDef): string[] {
  return asList(t.from) as string[];
}

/** A vote tally as an input of kind vote_result. */
export interface VoteResult {
  for: number;
  against: number;
  abstain: number;
  /** How many could vote (optional; the deliberation module checks quorums). */
  eligible?: number;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Whether s is a real calendar date YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Checks one input value against its definition; returns the value as stored (trimmed text, de-duplicated ids) or the
 * problem. Attachment ids are only checked for shape here: whether they exist is the server's business.
 */
export function checkInputValue(def: InputDef, value: unknown, field: string): { ok: true; value: unknown } | { ok: false; problem: FieldProblem } {
  const bad = (code: InputProblemCode, params: Record<string, string | number> = {}) => ({ ok: false as const, problem: inputProblem(field, code, params) });
  switch (def.kind) {
    case 'text':
    case 'decision_text':
    case 'minutes':
      if (typeof value !== 'string' || value.length > MAX_INPUT_TEXT) return bad('INPUT_NOT_TEXT', { max: MAX_INPUT_TEXT });
      return { ok: true, value: value.trim() };
    case 'vote_result': {
      if (!isObj(value) || !isCount(value.for) || !isCount(value.against) || !isCount(value.abstain) || (value.eligible !== undefined && !isCount(value.eligible))) return bad('INPUT_BAD_VOTE');
      const v: VoteResult = { for: value.for as number, against: value.against as number, abstain: value.abstain as number };
      if (value.eligible !== undefined) v.eligible = value.eligible as number;
      return { ok: true, value: v };
    }
    case 'photos':
    case 'attachments':
      if (!Array.isArray(value) || !value.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 64)) return bad('INPUT_NOT_ID_LIST');
      return { ok: true, value: [...new Set(value as string[])] };
    case 'satisfaction':
      if (typeof value !== 'number' || !Number.isInteger(value)) return bad('INPUT_NOT_NUMBER');
      if (value < 1 || value > 5) return bad('INPUT_OUT_OF_RANGE', { min: 1, max: 5 });
      return { ok: true, value };
    case 'date':
      return isIsoDate(value) ? { ok: true, value } : bad('INPUT_NOT_DATE');
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('INPUT_NOT_NUMBER');
      if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) return bad('INPUT_OUT_OF_RANGE', { min: def.min ?? '-∞', max: def.max ?? '∞' });
      return { ok: true, value };
    case 'choice':
      return typeof value === 'string' && (def.options ?? []).includes(value) ? { ok: true, value } : bad('INPUT_NOT_IN_LIST', { allowed: (def.options ?? []).join(', ') });
  }
}

/** Whether a value counts as "not given" for a required input. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}
