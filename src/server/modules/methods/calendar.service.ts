import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { checkCalendarDays, daysApplyingAt, makeCalendar, type CalendarDay, type CalendarKind, type WorkCalendar } from './calendar.ts';
import * as repo from './calendar.repository.ts';
import { placeExists } from './place.ts';
import { pathAndAncestors } from './scope.ts';

/** The working-day calendar in force at a place from a date on (the place's own marks override its ancestors'). */
export async function calendarAt(db: Db, scopePath: string, fromDate: string): Promise<WorkCalendar> {
  const rows = await repo.daysFrom(db, fromDate, pathAndAncestors(scopePath));
  return makeCalendar(daysApplyingAt(rows, scopePath));
}

/** A year of the calendar at one place: the days marked there, the days in force there, and whether the caller may change it. */
export async function getCalendar(db: Db, ctx: Ctx, year: number, scopePath = '/'): Promise<{ year: number; scopePath: string; days: CalendarDay[]; effective: CalendarDay[]; abilities: { update: boolean } }> {
  if (!ctx.actor.userId && ctx.actor.kind !== 'system') throw new DomainError('UNAUTHENTICATED');
  const rows = await repo.daysOfYear(db, year, pathAndAncestors(scopePath));
  return {
    year, scopePath,
    days: rows.filter((r) => r.scopePath === scopePath),
    effective: daysApplyingAt(rows, scopePath),
    abilities: { update: can(ctx.actor, 'calendar.manage', scopePath) },
  };
}

/** Replaces the holidays and make-up working days of one year at one place (national: '/'); audited with what changed. */
export async function putCalendar(db: Db, ctx: Ctx, year: number, input: { scopePath?: string; days: { date: string; kind: CalendarKind; name?: string | null }[] }) {
  const scopePath = input.scopePath ?? '/';
  requireAt(ctx.actor, 'calendar.manage', scopePath);
  const problems = checkCalendarDays(year, input.days).map((p) => fieldProblem(p.field, p.code, p.params));
  if (!(await placeExists(db, scopePath))) problems.push(fieldProblem('scopePath', 'NOT_FOUND_REF', { value: scopePath }));
  if (problems.length) throw invalid(problems);
  const days = input.days.map((d) => ({ date: d.date, kind: d.kind, name: (d.name ?? '').trim() || (d.kind === 'holiday' ? '节假日' : '调休上班') }));
  return inTx(db, async (tx) => {
    const before = (await repo.daysOfYear(tx, year, [scopePath])).map((d) => `${d.date}:${d.kind}`);
    await repo.replaceYear(tx, scopePath, year, days, nowIso(ctx), ctx.actor.userId);
    const after = days.map((d) => `${d.date}:${d.kind}`);
    await recordAudit(tx, ctx, {
      action: 'calendar.update', objectType: 'calendar', objectId: `${scopePath}${year}`, scopePath,
      detail: { year, holidays: days.filter((d) => d.kind === 'holiday').length, workdays: days.filter((d) => d.kind === 'workday').length,
        added: after.filter((x) => !before.includes(x)), removed: before.filter((x) => !after.includes(x)) },
    });
    return getCalendar(tx, ctx, year, scopePath);
  });
}
