import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../shared/method-template.ts';
import { BUILTIN_ROLES } from '../accounts/index.ts';
import { PRESETS } from '../methods/index.ts';
import { checkCategoryVersion, matchRoute, minorOf } from './category.ts';
import { distanceMetres, DUPLICATE_CANDIDATES_MAX, guard, patchAfter, pickDuplicates, stagesOwnedBy } from './incident.ts';
import { emptyCounts, periodInstants, ratesOf, sumCounts } from './kpi.ts';
import { CATEGORIES_V1 } from './presets/categories-v1.ts';

const CLOSED_LOOP = PRESETS.find((t) => t.key === 'closed_loop')!;

const codes = (ps: { field: string; code: string }[]) => ps.map((p) => `${p.field}:${p.code}`);

describe('category versions (pure)', () => {
  it('accepts the shipped version 1 and names each problem of a bad one', () => {
    expect(checkCategoryVersion({ categories: [...CATEGORIES_V1], rules: [] })).toEqual([]);
    expect(codes(checkCategoryVersion({
      categories: [
        { code: '01', name: { zh: '市容环境', en: 'Env' } },
        { code: '0101', name: { zh: '私搭乱建', en: 'x' }, deadline: { amount: 0, unit: 'working_days' }, urgency: 'normal' },
        { code: '0101', name: { zh: '重复', en: 'dup' }, deadline: { amount: 1, unit: 'working_days' }, urgency: 'normal' },
        { code: '0201', name: { zh: '', en: 'x' }, deadline: { amount: 1, unit: 'weeks' as never }, urgency: 'soon' as never },
        { code: '1', name: { zh: 'x', en: 'x' } },
      ],
      rules: [{ categoryCode: '0999', scopePath: '/', orgId: 'o' }, { categoryCode: null, scopePath: '/a/', orgId: 'o' }, { categoryCode: null, scopePath: '/a/', orgId: 'p' }],
    }))).toEqual([
      'categories.1.deadline:CATEGORY_DEADLINE', 'categories.2.code:DUPLICATE_VALUE', 'categories.3.name:REQUIRED', 'categories.3.code:CATEGORY_PARENT_MISSING',
      'categories.3.deadline:CATEGORY_DEADLINE', 'categories.3.urgency:NOT_IN_LIST', 'categories.4.code:CATEGORY_CODE_FORMAT',
      'rules.0.categoryCode:CATEGORY_UNKNOWN', 'rules.2.scopePath:RULE_DUPLICATE',
    ]);
    expect(minorOf(CATEGORIES_V1, '0505')).toEqual({ code: '0505', majorCode: '05', name: { zh: '消防通道堵塞', en: 'Blocked fire lane' }, deadline: { amount: 4, unit: 'natural_hours' }, urgency: 'urgent' });
    expect(minorOf(CATEGORIES_V1, '05')).toBeNull();
    const names = CATEGORIES_V1.map((c) => c.name.zh);
    for (const n of ['私搭乱建', '暴露垃圾', '占道经营', '施工扰民', '管道破裂', '道路积水', '楼道堆物', '消防通道堵塞', '绿地种菜', '违章搭建', '矛盾纠纷线索']) expect(names).toContain(n);
  });

  it('routes by the deepest place first, then the most specific category, else to the community', () => {
    const rules = [
      { categoryCode: null, scopePath: '/51/', orgId: 'county-any' },
      { categoryCode: '01', scopePath: '/51/5101/', orgId: 'street-01' },
      { categoryCode: '0101', scopePath: '/51/5101/', orgId: 'street-0101' },
      { categoryCode: null, scopePath: '/51/5101/510101/', orgId: 'community-any' },
    ];
    expect(matchRoute(rules, '0101', '/51/5101/510101/c1/')?.orgId).toBe('community-any');
    expect(matchRoute(rules, '0101', '/51/5101/510102/')?.orgId).toBe('street-0101');
    expect(matchRoute(rules, '0102', '/51/5101/510102/')?.orgId).toBe('street-01');
    expect(matchRoute(rules, '0401', '/51/5101/510102/')?.orgId).toBe('county-any');
    expect(matchRoute(rules, '0401', '/52/')).toBeNull();
  });
});

