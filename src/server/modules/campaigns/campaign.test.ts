import { describe, expect, it } from 'vitest';
import { CATEGORIES_V1 } from '../incidents/index.ts';
import { checkCampaignFields, checkInspection, coverageOf, coversCategory } from './campaign.ts';

const codes = (ps: { field: string; code: string }[]) => ps.map((p) => `${p.field}:${p.code}`);
const cats = CATEGORIES_V1.map((c) => ({ code: c.code, name: c.name }));
const isMinor = (code: string) => /^\d{4}$/.test(code) && cats.some((c) => c.code === code);

describe('campaign fields', () => {
  it('checks problem types against the incident categories and the period', () => {
    expect(codes(checkCampaignFields({}, cats, null))).toEqual(['name:REQUIRED', 'problemTypes:REQUIRED', 'startsOn:REQUIRED', 'endsOn:REQUIRED']);
    const bad = checkCampaignFields({ name: '绿地种菜整治', problemTypes: ['0107', '9999', '0107'], startsOn: '2026-11-10', endsOn: '2026-11-01' }, cats, null);
    expect(codes(bad)).toEqual(['problemTypes.1:PROBLEM_TYPE_UNKNOWN', 'problemTypes.2:DUPLICATE_VALUE', 'endsOn:DATE_ORDER']);
    expect(checkCampaignFields({ name: '消防通道整治', problemTypes: ['0505', '01'], startsOn: '2026-11-01', endsOn: '2026-11-30' }, cats, null)).toEqual([]);
    expect(codes(checkCampaignFields({ endsOn: '2026-10-01' }, cats, { startsOn: '2026-11-01', endsOn: '2026-11-30' }))).toEqual(['endsOn:DATE_ORDER']);
  });

  it('covers a 小类 listed itself or under a listed 大类', () => {
    expect(coversCategory(['0505', '01'], '0107')).toBe(true);
    expect(coversCategory(['0505', '01'], '0505')).toBe(true);
    expect(coversCategory(['0505', '01'], '0502')).toBe(false);
  });
});

describe('inspections', () => {
  const now = new Date('2026-11-20T02:00:00Z');
  it('needs findings exactly when problems were found, of the campaign’s types, not in the future', () => {
    expect(codes(checkInspection({ version: 1, result: 'problems_found' }, ['0107'], isMinor, now))).toEqual(['findings:FINDINGS_REQUIRED']);
    expect(codes(checkInspection({ version: 1, result: 'no_problem', findings: [{ categoryCode: '0107', description: 'x' }] }, ['0107'], isMinor, now))).toEqual(['findings:FINDINGS_NOT_ALLOWED']);
    const bad = checkInspection({
      version: 1, result: 'problems_found', inspectedAt: '2026-11-20T03:00:00Z',
      findings: [{ categoryCode: '0201', description: '小广告' }, { categoryCode: '01', description: '' }, { categoryCode: '0107', description: '种菜' }],
    }, ['01'], isMinor, now);
    expect(codes(bad)).toEqual(['inspectedAt:TIME_IN_FUTURE', 'findings.0.categoryCode:CATEGORY_NOT_IN_CAMPAIGN', 'findings.1.categoryCode:PROBLEM_TYPE_UNKNOWN', 'findings.1.description:REQUIRED']);
    expect(checkInspection({ version: 1, result: 'no_problem', inspectedAt: '2026-11-20T02:03:00Z' }, ['01'], isMinor, now)).toEqual([]);
  });

  it('computes coverage as inspected over tasks in scope', () => {
    expect(coverageOf({ inScope: 4, inspected: 1, waived: 1, problemsFound: 1 })).toEqual({ inScope: 4, inspected: 1, waived: 1, open: 2, problemsFound: 1, rate: 0.25 });
    expect(coverageOf({ inScope: 0, inspected: 0, waived: 0, problemsFound: 0 }).rate).toBe(0);
  });
});
