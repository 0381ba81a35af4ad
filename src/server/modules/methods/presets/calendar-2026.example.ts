import type { CalendarKind } from '../calendar.ts';

/**
 * EXAMPLE DATA, NOT AUTHORITATIVE / 示例数据，须由管理员核对: a plausible 2026 holiday table in the shape of the State
 * Council's yearly notice (holidays, and weekend days worked instead, 调休). It is written from memory for tests and demos;
 * it is never loaded on its own. An administrator must check it against the official notice (国务院办公厅关于2026年部分
 * 节假日安排的通知) and enter the real days with PUT /api/calendar?year=2026.
 */
export const EXAMPLE_CALENDAR_2026: { year: number; note: string; days: { date: string; kind: CalendarKind; name: string }[] } = {
  year: 2026,
  note: '示例数据，须由管理员按国务院办公厅通知核对后录入 / example data: an administrator must confirm it against the official notice',
  days: [
    ...range('2026-01-01', 3, 'holiday', '元旦'),
    { date: '2026-01-04', kind: 'workday', name: '元旦调休上班' },
    { date: '2026-02-14', kind: 'workday', name: '春节调休上班' },
    ...range('2026-02-15', 9, 'holiday', '春节'),
    { date: '2026-02-28', kind: 'workday', name: '春节调休上班' },
    ...range('2026-04-04', 3, 'holiday', '清明节'),
    ...range('2026-05-01', 5, 'holiday', '劳动节'),
    { date: '2026-05-09', kind: 'workday', name: '劳动节调休上班' },
    ...range('2026-06-19', 3, 'holiday', '端午节'),
    { date: '2026-09-25', kind: 'holiday', name: '中秋节' },
    { date: '2026-09-27', kind: 'workday', name: '国庆节调休上班' },
    ...range('2026-10-01', 7, 'holiday', '国庆节'),
    { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
  ],
};

function range(first: string, n: number, kind: CalendarKind, name: string) {
  const t = Date.parse(first + 'T00:00:00Z');
  return Array.from({ length: n }, (_, i) => ({ date: new Date(t + i * 86_400_000).toISOString().slice(0, 10), kind, name }));
}
