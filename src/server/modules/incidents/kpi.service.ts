import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import type { KpiCounts, KpiGroup, KpiRow, KpiTable } from '../../../shared/incidents.ts';
import { isIsoDate } from '../../../shared/method-template.ts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireScopes } from '../accounts/index.ts';
import { findRegionRef, getGrid, listRegions } from '../registry/index.ts';
import { currentCategorySet } from './category.service.ts';
import { systemCtx } from './incident.context.ts';
import { emptyCounts, periodInstants, ratesOf, sumCounts } from './kpi.ts';
import * as repo from './kpi.repository.ts';

/** What a KPI table is asked for: a region, a period of China dates (both included), and the breakdown. */
export interface KpiQuery {
  regionId: string;
  from: string;
  to: string;
  groupBy: KpiGroup;
}

/**
 * The KPI table of a region for a period (STANDARDS §1.4), broken down by child region, grid, handling organisation or
 * reporting worker, with a total row and the top 小类; only incidents in the caller's incident.read places count.
 */
export async function incidentKpis(db: Db, ctx: Ctx, q: KpiQuery): Promise<KpiTable> {
  const scopes = requireScopes(ctx.actor, 'incident.read');
  const problems = [];
  if (!isIsoDate(q.from)) problems.push(fieldProblem('from', 'NOT_A_DATE'));
  if (!isIsoDate(q.to)) problems.push(fieldProblem('to', 'NOT_A_DATE'));
  else if (isIsoDate(q.from) && q.to < q.from) problems.push(fieldProblem('to', 'DATE_ORDER'));
  if (problems.length) throw invalid(problems);
  const region = await findRegionRef(db, q.regionId);
  if (!region || !scopes.some((s) => region.scopePath.startsWith(s) || s.startsWith(region.scopePath))) throw new DomainError('NOT_FOUND');
  const { from, to } = periodInstants(q.from, q.to);
  const now = ctx.clock.now().toISOString();
  const base = { scopes, underPath: region.scopePath, from, to, asOf: now < to ? now : to };
  const sys = systemCtx(ctx);
  let names = new Map<string, string>();
  let keys: string[] | null = null;
  let groupKey = null;
  let groupName = null;
  if (q.groupBy === 'region') {
    const children = (await listRegions(db, sys, { parentId: region.id })).items;
    names = new Map(children.map((c) => [c.id, c.name]));
    keys = children.map((c) => c.id);
    groupKey = repo.childPlaceKey(children);
  } else if (q.groupBy === 'grid') groupKey = sql`grid_id`;
  else if (q.groupBy === 'org') { groupKey = sql`handler_id`; groupName = sql`handler_name`; }
  else { groupKey = sql`reporter_user_id`; groupName = sql`reporter_display`; }
  // One scan by group and 小类: every count is a sum, so a group's row, the total (groups outside any child included) and
  // the top categories are sums of its rows.
  const cells = await repo.kpiCounts(db, { ...base, groupKey, groupName });
  const totalCounts = sumCounts(cells.map((c) => c.counts));
  const byKey = new Map<string, { name: string | null; counts: KpiCounts }>();
  const byCategory = new Map<string, number>();
  for (const c of cells) {
    byCategory.set(c.categoryCode, (byCategory.get(c.categoryCode) ?? 0) + c.topCount);
    if (c.key === null) continue;
    const g = byKey.get(c.key);
    const name = g?.name && c.name ? (g.name > c.name ? g.name : c.name) : g?.name ?? c.name;
    byKey.set(c.key, { name, counts: sumCounts(g ? [g.counts, c.counts] : [c.counts]) });
  }
  const top = [...byCategory].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([code, count]) => ({ code, count }));
  if (q.groupBy === 'grid') {
    for (const k of byKey.keys()) names.set(k, (await getGrid(db, sys, k).catch(() => null))?.name ?? k);
  }
  // Children with nothing in the period still get a row of zeros, so a silent street is visible.
  const order = keys ?? [...byKey.keys()].sort();
  const rows: KpiRow[] = order.map((k) => {
    const g = byKey.get(k);
    const counts = g?.counts ?? emptyCounts();
    return { key: k, name: names.get(k) ?? g?.name ?? k, counts, rates: ratesOf(counts) };
  });
  const cats = (await currentCategorySet(db)).categories;
  return {
    regionId: region.id, groupBy: q.groupBy, from: q.from, to: q.to, asOf: base.asOf,
    total: { key: region.id, name: region.name, counts: totalCounts, rates: ratesOf(totalCounts) },
    rows,
    topCategories: top.map((t) => ({ code: t.code, name: cats.find((c) => c.code === t.code)?.name ?? { zh: t.code, en: t.code }, count: t.count })),
  };
}