describe('duplicates and guards (pure)', () => {
  it('measures distance and picks reports in the same compound or within the radius', () => {
    expect(Math.round(distanceMetres({ lat: 30.8, lng: 106.08 }, { lat: 30.80025, lng: 106.08 }))).toBe(28);
    const rows = [
      { id: 'near', compoundId: null, lat: 30.8003, lng: 106.0801 },
      { id: 'far', compoundId: null, lat: 30.81, lng: 106.08 },
      { id: 'same-compound', compoundId: 'c1', lat: null, lng: null },
    ];
    expect(pickDuplicates({ compoundId: 'c1', lat: 30.8, lng: 106.08 }, rows)).toEqual(['near', 'same-compound']);
    expect(pickDuplicates({ compoundId: null, lat: null, lng: null }, rows)).toEqual([]);
  });

  it('names only the latest candidates when a whole building reports the same problem', () => {
    const surge = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, compoundId: i === 1 ? 'c2' : 'c1', lat: null, lng: null }));
    const picked = pickDuplicates({ compoundId: 'c1', lat: null, lng: null }, surge);
    expect(picked).toHaveLength(DUPLICATE_CANDIDATES_MAX);
    expect(picked.slice(0, 3)).toEqual(['r0', 'r2', 'r3']);
  });

  it('applies the rules the template cannot say', () => {
    const now = new Date('2026-10-13T02:00:00.000Z');
    const s = { stage: 'confirming', sourceChannel: 'resident', needsConfirmation: true, stageDueAt: '2026-10-16T02:00:00.000Z' };
    expect(guard('close', s, now)).toEqual({ code: 'INCIDENT_CONFIRMATION_PENDING', params: { until: '2026-10-16 10:00' } });
    expect(guard('confirm', s, now)).toBeNull();
    expect(guard('confirm', s, new Date('2026-10-16T02:00:00.000Z'))?.code).toBe('INCIDENT_CONFIRMATION_OVER');
    expect(guard('close', { ...s, stage: 'verifying' }, now)?.code).toBe('INCIDENT_CONFIRMATION_REQUIRED');
    expect(guard('pass', { ...s, needsConfirmation: false }, now)?.code).toBe('INCIDENT_CONFIRMATION_NOT_NEEDED');
    expect(guard('self_handle', { ...s, sourceChannel: 'hotline' }, now)?.code).toBe('INCIDENT_SELF_HANDLE_NOT_ALLOWED');
    expect(guard('close_unfixed', s, now)).toBeNull();
  });

  it('writes the raw timestamp of each step and the outcome of the end', () => {
    const moved = (stage: string, terminal = false, counters: Record<string, number> = {}) => ({ stage, dueAt: null, terminal, counters });
    expect(patchAfter('dispatch', 'T1', null, moved('dispatched'), {})).toMatchObject({ dispatchedAt: 'T1', firstDispatchedAt: 'T1' });
    expect(patchAfter('dispatch', 'T2', 'T1', moved('dispatched'), {}).firstDispatchedAt).toBeUndefined();
    expect(patchAfter('fail', 'T3', 'T1', moved('dispatched', false, { rework: 2, feedback: 2 }), {})).toMatchObject({ reworkCount: 2, feedbackCount: 2, verifiedAt: 'T3' });
    expect(patchAfter('self_handle', 'T4', null, moved('closed', true), {})).toMatchObject({ outcome: 'self_handled', closedAt: 'T4', endedAt: 'T4' });
    expect(patchAfter('cancel', 'T5', null, moved('cancelled', true), {})).toMatchObject({ outcome: 'cancelled', endedAt: 'T5' });
    expect(patchAfter('cancel', 'T5', null, moved('cancelled', true), {}).closedAt).toBeUndefined();
  });
});

describe('the closed-loop preset', () => {
  it('is a valid template that names only relation roles, so only the incidents module moves it', () => {
    expect(validateTemplate(CLOSED_LOOP, BUILTIN_ROLES.map((r) => r.key))).toEqual([]);
    const who = new Set(CLOSED_LOOP.transitions.flatMap((t) => t.who));
    expect([...who].sort()).toEqual(['assignee', 'dispatcher', 'reporter', 'verifier']);
    expect(CLOSED_LOOP.transitions.filter((t) => t.to === 'closed' || t.to === 'closed_unfixed').map((t) => `${t.event}:${t.who.join('|')}`))
      .toEqual(['self_handle:reporter', 'close:verifier', 'close_unfixed:verifier']);
    expect(stagesOwnedBy(CLOSED_LOOP, 'assignee')).toEqual(['dispatched', 'signed', 'handling']);
    expect(stagesOwnedBy(CLOSED_LOOP, 'verifier')).toEqual(['verifying', 'confirmed']);
    expect(stagesOwnedBy(CLOSED_LOOP, 'dispatcher')).toEqual(['reported', 'accepted', 'registered', 'returned', 'extension_requested', 'suspension_requested', 'suspended', 'feedback']);
  });
});

describe('KPI formulas (pure)', () => {
  it('gives the rates of STANDARDS §1.4 and null for an empty denominator', () => {
    // Tianmen's published figure: 737 of 972 cases closed on time = 75.82%.
    const c = { ...emptyCounts(), due: 972, closedOnTime: 737, closed: 900, handled: 950, reworks: 19 };
    const r = ratesOf(c);
    expect(Math.round(r.onTimeClosingRate! * 10000) / 100).toBe(75.82);
    expect(r.reworkRate).toBe(19 / 950);
    expect(r.registrationRate).toBeNull();
    expect(sumCounts([c, c]).due).toBe(1944);
    expect(periodInstants('2026-10-01', '2026-10-31')).toEqual({ from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' });
  });
});
