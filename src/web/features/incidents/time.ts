// Time left before, or past, an incident's deadline: natural time, and working time on the office hours of the
// server's calendar (09:00–12:00 and 13:30–17:30 China time on working days), for the deadline column and header.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const CST = 8 * HOUR;
/** Office periods of a working day, minutes after 00:00 China time (the server's DEFAULT_WORKING_HOURS). */
const PERIODS: readonly [number, number][] = [[9 * 60, 12 * 60], [13 * 60 + 30, 17 * 60 + 30]];

/** Days marked on the working calendar: a holiday, or a weekend day worked instead. */
export type CalendarMarks = ReadonlyMap<string, 'holiday' | 'workday'>;

/** Whether a China date is worked: weekdays unless a holiday, weekends only when marked as working days. */
export function isWorkingDate(date: string, marks: CalendarMarks): boolean {
  const mark = marks.get(date);
  if (mark) return mark === 'workday';
  const dow = new Date(date + 'T00:00:00Z').getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Working milliseconds between two instants (0 when `to` is not after `from`); stops looking after a year. */
export function workingMsBetween(from: number, to: number, marks: CalendarMarks): number {
  if (to <= from) return 0;
  let total = 0;
  // Walk China dates from the one `from` falls on.
  let dayStart = Math.floor((from + CST) / DAY) * DAY - CST;
  for (let i = 0; dayStart < to && i < 400; i++, dayStart += DAY) {
    const date = new Date(dayStart + CST).toISOString().slice(0, 10);
    if (!isWorkingDate(date, marks)) continue;
    for (const [a, b] of PERIODS) {
      const s = Math.max(from, dayStart + a * MIN);
      const e = Math.min(to, dayStart + b * MIN);
      if (e > s) total += e - s;
    }
  }
  return total;
}

/** A duration split for display: whole days, hours and minutes. */
export function splitSpan(ms: number): { d: number; h: number; m: number } {
  const mins = Math.max(0, Math.round(ms / MIN));
  return { d: Math.floor(mins / 1440), h: Math.floor((mins % 1440) / 60), m: mins % 60 };
}

/** Working time as hours with one decimal (7 working hours make a working day here: 3 + 4). */
export function workingHours(ms: number): number {
  return Math.round((ms / HOUR) * 10) / 10;
}
