import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import type { OpinionView } from '../../../shared/deliberation.ts';
import { maskName } from '../../../shared/mask.ts';
import { isIsoDate } from '../../../shared/method-template.ts';
import { inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { sealPhone } from '../../lib/pii.ts';
import type { Keyring } from '../../lib/crypto.ts';
import { can, requireAt, requireScopes } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findCompoundRef, findRegionRef } from '../registry/index.ts';
import { checkOpinion, statusAfterAnswer, type OpinionFields } from './opinion.ts';
import * as repo from './opinion.repository.ts';
import { instantRange } from './report.ts';
import { newId } from '../../../shared/ids.ts';

/** An opinion as staff see it: name and phone masked, with what the caller may do. */
export function opinionView(ctx: Ctx, o: repo.OpinionRecord): OpinionView {
  return {
    id: o.id, compound: { id: o.compoundId, name: o.compoundName }, content: o.content, category: o.category, channel: o.channel, proxy: o.proxy,
    enteredBy: o.proxy ? o.enteredBy : null, nameMasked: o.nameMask, phoneMasked: o.phoneMask, status: o.status, matterId: o.matterId,
    answer: o.answer, answeredAt: o.answeredAt, receivedAt: o.receivedAt, version: o.version,
    abilities: {
      answer: can(ctx.actor, 'opinion.write', o.scopePath),
      takeUp: o.status !== 'taken_up' && can(ctx.actor, 'deliberation.write', o.scopePath),
      reveal: (o.nameEnc !== null || o.phoneEnc !== null) && can(ctx.actor, 'resident.reveal', o.scopePath),
    },
  };
}

/** Seals a resident's name: ciphertext and the display mask. */
export function sealName(keys: Keyring, name: string): { enc: string; mask: string } {
  return { enc: keys.encrypt(name), mask: maskName(name) };
}

/** Filters of the opinion list as the API takes them (dates are China-time days, to inclusive). */
export interface OpinionQuery {
  regionId?: string;
  compoundId?: string;
  status?: string;
  channel?: string;
  category?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** Opinions in the caller's deliberation.read scope, masked. */
export async function listOpinions(db: Db, ctx: Ctx, q: OpinionQuery, limit: number, offset: number): Promise<{ items: OpinionView[]; total: number }> {
  const scopes = requireScopes(ctx.actor, 'deliberation.read');
  const bad = (['from', 'to'] as const).filter((k) => q[k] !== undefined && !isIsoDate(q[k]));
  if (bad.length) throw invalid(bad.map((k) => fieldProblem(k, 'NOT_A_DATE')));
  let underPath: string | undefined;
  if (q.regionId) {
    const r = await findRegionRef(db, q.regionId);
    if (!r) return { items: [], total: 0 };
    underPath = r.scopePath;
  }
  const f: repo.OpinionFilter = { underPath, compoundId: q.compoundId, status: q.status, channel: q.channel, category: q.category, q: q.q };
  if (q.from) f.from = instantRange(q.from, q.from).fromAt;
  if (q.to) f.to = instantRange(q.to, q.to).toAt;
  const page = await repo.listOpinions(db, scopes, f, limit, offset);
  return { total: page.total, items: page.rows.map((o) => opinionView(ctx, o)) };
}

/** One opinion, masked. */
export async function getOpinion(db: Db, ctx: Ctx, id: string): Promise<OpinionView> {
  const o = await repo.findOpinion(db, id, requireScopes(ctx.actor, 'deliberation.read'));
  if (!o) throw new DomainError('NOT_FOUND');
  return opinionView(ctx, o);
}

/** A proxy entry by staff for a resident who came by, phoned, wrote in a WeChat group or was visited. */
export type NewOpinion = OpinionFields & { id?: string; compoundId: string; category: string; channel: string; residentId?: string | null };

/** Records an opinion on a resident's behalf (proxy entry); retry-safe by id. Name and phone are sealed at rest. */
export async function createOpinion(db: Db, ctx: Ctx, input: NewOpinion): Promise<{ opinion: OpinionView; created: boolean }> {
  requireScopes(ctx.actor, 'opinion.write');
  const id = input.id ?? newId();
  const existing = await repo.findOpinion(db, id, null);
  if (existing) {
    if (!can(ctx.actor, 'deliberation.read', existing.scopePath)) throw new DomainError('ID_CONFLICT');
    return { opinion: opinionView(ctx, existing), created: false };
  }
  const compound = await findCompoundRef(db, input.compoundId);
  if (!compound) throw invalid([fieldProblem('compoundId', 'NOT_FOUND_REF', { value: input.compoundId })]);
  requireAt(ctx.actor, 'opinion.write', compound.scopePath);
  const { problems, value } = checkOpinion(input, ctx.clock.now());
  let name = value.residentName;
  if (input.residentId) {
    const r = await repo.residentOf(db, compound.id, input.residentId);
    if (!r) problems.push(fieldProblem('residentId', 'NOT_FOUND_REF', { value: input.residentId }));
    else name ??= r.name;
  }
  if (problems.length) throw invalid(problems);
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    await repo.insertOpinion(tx, {
      id, compoundId: compound.id, scopePath: compound.scopePath, content: value.content, category: input.category, channel: input.channel,
      proxy: true, residentId: input.residentId ?? null, name: name ? sealName(ctx.keys, name) : null,
      phone: value.phone ? sealPhone(ctx.keys, value.phone) : null, receivedAt: value.receivedAt, ipHash: null,
    }, now, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'opinion.create', objectType: 'opinion', objectId: id, scopePath: compound.scopePath,
      detail: { compoundId: compound.id, channel: input.channel, category: input.category, proxy: true, residentId: input.residentId ?? null, withName: !!name, withPhone: !!value.phone },
    });
    return { opinion: opinionView(ctx, (await repo.findOpinion(tx, id, null))!), created: true };
  });
}

