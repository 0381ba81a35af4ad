import { describe, expect, it } from 'vitest';
import {
  addNaturalDays, addNaturalHours, addWorkingDays, addWorkingHours, checkCalendarDays, daysApplyingAt, dueAfter, isWorkingDay, makeCalendar,
} from './calendar.ts';
import { EXAMPLE_CALENDAR_2026 } from './presets/index.ts';

const cal = makeCalendar(EXAMPLE_CALENDAR_2026.days);
const plain = makeCalendar([]);
/** An instant given in China time. */
const cst = (s: string) => new Date(s + '+08:00');
const iso = (d: Date) => d.toISOString();

describe('working-day calendar', () => {
  it('treats weekends as rest unless marked as make-up working days, holidays as rest', () => {
    expect(isWorkingDay(cal, '2026-09-26')).toBe(false); // Saturday
    expect(isWorkingDay(cal, '2026-09-27')).toBe(true); // Sunday, worked for National Day
    expect(isWorkingDay(cal, '2026-10-01')).toBe(false); // Thursday, holiday
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true); // Saturday, worked
    expect(isWorkingDay(cal, '2026-10-12')).toBe(true);
  });

  it('counts working days across National Day and the make-up Saturday', () => {
    // Entered Wednesday 30 September; 1–7 October are holidays; 8, 9 and Saturday 10 October are worked.
    expect(iso(addWorkingDays(cst('2026-09-30T10:00:00'), 1, cal))).toBe(iso(cst('2026-10-09T00:00:00')));
    expect(iso(addWorkingDays(cst('2026-09-30T10:00:00'), 3, cal))).toBe(iso(cst('2026-10-11T00:00:00')));
    expect(iso(addWorkingDays(cst('2026-09-30T10:00:00'), 4, cal))).toBe(iso(cst('2026-10-13T00:00:00')));
    // Without the calendar the same 3 days end on Monday 5 October.
    expect(iso(addWorkingDays(cst('2026-09-30T10:00:00'), 3, plain))).toBe(iso(cst('2026-10-06T00:00:00')));
    // From Saturday 26 September the next working day is the make-up Sunday.
    expect(iso(addWorkingDays(cst('2026-09-26T09:00:00'), 1, cal))).toBe(iso(cst('2026-09-28T00:00:00')));
  });

  it('counts working days across the Spring Festival', () => {
    // Friday 13 February: Saturday 14th is worked, 15–23 are holidays, Tuesday 24th is the next working day.
    expect(iso(addWorkingDays(cst('2026-02-13T16:00:00'), 2, cal))).toBe(iso(cst('2026-02-25T00:00:00')));
  });

  it('counts working hours inside office hours only, skipping lunch, nights and holidays', () => {
    // 11:00 + 2 h → 1 h before lunch, 1 h after 13:30.
    expect(iso(addWorkingHours(cst('2026-10-12T11:00:00'), 2, cal))).toBe(iso(cst('2026-10-12T14:30:00')));
    // Ending exactly at the close of a period stays at that close.
    expect(iso(addWorkingHours(cst('2026-10-12T09:00:00'), 3, cal))).toBe(iso(cst('2026-10-12T12:00:00')));
    // Evening of Wednesday 30 September: the next office hours are Thursday 8 October.
    expect(iso(addWorkingHours(cst('2026-09-30T20:00:00'), 1, cal))).toBe(iso(cst('2026-10-08T10:00:00')));
    // Friday 9 October 17:00 + 1 h: half an hour left that day, the rest on the make-up Saturday.
    expect(iso(addWorkingHours(cst('2026-10-09T17:00:00'), 1, cal))).toBe(iso(cst('2026-10-10T09:30:00')));
  });

  it('counts natural time straight through holidays', () => {
    expect(iso(addNaturalDays(cst('2026-09-30T10:00:00'), 30))).toBe(iso(cst('2026-10-30T10:00:00')));
    expect(iso(addNaturalHours(cst('2026-10-01T23:00:00'), 2))).toBe(iso(cst('2026-10-02T01:00:00')));
    expect(iso(dueAfter(cst('2026-10-01T23:00:00'), { amount: 2, unit: 'natural_hours' }, cal))).toBe(iso(cst('2026-10-02T01:00:00')));
  });

  it('lets a local calendar override the national one for the same date', () => {
    const rows = [
      { date: '2026-10-12', kind: 'holiday' as const, name: '地方节日', scopePath: '/511300/' },
      { date: '2026-10-10', kind: 'holiday' as const, name: '本地不调休', scopePath: '/511300/511302/' },
      { date: '2026-10-10', kind: 'workday' as const, name: '调休', scopePath: '/' },
    ];
    const here = daysApplyingAt(rows, '/511300/511302/511302001/');
    expect(here.map((d) => `${d.date}:${d.kind}`)).toEqual(['2026-10-10:holiday', '2026-10-12:holiday']);
    expect(daysApplyingAt(rows, '/440000/').map((d) => d.kind)).toEqual(['workday']);
  });

  it('checks an administrator’s list of days', () => {
    const p = checkCalendarDays(2026, [
      { date: '2026-10-01', kind: 'holiday' }, { date: '2026-10-01', kind: 'holiday' }, { date: '2027-01-01', kind: 'holiday' },
      { date: '2026-02-30', kind: 'holiday' }, { date: '2026-05-01', kind: 'vacation' },
    ]);
    expect(p.map((x) => `${x.field}:${x.code}`)).toEqual(['days.1.date:DUPLICATE_VALUE', 'days.2.date:OUT_OF_RANGE', 'days.3.date:NOT_A_DATE', 'days.4.kind:NOT_IN_LIST']);
  });
});
