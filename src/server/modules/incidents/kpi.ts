import type { KpiCounts, KpiRates } from '../../../shared/incidents.ts';

/** n / d, or null when nothing is in the denominator. */
export function ratio(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

/** Zero counts (a group with nothing in the period). */
export function emptyCounts(): KpiCounts {
  return {
    reported: 0, valid: 0, invalid: 0, selfHandled: 0, registered: 0, due: 0, suspended: 0, handled: 0, handledOnTime: 0,
    closed: 0, closedOnTime: 0, closedUnfixed: 0, reworks: 0, overdue: 0, handlingHoursSum: 0,
  };
}

/**
 * The indicators of STANDARDS §1.4 from the counts:
 * 有效上报率 = 有效上报数 / 上报数; 立案率 = 立案数 / 有效上报数; 处置率 = 处置数 / 应处置数; 按期处置率 = 按期处置数 / 应处置数;
 * 结案率 = 结案数 / 应结案数; 按期结案率 = 按期结案数 / 应结案数 (and Jinhua's variant over 应结案数 − 缓办数);
 * 返工率 = 返工数 / 处置数; 平均处置时长 = Σ(last feedback − first dispatch) / 处置数, in hours.
 * 应处置数 and 应结案数 are the same cohort: registered cases, not cancelled, whose deadline falls in the period.
 */
export function ratesOf(c: KpiCounts): KpiRates {
  return {
    validReportRate: ratio(c.valid, c.reported),
    registrationRate: ratio(c.registered, c.valid),
    handlingRate: ratio(c.handled, c.due),
    onTimeHandlingRate: ratio(c.handledOnTime, c.due),
    closingRate: ratio(c.closed, c.due),
    onTimeClosingRate: ratio(c.closedOnTime, c.due),
    onTimeClosingRateExclSuspended: ratio(c.closedOnTime, c.due - c.suspended),
    reworkRate: ratio(c.reworks, c.handled),
    avgHandlingHours: c.handled > 0 ? c.handlingHoursSum / c.handled : null,
  };
}

/** The sum of several groups' counts (a total row). */
export function sumCounts(rows: readonly KpiCounts[]): KpiCounts {
  const out = emptyCounts();
  for (const r of rows) for (const k of Object.keys(out) as (keyof KpiCounts)[]) out[k] += r[k];
  return out;
}

/** A period of China dates, both included, as the half-open UTC instants [from, to) the timestamps are compared with. */
export function periodInstants(fromDate: string, toDate: string): { from: string; to: string } {
  const from = new Date(Date.parse(fromDate + 'T00:00:00Z') - 8 * 3600_000);
  const to = new Date(Date.parse(toDate + 'T00:00:00Z') + 16 * 3600_000);
  return { from: from.toISOString(), to: to.toISOString() };
}
