import { describe, expect, it } from 'vitest';
import { validateTemplate, type MethodTemplateBody } from '../../../shared/method-template.ts';
import { makeCalendar } from './calendar.ts';
import { availableEvents, fire, heldRelations, initialState, type InstanceState, type MethodActor } from './method.ts';
import { EXAMPLE_CALENDAR_2026, WUYI } from './presets/index.ts';
import { knownRoleKeys } from './template.service.ts';

const cal = makeCalendar(EXAMPLE_CALENDAR_2026.days);
const cst = (s: string) => new Date(s + '+08:00');
const actor = (roleKeys: string[], relations: string[] = []): MethodActor => ({ userId: 'u1', roleKeys, relations });
const secretary = actor(['compound_secretary']);
const worker = actor(['community_worker']);
const executor = actor(['grid_worker'], ['executor']);
const supervisor = actor([], ['supervisor']);

function step(state: InstanceState, event: string, who: MethodActor, input: Record<string, unknown>, at: string): InstanceState {
  const r = fire(WUYI, state, event, who, input, cst(at), cal);
  if (!r.ok) throw new Error(`${event}: ${r.code} ${JSON.stringify(r.fields)}`);
  return r.next;
}

describe('fire(): the pure engine', () => {
  it('runs 五议 from proposal to closed with the right actor at each stage', () => {
    let s = initialState(WUYI, cst('2026-09-28T09:00:00'), cal);
    expect(s).toEqual({ stage: 'proposing', dueAt: cst('2026-10-05T09:00:00').toISOString(), counters: {} });
    s = step(s, 'propose', secretary, { proposal: '加装电梯' }, '2026-09-28T10:00:00');
    s = step(s, 'consult', actor([], ['proposer']), { minutes: '居民协商会纪要' }, '2026-09-29T15:00:00');
    expect(s.stage).toBe('deciding');
    // 10 working days from Tuesday 29 September, across National Day and two make-up days.
    expect(s.dueAt).toBe(cst('2026-10-20T00:00:00').toISOString()); // 9-30, 10-8, 10-9, 10-10 (worked Saturday), 10-12 … 10-16, 10-19
    s = step(s, 'decide', worker, { decision: '同意加装', vote: { for: 30, against: 2, abstain: 1 }, due_date: '2026-12-31' }, '2026-10-09T10:00:00');
    expect([s.stage, s.dueAt]).toEqual(['executing', cst('2027-01-01T00:00:00').toISOString()]);
    s = step(s, 'execute', executor, { completion: '已完工', photos: ['a1'] }, '2026-12-01T10:00:00');
    s = step(s, 'evaluate', supervisor, { satisfaction: 2 }, '2026-12-02T10:00:00');
    s = step(s, 'reopen', supervisor, { reason: '噪音未解决' }, '2026-12-02T11:00:00');
    expect([s.stage, s.counters]).toEqual(['executing', { rework: 1 }]);
    s = step(s, 'execute', executor, { completion: '已整改', photos: ['a2'] }, '2026-12-10T10:00:00');
    s = step(s, 'evaluate', supervisor, { satisfaction: 5 }, '2026-12-11T10:00:00');
    s = step(s, 'close', worker, {}, '2026-12-11T11:00:00');
    expect([s.stage, s.dueAt]).toEqual(['closed', null]);
  });

  it('refuses an actor who holds neither the role nor the relation', () => {
    const s = initialState(WUYI, cst('2026-09-28T09:00:00'), cal);
    const r = fire(WUYI, s, 'propose', actor(['grid_worker'], ['executor']), { proposal: 'x' }, cst('2026-09-28T10:00:00'), cal);
    expect(r).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED', params: { event: 'propose', who: 'proposer, compound_secretary' } });
    expect(fire(WUYI, s, 'propose', actor([], ['proposer']), { proposal: 'x' }, cst('2026-09-28T10:00:00'), cal).ok).toBe(true);
    expect(fire(WUYI, s, 'propose', actor(['*']), { proposal: 'x' }, cst('2026-09-28T10:00:00'), cal).ok).toBe(true);
  });

  it('refuses an event the stage does not offer', () => {
    const s = initialState(WUYI, cst('2026-09-28T09:00:00'), cal);
    expect(fire(WUYI, s, 'decide', worker, {}, cst('2026-09-28T10:00:00'), cal)).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED_IN_STAGE', params: { event: 'decide', stage: 'proposing' } });
  });

  it('names every missing input, then every invalid one', () => {
    const s: InstanceState = { stage: 'executing', dueAt: null, counters: {} };
    const missing = fire(WUYI, s, 'execute', executor, { completion: '  ' }, cst('2026-10-12T10:00:00'), cal);
    expect(missing).toMatchObject({ ok: false, code: 'INPUT_MISSING', params: { inputs: 'completion, photos' } });
    expect(!missing.ok && missing.fields.map((f) => `${f.field}:${f.code}`)).toEqual(['input.completion:REQUIRED', 'input.photos:REQUIRED']);
    const bad = fire(WUYI, { ...s, stage: 'evaluating' }, 'evaluate', supervisor, { satisfaction: 6, mood: 'x' }, cst('2026-10-12T10:00:00'), cal);
    expect(bad).toMatchObject({ ok: false, code: 'INPUT_INVALID' });
    expect(!bad.ok && bad.fields.map((f) => `${f.field}:${f.code}`)).toEqual(['input.satisfaction:INPUT_OUT_OF_RANGE', 'input.mood:INPUT_UNKNOWN']);
    const vote = fire(WUYI, { ...s, stage: 'deciding' }, 'decide', worker, { decision: 'ok', vote: { for: -1 }, due_date: '2026-01-01' }, cst('2026-10-12T10:00:00'), cal);
    expect(!vote.ok && vote.fields.map((f) => `${f.field}:${f.code}`)).toEqual(['input.vote:INPUT_BAD_VOTE', 'input.due_date:INPUT_OUT_OF_RANGE']);
  });

  it('refuses anything once the instance reached a terminal stage', () => {
    const r = fire(WUYI, { stage: 'closed', dueAt: null, counters: {} }, 'reopen', actor(['*']), {}, new Date(), cal);
    expect(r).toMatchObject({ ok: false, code: 'INSTANCE_CLOSED' });
    expect(availableEvents(WUYI, { stage: 'closed' }, actor(['*']))).toEqual([]);
  });

  it('lists only the events the actor may fire in the current stage', () => {
    expect(availableEvents(WUYI, { stage: 'evaluated' }, supervisor).map((e) => e.event)).toEqual(['close', 'reopen']);
    expect(availableEvents(WUYI, { stage: 'evaluated' }, executor)).toEqual([]);
    const [propose] = availableEvents(WUYI, { stage: 'proposing' }, secretary);
    expect(propose).toMatchObject({ event: 'propose', to: 'consulting', toName: { zh: '协商共议' }, inputs: [{ key: 'proposal', kind: 'text', required: true }] });
  });

  it('keeps the due time on an extension-less self-loop and takes the new date on 延期', () => {
    const s: InstanceState = { stage: 'executing', dueAt: '2026-10-20T16:00:00.000Z', counters: {} };
    const r = fire(WUYI, s, 'extend', worker, { due_date: '2026-11-30', reason: '材料未到' }, cst('2026-10-12T10:00:00'), cal);
    expect(r.ok && [r.next.dueAt, r.event.oldDueAt, r.event.newDueAt]).toEqual(['2026-11-30T16:00:00.000Z', '2026-10-20T16:00:00.000Z', '2026-11-30T16:00:00.000Z']);
  });

  it('tells which relation roles an id holds', () => {
    expect(heldRelations({ proposer: 'u1', executor: ['org9', 'u1'], supervisor: 'u2' }, ['u1'])).toEqual(['proposer', 'executor']);
    expect(heldRelations({ executor: ['org9'] }, ['u3', 'org9'])).toEqual(['executor']);
    expect(heldRelations({}, [null])).toEqual([]);
  });
});

