import type { FieldProblem } from '../../../shared/errors.ts';
import {
  checkInputValue, fromStages, inputProblem, isBlank, RELATION_ROLES,
  type I18nName, type InputDef, type MethodTemplateBody, type RelationRole, type StageDef, type TransitionDef,
} from '../../../shared/method-template.ts';
import { cstDate, dueAfter, endOfCstDay, type WorkCalendar } from './calendar.ts';

/** Who holds a relation role on one instance: a user or organisation id, or several. */
export type Relations = Partial<Record<RelationRole, string | string[]>>;

/** The part of an instance the engine decides on. */
export interface InstanceState {
  stage: string;
  dueAt: string | null;
  counters: Record<string, number>;
}

/** Who fires an event: the user, the roles they hold at the instance's place, the relation roles they hold on it. */
export interface MethodActor {
  userId: string | null;
  /** Role keys granted over the instance's place; '*' (the system actor) may fire anything. */
  roleKeys: readonly string[];
  relations: readonly string[];
}

/** Why an event cannot be fired. */
export type FireFailureCode = 'EVENT_NOT_ALLOWED_IN_STAGE' | 'ROLE_NOT_ALLOWED' | 'INPUT_MISSING' | 'INPUT_INVALID' | 'INSTANCE_CLOSED';

/** The timeline entry a fired event produces. */
export interface FiredEvent {
  event: string;
  fromStage: string;
  toStage: string;
  at: string;
  input: Record<string, unknown>;
  oldDueAt: string | null;
  newDueAt: string | null;
}

/** The outcome of fire(): the next state and the event, or a refusal with a code and the problems. */
export type FireResult =
  | { ok: true; next: InstanceState & { stageChanged: boolean; terminal: boolean }; event: FiredEvent }
  | { ok: false; code: FireFailureCode; params: Record<string, string | number>; fields: FieldProblem[] };

/** A stage by key. */
export function stageOf(t: MethodTemplateBody, key: string): StageDef | undefined {
  return t.stages.find((s) => s.key === key);
}

/** Whether the stage ends the method. */
export function isTerminal(t: MethodTemplateBody, key: string): boolean {
  return stageOf(t, key)?.terminal === true;
}

/** The transition an event takes from a stage, if any (validation guarantees at most one). */
export function transitionFor(t: MethodTemplateBody, stage: string, event: string): TransitionDef | undefined {
  return t.transitions.find((x) => x.event === event && fromStages(x).includes(stage));
}

/** Whether the actor is among the transition's `who` by role or relation. */
export function mayFire(t: TransitionDef, actor: MethodActor): boolean {
  if (actor.roleKeys.includes('*')) return true;
  return t.who.some((w) => actor.roleKeys.includes(w) || actor.relations.includes(w));
}

/** The relation roles an actor holds on an instance, given the ids that stand for them (their user id, their organisations). */
export function heldRelations(relations: Relations, ids: readonly (string | null)[]): RelationRole[] {
  const mine = new Set(ids.filter((x): x is string => !!x));
  return RELATION_ROLES.filter((r) => {
    const v = relations[r];
    return v !== undefined && (Array.isArray(v) ? v : [v]).some((x) => mine.has(x));
  });
}

/** Checks the relations given when an instance starts: known relation roles, each an id or a list of ids. */
export function checkRelations(raw: unknown): FieldProblem[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) return [inputProblem('relations', 'INPUT_NOT_ID_LIST')];
  const out: FieldProblem[] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (!(RELATION_ROLES as readonly string[]).includes(k)) out.push(inputProblem(`relations.${k}`, 'INPUT_NOT_IN_LIST', { allowed: RELATION_ROLES.join(', ') }));
    const list = Array.isArray(v) ? v : [v];
    if (list.length === 0 || !list.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 64)) out.push(inputProblem(`relations.${k}`, 'INPUT_NOT_ID_LIST'));
  }
  return out;
}

/** The state an instance starts in, with the initial stage's deadline running from now. */
export function initialState(t: MethodTemplateBody, now: Date, cal: WorkCalendar): InstanceState {
  const s = stageOf(t, t.initial)!;
  return { stage: s.key, dueAt: s.deadline ? dueAfter(now, s.deadline, cal).toISOString() : null, counters: {} };
}

