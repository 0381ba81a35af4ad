import type { InputDef, MethodTemplateBody } from '../../../../shared/method-template.ts';

const reason: InputDef = { key: 'reason', kind: 'text', required: true, name: { zh: '理由', en: 'Reason' } };
const note: InputDef = { key: 'note', kind: 'text', required: false, name: { zh: '说明', en: 'Note' } };
const photos = (required: boolean, zh = '现场照片', en = 'Photos'): InputDef => ({ key: 'photos', kind: 'photos', required, name: { zh, en } });

/**
 * 网格事件闭环 (CJJ/T 106, STANDARDS §1.3): report → accept or invalid → register (立案) → dispatch → sign → handle →
 * feedback → verify → close, with 回退 (wrong routing), 返工 (failed verification or the reporter reopening, counted),
 * 延期 and 挂账 needing approval, 作废, and 自行处置 on the spot. A resident or hotline reporter confirms the fix within
 * three days before a verifier closes; only verifiers close, and "closed, not fixed" is its own ending.
 *
 * Every `who` is a relation role the incidents module works out per case (reporter; dispatcher = holds incident.dispatch
 * there; assignee = the handling organisation's people; verifier = named at registration), so the generic
 * /api/method-instances endpoints cannot move an incident past the incidents module. Time limits are step limits; the
 * case's handling deadline comes from its category. The incidents module reads the event keys named here.
 */
