import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { MEETING_FORMS, type MeetingForm, type Named } from '../../../shared/deliberation.ts';
import { isIsoDate } from '../../../shared/method-template.ts';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireScopes } from '../accounts/index.ts';
import { findRegionByCode, findRegionRef } from '../registry/index.ts';
import { cstDateOf, instantRange, isoWeekOf, isoWeekRange, monthRange } from './report.ts';
import * as repo from './report.repository.ts';

/** The most compounds the monthly report lists by name. */
export const MONTHLY_LIST_LIMIT = 2000;

function overlaps(path: string, scopes: readonly string[]): boolean {
  return scopes.some((s) => path.startsWith(s) || s.startsWith(path));
}

async function placeOf(db: Db, ctx: Ctx, q: { regionId?: string; compoundId?: string }): Promise<repo.ReportPlace> {
  const scopes = requireScopes(ctx.actor, 'deliberation.read');
  const p: repo.ReportPlace = { scopes, compoundId: q.compoundId };
  if (q.regionId) {
    const r = await findRegionRef(db, q.regionId);
    if (!r) throw invalid([fieldProblem('regionId', 'NOT_FOUND_REF', { value: q.regionId })]);
    if (!overlaps(r.scopePath, scopes)) throw new DomainError('OUT_OF_SCOPE');
    p.underPath = r.scopePath;
  }
  return p;
}

/** One week's row of the weekly report. */
export interface WeeklyReportRow {
  compound: Named;
  collected: number;
  answered: number;
  takenUp: number;
  pending: number;
  answeredWithin7Days: number;
}

/**
 * The weekly report (民情民意每周收集): per compound in place, the opinions received in the ISO week (China time) and how
 * many of them were answered, taken up, still pending, and answered within seven days. Defaults to the current week.
 */
export async function weeklyReport(db: Db, ctx: Ctx, q: { regionId?: string; compoundId?: string; week?: string }) {
  const week = q.week ?? isoWeekOf(cstDateOf(ctx.clock.now()));
  const range = isoWeekRange(week);
  if (!range) throw invalid([fieldProblem('week', 'NOT_A_DATE')]);
  const place = await placeOf(db, ctx, q);
  const { fromAt, toAt } = instantRange(range.from, range.to);
  const rows = (await repo.weeklyRows(db, place, fromAt, toAt)).map(({ compoundId, compoundName, ...f }): WeeklyReportRow => ({ compound: { id: compoundId, name: compoundName }, ...f }));
  const totals = { collected: 0, answered: 0, takenUp: 0, pending: 0, answeredWithin7Days: 0 };
  for (const r of rows) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
  return { week, from: range.from, to: range.to, rows, totals };
}

/**
 * The monthly report (议事协商每月开展): compounds in place, how many held a deliberation meeting (status held) that
 * month, and those that did not, with the date of their last one. Defaults to the current month.
 */
export async function monthlyReport(db: Db, ctx: Ctx, q: { regionId?: string; month?: string }) {
  const month = q.month ?? cstDateOf(ctx.clock.now()).slice(0, 7);
  const range = monthRange(month);
  if (!range) throw invalid([fieldProblem('month', 'NOT_A_DATE')]);
  const place = await placeOf(db, ctx, q);
  const { fromAt, toAt } = instantRange(range.from, range.to);
  const counts = await repo.consultationCounts(db, place, fromAt, toAt);
  return {
    month, from: range.from, to: range.to, compoundsInScope: counts.inScope, compoundsWithConsultation: counts.withConsultation,
    withoutConsultation: await repo.withoutConsultation(db, place, fromAt, toAt, MONTHLY_LIST_LIMIT),
  };
}

function byForm(f: Record<string, number>): Record<MeetingForm, number> {
  return Object.fromEntries(MEETING_FORMS.map((k) => [k, f[k] ?? 0])) as Record<MeetingForm, number>;
}

const ZERO: repo.CountFigures = { opinionsCollected: 0, mattersResolved: 0, policySessions: 0, meetingsHeld: 0, meetingsByForm: {} };

async function childrenOf(db: Db, scopes: readonly string[], regionId: string | undefined): Promise<repo.ChildPlace[]> {
  if (regionId) {
    const r = (await findRegionRef(db, regionId))!;
    return repo.childPlaces(db, r.id, r.level);
  }
  if (scopes.includes('/')) return repo.childPlaces(db, null, null);
  if (scopes.length > 1) return (await Promise.all(scopes.map((s) => repo.placeOfPath(db, s)))).filter((x): x is repo.ChildPlace => x !== null);
  const code = scopes[0].split('/').filter(Boolean).pop()!;
  const r = await findRegionByCode(db, code);
  return r && r.scopePath === scopes[0] ? repo.childPlaces(db, r.id, r.level) : [];
}

/**
 * Counts for dashboards in place and period (China-time days, inclusive; open-ended when absent): opinions collected,
 * matters resolved, policy-promotion sessions, deliberation meetings held and by form; and the same per child place
 * (the region's children, a community's compounds; without a region, the caller's own places).
 */
export async function deliberationCounts(db: Db, ctx: Ctx, q: { regionId?: string; from?: string; to?: string }) {
  const problems = [];
  if (q.from && !isIsoDate(q.from)) problems.push(fieldProblem('from', 'NOT_A_DATE'));
  if (q.to && !isIsoDate(q.to)) problems.push(fieldProblem('to', 'NOT_A_DATE'));
  if (q.from && q.to && isIsoDate(q.from) && isIsoDate(q.to) && q.to < q.from) problems.push(fieldProblem('to', 'DATE_ORDER'));
  if (problems.length) throw invalid(problems);
  const place = await placeOf(db, ctx, q);
  const period: repo.Period = {
    fromAt: q.from ? instantRange(q.from, q.from).fromAt : undefined,
    toAt: q.to ? instantRange(q.to, q.to).toAt : undefined,
  };
  const total = (await repo.countFigures(db, place, period, null)).get('') ?? ZERO;
  const children = (await childrenOf(db, place.scopes, q.regionId)).filter((c) => overlaps(c.scopePath, place.scopes));
  const figures = new Map<string, repo.CountFigures>();
  for (const len of new Set(children.map((c) => c.scopePath.length))) {
    for (const [k, f] of await repo.countFigures(db, place, period, len)) figures.set(k, f);
  }
  const { meetingsByForm: _m, ...totals } = total;
  return {
    ...totals, meetingsByForm: byForm(total.meetingsByForm),
    byChild: children.map((c) => {
      const { meetingsByForm: _f, ...f } = figures.get(c.scopePath) ?? ZERO;
      return { region: { id: c.id, name: c.name }, ...f };
    }),
  };
}
