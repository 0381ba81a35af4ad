import type { FieldProblem } from '../../../shared/errors.ts';
import type { MethodTemplateBody, StageDef, TransitionDef } from '../../../shared/method-template.ts';

// Pure helpers of the template editor: a blank template, the clean-up before validating and saving, stage renames that
// follow their references, and where each validation problem is shown.

/** A problem as the editor lists it: path, code, message in the UI language, and whether the server said it. */
export interface Problem {
  field: string;
  code: string;
  message: string;
  server?: boolean;
}

/** A new method's starting point: one open stage, one terminal stage, one transition between them. */
export function blankTemplate(): MethodTemplateBody {
  return {
    key: '',
    name: { zh: '', en: '' },
    initial: 'raised',
    stages: [
      { key: 'raised', name: { zh: '提出', en: 'Raised' }, deadline: { amount: 5, unit: 'working_days' } },
      { key: 'closed', name: { zh: '已办结', en: 'Closed' }, terminal: true },
    ],
    transitions: [{ event: 'close', name: { zh: '办结', en: 'Close' }, from: ['raised'], to: 'closed', who: ['community_worker'] }],
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether the tables can edit this value (else only the JSON tab can, until it is fixed). */
export function isEditable(v: unknown): v is MethodTemplateBody {
  return isObj(v) && Array.isArray(v.stages) && v.stages.every(isObj) && Array.isArray(v.transitions) && v.transitions.every(isObj) && (v.name === undefined || isObj(v.name));
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const nameBlank = (n: unknown) => isObj(n) && blank(n.zh) && blank(n.en);

/**
 * The template as it is validated and saved: optional parts left empty in the tables are dropped (an owner not chosen,
 * a deadline without an amount, an empty transition name, no inputs), and a single `from` becomes a plain string.
 */
export function normalise(body: MethodTemplateBody): MethodTemplateBody {
  if (!isEditable(body)) return body;
  const out: MethodTemplateBody = { ...body };
  if (blank(out.description)) delete out.description;
  out.stages = body.stages.map((s) => {
    const x: StageDef = { ...s };
    if (!x.terminal) delete x.terminal;
    if (!x.deadline || blank(x.deadline.amount)) delete x.deadline;
    if (blank(x.owner)) delete x.owner;
    return x;
  });
  out.transitions = body.transitions.map((t) => {
    const x: TransitionDef = { ...t };
    if (nameBlank(x.name)) delete x.name;
    if (Array.isArray(x.from) && x.from.length === 1) x.from = x.from[0];
    if (Array.isArray(x.inputs)) {
      x.inputs = x.inputs.map((i) => {
        const y = { ...i };
        if (nameBlank(y.name)) delete y.name;
        if (y.kind !== 'choice') delete y.options;
        if (blank(y.min)) delete y.min;
        if (blank(y.max)) delete y.max;
        return y;
      });
      if (x.inputs.length === 0) delete x.inputs;
    }
    if (x.resetsDeadline === undefined || x.resetsDeadline === null) delete x.resetsDeadline;
    if (blank(x.deadlineInput)) delete x.deadlineInput;
    if (blank(x.counts)) delete x.counts;
    return x;
  });
  return out;
}

/** The stages a transition leaves from, as a list (the tables always edit a list). */
export function fromList(t: TransitionDef): string[] {
  return t.from === undefined || t.from === '' ? [] : Array.isArray(t.from) ? t.from : [t.from];
}

/** Renames stage `index`; the initial stage and every transition naming the old key follow, when that key was unique. */
export function renameStage(body: MethodTemplateBody, index: number, key: string): MethodTemplateBody {
  const old = body.stages[index]?.key;
  const stages = body.stages.map((s, i) => (i === index ? { ...s, key } : s));
  // A key cleared to nothing keeps the references, so typing it again reconnects them.
  const follow = !!old && !!key && body.stages.filter((s) => s.key === old).length === 1;
  if (!follow) return { ...body, stages };
  const swap = (k: string) => (k === old ? key : k);
  return {
    ...body,
    stages,
    initial: body.initial === old ? key : body.initial,
    transitions: body.transitions.map((t) => ({ ...t, from: Array.isArray(t.from) ? t.from.map(swap) : swap(t.from), to: swap(t.to) })),
  };
}

/** The list with item i moved by delta places (kept inside the list). */
export function moveItem<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = Math.max(0, Math.min(list.length - 1, i + delta));
  const out = [...list];
  const [x] = out.splice(i, 1);
  out.splice(j, 0, x);
  return out;
}

/**
 * The editor field a problem is shown under: an element of `from` or `who` under the whole picker, a deadline's amount
 * or unit under the deadline cell, a missing `{ zh, en }` name under its Chinese name.
 */
export function anchorOf(field: string): string {
  const list = /^(transitions\.\d+\.(?:from|who))\.\d+$/.exec(field);
  if (list) return list[1];
  const deadline = /^(stages\.\d+\.deadline)\.(?:amount|unit)$/.exec(field);
  if (deadline) return deadline[1];
  if (field === 'name' || field.endsWith('.name')) return `${field}.zh`;
  return field;
}

/** The tab that holds a field, or null for the fields above the tabs. */
export function tabOf(field: string): 'stages' | 'transitions' | null {
  return field.startsWith('stages') ? 'stages' : field.startsWith('transitions') ? 'transitions' : null;
}

/** The DOM id of the control at a field path. */
export function fieldId(path: string): string {
  return `tpl-${path.replace(/\./g, '-')}`;
}

/** Problems in the UI language. */
export function localise(problems: readonly FieldProblem[], lang: 'zh-CN' | 'en'): Problem[] {
  return problems.map((p) => ({ field: p.field, code: p.code, message: lang === 'en' ? p.en : p.zh }));
}

/** The editor's own problems followed by the server's that the editor did not find (same field and code count once). */
export function mergeProblems(local: readonly Problem[], server: readonly Problem[]): Problem[] {
  const seen = new Set(local.map((p) => `${p.field}\u0000${p.code}`));
  return [...local, ...server.filter((p) => !seen.has(`${p.field}\u0000${p.code}`)).map((p) => ({ ...p, server: true }))];
}
