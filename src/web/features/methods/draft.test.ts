import { describe, expect, it } from 'vitest';
import { validateTemplate, type MethodTemplateBody } from '../../../shared/method-template.ts';
import { anchorOf, blankTemplate, mergeProblems, moveItem, normalise, renameStage } from './draft.ts';
import { BUILTIN_ROLE_KEYS } from './roles.ts';

describe('method template editor helpers', () => {
  it('starts a new method from a template that only lacks its key and name', () => {
    const codes = validateTemplate(normalise(blankTemplate()), BUILTIN_ROLE_KEYS).map((p) => `${p.field}:${p.code}`);
    expect(codes).toEqual(['key:TEMPLATE_REQUIRED', 'name.zh:TEMPLATE_REQUIRED', 'name.en:TEMPLATE_REQUIRED']);
  });

  it('drops optional parts left empty in the tables before validating and saving', () => {
    const body = {
      ...blankTemplate(),
      key: 'k',
      name: { zh: '甲', en: 'A' },
      description: ' ',
      stages: [
        { key: 'raised', name: { zh: '提出', en: 'Raised' }, owner: '', deadline: { amount: null, unit: 'working_days' }, terminal: false },
        { key: 'closed', name: { zh: '结', en: 'Closed' }, terminal: true },
      ],
      transitions: [{
        event: 'close', name: { zh: '', en: '' }, from: ['raised'], to: 'closed', who: ['talk_leader'], deadlineInput: '', counts: '',
        inputs: [{ key: 'n', kind: 'number', required: false, options: [], min: null, max: 9, name: { zh: '', en: '' } }],
      }],
    } as unknown as MethodTemplateBody;
    expect(normalise(body)).toEqual({
      key: 'k', name: { zh: '甲', en: 'A' }, initial: 'raised',
      stages: [{ key: 'raised', name: { zh: '提出', en: 'Raised' } }, { key: 'closed', name: { zh: '结', en: 'Closed' }, terminal: true }],
      transitions: [{ event: 'close', from: 'raised', to: 'closed', who: ['talk_leader'], inputs: [{ key: 'n', kind: 'number', required: false, max: 9 }] }],
    });
  });

  it('renames a stage together with the initial stage and the transitions that name it', () => {
    const r = renameStage(blankTemplate(), 0, 'opened');
    expect([r.initial, r.stages[0].key, r.transitions[0].from, r.transitions[0].to]).toEqual(['opened', 'opened', ['opened'], 'closed']);
    const dup = { ...blankTemplate(), stages: [...blankTemplate().stages, { key: 'raised', name: { zh: '重', en: 'Dup' } }] };
    expect(renameStage(dup, 2, 'other').initial).toBe('raised');
  });

  it('shows each problem under the field that holds it and counts a server problem the editor also found once', () => {
    expect(['transitions.2.who.1', 'transitions.0.from.0', 'transitions.0.from', 'stages.3.deadline.amount', 'name', 'transitions.1.inputs.0.name', 'stages.0.key'].map(anchorOf)).toEqual([
      'transitions.2.who', 'transitions.0.from', 'transitions.0.from', 'stages.3.deadline', 'name.zh', 'transitions.1.inputs.0.name.zh', 'stages.0.key',
    ]);
    const local = [{ field: 'key', code: 'TEMPLATE_BAD_KEY', message: 'x' }];
    const merged = mergeProblems(local, [{ field: 'key', code: 'TEMPLATE_BAD_KEY', message: 'x' }, { field: 'scopePath', code: 'NOT_FOUND_REF', message: 'y' }]);
    expect(merged.map((p) => `${p.field}:${p.server ?? false}`)).toEqual(['key:false', 'scopePath:true']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
  });
});
