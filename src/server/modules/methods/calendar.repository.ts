import type { Db } from '../../db/database.ts';
import type { CalendarDay, CalendarKind } from './calendar.ts';

function toDay(r: { date: string; kind: string; name: string; scope_path: string }): CalendarDay {
  return { date: r.date, kind: r.kind as CalendarKind, name: r.name, scopePath: r.scope_path };
}

/** Marked days on or after a date at any of the given places (a place and its ancestors). */
export async function daysFrom(db: Db, fromDate: string, scopePaths: readonly string[]): Promise<CalendarDay[]> {
  const rows = await db.selectFrom('calendar_day').select(['date', 'kind', 'name', 'scope_path'])
    .where('date', '>=', fromDate).where('scope_path', 'in', [...scopePaths]).orderBy('date').execute();
  return rows.map(toDay);
}

/** Marked days of a year at any of the given places. */
export async function daysOfYear(db: Db, year: number, scopePaths: readonly string[]): Promise<CalendarDay[]> {
  const rows = await db.selectFrom('calendar_day').select(['date', 'kind', 'name', 'scope_path'])
    .where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).where('scope_path', 'in', [...scopePaths]).orderBy('date').execute();
  return rows.map(toDay);
}

/** Replaces one place's marked days of one year. */
export async function replaceYear(db: Db, scopePath: string, year: number, days: readonly { date: string; kind: string; name: string }[], now: string, by: string | null): Promise<void> {
  await db.deleteFrom('calendar_day').where('scope_path', '=', scopePath).where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  if (days.length === 0) return;
  await db.insertInto('calendar_day').values(days.map((d) => ({ scope_path: scopePath, date: d.date, kind: d.kind, name: d.name, updated_at: now, updated_by: by }))).execute();
}
