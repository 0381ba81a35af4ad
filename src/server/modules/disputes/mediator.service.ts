import type { MediatorView } from '../../../shared/disputes.ts';
import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { sealPhone } from '../../lib/pii.ts';
import { can, requireAt, requireScopes, scopesFor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findRegionRef } from '../registry/index.ts';
import * as disputes from './dispute.repository.ts';
import { ancestorPaths, checkMediator, type Mediator, type MediatorFields } from './mediator.ts';
import * as repo from './mediator.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** Whether the caller works where the mediator serves (their pool lies under or above one of the caller's dispute.write scopes). */
function servesCaller(ctx: Ctx, m: Mediator): boolean {
  return scopesFor(ctx.actor, 'dispute.write').some((p) => m.scopePath.startsWith(p) || p.startsWith(m.scopePath));
}

/** A mediator as the API shows it (phone masked). */
export function mediatorView(ctx: Ctx, m: Mediator): MediatorView {
  return {
    id: m.id, region: { id: m.regionId, name: m.regionName }, kind: m.kind, elderKind: m.elderKind, name: m.name, phoneMasked: m.phoneMask,
    expertise: m.expertise, note: m.note, active: m.active, version: m.version,
    abilities: { edit: can(ctx.actor, 'dispute.write', m.scopePath), reveal: servesCaller(ctx, m) },
  };
}

/** Filters of the mediator list: one region's own pool, or every pool serving a dispute's place. */
export interface MediatorQuery {
  regionId?: string;
  /** A dispute id: the active and inactive mediators whose pools cover its compound (filter active=true to pick). */
  usableFor?: string;
  kind?: string;
  active?: boolean;
  q?: string;
}

/** One page of mediators the caller can see: the pools under their scopes and the pools of the regions above. */
export async function listMediators(db: Db, ctx: Ctx, q: MediatorQuery, limit: number, offset: number): Promise<{ items: MediatorView[]; total: number }> {
  const prefixes = requireScopes(ctx.actor, 'dispute.read');
  let poolPaths: string[] | undefined;
  if (q.regionId) {
    const r = await findRegionRef(db, q.regionId);
    poolPaths = r ? [r.scopePath] : [];
  }
  if (q.usableFor) {
    const d = await disputes.findDispute(db, q.usableFor, prefixes);
    if (!d) throw new DomainError('NOT_FOUND');
    const serving = ancestorPaths(d.scopePath);
    poolPaths = poolPaths ? poolPaths.filter((p) => serving.includes(p)) : serving;
  }
  const page = await repo.listMediators(db, { prefixes, poolPaths, kind: q.kind, active: q.active, q: q.q }, limit, offset);
  return { items: page.rows.map((m) => mediatorView(ctx, m)), total: page.total };
}

/** One mediator the caller can see. */
export async function getMediator(db: Db, ctx: Ctx, id: string): Promise<MediatorView> {
  const m = await repo.findMediator(db, id, requireScopes(ctx.actor, 'dispute.read'));
  if (!m) throw new DomainError('NOT_FOUND');
  return mediatorView(ctx, m);
}

/** Input of a mediator create. */
export type NewMediator = MediatorFields & { id?: string; regionId: string };

/** Adds a mediator to a region's pool (dispute.write at the region); the phone is sealed; a retry with the same id returns the first result. */
export async function createMediator(db: Db, ctx: Ctx, input: NewMediator): Promise<{ mediator: MediatorView; created: boolean }> {
  const scopes = requireScopes(ctx.actor, 'dispute.write');
  const id = input.id?.toLowerCase() ?? newId();
  const existing = await repo.findMediator(db, id, null);
  if (existing) {
    if (!scopes.some((p) => existing.scopePath.startsWith(p))) throw new DomainError('ID_CONFLICT');
    return { mediator: mediatorView(ctx, existing), created: false };
  }
  const region = await findRegionRef(db, input.regionId);
  if (!region) throw invalid([fieldProblem('regionId', 'NOT_FOUND_REF', { value: input.regionId })]);
  requireAt(ctx.actor, 'dispute.write', region.scopePath);
  const check = checkMediator(input, null);
  if (check.problems.length) throw invalid(check.problems);
  const phone = check.phone ? sealPhone(ctx.keys, check.phone) : null;
  const rec: repo.MediatorInsert = {
    id, regionId: region.id, scopePath: region.scopePath, kind: input.kind!, elderKind: input.elderKind ?? null, name: input.name!.trim(), phone,
    expertise: (input.expertise ?? []).map((t) => t.trim()), note: input.note?.trim() || null,
  };
  return inTx(db, async (tx) => {
    await repo.insertMediator(tx, rec, nowIso(ctx), ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'mediator.create', objectType: 'mediator', objectId: id, scopePath: region.scopePath,
      detail: { kind: rec.kind, elderKind: rec.elderKind, name: rec.name, regionId: region.id, expertise: rec.expertise, hasPhone: !!phone },
    });
    return { mediator: mediatorView(ctx, (await repo.findMediator(tx, id, null))!), created: true };
  });
}

