import { describe, expect, it } from 'vitest';
import { validateTemplate, type MethodTemplateBody } from '../../../shared/method-template.ts';
import { knownRoleKeys } from './template.service.ts';
import { PRESETS } from './presets/index.ts';

/** A small valid method: raise → discuss → done. */
function base(): MethodTemplateBody {
  return {
    key: 'mini', name: { zh: '小方法', en: 'Mini' },
    initial: 'raised',
    stages: [
      { key: 'raised', name: { zh: '提出', en: 'Raised' }, deadline: { amount: 3, unit: 'working_days' } },
      { key: 'discussed', name: { zh: '商议', en: 'Discussed' } },
      { key: 'done', name: { zh: '完成', en: 'Done' }, terminal: true },
    ],
    transitions: [
      { event: 'discuss', from: 'raised', to: 'discussed', who: ['community_worker'], inputs: [{ key: 'minutes', kind: 'minutes', required: true }] },
      { event: 'finish', from: 'discussed', to: 'done', who: ['proposer'] },
    ],
  };
}

const codes = (t: unknown) => validateTemplate(t, knownRoleKeys()).map((p) => `${p.field}:${p.code}`);

describe('template validation', () => {
  it('accepts a well-formed method and both shipped presets', () => {
    expect(codes(base())).toEqual([]);
    for (const p of PRESETS) expect(codes(p)).toEqual([]);
  });

  it('names an unknown stage in from, to and initial', () => {
    const t = base();
    t.transitions[0].to = 'nowhere';
    t.transitions[1].from = ['discussed', 'limbo'];
    t.initial = 'start';
    expect(codes(t)).toEqual(expect.arrayContaining(['initial:TEMPLATE_UNKNOWN_STAGE', 'transitions.0.to:TEMPLATE_UNKNOWN_STAGE', 'transitions.1.from.1:TEMPLATE_UNKNOWN_STAGE']));
  });

  it('reports a stage no transition leads to', () => {
    const t = base();
    t.stages.push({ key: 'orphan', name: { zh: '孤立', en: 'Orphan' } });
    t.transitions.push({ event: 'leave', from: 'orphan', to: 'done', who: ['proposer'] });
    expect(codes(t)).toEqual(['stages.3.key:TEMPLATE_UNREACHABLE_STAGE']);
  });

  it('refuses an exit from a terminal stage', () => {
    const t = base();
    t.transitions.push({ event: 'reopen', from: 'done', to: 'raised', who: ['community_worker'] });
    expect(codes(t)).toEqual(['transitions.2.from:TEMPLATE_TERMINAL_HAS_EXIT']);
  });

  it('needs at least one terminal stage', () => {
    const t = base();
    t.stages[2].terminal = false;
    expect(codes(t)).toEqual(['stages:TEMPLATE_NO_TERMINAL', 'stages.2.key:TEMPLATE_DEAD_END']);
  });

  it('names an unknown role in who and in a stage owner', () => {
    const t = base();
    t.transitions[1].who = ['proposer', 'mayor'];
    t.stages[0].owner = 'janitor';
    expect(codes(t)).toEqual(['stages.0.owner:TEMPLATE_UNKNOWN_ROLE', 'transitions.1.who.1:TEMPLATE_UNKNOWN_ROLE']);
  });

  it('names an unknown input kind', () => {
    const t = base();
    (t.transitions[0].inputs![0] as { kind: string }).kind = 'video';
    const p = validateTemplate(t, knownRoleKeys());
    expect(p.map((x) => `${x.field}:${x.code}`)).toEqual(['transitions.0.inputs.0.kind:TEMPLATE_UNKNOWN_INPUT_KIND']);
    expect(p[0].zh).toContain('video');
    expect(p[0].en).toContain('Unsupported input kind');
  });

  it('refuses a duplicate stage key', () => {
    const t = base();
    t.stages.push({ key: 'discussed', name: { zh: '重复', en: 'Dup' } });
    expect(codes(t)).toEqual(['stages.3.key:TEMPLATE_DUPLICATE_STAGE']);
  });

  it('refuses the same event twice from one stage', () => {
    const t = base();
    t.transitions.push({ event: 'discuss', from: ['raised'], to: 'done', who: ['community_worker'] });
    expect(codes(t)).toEqual(['transitions.2.event:TEMPLATE_DUPLICATE_EVENT_FROM']);
  });

  it('refuses bad deadlines: zero, unknown unit, on a terminal stage, deadline input that is not a date', () => {
    const t = base();
    t.stages[0].deadline = { amount: 0, unit: 'fortnights' as 'natural_days' };
    t.stages[2].deadline = { amount: 1, unit: 'natural_days' };
    t.transitions[0].deadlineInput = 'minutes';
    expect(codes(t)).toEqual([
      'stages.0.deadline.amount:TEMPLATE_BAD_DEADLINE', 'stages.0.deadline.unit:TEMPLATE_BAD_DEADLINE',
      'stages.2.deadline:TEMPLATE_BAD_DEADLINE', 'transitions.0.deadlineInput:TEMPLATE_BAD_DEADLINE',
    ]);
  });

  it('collects every problem at once, including missing parts and bad keys', () => {
    const p = codes({ key: 'Bad Key', stages: [{ key: 'a', name: { zh: 'A' } }], transitions: [{ event: 'go', from: 'a', to: 'a', who: [] }] });
    expect(p).toEqual(expect.arrayContaining([
      'key:TEMPLATE_BAD_KEY', 'name:TEMPLATE_REQUIRED', 'stages.0.name.en:TEMPLATE_REQUIRED', 'stages:TEMPLATE_NO_TERMINAL',
      'initial:TEMPLATE_REQUIRED', 'transitions.0.who:TEMPLATE_REQUIRED',
    ]));
    expect(codes('nonsense')).toEqual([':TEMPLATE_BAD_SHAPE']);
  });

  it('needs options for a choice input', () => {
    const t = base();
    t.transitions[1].inputs = [{ key: 'form', kind: 'choice', required: true, options: ['only'] }];
    expect(codes(t)).toEqual(['transitions.1.inputs.0.options:TEMPLATE_BAD_OPTIONS']);
  });
});