function checkInputs(defs: readonly InputDef[], input: Record<string, unknown>, today: string, deadlineInput: string | undefined) {
  const fields: FieldProblem[] = [];
  const missing: string[] = [];
  const invalid: string[] = [];
  const values: Record<string, unknown> = {};
  for (const def of defs) {
    const raw = input[def.key];
    if (isBlank(raw)) {
      if (def.required) { missing.push(def.key); fields.push(inputProblem(`input.${def.key}`, 'REQUIRED')); }
      continue;
    }
    const r = checkInputValue(def, raw, `input.${def.key}`);
    if (!r.ok) { invalid.push(def.key); fields.push(r.problem); continue; }
    if (def.key === deadlineInput && (r.value as string) < today) {
      invalid.push(def.key);
      fields.push(inputProblem(`input.${def.key}`, 'INPUT_OUT_OF_RANGE', { min: today, max: '…' }));
      continue;
    }
    values[def.key] = r.value;
  }
  for (const k of Object.keys(input)) {
    if (!defs.some((d) => d.key === k)) { invalid.push(k); fields.push(inputProblem(`input.${k}`, 'INPUT_UNKNOWN')); }
  }
  return { fields, missing, invalid, values };
}

/**
 * Decides one event on one instance, touching nothing: whether the stage allows it, whether the actor may fire it,
 * whether the inputs are complete and well formed; and if so the next stage, due time and counters, and the timeline entry.
 */
export function fire(
  template: MethodTemplateBody, instance: InstanceState, event: string, actor: MethodActor,
  input: Record<string, unknown>, now: Date, calendar: WorkCalendar,
): FireResult {
  const refuse = (code: FireFailureCode, params: Record<string, string | number>, fields: FieldProblem[] = []) => ({ ok: false as const, code, params, fields });
  if (isTerminal(template, instance.stage)) return refuse('INSTANCE_CLOSED', { stage: instance.stage });
  const t = transitionFor(template, instance.stage, event);
  if (!t) return refuse('EVENT_NOT_ALLOWED_IN_STAGE', { event, stage: instance.stage });
  if (!mayFire(t, actor)) return refuse('ROLE_NOT_ALLOWED', { event, who: t.who.join(', ') });
  const checked = checkInputs(t.inputs ?? [], input ?? {}, cstDate(now), t.deadlineInput);
  if (checked.missing.length) return refuse('INPUT_MISSING', { inputs: checked.missing.join(', ') }, checked.fields);
  if (checked.invalid.length) return refuse('INPUT_INVALID', { inputs: checked.invalid.join(', ') }, checked.fields);

  const to = stageOf(template, t.to)!;
  const stageChanged = t.to !== instance.stage;
  let dueAt: string | null;
  const byDate = t.deadlineInput ? (checked.values[t.deadlineInput] as string | undefined) : undefined;
  if (to.terminal) dueAt = null;
  else if (byDate) dueAt = endOfCstDay(byDate).toISOString();
  else if (t.resetsDeadline ?? stageChanged) dueAt = to.deadline ? dueAfter(now, to.deadline, calendar).toISOString() : null;
  else dueAt = instance.dueAt;
  const counters = { ...instance.counters };
  if (t.counts) counters[t.counts] = (counters[t.counts] ?? 0) + 1;
  return {
    ok: true,
    next: { stage: to.key, dueAt, counters, stageChanged, terminal: to.terminal === true },
    event: { event, fromStage: instance.stage, toStage: to.key, at: now.toISOString(), input: checked.values, oldDueAt: instance.dueAt, newDueAt: dueAt },
  };
}

/** An event the actor may fire now, described for the UI's action buttons and forms. */
export interface AvailableEvent {
  event: string;
  name: I18nName | null;
  to: string;
  toName: I18nName;
  inputs: InputDef[];
}

/** The events the actor may fire in the instance's current stage (none once it is closed). */
export function availableEvents(template: MethodTemplateBody, instance: Pick<InstanceState, 'stage'>, actor: MethodActor): AvailableEvent[] {
  if (isTerminal(template, instance.stage)) return [];
  return template.transitions
    .filter((t) => fromStages(t).includes(instance.stage) && mayFire(t, actor))
    .map((t) => ({ event: t.event, name: t.name ?? null, to: t.to, toName: stageOf(template, t.to)!.name, inputs: t.inputs ?? [] }));
}

/** Every attachment id an event's inputs refer to, and whether it must be a photo. */
export function attachmentRefs(template: MethodTemplateBody, stage: string, event: string, input: Record<string, unknown>): { id: string; field: string; photo: boolean }[] {
  const t = transitionFor(template, stage, event);
  const out: { id: string; field: string; photo: boolean }[] = [];
  for (const def of t?.inputs ?? []) {
    if (def.kind !== 'photos' && def.kind !== 'attachments') continue;
    const v = input[def.key];
    if (Array.isArray(v)) v.forEach((id, i) => out.push({ id: String(id), field: `input.${def.key}.${i}`, photo: def.kind === 'photos' }));
  }
  return out;
}
