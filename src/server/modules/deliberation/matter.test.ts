import { describe, expect, it } from 'vitest';
import type { InputDef } from '../../../shared/method-template.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { WUYI } from '../methods/index.ts';
import {
  bulletinItem, checkMatterPatch, checkNewMatter, evaluatorKindOf, eventEffects, outcomeOf, ownersGate, rateable, satisfactionOf, scrubText,
} from './matter.ts';
import { checkOpinion, statusAfterAnswer } from './opinion.ts';
import { isoWeekOf, isoWeekRange, monthRange, instantRange } from './report.ts';

const inputsOf = (event: string): InputDef[] => WUYI.transitions.find((t) => t.event === event)!.inputs ?? [];

describe('matter fields', () => {
  it('requires title, category and source on create and checks codes, dates and the art. 278 item', () => {
    expect(checkNewMatter({}).map((p) => `${p.field}:${p.code}`)).toEqual(['title:REQUIRED', 'category:REQUIRED', 'source:REQUIRED']);
    const bad = checkNewMatter({ title: ' x ', category: 'food', source: 'rumour', deadline: '2026-02-30', jointDecisionItem: 10 });
    expect(bad.map((p) => `${p.field}:${p.code}`)).toEqual([
      'title:REQUIRED', 'category:NOT_IN_LIST', 'source:NOT_IN_LIST', 'deadline:NOT_A_DATE', 'jointDecisionItem:OUT_OF_RANGE',
    ]);
    expect(checkNewMatter({ title: '东门加装路灯', category: 'facilities', source: 'resident_opinion', deadline: '2026-12-31', jointDecisionItem: 5 })).toEqual([]);
    expect(checkMatterPatch({ description: 'x'.repeat(5001) }).map((p) => p.code)).toEqual(['TOO_LONG']);
    expect(checkMatterPatch({ jointDecisionItem: null, deadline: null })).toEqual([]);
  });
});

describe('event side effects by input kind', () => {
  it('a decision into a running stage decides; into a terminal stage it is a decision not to proceed', () => {
    const decide = eventEffects(inputsOf('decide'), { decision: ' 由物业加装路灯 ', vote: { for: 3, against: 0, abstain: 0 } }, false);
    expect(decide).toEqual({ decision: '由物业加装路灯', decides: true, satisfaction: null, result: null, comment: null, closes: false });
    const reject = eventEffects(inputsOf('reject'), { decision: '不予实施' }, true);
    expect([reject.decision, reject.decides, reject.closes]).toEqual(['不予实施', false, true]);
  });

  it('reads the result from result/completion texts and a score with its opinion', () => {
    expect(eventEffects(inputsOf('execute'), { completion: '已加装6盏', photos: ['a'] }, false).result).toBe('已加装6盏');
    const ev = eventEffects(inputsOf('evaluate'), { satisfaction: 4, opinion: '基本满意' }, false);
    expect([ev.satisfaction, ev.comment, ev.decides]).toEqual([4, '基本满意', false]);
    expect(eventEffects(inputsOf('propose'), { proposal: '提议' }, false)).toEqual({ decision: null, decides: false, satisfaction: null, result: null, comment: null, closes: false });
    expect(eventEffects([], {}, true).closes).toBe(true);
  });

  it('names the outcome and who an event evaluation speaks for', () => {
    expect([outcomeOf('2026-11-01T00:00:00Z'), outcomeOf(null)]).toEqual(['resolved', 'not_taken_up']);
    expect([evaluatorKindOf(['supervisor', 'participant']), evaluatorKindOf(['participant']), evaluatorKindOf(['talk_leader'])]).toEqual(['supervisory_board', 'participant', 'resident']);
  });
});

describe('the art. 278 gate', () => {
  const counts = (part: [number, number], yes: [number, number]) => ({
    totalAreaC: 1_000_000, totalOwners: 300, participatingAreaC: part[0], participatingOwners: part[1], yesAreaC: yes[0], yesOwners: yes[1], noAreaC: 0, noOwners: 0,
  });
  it('passes matters that are no joint decision, and refuses a missing, inquorate or rejected vote', () => {
    expect(ownersGate(null, null)).toBeNull();
    expect(ownersGate(5, null)?.code).toBe('OWNERS_VOTE_REQUIRED');
    expect(ownersGate(5, { outcome: 'passed', counts: counts([600_000, 250], [600_000, 250]) })?.code).toBe('OWNERS_QUORUM_NOT_MET');
    expect(ownersGate(5, { outcome: 'passed', counts: counts([700_000, 200], [700_000, 200]) })).toBeNull();
    expect(ownersGate(5, { outcome: 'rejected', counts: counts([700_000, 200], [350_000, 100]) })?.code).toBe('OWNERS_VOTE_REJECTED');
  });
  it('re-checks the counts under the matter’s own item: more than half does not carry a three-quarters item', () => {
    const v = { outcome: 'passed' as const, counts: counts([700_000, 210], [420_000, 130]) };
    expect(ownersGate(5, v)).toBeNull();
    const r = ownersGate(7, v);
    expect([r?.code, r?.params.majority]).toEqual(['OWNERS_VOTE_REJECTED', '四分之三以上']);
    expect(ownersGate(7, { outcome: 'quorum_not_met', counts: null })?.code).toBe('OWNERS_QUORUM_NOT_MET');
  });
});

