import type { MethodTemplateBody } from '../../../../shared/method-template.ts';

/**
 * 联手说事 (Hongtong): a talk leader (the compound branch secretary) runs five steps, 集 商 解 评 晒 — collect opinions,
 * discuss them with the 1+5+N participants, resolve, evaluate, and publish the result on the bulletin board and in the
 * WeChat groups. Time limits are defaults a city changes by publishing its own version.
 */
export const LIANSHOU: MethodTemplateBody = {
  key: 'lianshou',
  name: { zh: '联手说事（集商解评晒）', en: 'Joint talk (collect, discuss, resolve, evaluate, publish)' },
  description: '说事长由小区党支部书记担任，按“1+5+N”确定说事成员，按“集、商、解、评、晒”五步说事，可集中议事、座谈议事或线上议事，也可采用板凳会、炕头会、议事亭等形式；说事结果通过小区公示栏、微信群公开。',
  initial: 'collecting',
  stages: [
    { key: 'collecting', name: { zh: '集：收集民意', en: 'Collect' }, deadline: { amount: 7, unit: 'natural_days' }, owner: 'talk_leader' },
    { key: 'discussing', name: { zh: '商：联手说事', en: 'Discuss' }, deadline: { amount: 30, unit: 'natural_days' }, owner: 'talk_leader' },
    { key: 'resolving', name: { zh: '解：化解落实', en: 'Resolve' }, deadline: { amount: 15, unit: 'working_days' }, owner: 'executor' },
    { key: 'evaluating', name: { zh: '评：群众评议', en: 'Evaluate' }, deadline: { amount: 5, unit: 'working_days' }, owner: 'talk_leader' },
    { key: 'publishing', name: { zh: '晒：结果公示', en: 'Publish' }, deadline: { amount: 3, unit: 'working_days' }, owner: 'talk_leader' },
    { key: 'published', name: { zh: '已公示', en: 'Published' }, terminal: true },
    { key: 'dropped', name: { zh: '不予说事', en: 'Not taken up' }, terminal: true },
  ],
  transitions: [
    {
      event: 'collect', name: { zh: '集：确定说事议题', en: 'Set the topic' }, from: 'collecting', to: 'discussing', who: ['talk_leader', 'compound_secretary'],
      inputs: [{ key: 'topic', kind: 'text', required: true, name: { zh: '说事议题与收集到的意见', en: 'Topic and opinions collected' } }],
    },
    {
      event: 'drop', name: { zh: '不予说事', en: 'Do not take up' }, from: 'collecting', to: 'dropped', who: ['talk_leader', 'compound_secretary'],
      inputs: [{ key: 'reason', kind: 'text', required: true, name: { zh: '理由', en: 'Reason' } }],
    },
    {
      event: 'discuss', name: { zh: '商：记录说事会', en: 'Record the talk' }, from: 'discussing', to: 'resolving', who: ['talk_leader'], deadlineInput: 'due_date',
      inputs: [
        { key: 'form', kind: 'choice', required: true, options: ['together', 'seminar', 'online', 'bench', 'kang'], name: { zh: '说事形式（集中/座谈/线上/板凳会/炕头会）', en: 'Form (together, seminar, online, bench, kang)' } },
        { key: 'minutes', kind: 'minutes', required: true, name: { zh: '说事纪要', en: 'Minutes' } },
        { key: 'measures', kind: 'decision_text', required: true, name: { zh: '商定的措施', en: 'Measures agreed' } },
        { key: 'vote', kind: 'vote_result', required: false, name: { zh: '表决结果', en: 'Vote result' } },
        { key: 'due_date', kind: 'date', required: false, name: { zh: '落实时限', en: 'To be done by' } },
      ],
    },
    {
      event: 'resolve', name: { zh: '解：落实完成', en: 'Report the resolution' }, from: 'resolving', to: 'evaluating', who: ['executor', 'talk_leader'],
      inputs: [
        { key: 'result', kind: 'text', required: true, name: { zh: '落实情况', en: 'What was done' } },
        { key: 'photos', kind: 'photos', required: false, name: { zh: '照片', en: 'Photos' } },
      ],
    },
    {
      event: 'evaluate', name: { zh: '评：群众评议', en: 'Evaluate' }, from: 'evaluating', to: 'publishing', who: ['talk_leader', 'participant', 'supervisor'],
      inputs: [
        { key: 'satisfaction', kind: 'satisfaction', required: true, name: { zh: '满意度（1–5）', en: 'Satisfaction (1–5)' } },
        { key: 'opinion', kind: 'text', required: false, name: { zh: '评议意见', en: 'Opinion' } },
      ],
    },
    {
      event: 'reopen', name: { zh: '群众不满意，重新落实', en: 'Reopen: residents not satisfied' }, from: 'evaluating', to: 'resolving', who: ['talk_leader', 'supervisor'], counts: 'rework',
      inputs: [{ key: 'reason', kind: 'text', required: true, name: { zh: '不满意的原因', en: 'Why not satisfied' } }],
    },
    {
      event: 'publish', name: { zh: '晒：公示结果', en: 'Publish the result' }, from: 'publishing', to: 'published', who: ['talk_leader'],
      inputs: [
        { key: 'summary', kind: 'text', required: true, name: { zh: '公示内容', en: 'What is published' } },
        { key: 'photos', kind: 'photos', required: false, name: { zh: '公示栏照片', en: 'Photo of the notice board' } },
      ],
    },
  ],
};
