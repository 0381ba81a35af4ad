import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import type { PairingKind } from '../../../shared/org-types.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, requireScopes } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findCompoundRef, findRegionRef } from '../registry/index.ts';
import { problem } from './org.ts';
import { findOrg } from './org.repository.ts';
import { checkPairing, pairingActive, type Pairing, type PairingFields } from './pairing.ts';
import * as repo from './pairing.repository.ts';
import { findPerson } from './person.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** A pairing as the API shows it. */
export interface PairingView extends repo.PairingListRow {
  active: boolean;
  abilities: { update: boolean; delete: boolean };
}

function view(ctx: Ctx, p: repo.PairingListRow): PairingView {
  const write = can(ctx.actor, 'org.write', p.scopePath);
  return { ...p, active: pairingActive(p, todayCst(ctx.clock)), abilities: { update: write, delete: write } };
}

/** Filters of the pairing list as the API takes them. */
export interface PairingQuery {
  compoundId?: string;
  regionId?: string;
  kind?: string;
  active?: boolean;
}

async function filterOf(db: Db, ctx: Ctx, f: PairingQuery): Promise<repo.PairingFilter | null> {
  let underPath: string | undefined;
  if (f.regionId) {
    const r = await findRegionRef(db, f.regionId);
    if (!r) return null;
    underPath = r.scopePath;
  }
  const today = todayCst(ctx.clock);
  return { compoundId: f.compoundId, underPath, kind: f.kind, activeOn: f.active === true ? today : undefined, inactiveOn: f.active === false ? today : undefined };
}

/** Lists pairings under the caller's org.read scope (active=true: only those in force today). */
export async function listPairings(db: Db, ctx: Ctx, f: PairingQuery, limit: number, offset: number): Promise<{ items: PairingView[]; total: number }> {
  const scopes = requireScopes(ctx.actor, 'org.read');
  const filter = await filterOf(db, ctx, f);
  if (!filter) return { items: [], total: 0 };
  const page = await repo.listPairings(db, scopes, filter, limit, offset);
  return { total: page.total, items: page.rows.map((p) => view(ctx, p)) };
}

/** Pairings in force and distinct partners by kind, under the caller's scope (and a region when given). */
export async function pairingSummary(db: Db, ctx: Ctx, f: { regionId?: string }) {
  const scopes = requireScopes(ctx.actor, 'org.read');
  const filter = await filterOf(db, ctx, { regionId: f.regionId, active: true });
  const rows = filter ? await repo.pairingCounts(db, scopes, filter) : [];
  return { byKind: Object.fromEntries(rows.map((r) => [r.kind, { pairings: r.pairings, partners: r.partners, targets: r.targets }])) };
}

/** One pairing. */
export async function getPairing(db: Db, ctx: Ctx, id: string): Promise<PairingView> {
  const p = await repo.findPairing(db, id, requireScopes(ctx.actor, 'org.read'));
  if (!p) throw new DomainError('NOT_FOUND');
  return view(ctx, p);
}

/** Input of a pairing create. */
export type NewPairing = PairingFields & { id?: string; targetCompoundId?: string | null; targetRegionId?: string | null };

async function resolvePartner(db: Db, ctx: Ctx, f: PairingFields): Promise<{ problems: FieldProblem[]; name: string | null }> {
  const scopes = requireScopes(ctx.actor, 'org.read');
  if (f.partnerOrgId) {
    const o = await findOrg(db, f.partnerOrgId, scopes);
    return o ? { problems: [], name: o.name } : { problems: [fieldProblem('partnerOrgId', 'NOT_FOUND_REF', { value: f.partnerOrgId })], name: null };
  }
  if (f.partnerPersonId) {
    const p = await findPerson(db, f.partnerPersonId, scopes);
    return p ? { problems: [], name: p.name } : { problems: [fieldProblem('partnerPersonId', 'NOT_FOUND_REF', { value: f.partnerPersonId })], name: null };
  }
  return { problems: [], name: null };
}