/** The closed loop of STANDARDS §1.3 as a template: the engine must carry 作废, 回退, 返工, 延期 and 挂账. */
const CLOSED_LOOP: MethodTemplateBody = {
  key: 'closed_loop', name: { zh: '网格事件闭环', en: 'Grid incident closed loop' }, initial: 'reported',
  stages: [
    { key: 'reported', name: { zh: '上报', en: 'Reported' }, deadline: { amount: 1, unit: 'working_hours' } },
    { key: 'registered', name: { zh: '立案', en: 'Registered' }, deadline: { amount: 1, unit: 'working_hours' } },
    { key: 'dispatched', name: { zh: '派遣', en: 'Dispatched' }, deadline: { amount: 1, unit: 'working_hours' } },
    { key: 'processing', name: { zh: '处置', en: 'Processing' }, deadline: { amount: 5, unit: 'working_days' } },
    { key: 'suspended', name: { zh: '挂账', en: 'Suspended' } },
    { key: 'verifying', name: { zh: '核查', en: 'Verifying' }, deadline: { amount: 1, unit: 'natural_hours' } },
    { key: 'closed', name: { zh: '结案', en: 'Closed' }, terminal: true },
    { key: 'cancelled', name: { zh: '作废', en: 'Cancelled' }, terminal: true },
  ],
  transitions: [
    { event: 'accept', from: 'reported', to: 'registered', who: ['community_worker'] },
    { event: 'cancel', from: ['reported', 'registered'], to: 'cancelled', who: ['community_worker'], inputs: [{ key: 'reason', kind: 'text', required: true }] },
    { event: 'dispatch', from: 'registered', to: 'dispatched', who: ['community_worker'] },
    { event: 'sign', from: 'dispatched', to: 'processing', who: ['assignee'] },
    { event: 'return', from: ['dispatched', 'processing'], to: 'registered', who: ['assignee'], counts: 'returned', inputs: [{ key: 'reason', kind: 'text', required: true }] },
    { event: 'extend', from: 'processing', to: 'processing', who: ['community_worker'], deadlineInput: 'due_date', inputs: [{ key: 'due_date', kind: 'date', required: true }] },
    { event: 'suspend', from: 'processing', to: 'suspended', who: ['community_worker'], inputs: [{ key: 'reason', kind: 'text', required: true }] },
    { event: 'resume', from: 'suspended', to: 'processing', who: ['community_worker'] },
    { event: 'feedback', from: 'processing', to: 'verifying', who: ['assignee'], inputs: [{ key: 'photos', kind: 'photos', required: true }] },
    { event: 'rework', from: 'verifying', to: 'dispatched', who: ['reporter'], counts: 'rework' },
    { event: 'close', from: 'verifying', to: 'closed', who: ['reporter'] },
  ],
};