/** Gives (or revises) the reply to an opinion, with compare-and-set on its version. */
export async function answerOpinion(db: Db, ctx: Ctx, id: string, input: { answer: string; version: number }): Promise<OpinionView> {
  const o = await repo.findOpinion(db, id, requireScopes(ctx.actor, 'deliberation.read'));
  if (!o) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'opinion.write', o.scopePath);
  const answer = input.answer.trim();
  if ([...answer].length < 2) throw invalid([fieldProblem('answer', 'REQUIRED')]);
  return inTx(db, async (tx) => {
    const changed = await repo.answerOpinion(tx, id, { answer, status: statusAfterAnswer(o.status), by: ctx.actor.userId }, nowIso(ctx), input.version);
    if (changed === 0) {
      const cur = (await repo.findOpinion(tx, id, null))?.version ?? 0;
      throw new DomainError('STALE', { currentVersion: cur }, [], { currentVersion: cur });
    }
    await recordAudit(tx, ctx, { action: 'opinion.answer', objectType: 'opinion', objectId: id, scopePath: o.scopePath, detail: { revised: o.answer !== null } });
    return opinionView(ctx, (await repo.findOpinion(tx, id, null))!);
  });
}

/**
 * Reveals the submitter's name and phone: needs resident.reveal at the opinion's place and a reason of at least four
 * characters. Granted and refused reveals are both audited with the reason, never the values.
 */
export async function revealOpinion(db: Db, ctx: Ctx, id: string, input: { reason?: string }): Promise<{ name: string | null; phone: string | null }> {
  const o = await repo.findOpinion(db, id, requireScopes(ctx.actor, 'deliberation.read'));
  if (!o) throw new DomainError('NOT_FOUND');
  const reason = (input.reason ?? '').trim();
  const audit = { action: 'opinion.reveal', objectType: 'opinion', objectId: id, scopePath: o.scopePath, reason: reason || null };
  const refusal = !can(ctx.actor, 'resident.reveal', o.scopePath)
    ? new DomainError('FORBIDDEN', { permission: 'resident.reveal' })
    : [...reason].length < 4 ? new DomainError('REASON_REQUIRED') : null;
  if (refusal) {
    await inTx(db, (tx) => recordAudit(tx, ctx, { ...audit, result: 'failure', detail: { fields: ['name', 'phone'], refused: refusal.code } }));
    throw refusal;
  }
  return inTx(db, async (tx) => {
    const sealed = await repo.findSealed(tx, id);
    await recordAudit(tx, ctx, { ...audit, detail: { fields: ['name', 'phone'] } });
    return {
      name: sealed?.nameEnc ? ctx.keys.decrypt(sealed.nameEnc) : null,
      phone: sealed?.phoneEnc ? ctx.keys.decrypt(sealed.phoneEnc) : null,
    };
  });
}