/** Records a pairing with a compound or a community; retry-safe by id. */
export async function createPairing(db: Db, ctx: Ctx, input: NewPairing): Promise<{ pairing: PairingView; created: boolean }> {
  requireScopes(ctx.actor, 'org.write');
  const id = input.id ?? newId();
  const existing = await repo.findPairing(db, id, null);
  if (existing) {
    if (!can(ctx.actor, 'org.read', existing.scopePath)) throw new DomainError('ID_CONFLICT');
    return { pairing: view(ctx, existing), created: false };
  }
  const checked = checkPairing(input);
  const problems = [...checked.problems];
  let scopePath: string | null = null;
  if (!!input.targetCompoundId === !!input.targetRegionId) {
    problems.push(problem('targetCompoundId', 'ANCHOR_ONE', '结对对象（小区或社区）必须且只能填写一个', 'Give exactly one target: a compound or a community'));
  } else if (input.targetCompoundId) {
    const c = await findCompoundRef(db, input.targetCompoundId);
    if (!c) problems.push(fieldProblem('targetCompoundId', 'NOT_FOUND_REF', { value: input.targetCompoundId }));
    else scopePath = c.scopePath;
  } else {
    const r = await findRegionRef(db, input.targetRegionId!);
    if (!r) problems.push(fieldProblem('targetRegionId', 'NOT_FOUND_REF', { value: input.targetRegionId! }));
    else if (r.level !== 'community') problems.push(problem('targetRegionId', 'TARGET_NOT_COMMUNITY', '结对对象应为社区或小区', 'The target must be a community or a compound'));
    else scopePath = r.scopePath;
  }
  if (scopePath) requireAt(ctx.actor, 'org.write', scopePath);
  const partner = await resolvePartner(db, ctx, input);
  problems.push(...partner.problems);
  if (problems.length || !scopePath) throw invalid(problems);
  const now = nowIso(ctx);
  const pairing: Omit<Pairing, 'version' | 'updatedAt'> = {
    id, kind: input.kind as PairingKind, partnerKind: checked.partnerKind!, partnerOrgId: input.partnerOrgId ?? null, partnerPersonId: input.partnerPersonId ?? null,
    partnerName: (input.partnerName ?? '').trim() || partner.name!, targetCompoundId: input.targetCompoundId ?? null, targetRegionId: input.targetCompoundId ? null : input.targetRegionId ?? null,
    scopePath, startOn: input.startOn ?? null, endOn: input.endOn ?? null, note: input.note ?? null, createdAt: now,
  };
  return inTx(db, async (tx) => {
    await repo.insertPairing(tx, pairing, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'pairing.create', objectType: 'pairing', objectId: id, scopePath,
      detail: { kind: pairing.kind, partnerKind: pairing.partnerKind, partnerName: pairing.partnerName, targetCompoundId: pairing.targetCompoundId, targetRegionId: pairing.targetRegionId, startOn: pairing.startOn, endOn: pairing.endOn },
    });
    return { pairing: view(ctx, (await repo.findPairing(tx, id, null))!), created: true };
  });
}

/** Fields a PATCH may change (the target is fixed). */
export type PairingChanges = Partial<PairingFields> & { version: number };

const COLUMN: Record<string, keyof repo.PairingPatch> = {
  kind: 'kind', partnerKind: 'partner_kind', partnerOrgId: 'partner_org_id', partnerPersonId: 'partner_person_id', partnerName: 'partner_name',
  startOn: 'start_on', endOn: 'end_on', note: 'note',
};

/** Changes a pairing with compare-and-set; setting endOn ends it. */
export async function updatePairing(db: Db, ctx: Ctx, id: string, input: PairingChanges): Promise<PairingView> {
  const p = await repo.findPairing(db, id, requireScopes(ctx.actor, 'org.read'));
  if (!p) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'org.write', p.scopePath);
  const { version, ...changes } = input;
  const merged: PairingFields = { ...p, ...changes };
  const checked = checkPairing(merged);
  const partner = changes.partnerOrgId !== undefined || changes.partnerPersonId !== undefined ? await resolvePartner(db, ctx, merged) : { problems: [], name: null };
  const problems = [...checked.problems, ...partner.problems];
  if (problems.length) throw invalid(problems);
  const patch: repo.PairingPatch = {};
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || !(k in COLUMN)) continue;
    (patch as Record<string, unknown>)[COLUMN[k]] = v;
    changed[k] = v;
  }
  if (checked.partnerKind !== p.partnerKind) patch.partner_kind = changed.partnerKind = checked.partnerKind!;
  if (partner.name && !changes.partnerName) patch.partner_name = changed.partnerName = partner.name;
  return inTx(db, async (tx) => {
    if ((await repo.updatePairing(tx, id, patch, nowIso(ctx), version)) === 0) {
      const cur = await repo.findPairing(tx, id, null);
      throw new DomainError('STALE', { currentVersion: cur?.version ?? 0 }, [], { currentVersion: cur?.version ?? 0 });
    }
    await recordAudit(tx, ctx, { action: 'pairing.update', objectType: 'pairing', objectId: id, scopePath: p.scopePath, detail: { fields: Object.keys(changed), ...changed } });
    return view(ctx, (await repo.findPairing(tx, id, null))!);
  });
}

/** Deletes a pairing. */
export async function deletePairing(db: Db, ctx: Ctx, id: string): Promise<void> {
  const p = await repo.findPairing(db, id, requireScopes(ctx.actor, 'org.read'));
  if (!p) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'org.write', p.scopePath);
  await inTx(db, async (tx) => {
    await repo.deletePairing(tx, id);
    await recordAudit(tx, ctx, { action: 'pairing.delete', objectType: 'pairing', objectId: id, scopePath: p.scopePath, detail: { kind: p.kind, partnerName: p.partnerName } });
  });
}
