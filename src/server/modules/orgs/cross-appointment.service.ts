import { DomainError } from '../../../shared/errors.ts';
import type { Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import { can, requireScopes } from '../accounts/actor.ts';
import { findCompoundRef, findRegionRef } from '../registry/index.ts';
import { crossAppointments } from './cross-appointment.ts';
import * as repo from './cross-appointment.repository.ts';

/** People holding posts in two or more of a compound's bodies, and the three seed counts for it. */
export async function compoundCrossAppointments(db: Db, ctx: Ctx, compoundId: string) {
  requireScopes(ctx.actor, 'org.read');
  const c = await findCompoundRef(db, compoundId);
  if (!c || !can(ctx.actor, 'org.read', c.scopePath)) throw new DomainError('NOT_FOUND');
  const result = crossAppointments(await repo.bodyPositions(db, c.id, todayCst(ctx.clock)));
  return { compoundId: c.id, compoundName: c.name, ...result };
}

/** The three counts summed over the caller's org.read scope, narrowed to a region when given. */
export async function crossAppointmentSummary(db: Db, ctx: Ctx, f: { regionId?: string }) {
  const scopes = requireScopes(ctx.actor, 'org.read');
  let underPath: string | null = null;
  if (f.regionId) {
    const r = await findRegionRef(db, f.regionId);
    if (!r) throw new DomainError('NOT_FOUND');
    underPath = r.scopePath;
  }
  const s = await repo.crossCountsSummary(db, scopes, underPath, todayCst(ctx.clock));
  const { crossAppointedPeople, compoundsWithCrossAppointments, ...counts } = s;
  return { regionId: f.regionId ?? null, counts, crossAppointedPeople, compoundsWithCrossAppointments };
}