/** Changes a mediator with compare-and-set on version; mediators are deactivated (active: false), never deleted, so past mediation stays readable. */
export async function updateMediator(db: Db, ctx: Ctx, id: string, input: MediatorFields & { version: number }): Promise<MediatorView> {
  const m = await repo.findMediator(db, id, requireScopes(ctx.actor, 'dispute.read'));
  if (!m) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'dispute.write', m.scopePath);
  const { version, ...f } = input;
  const check = checkMediator(f, m);
  if (check.problems.length) throw invalid(check.problems);
  const patch: repo.MediatorPatch = {};
  if (f.kind !== undefined) patch.kind = f.kind;
  if (f.elderKind !== undefined) patch.elder_kind = f.elderKind || null;
  if (f.kind !== undefined && f.kind !== 'elder' && f.elderKind === undefined) patch.elder_kind = null;
  if (f.name !== undefined) patch.name = f.name.trim();
  if (f.expertise !== undefined) patch.expertise = JSON.stringify(f.expertise.map((t) => t.trim()));
  if (f.note !== undefined) patch.note = f.note?.trim() || null;
  if (f.active !== undefined) patch.active = f.active ? 1 : 0;
  if (check.phone !== undefined) {
    const s = check.phone ? sealPhone(ctx.keys, check.phone) : null;
    patch.phone_enc = s?.enc ?? null;
    patch.phone_mask = s?.mask ?? null;
  }
  return inTx(db, async (tx) => {
    if ((await repo.updateMediator(tx, id, patch, nowIso(ctx), version)) === 0) {
      const cur = await repo.findMediator(tx, id, null);
      throw new DomainError('STALE', { currentVersion: cur?.version ?? 0 }, [], { currentVersion: cur?.version ?? 0 });
    }
    const action = f.active === false && m.active ? 'mediator.deactivate' : 'mediator.update';
    await recordAudit(tx, ctx, { action, objectType: 'mediator', objectId: id, scopePath: m.scopePath, detail: { fields: Object.keys(f), kind: f.kind, active: f.active } });
    return mediatorView(ctx, (await repo.findMediator(tx, id, null))!);
  });
}

/** Reveals a mediator's phone to someone who mediates where the mediator serves (dispute.write) and states a reason; audited either way. */
export async function revealMediatorPhone(db: Db, ctx: Ctx, id: string, input: { reason?: string }): Promise<{ phone: string | null }> {
  const m = await repo.findMediator(db, id, requireScopes(ctx.actor, 'dispute.read'));
  if (!m) throw new DomainError('NOT_FOUND');
  const reason = (input.reason ?? '').trim();
  const audit = { action: 'mediator.reveal', objectType: 'mediator', objectId: id, scopePath: m.scopePath, reason: reason || null };
  const refusal = !servesCaller(ctx, m)
    ? new DomainError('FORBIDDEN', { permission: 'dispute.write' })
    : [...reason].length < 4 ? new DomainError('REASON_REQUIRED') : null;
  if (refusal) {
    await inTx(db, (tx) => recordAudit(tx, ctx, { ...audit, result: 'failure', detail: { fields: ['phone'], refused: refusal.code } }));
    throw refusal;
  }
  return inTx(db, async (tx) => {
    const enc = await repo.sealedPhone(tx, id);
    await recordAudit(tx, ctx, { ...audit, detail: { fields: ['phone'] } });
    return { phone: enc ? ctx.keys.decrypt(enc) : null };
  });
}
