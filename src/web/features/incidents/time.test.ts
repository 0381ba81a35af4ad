import { describe, expect, it } from 'vitest';
import { isWorkingDate, splitSpan, workingHours, workingMsBetween } from './time.ts';

const cst = (s: string) => Date.parse(s + '+08:00');
const none = new Map<string, 'holiday' | 'workday'>();

describe('incident time left', () => {
  it('counts office hours only, across lunch, nights and weekends', () => {
    // Friday 16:00 → Monday 10:00: 1.5 h on Friday, 1 h on Monday.
    expect(workingHours(workingMsBetween(cst('2026-10-23T16:00:00'), cst('2026-10-26T10:00:00'), none))).toBe(2.5);
    // Inside lunch to the afternoon: 11:30 → 14:00 is 0.5 + 0.5.
    expect(workingHours(workingMsBetween(cst('2026-10-21T11:30:00'), cst('2026-10-21T14:00:00'), none))).toBe(1);
    expect(workingMsBetween(cst('2026-10-21T14:00:00'), cst('2026-10-21T11:00:00'), none)).toBe(0);
  });

  it('skips holidays and counts make-up working days', () => {
    const marks = new Map<string, 'holiday' | 'workday'>([['2026-10-01', 'holiday'], ['2026-10-02', 'holiday'], ['2026-10-10', 'workday']]);
    expect(isWorkingDate('2026-10-01', marks)).toBe(false);
    expect(isWorkingDate('2026-10-10', marks)).toBe(true);
    // Wednesday 30 Sep 17:00 → Saturday 10 Oct 10:00: 0.5 h, none on the holidays or the weekend, 5–9 Oct in full, 1 h of the make-up Saturday.
    const ms = workingMsBetween(cst('2026-09-30T17:00:00'), cst('2026-10-10T10:00:00'), marks);
    expect(workingHours(ms)).toBe(0.5 + 5 * 7 + 1);
  });

  it('splits a span into days, hours and minutes', () => {
    expect(splitSpan((2 * 24 + 3) * 3_600_000 + 5 * 60_000)).toEqual({ d: 2, h: 3, m: 5 });
    expect(splitSpan(-5)).toEqual({ d: 0, h: 0, m: 0 });
  });
});
