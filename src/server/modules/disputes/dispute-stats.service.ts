import { DISPUTE_TYPES, DISPUTE_TYPE_NAMES, type DisputeCounts, type DisputeStats, type DisputeType } from '../../../shared/disputes.ts';
import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { inScope, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireScopes } from '../accounts/index.ts';
import { findRegionRef } from '../registry/index.ts';
import { isIsoDate } from './dispute.ts';
import * as repo from './dispute.repository.ts';
import { periodInstants } from './dispute.service.ts';

const ZERO: DisputeCounts = { total: 0, open: 0, agreed: 0, referred: 0, withdrawn: 0, followedUp: 0, holding: 0, relapsed: 0 };

function add(a: DisputeCounts, b: DisputeCounts): DisputeCounts {
  const out = { ...a };
  for (const k of Object.keys(ZERO) as (keyof DisputeCounts)[]) out[k] += b[k];
  return out;
}

/**
 * Dispute counts for a region (within the caller's dispute.read scope) and a period of registration (China-time dates,
 * both ends included; default: this year so far): by type, by how they stand (open, agreed, referred, withdrawn, followed
 * up, holding, relapsed), and per child region, or per compound under a community. Every figure is counted in SQL.
 */
export async function disputeStats(db: Db, ctx: Ctx, q: { regionId: string; from?: string; to?: string }): Promise<DisputeStats> {
  const prefixes = requireScopes(ctx.actor, 'dispute.read');
  const region = await findRegionRef(db, q.regionId);
  if (!region || !inScope(region.scopePath, prefixes)) throw new DomainError('NOT_FOUND');
  const today = todayCst(ctx.clock);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  const problems: FieldProblem[] = [];
  if (!isIsoDate(from)) problems.push(fieldProblem('from', 'NOT_A_DATE'));
  if (!isIsoDate(to)) problems.push(fieldProblem('to', 'NOT_A_DATE'));
  else if (isIsoDate(from) && to < from) problems.push(fieldProblem('to', 'DATE_ORDER'));
  if (problems.length) throw invalid(problems);
  const { fromAt, toAt } = periodInstants(from, to);
  const place: repo.StatsPlace = { prefixes, underPath: region.scopePath, fromAt: fromAt!, toAt: toAt! };
  const [types, places] = await Promise.all([
    repo.countsByType(db, place),
    region.level === 'community' ? repo.countsByCompound(db, place, region.id) : repo.countsByChildRegion(db, place, region.id),
  ]);
  const byType = DISPUTE_TYPES.map((type) => {
    const { type: _t, ...c } = types.find((t) => t.type === type) ?? { type, ...ZERO };
    return { type, typeName: DISPUTE_TYPE_NAMES[type], ...c };
  });
  // Types outside today's list (none yet) still count in the totals.
  const totals = types.reduce((s, t) => add(s, t), ZERO);
  for (const t of types) if (!DISPUTE_TYPES.includes(t.type as DisputeType)) byType.push({ ...t, type: t.type as DisputeType, typeName: { zh: t.type, en: t.type } });
  return {
    region: { id: region.id, name: region.name, level: region.level }, from, to, totals, byType,
    byPlace: places.map((p) => ({ kind: region.level === 'community' ? 'compound' as const : 'region' as const, ...p })),
  };
}
