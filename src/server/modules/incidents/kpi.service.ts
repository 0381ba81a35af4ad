import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import type { KpiGroup, KpiRow, KpiTable } from '../../../shared/incidents.ts';
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
  const [grouped, [total], top] = await Promise.all([
    repo.kpiCounts(db, { ...base, groupKey, groupName }),
    repo.kpiCounts(db, { ...base, groupKey: null, groupName: null }),
    repo.topCategories(db, base, 5),
  ]);
  const byKey = new Map(grouped.filter((g) => g.key !== null).map((g) => [g.key!, g]));
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
  const totalCounts = total?.counts ?? sumCounts([]);
  const cats = (await currentCategorySet(db)).categories;
  return {
    regionId: region.id, groupBy: q.groupBy, from: q.from, to: q.to, asOf: base.asOf,
    total: { key: region.id, name: region.name, counts: totalCounts, rates: ratesOf(totalCounts) },
    rows,
    topCategories: top.map((t) => ({ code: t.code, name: cats.find((c) => c.code === t.code)?.name ?? { zh: t.code, en: t.code }, count: t.count })),
  };
}
