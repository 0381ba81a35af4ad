import { describe, expect, it } from 'vitest';
import { availableEvents, checkDisputeFields, checkEventInput, checkParties, eventBlocker, outcomePatch, statusAfter, type DisputeState } from './dispute.ts';
import { ancestorPaths, checkMediator } from './mediator.ts';

const codes = (ps: { field: string; code: string }[]) => ps.map((p) => `${p.field}:${p.code}`);
const TODAY = '2026-11-20';

describe('dispute fields and parties', () => {
  it('requires a type from the list and a summary, and refuses a future date', () => {
    expect(codes(checkDisputeFields({}, TODAY, true))).toEqual(['type:REQUIRED', 'summary:REQUIRED']);
    expect(codes(checkDisputeFields({ type: 'quarrel', summary: 'x', occurredOn: '2026-11-21' }, TODAY, true))).toEqual(['type:NOT_IN_LIST', 'occurredOn:DATE_IN_FUTURE']);
    expect(checkDisputeFields({ type: 'self_governance_inactive', summary: '业委会长期不履职', occurredOn: '2026-11-01' }, TODAY, true)).toEqual([]);
    expect(checkDisputeFields({ summary: '补充说明' }, TODAY, false)).toEqual([]);
  });

  it('needs a party name, checks phones and ID numbers, and normalises them', () => {
    const r = checkParties([{ name: ' 张三 ', phone: '+86 138-0013-8000', idNumber: '11010519491231002x', side: 'applicant' }, { name: '', phone: '12345', idNumber: '110105194912310021', side: 'judge' }], TODAY);
    expect(r.values[0]).toEqual({ name: '张三', phone: '13800138000', idNumber: '11010519491231002X', side: 'applicant' });
    expect(codes(r.problems)).toEqual(['parties.1.name:REQUIRED', 'parties.1.phone:PHONE_FORMAT', 'parties.1.idNumber:ID_CHECK_CHAR', 'parties.1.side:NOT_IN_LIST']);
  });
});

describe('dispute states', () => {
  const s = (over: Partial<DisputeState>): DisputeState => ({ status: 'registered', mediatorCount: 0, sessionCount: 0, followUpResult: null, ...over });

  it('runs registered → mediating → agreed → followed_up, with sessions needing mediators and agreements needing sessions', () => {
    expect(availableEvents(s({}))).toEqual(['assign', 'refer', 'withdraw']);
    expect(statusAfter(s({}), 'assign')).toBe('mediating');
    expect(eventBlocker(s({ status: 'mediating' }), 'session')?.code).toBe('DISPUTE_MEDIATOR_REQUIRED');
    expect(eventBlocker(s({ status: 'mediating', mediatorCount: 1 }), 'agree')?.code).toBe('DISPUTE_SESSION_REQUIRED');
    expect(availableEvents(s({ status: 'mediating', mediatorCount: 2, sessionCount: 1 }))).toEqual(['assign', 'unassign', 'session', 'agree', 'refer', 'withdraw']);
    expect(statusAfter(s({ status: 'mediating' }), 'agree')).toBe('agreed');
    expect(availableEvents(s({ status: 'agreed' }))).toEqual(['follow_up']);
    expect(eventBlocker(s({ status: 'agreed' }), 'session')).toEqual({ code: 'EVENT_NOT_ALLOWED_IN_STAGE', params: { stage: 'agreed', event: 'session' } });
  });

  it('reopens only a relapse found on the return visit and clears the outcome', () => {
    expect(eventBlocker(s({ status: 'followed_up', followUpResult: 'holding' }), 'reopen')?.code).toBe('DISPUTE_NOT_RELAPSED');
    expect(eventBlocker(s({ status: 'followed_up', followUpResult: 'relapsed' }), 'reopen')).toBeNull();
    expect(statusAfter(s({ status: 'followed_up' }), 'reopen')).toBe('mediating');
    expect(outcomePatch('reopen', {}, 'T')).toMatchObject({ outcome: null, follow_up_result: null, agreement_text: null });
    expect(outcomePatch('refer', { referredTo: 'court', note: ' 移交区法院 ' }, 'T')).toEqual({ outcome: 'referred', outcome_at: 'T', referred_to: 'court', referral_note: '移交区法院' });
  });

  it('checks what each event needs', () => {
    expect(codes(checkEventInput('session', { mediatorIds: [] }, TODAY))).toEqual(['input.heldOn:REQUIRED', 'input.place:REQUIRED', 'input.notes:REQUIRED', 'input.mediatorIds:REQUIRED']);
    expect(codes(checkEventInput('refer', { referredTo: 'mayor' }, TODAY))).toEqual(['input.referredTo:NOT_IN_LIST', 'input.note:REQUIRED']);
    expect(codes(checkEventInput('follow_up', { on: '2026-13-01', result: 'fine' }, TODAY))).toEqual(['input.on:NOT_A_DATE', 'input.result:NOT_IN_LIST']);
    expect(checkEventInput('agree', { agreementText: '双方同意各自承担一半维修费用' }, TODAY)).toEqual([]);
  });
});

describe('mediators', () => {
  it('needs one of the five elder kinds exactly for elders', () => {
    expect(codes(checkMediator({ kind: 'elder', name: '李老师' }, null).problems)).toEqual(['elderKind:ELDER_KIND_REQUIRED']);
    expect(codes(checkMediator({ kind: 'lawyer', name: '王律师', elderKind: 'veteran_cadre' }, null).problems)).toEqual(['elderKind:ELDER_KIND_ONLY_FOR_ELDERS']);
    expect(codes(checkMediator({ kind: 'judge', name: '', phone: '5551234' }, null).problems)).toEqual(['kind:NOT_IN_LIST', 'name:REQUIRED', 'phone:PHONE_FORMAT']);
    const ok = checkMediator({ kind: 'elder', elderKind: 'veteran_teacher', name: '李老师', phone: '13900001111' }, null);
    expect(ok).toEqual({ problems: [], phone: '13900001111' });
    expect(checkMediator({ name: '李老师（退休）' }, { kind: 'elder', elderKind: 'veteran_teacher' }).problems).toEqual([]);
  });

  it('lists the pools that serve a place', () => {
    expect(ancestorPaths('/511300/511302/c1/')).toEqual(['/', '/511300/', '/511300/511302/', '/511300/511302/c1/']);
  });
});