describe('the bulletin scrubber', () => {
  it('masks ID numbers, mobiles written any way, landlines and other long digit runs', () => {
    const text = '联系人身份证51130219800101123X，电话13812345678、138 1234 5678、139-8765-4321，座机0817-2223344，卡号6222021234567890123，户号１３９１２３４５６７８。';
    const s = scrubText(text);
    for (const raw of ['51130219800101123X', '13812345678', '1381234', '8765-4321', '2223344', '6222021234567890123', '13912345678', '１３９']) expect(s).not.toContain(raw);
    expect(s).toContain('511***********123X');
    expect(s).toContain('138****5678');
    expect(scrubText('加装6盏路灯，预算32000元，2026年12月31日前完成')).toBe('加装6盏路灯，预算32000元，2026年12月31日前完成');
  });
  it('masks the given names wherever they occur, longest first', () => {
    expect(scrubText('张三丰和欧阳娜娜反映，张三同意', ['张三', '张三丰', '欧阳娜娜', '王'])).toBe('张*丰和欧阳**反映，张*同意');
  });
  it('projects a decided matter without personal data, with its average and whether residents may rate it', () => {
    const item = bulletinItem({
      id: 'm1', title: '张三丰反映停车难', category: 'parking', decidedAt: '2026-11-02T00:00:00Z', decision: '联系电话13812345678', executorOrgName: '锦华物业',
      deadline: '2026-12-31', result: null, closedAt: null, outcome: null, satisfactionSum: 9, satisfactionCount: 2,
    }, { methodName: { zh: '五议', en: 'Wuyi' }, stageName: { zh: '执行', en: 'Exec' } }, ['张三丰']);
    expect([item.title, item.decision, item.satisfaction, item.rateable]).toEqual(['张*丰反映停车难', '联系电话138****5678', 4.5, false]);
    expect(rateable({ decidedAt: 'x', result: '已完成', closedAt: null, outcome: null })).toBe(true);
    expect(rateable({ decidedAt: null, result: null, closedAt: 'y', outcome: 'not_taken_up' })).toBe(false);
    expect([satisfactionOf(0, 0), satisfactionOf(14, 3)]).toEqual([null, 4.7]);
  });
});

describe('opinions', () => {
  const now = new Date('2026-11-26T08:00:00Z');
  it('normalises the phone, refuses a future receipt and keeps taken-up opinions taken up when answered', () => {
    const ok = checkOpinion({ content: ' 楼道灯坏了 ', residentName: ' 张三 ', phone: '+86 138-1234-5678', receivedAt: '2026-11-25T10:00:00+08:00' }, now);
    expect(ok).toEqual({ problems: [], value: { content: '楼道灯坏了', residentName: '张三', phone: '13812345678', receivedAt: '2026-11-25T02:00:00.000Z' } });
    const bad = checkOpinion({ content: 'x', phone: '12345', receivedAt: '2026-12-01T00:00:00Z', channel: 'pigeon' }, now);
    expect(bad.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['content:REQUIRED', 'channel:NOT_IN_LIST', 'phone:PHONE_FORMAT', 'receivedAt:OUT_OF_RANGE']);
    expect([statusAfterAnswer('received'), statusAfterAnswer('answered'), statusAfterAnswer('taken_up')]).toEqual(['answered', 'answered', 'taken_up']);
  });
});

describe('report periods', () => {
  it('turns ISO weeks and months into China-time days and UTC instants', () => {
    expect(isoWeekRange('2026-W48')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(isoWeekRange('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect([isoWeekRange('2026-W54'), isoWeekRange('2026-48')]).toEqual([null, null]);
    expect([isoWeekOf('2026-11-29'), isoWeekOf('2027-01-01')]).toEqual(['2026-W48', '2026-W53']);
    expect([monthRange('2026-02'), monthRange('2026-13')]).toEqual([{ from: '2026-02-01', to: '2026-02-28' }, null]);
    expect(instantRange('2026-11-23', '2026-11-29')).toEqual({ fromAt: '2026-11-22T16:00:00.000Z', toAt: '2026-11-29T16:00:00.000Z' });
  });
});

describe('the public base URL setting', () => {
  it('is optional, loses trailing slashes, and must be an http(s) address', () => {
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(loadConfig({ GONGZHI_PUBLIC_URL: ' https://gz.example.gov.cn/ ' }).publicUrl).toBe('https://gz.example.gov.cn');
    expect(() => loadConfig({ GONGZHI_PUBLIC_URL: 'gz.example.gov.cn' })).toThrow(ConfigError);
  });
});