export const CLOSED_LOOP: MethodTemplateBody = {
  key: 'closed_loop',
  name: { zh: '网格事件闭环处置', en: 'Grid incident closed loop' },
  description: '信息收集 → 受理 → 立案 → 派遣 → 签收处置 → 反馈 → 核查 → 结案；支持回退、返工、延期、挂账、作废、自行处置与反映人确认。',
  initial: 'drafted',
  stages: [
    { key: 'drafted', name: { zh: '待提交', en: 'Being reported' }, owner: 'reporter' },
    { key: 'reported', name: { zh: '已上报待受理', en: 'Reported' }, deadline: { amount: 1, unit: 'working_hours' }, owner: 'dispatcher' },
    { key: 'accepted', name: { zh: '已受理待立案', en: 'Accepted' }, deadline: { amount: 1, unit: 'working_hours' }, owner: 'dispatcher' },
    { key: 'registered', name: { zh: '已立案待派遣', en: 'Registered' }, deadline: { amount: 1, unit: 'working_hours' }, owner: 'dispatcher' },
    { key: 'returned', name: { zh: '已回退待改派', en: 'Returned for re-routing' }, deadline: { amount: 1, unit: 'working_hours' }, owner: 'dispatcher' },
    { key: 'dispatched', name: { zh: '已派遣待签收', en: 'Dispatched' }, deadline: { amount: 1, unit: 'working_hours' }, owner: 'assignee' },
    { key: 'signed', name: { zh: '已签收待处置', en: 'Signed for' }, owner: 'assignee' },
    { key: 'handling', name: { zh: '处置中', en: 'Being handled' }, owner: 'assignee' },
    { key: 'extension_requested', name: { zh: '延期待审批', en: 'Extension requested' }, deadline: { amount: 1, unit: 'working_days' }, owner: 'dispatcher' },
    { key: 'suspension_requested', name: { zh: '挂账待审批', en: 'Suspension requested' }, deadline: { amount: 1, unit: 'working_days' }, owner: 'dispatcher' },
    { key: 'suspended', name: { zh: '已挂账', en: 'Suspended' }, owner: 'dispatcher' },
    { key: 'feedback', name: { zh: '已反馈待核查', en: 'Handled, to be verified' }, deadline: { amount: 1, unit: 'working_hours' }, owner: 'dispatcher' },
    { key: 'verifying', name: { zh: '核查中', en: 'Being verified' }, deadline: { amount: 2, unit: 'working_hours' }, owner: 'verifier' },
    { key: 'confirming', name: { zh: '待反映人确认', en: 'Awaiting the reporter' }, deadline: { amount: 3, unit: 'natural_days' }, owner: 'reporter' },
    { key: 'confirmed', name: { zh: '反映人已确认待结案', en: 'Confirmed by the reporter' }, deadline: { amount: 1, unit: 'working_days' }, owner: 'verifier' },
    { key: 'closed', name: { zh: '已结案', en: 'Closed' }, terminal: true },
    { key: 'closed_unfixed', name: { zh: '已结案（未解决）', en: 'Closed, not fixed' }, terminal: true },
    { key: 'invalid', name: { zh: '不予受理', en: 'Not accepted' }, terminal: true },
    { key: 'cancelled', name: { zh: '已作废', en: 'Cancelled' }, terminal: true },
  ],
  transitions: [
    { event: 'report', name: { zh: '上报', en: 'Report' }, from: 'drafted', to: 'reported', who: ['reporter'], inputs: [photos(false)] },
    {
      event: 'self_handle', name: { zh: '自行处置', en: 'Solved on the spot' }, from: 'drafted', to: 'closed', who: ['reporter'],
      inputs: [{ key: 'result', kind: 'text', required: true, name: { zh: '处置情况', en: 'What was done' } }, photos(true, '处置后照片', 'Photos after')],
    },
    { event: 'accept', name: { zh: '受理', en: 'Accept' }, from: 'reported', to: 'accepted', who: ['dispatcher'], inputs: [note] },
    { event: 'invalidate', name: { zh: '不予受理', en: 'Do not accept' }, from: 'reported', to: 'invalid', who: ['dispatcher'], inputs: [reason] },
    {
      event: 'merge', name: { zh: '作为重复件合并', en: 'Merge as a duplicate' }, from: 'reported', to: 'invalid', who: ['dispatcher'],
      inputs: [{ key: 'duplicate_of', kind: 'text', required: true, name: { zh: '重复于事件编号', en: 'Duplicate of incident' } }],
    },
    {
      event: 'register', name: { zh: '立案', en: 'Register' }, from: 'accepted', to: 'registered', who: ['dispatcher'],
      inputs: [
        { key: 'category_code', kind: 'text', required: false, name: { zh: '更正小类', en: 'Correct the category' } },
        { key: 'verifier_ids', kind: 'text', required: false, name: { zh: '核查人（用户编号，逗号分隔）', en: 'Verifiers (user ids, comma-separated)' } },
        note,
      ],
    },
    {
      event: 'dispatch', name: { zh: '派遣', en: 'Dispatch' }, from: ['registered', 'returned'], to: 'dispatched', who: ['dispatcher'],
      inputs: [
        { key: 'handler_org_id', kind: 'text', required: false, name: { zh: '处置单位（不填按派遣规则）', en: 'Handling organisation (default: routing rule)' } },
        { key: 'handler_name', kind: 'text', required: false, name: { zh: '处置单位名称', en: 'Handling organisation name' } },
        note,
      ],
    },
    { event: 'return', name: { zh: '回退（非本单位职责）', en: 'Return (not ours)' }, from: ['dispatched', 'signed'], to: 'returned', who: ['assignee'], inputs: [reason], counts: 'return' },
    { event: 'sign', name: { zh: '签收', en: 'Sign for it' }, from: 'dispatched', to: 'signed', who: ['assignee'] },
    { event: 'handle', name: { zh: '开始处置', en: 'Start handling' }, from: 'signed', to: 'handling', who: ['assignee'], inputs: [note] },
    {
      event: 'feedback', name: { zh: '处置反馈', en: 'Report the result' }, from: 'handling', to: 'feedback', who: ['assignee'], counts: 'feedback',
      inputs: [{ key: 'result', kind: 'text', required: true, name: { zh: '处置结果', en: 'Result' } }, photos(true, '处置后照片', 'Photos after')],
    },
    {
      event: 'request_extension', name: { zh: '申请延期', en: 'Request an extension' }, from: ['signed', 'handling'], to: 'extension_requested', who: ['assignee'],
      inputs: [{ key: 'until', kind: 'date', required: true, name: { zh: '延期至', en: 'Extend until' } }, reason],
    },
    { event: 'approve_extension', name: { zh: '批准延期', en: 'Approve the extension' }, from: 'extension_requested', to: 'handling', who: ['dispatcher'], inputs: [note], counts: 'extension' },
    { event: 'deny_extension', name: { zh: '不批准延期', en: 'Deny the extension' }, from: 'extension_requested', to: 'handling', who: ['dispatcher'], inputs: [reason] },
    { event: 'request_suspension', name: { zh: '申请挂账', en: 'Request suspension' }, from: ['signed', 'handling'], to: 'suspension_requested', who: ['assignee'], inputs: [reason] },
    { event: 'approve_suspension', name: { zh: '批准挂账', en: 'Approve suspension' }, from: 'suspension_requested', to: 'suspended', who: ['dispatcher'], inputs: [note], counts: 'suspension' },
    { event: 'deny_suspension', name: { zh: '不批准挂账', en: 'Deny suspension' }, from: 'suspension_requested', to: 'handling', who: ['dispatcher'], inputs: [reason] },
    {
      event: 'resume', name: { zh: '恢复处置', en: 'Resume handling' }, from: 'suspended', to: 'handling', who: ['dispatcher'],
      inputs: [{ key: 'until', kind: 'date', required: false, name: { zh: '新的处置时限', en: 'New deadline' } }, note],
    },
    { event: 'forward', name: { zh: '转核查', en: 'Send for verification' }, from: 'feedback', to: 'verifying', who: ['dispatcher'], inputs: [note] },
    { event: 'pass', name: { zh: '核查通过，请反映人确认', en: 'Verified: ask the reporter' }, from: 'verifying', to: 'confirming', who: ['verifier'], inputs: [photos(false), note] },
    {
      event: 'fail', name: { zh: '核查不通过，返工', en: 'Not fixed: rework' }, from: 'verifying', to: 'dispatched', who: ['verifier'], counts: 'rework',
      inputs: [reason, photos(false)],
    },
    {
      event: 'confirm', name: { zh: '确认已解决', en: 'Confirm it is fixed' }, from: 'confirming', to: 'confirmed', who: ['reporter'],
      inputs: [{ key: 'satisfaction', kind: 'satisfaction', required: false, name: { zh: '满意度（1–5）', en: 'Satisfaction (1–5)' } }, note],
    },
    { event: 'reopen', name: { zh: '问题仍在，要求返工', en: 'Still not fixed: reopen' }, from: 'confirming', to: 'dispatched', who: ['reporter'], counts: 'rework', inputs: [reason] },
    { event: 'close', name: { zh: '结案', en: 'Close' }, from: ['verifying', 'confirming', 'confirmed'], to: 'closed', who: ['verifier'], inputs: [photos(false), note] },
    { event: 'close_unfixed', name: { zh: '结案（未解决）', en: 'Close as not fixed' }, from: ['verifying', 'confirming', 'confirmed', 'suspended'], to: 'closed_unfixed', who: ['verifier'], inputs: [reason] },
    {
      event: 'cancel', name: { zh: '作废', en: 'Cancel' }, who: ['dispatcher'], to: 'cancelled', inputs: [reason],
      from: ['accepted', 'registered', 'returned', 'dispatched', 'signed', 'handling', 'extension_requested', 'suspension_requested', 'suspended', 'feedback'],
    },
  ],
};