describe('the closed loop of STANDARDS §1.3 on the same engine', () => {
  it('validates and carries return, extension, suspension, rework and cancellation', () => {
    expect(validateTemplate(CLOSED_LOOP, knownRoleKeys())).toEqual([]);
    const go = (s: InstanceState, e: string, who: MethodActor, input: Record<string, unknown>, at: string) => {
      const r = fire(CLOSED_LOOP, s, e, who, input, cst(at), cal);
      if (!r.ok) throw new Error(`${e}: ${r.code}`);
      return r.next;
    };
    const assignee = actor([], ['assignee']);
    const reporter = actor(['grid_worker'], ['reporter']);
    // Reported Friday 9 October 17:00: one working hour runs into the make-up Saturday.
    let s = initialState(CLOSED_LOOP, cst('2026-10-09T17:00:00'), cal);
    expect(s.dueAt).toBe(cst('2026-10-10T09:30:00').toISOString());
    s = go(s, 'accept', worker, {}, '2026-10-10T09:00:00');
    s = go(s, 'dispatch', worker, {}, '2026-10-10T09:10:00');
    s = go(s, 'return', assignee, { reason: '不属本单位' }, '2026-10-10T09:20:00');
    s = go(s, 'dispatch', worker, {}, '2026-10-10T09:30:00');
    s = go(s, 'sign', assignee, {}, '2026-10-10T09:40:00');
    s = go(s, 'extend', worker, { due_date: '2026-10-30' }, '2026-10-12T09:00:00');
    s = go(s, 'suspend', worker, { reason: '需专项资金' }, '2026-10-13T09:00:00');
    expect([s.stage, s.dueAt]).toEqual(['suspended', null]);
    s = go(s, 'resume', worker, {}, '2026-10-20T09:00:00');
    s = go(s, 'feedback', assignee, { photos: ['p1'] }, '2026-10-21T09:00:00');
    s = go(s, 'rework', reporter, {}, '2026-10-21T09:30:00');
    s = go(s, 'sign', assignee, {}, '2026-10-21T10:00:00');
    s = go(s, 'feedback', assignee, { photos: ['p2'] }, '2026-10-22T09:00:00');
    s = go(s, 'close', reporter, {}, '2026-10-22T09:30:00');
    expect([s.stage, s.counters]).toEqual(['closed', { returned: 1, rework: 1 }]);
    const cancelled = go(initialState(CLOSED_LOOP, cst('2026-10-12T09:00:00'), cal), 'cancel', worker, { reason: '重复上报' }, '2026-10-12T09:05:00');
    expect(cancelled.stage).toBe('cancelled');
  });
});
