import { describe, expect, it } from 'vitest';
import { EXAMPLE_CALENDAR_2026, makeCalendar } from '../methods/index.ts';
import { chainFrom, checkThresholds, overdueRises, thresholdPassedAt, thresholdsAt } from './escalation.ts';
import { chairOf, checkSession, decisionEffect, rotaYear, scheduledChair, swapOf, taskOverdue } from './joint.ts';

const cst = (s: string) => new Date(s + '+08:00');
const holidays = makeCalendar(EXAMPLE_CALENDAR_2026.days);
const plain = makeCalendar([]);
const regions = [
  { id: 'city', name: '南充市', level: 'city', scopePath: '/511300/' },
  { id: 'county', name: '顺庆区', level: 'county', scopePath: '/511300/511302/' },
  { id: 'street', name: '中城街道', level: 'street', scopePath: '/511300/511302/511302001/' },
  { id: 'community', name: '北街社区', level: 'community', scopePath: '/511300/511302/511302001/511302001001/' },
];
const compound = { id: 'c1', name: '锦华小区', scopePath: '/511300/511302/511302001/511302001001/c1/' };
const defaults = thresholdsAt([], '/');

describe('escalation ladder', () => {
  it('builds the chain compound → community → street → county from the region tree, skipping what is missing', () => {
    expect(chainFrom(regions, compound).map((p) => `${p.level}:${p.id}`)).toEqual(['compound:c1', 'community:community', 'street:street', 'county:county']);
    expect(chainFrom(regions.filter((r) => r.level !== 'street'), null).map((p) => p.level)).toEqual(['community', 'county']);
  });

  it('counts overdue working days after the deadline day, honouring holidays and make-up days', () => {
    // Due at the end of 30 September: 1–7 October are holidays, so 2 working days over end with 9 October.
    const deadline = cst('2026-10-01T00:00:00');
    expect(thresholdPassedAt(deadline, { amount: 2, unit: 'working_days' }, holidays)).toEqual(cst('2026-10-10T00:00:00'));
    expect(thresholdPassedAt(deadline, { amount: 2, unit: 'working_days' }, plain)).toEqual(cst('2026-10-03T00:00:00'));
    // 10 October is a Saturday worked instead (调休): 8, 9, 10, 12, 13.
    expect(thresholdPassedAt(deadline, { amount: 5, unit: 'working_days' }, holidays)).toEqual(cst('2026-10-14T00:00:00'));
    expect(thresholdPassedAt(cst('2026-11-04T11:00:00'), { amount: 4, unit: 'natural_hours' }, holidays)).toEqual(cst('2026-11-04T15:00:00'));
  });

  it('rises one level per passed threshold, lowest first, and never without a deadline or before it', () => {
    const chain = chainFrom(regions, compound);
    const deadline = cst('2026-10-01T00:00:00').toISOString();
    const at = (s: string, from: 'compound' | 'community' | 'street' = 'compound') => overdueRises(chain, from, deadline, cst(s), defaults, holidays).map((r) => r.place.level);
    expect(at('2026-10-09T12:00:00')).toEqual([]);
    expect(at('2026-10-10T00:01:00')).toEqual(['community']);
    expect(at('2026-10-14T00:01:00')).toEqual(['community', 'street']);
    expect(at('2026-10-14T00:01:00', 'street')).toEqual([]);
    expect(at('2026-11-30T00:00:00', 'community')).toEqual(['street', 'county']);
    expect(overdueRises(chain, 'compound', null, cst('2026-12-01T00:00:00'), defaults, holidays)).toEqual([]);
  });

  it('takes the thresholds of the deepest place, level by level, and checks their order', () => {
    const t = thresholdsAt([{ scopePath: '/', level: 'street', amount: 6, unit: 'working_days' }, { scopePath: '/511300/511302/', level: 'street', amount: 3, unit: 'working_days' }], '/511300/511302/511302001/');
    expect([t.community.amount, t.street.amount, t.street.definedAt, t.county.definedAt]).toEqual([2, 3, '/511300/511302/', 'default']);
    expect(checkThresholds([{ level: 'community', amount: 5, unit: 'working_days' }, { level: 'street', amount: 3, unit: 'working_days' }]).map((p) => `${p.field}:${p.code}`)).toEqual(['levels.1.amount:THRESHOLD_ORDER']);
    expect(checkThresholds([{ level: 'city', amount: 0, unit: 'weeks' }]).map((p) => p.code)).toEqual(['NOT_IN_LIST', 'OUT_OF_RANGE', 'NOT_IN_LIST']);
  });
});

describe('four-level joint meeting', () => {
  const rota = ['A', 'B', 'C'];

  it('rotates the chair by month from the rota, round and round, before the start too', () => {
    expect(['2026-01', '2026-02', '2026-03', '2026-04', '2026-12', '2025-12', '2027-01'].map((m) => scheduledChair(rota, '2026-01', m))).toEqual(['A', 'B', 'C', 'A', 'C', 'C', 'A']);
    expect(rotaYear(rota, '2026-03', 2026, new Map()).map((m) => m.orgId).join('')).toBe('BCABCABCABCA');
    expect(scheduledChair([], '2026-01', '2026-05')).toBeNull();
  });

  it('swaps two months and shows the change against the rota', () => {
    const rows = swapOf(rota, '2026-01', '2026-02', '2026-03', new Map());
    expect(rows).toEqual([{ month: '2026-02', orgId: 'C' }, { month: '2026-03', orgId: 'B' }]);
    const after = new Map(rows.map((r) => [r.month, r.orgId!]));
    expect(chairOf(rota, '2026-01', '2026-02', after)).toEqual({ orgId: 'C', scheduled: 'B', overridden: true });
    expect(chairOf(rota, '2026-01', '2026-04', after)).toEqual({ orgId: 'A', scheduled: 'A', overridden: false });
  });

  it('checks a session record against the agenda and the members', () => {
    const problems = checkSession(
      { heldOn: '2026-11-20', place: '', attendees: ['A', 'X'], minutes: '纪要', items: [
        { incidentId: 'i1', decision: { text: '由城管执法拆除', responsibleOrgId: 'O', dueOn: '2026-11-10' } },
        { incidentId: 'i1' }, { caseId: 'k9' }, { incidentId: 'i2', caseId: 'k1' },
      ] },
      { today: '2026-11-30', members: ['A', 'B'], pendingIncidents: new Set(['i1']), pendingCases: new Set(['k1']), knownOrgs: new Set(['O']) },
    );
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'place:REQUIRED', 'attendees.1:NOT_A_MEMBER', 'items.0.decision.dueOn:DUE_BEFORE_SESSION', 'items.1:ITEM_TWICE', 'items.2.caseId:NOT_ON_AGENDA', 'items.3:ITEM_NEEDS_ONE',
    ]);
  });

  it('dispatches only an incident waiting for dispatch, and calls open tasks past their date overdue', () => {
    expect([decisionEffect('registered', false), decisionEffect('returned', false), decisionEffect('handling', false), decisionEffect('registered', true)]).toEqual(['dispatch', 'dispatch', 'record', 'record']);
    expect([taskOverdue({ state: 'open', dueOn: '2026-11-19' }, '2026-11-20'), taskOverdue({ state: 'open', dueOn: '2026-11-20' }, '2026-11-20'), taskOverdue({ state: 'done', dueOn: '2026-11-01' }, '2026-11-20')]).toEqual([true, false, false]);
  });
});
