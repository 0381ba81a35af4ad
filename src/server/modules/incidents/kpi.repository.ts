import { sql, type RawBuilder } from 'kysely';
import { isPostgres, scopeCondition, type Db } from '../../db/database.ts';
import type { KpiCounts } from '../../../shared/incidents.ts';

/** The rows a KPI table counts: the caller's scopes, one place, one period; grouped by an expression (null: one total group). */
export interface KpiSelection {
  scopes: readonly string[];
  underPath: string;
  from: string;
  to: string;
  /** Overdue is judged at this instant: the period's end, or now if sooner. */
  asOf: string;
  groupKey: RawBuilder<unknown> | null;
  groupName: RawBuilder<unknown> | null;
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * Counts per group and 小类 in one pass, straight from the raw timestamps (STANDARDS §1.4): reports by report time in
 * [from, to); the 应处置 / 应结案 cohort by deadline in (from, to]; handled, closed and their on-time variants by comparing
 * the timestamps with the deadline; and `topCount`, the valid reports the top-categories list ranks. Callers sum the
 * 小类 rows of a group: one scan (of incident_kpi_idx) gives the rows, the total and the top categories.
 */
export async function kpiCounts(db: Db, s: KpiSelection): Promise<{ key: string | null; name: string | null; categoryCode: string; topCount: number; counts: KpiCounts }[]> {
  const rep = sql`(reported_at >= ${s.from} AND reported_at < ${s.to})`;
  // A deadline at the end of the period's last day is the next day's 00:00, so deadlines count in (from, to].
  const due = sql`(registered_at IS NOT NULL AND deadline_at > ${s.from} AND deadline_at <= ${s.to} AND (outcome IS NULL OR outcome <> 'cancelled'))`;
  const hours = isPostgres(db)
    ? sql`EXTRACT(EPOCH FROM (CAST(feedback_at AS timestamptz) - CAST(first_dispatched_at AS timestamptz))) / 3600.0`
    : sql`(julianday(feedback_at) - julianday(first_dispatched_at)) * 24.0`;
  const count = (cond: RawBuilder<unknown>) => sql`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  const key = s.groupKey ?? sql`CAST(NULL AS text)`;
  const name = s.groupName ?? sql`CAST(NULL AS text)`;
  const q = sql<Record<string, unknown>>`
    SELECT ${key} AS k, category_code AS cat, MAX(${name}) AS name,
      ${count(sql`${rep} AND (outcome IS NULL OR outcome <> 'invalid')`)} AS top_n,
      ${count(rep)} AS reported,
      ${count(sql`${rep} AND accepted_at IS NOT NULL`)} AS valid,
      ${count(sql`${rep} AND outcome = 'invalid'`)} AS invalid,
      ${count(sql`${rep} AND outcome = 'self_handled'`)} AS self_handled,
      ${count(sql`${rep} AND registered_at IS NOT NULL`)} AS registered,
      ${count(due)} AS due,
      ${count(sql`${due} AND stage = 'suspended'`)} AS suspended,
      ${count(sql`${due} AND feedback_at IS NOT NULL`)} AS handled,
      ${count(sql`${due} AND feedback_at <= deadline_at`)} AS handled_on_time,
      ${count(sql`${due} AND outcome = 'closed'`)} AS closed,
      ${count(sql`${due} AND outcome = 'closed' AND closed_at <= deadline_at`)} AS closed_on_time,
      ${count(sql`${due} AND outcome = 'closed_unfixed'`)} AS closed_unfixed,
      SUM(CASE WHEN ${due} THEN rework_count ELSE 0 END) AS reworks,
      ${count(sql`${due} AND deadline_at < ${s.asOf} AND ended_at IS NULL AND stage <> 'suspended'`)} AS overdue,
      SUM(CASE WHEN ${due} AND feedback_at IS NOT NULL AND first_dispatched_at IS NOT NULL THEN ${hours} ELSE 0 END) AS hours
    FROM incident
    WHERE ${scopeCondition('scope_path', s.scopes)} AND ${scopeCondition('scope_path', [s.underPath])} AND (${rep} OR ${due})
    GROUP BY 1, 2`;
  const rows = (await q.execute(db)).rows;
  return rows.map((r) => ({
    key: r.k === null || r.k === undefined ? null : String(r.k),
    name: r.name === null || r.name === undefined ? null : String(r.name),
    categoryCode: String(r.cat),
    topCount: n(r.top_n),
    counts: {
      reported: n(r.reported), valid: n(r.valid), invalid: n(r.invalid), selfHandled: n(r.self_handled), registered: n(r.registered), due: n(r.due),
      suspended: n(r.suspended), handled: n(r.handled), handledOnTime: n(r.handled_on_time), closed: n(r.closed), closedOnTime: n(r.closed_on_time),
      closedUnfixed: n(r.closed_unfixed), reworks: n(r.reworks), overdue: n(r.overdue), handlingHoursSum: n(r.hours),
    },
  }));
}

/** A group key that names the child place an incident lies in (one CASE branch per child's path range). */
export function childPlaceKey(children: readonly { id: string; scopePath: string }[]): RawBuilder<unknown> {
  if (!children.length) return sql`NULL`;
  const branches = children.map((c) => sql`WHEN ${scopeCondition('scope_path', [c.scopePath])} THEN ${c.id}`);
  return sql`CASE ${sql.join(branches, sql` `)} ELSE NULL END`;
}
