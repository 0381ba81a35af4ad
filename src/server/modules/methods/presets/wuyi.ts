import type { MethodTemplateBody } from '../../../../shared/method-template.ts';

/**
 * 五议工作法 (Nanchong): the compound party org screens and proposes, residents and their organisations consult, the
 * community party org studies and decides, the property company / compound party org / owners' committee executes, the
 * community supervisory board and residents evaluate. Opinions are collected weekly and consultations held monthly, so
 * proposing has 7 days and consulting 30; the time limits are defaults a city changes by publishing its own version.
 */
export const WUYI: MethodTemplateBody = {
  key: 'wuyi',
  name: { zh: '五议工作法', en: 'Five-discussions method' },
  description: '小区党组织把关提议、小区居民（各类组织）协商共议、社区党组织研究定议、物业服务企业（小区党组织、业委会）执行决议、社区监事会（小区居民）监督评议。民情民意每周收集，议事协商每月开展，问题意见及时解决反馈。',
  initial: 'proposing',
  stages: [
    { key: 'proposing', name: { zh: '把关提议', en: 'Screening and proposal' }, deadline: { amount: 7, unit: 'natural_days' }, owner: 'proposer' },
    { key: 'consulting', name: { zh: '协商共议', en: 'Consultation' }, deadline: { amount: 30, unit: 'natural_days' }, owner: 'proposer' },
    { key: 'deciding', name: { zh: '研究定议', en: 'Study and decision' }, deadline: { amount: 10, unit: 'working_days' }, owner: 'community_worker' },
    { key: 'executing', name: { zh: '执行决议', en: 'Execution' }, deadline: { amount: 30, unit: 'natural_days' }, owner: 'executor' },
    { key: 'evaluating', name: { zh: '监督评议', en: 'Supervision and evaluation' }, deadline: { amount: 10, unit: 'working_days' }, owner: 'supervisor' },
    { key: 'evaluated', name: { zh: '评议完成待办结', en: 'Evaluated, to be closed' }, deadline: { amount: 5, unit: 'working_days' }, owner: 'community_worker' },
    { key: 'closed', name: { zh: '已办结', en: 'Closed' }, terminal: true },
    { key: 'withdrawn', name: { zh: '不予立项', en: 'Not taken up' }, terminal: true },
  ],
  transitions: [
    {
      event: 'propose', name: { zh: '把关提议', en: 'Propose' }, from: 'proposing', to: 'consulting', who: ['proposer', 'compound_secretary'],
      inputs: [{ key: 'proposal', kind: 'text', required: true, name: { zh: '提议内容', en: 'Proposal' } }],
    },
    {
      event: 'withdraw', name: { zh: '不予立项', en: 'Do not take up' }, from: 'proposing', to: 'withdrawn', who: ['proposer', 'compound_secretary', 'community_worker'],
      inputs: [{ key: 'reason', kind: 'text', required: true, name: { zh: '理由', en: 'Reason' } }],
    },
    {
      event: 'consult', name: { zh: '协商共议', en: 'Record the consultation' }, from: 'consulting', to: 'deciding', who: ['proposer', 'participant', 'compound_secretary'],
      inputs: [
        { key: 'minutes', kind: 'minutes', required: true, name: { zh: '协商会议纪要', en: 'Minutes' } },
        { key: 'photos', kind: 'photos', required: false, name: { zh: '现场照片', en: 'Photos' } },
      ],
    },
    {
      event: 'decide', name: { zh: '研究定议', en: 'Decide' }, from: 'deciding', to: 'executing', who: ['community_worker'], deadlineInput: 'due_date',
      inputs: [
        { key: 'decision', kind: 'decision_text', required: true, name: { zh: '决议内容', en: 'Decision' } },
        { key: 'vote', kind: 'vote_result', required: false, name: { zh: '表决结果', en: 'Vote result' } },
        { key: 'due_date', kind: 'date', required: false, name: { zh: '完成时限', en: 'To be done by' } },
      ],
    },
    {
      event: 'return', name: { zh: '退回重新协商', en: 'Return for more consultation' }, from: 'deciding', to: 'consulting', who: ['community_worker'],
      inputs: [{ key: 'reason', kind: 'text', required: true, name: { zh: '理由', en: 'Reason' } }],
    },
    {
      event: 'reject', name: { zh: '决定不予实施', en: 'Decide not to proceed' }, from: 'deciding', to: 'withdrawn', who: ['community_worker'],
      inputs: [{ key: 'decision', kind: 'decision_text', required: true, name: { zh: '决议内容', en: 'Decision' } }],
    },
    {
      event: 'execute', name: { zh: '执行完成', en: 'Report execution' }, from: 'executing', to: 'evaluating', who: ['executor'],
      inputs: [
        { key: 'completion', kind: 'text', required: true, name: { zh: '完成情况', en: 'What was done' } },
        { key: 'photos', kind: 'photos', required: true, name: { zh: '完成照片', en: 'Photos' } },
      ],
    },
    {
      event: 'extend', name: { zh: '申请延期', en: 'Extend the deadline' }, from: 'executing', to: 'executing', who: ['community_worker'], deadlineInput: 'due_date',
      inputs: [
        { key: 'due_date', kind: 'date', required: true, name: { zh: '新的完成时限', en: 'New date' } },
        { key: 'reason', kind: 'text', required: true, name: { zh: '理由', en: 'Reason' } },
      ],
    },
    {
      event: 'evaluate', name: { zh: '监督评议', en: 'Evaluate' }, from: 'evaluating', to: 'evaluated', who: ['supervisor', 'community_worker'],
      inputs: [
        { key: 'satisfaction', kind: 'satisfaction', required: true, name: { zh: '满意度（1–5）', en: 'Satisfaction (1–5)' } },
        { key: 'opinion', kind: 'text', required: false, name: { zh: '评议意见', en: 'Opinion' } },
      ],
    },
    { event: 'close', name: { zh: '办结', en: 'Close' }, from: 'evaluated', to: 'closed', who: ['community_worker', 'supervisor'] },
    {
      event: 'reopen', name: { zh: '群众不满意，重新执行', en: 'Reopen: residents not satisfied' }, from: 'evaluated', to: 'executing', who: ['supervisor', 'community_worker'], counts: 'rework',
      inputs: [{ key: 'reason', kind: 'text', required: true, name: { zh: '不满意的原因', en: 'Why not satisfied' } }],
    },
  ],
};
