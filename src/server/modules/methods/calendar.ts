import { isIsoDate, type Deadline } from '../../../shared/method-template.ts';

/** What an administrator marks on the calendar: a public holiday, or a weekend day worked instead (调休). */
export const CALENDAR_KINDS = ['holiday', 'workday'] as const;
/** A calendar day kind. */
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** One marked day; rows at a deeper scope override the same date at a shallower one. */
export interface CalendarDay {
  date: string;
  kind: CalendarKind;
  name: string;
  scopePath: string;
}

/** A working period of a working day, in China Standard Time, 'HH:MM'. */
export interface WorkingPeriod {
  start: string;
  end: string;
}

/** Office hours counted by working-hour deadlines (09:00–12:00, 13:30–17:30 China time); change here if a city differs. */
export const DEFAULT_WORKING_HOURS: readonly WorkingPeriod[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** China Standard Time is UTC+8 all year (no daylight saving). */
const CST_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
/** Longest stretch searched for working time before giving up (a calendar marking everything a holiday). */
const MAX_DAYS = 3660;

/** The calendar a deadline is computed on: marked days plus office hours. */
export interface WorkCalendar {
  marks: ReadonlyMap<string, CalendarKind>;
  hours: readonly WorkingPeriod[];
}

/** Builds a calendar from the days that apply at one place. */
export function makeCalendar(days: readonly { date: string; kind: CalendarKind }[], hours: readonly WorkingPeriod[] = DEFAULT_WORKING_HOURS): WorkCalendar {
  return { marks: new Map(days.map((d) => [d.date, d.kind])), hours };
}

/** The days in force at scopePath: rows of that place and its ancestors, the deepest winning for each date. */
export function daysApplyingAt(rows: readonly CalendarDay[], scopePath: string): CalendarDay[] {
  const byDate = new Map<string, CalendarDay>();
  for (const r of [...rows].filter((r) => scopePath.startsWith(r.scopePath)).sort((a, b) => a.scopePath.length - b.scopePath.length)) byDate.set(r.date, r);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The China date (YYYY-MM-DD) of an instant. */
export function cstDate(t: Date): string {
  return new Date(t.getTime() + CST_MS).toISOString().slice(0, 10);
}

/** The instant a China date begins (00:00 CST). */
export function cstMidnight(date: string): Date {
  return new Date(Date.parse(date + 'T00:00:00Z') - CST_MS);
}

/** The date after a date. */
export function nextDate(date: string): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + DAY_MS).toISOString().slice(0, 10);
}

/** Whether a date is worked: weekdays unless a holiday, weekends only when marked as a make-up working day. */
export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  const mark = cal.marks.get(date);
  if (mark) return mark === 'workday';
  const dow = new Date(date + 'T00:00:00Z').getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** n natural days later, to the millisecond. */
export function addNaturalDays(from: Date, n: number): Date {
  return new Date(from.getTime() + n * DAY_MS);
}

/** n natural hours later. */
export function addNaturalHours(from: Date, n: number): Date {
  return new Date(from.getTime() + n * 3600_000);
}

/**
 * The end of the n-th working day after the day of `from` (the starting day does not count, whatever the hour): a stage
 * entered on Wednesday with 1 working day is due at the end of Thursday, i.e. Friday 00:00 China time.
 */
export function addWorkingDays(from: Date, n: number, cal: WorkCalendar): Date {
  let d = cstDate(from);
  for (let counted = 0, i = 0; counted < n; i++) {
    if (i > MAX_DAYS) throw new Error('calendar has no working days');
    d = nextDate(d);
    if (isWorkingDay(cal, d)) counted++;
  }
  return cstMidnight(nextDate(d));
}

function atCst(date: string, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return cstMidnight(date).getTime() + (h * 60 + m) * 60_000;
}

/**
 * n working hours later, counted only inside office hours on working days. Time outside office hours waits for the
 * next period; a count that ends exactly at the close of a period is due at that close.
 */
export function addWorkingHours(from: Date, n: number, cal: WorkCalendar): Date {
  let left = n * 3600_000;
  const start = from.getTime();
  let d = cstDate(from);
  for (let i = 0; i <= MAX_DAYS; i++, d = nextDate(d)) {
    if (!isWorkingDay(cal, d)) continue;
    for (const p of cal.hours) {
      const s = atCst(d, p.start);
      const e = atCst(d, p.end);
      if (e <= start) continue;
      const begin = Math.max(s, start);
      if (left <= e - begin) return new Date(begin + left);
      left -= e - begin;
    }
  }
  throw new Error('calendar has no working hours');
}

/** When a stage entered at `from` with this deadline is due. */
export function dueAfter(from: Date, deadline: Deadline, cal: WorkCalendar): Date {
  switch (deadline.unit) {
    case 'natural_days': return addNaturalDays(from, deadline.amount);
    case 'natural_hours': return addNaturalHours(from, deadline.amount);
    case 'working_days': return addWorkingDays(from, deadline.amount, cal);
    case 'working_hours': return addWorkingHours(from, deadline.amount, cal);
  }
}

/** The due instant of a "by this date" input: the end of that day in China. */
export function endOfCstDay(date: string): Date {
  return cstMidnight(nextDate(date));
}

/** Checks an administrator's list of days for one year: real dates inside the year, known kinds, a name, no date twice. */
export function checkCalendarDays(year: number, days: readonly { date: string; kind: string; name?: string | null }[]): { field: string; code: 'NOT_A_DATE' | 'OUT_OF_RANGE' | 'NOT_IN_LIST' | 'DUPLICATE_VALUE' | 'TOO_LONG'; params: Record<string, string | number> }[] {
  const out: ReturnType<typeof checkCalendarDays> = [];
  const seen = new Set<string>();
  days.forEach((d, i) => {
    if (!isIsoDate(d.date)) out.push({ field: `days.${i}.date`, code: 'NOT_A_DATE', params: {} });
    else if (!d.date.startsWith(`${year}-`)) out.push({ field: `days.${i}.date`, code: 'OUT_OF_RANGE', params: { min: `${year}-01-01`, max: `${year}-12-31` } });
    else if (seen.has(d.date)) out.push({ field: `days.${i}.date`, code: 'DUPLICATE_VALUE', params: { value: d.date } });
    seen.add(d.date);
    if (!CALENDAR_KINDS.includes(d.kind as CalendarKind)) out.push({ field: `days.${i}.kind`, code: 'NOT_IN_LIST', params: { allowed: CALENDAR_KINDS.join(', ') } });
    if ((d.name ?? '').length > 40) out.push({ field: `days.${i}.name`, code: 'TOO_LONG', params: { max: 40 } });
  });
  return out;
}
