import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import type { PoolMemberView } from '../../../shared/deliberation.ts';
import { inScope, inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { sealPhone } from '../../lib/pii.ts';
import { can, requireAt, requireScopes } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findCompoundRef, type CompoundRef } from '../registry/index.ts';
import { checkPoolMember, type PoolMember, type PoolMemberFields } from './pool.ts';
import * as repo from './pool.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** A pool member as the API shows it. */
export function memberView(ctx: Ctx, m: PoolMember): PoolMemberView {
  return {
    id: m.id, compoundId: m.compoundId, kind: m.kind, name: m.name, title: m.title, userId: m.userId, org: m.org, phoneMasked: m.phoneMask,
    expertise: m.expertise, note: m.note, active: m.active, version: m.version, abilities: { edit: can(ctx.actor, 'deliberation.write', m.scopePath) },
  };
}

/** A compound the caller may read deliberation records of; not found otherwise. */
export async function readableCompound(db: Db, ctx: Ctx, compoundId: string): Promise<CompoundRef> {
  const c = await findCompoundRef(db, compoundId);
  if (!c || !inScope(c.scopePath, requireScopes(ctx.actor, 'deliberation.read'))) throw new DomainError('NOT_FOUND');
  return c;
}

/** A compound's 1+5+N pool, optionally one kind or only active (or inactive) members. */
export async function listPool(db: Db, ctx: Ctx, compoundId: string, f: { kind?: string; active?: boolean }): Promise<PoolMemberView[]> {
  const c = await readableCompound(db, ctx, compoundId);
  return (await repo.listMembers(db, c.id, f)).map((m) => memberView(ctx, m));
}

/** Problems with a member's links: the user account must exist; the organisation must exist and concern the compound or be visible to the caller. */
async function linkProblems(db: Db, ctx: Ctx, compoundPath: string, f: { userId?: string | null; orgId?: string | null }): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  if (f.userId && !(await repo.userExists(db, f.userId))) out.push(fieldProblem('userId', 'NOT_FOUND_REF', { value: f.userId }));
  if (f.orgId) {
    const o = await repo.findOrgRef(db, f.orgId);
    const visible = o && (compoundPath.startsWith(o.scopePath) || o.scopePath.startsWith(compoundPath) || can(ctx.actor, 'org.read', o.scopePath));
    if (!visible) out.push(fieldProblem('orgId', 'NOT_FOUND_REF', { value: f.orgId }));
  }
  return out;
}

/** Input of a member create. */
export type NewPoolMember = PoolMemberFields & { id?: string; compoundId: string };

/** Adds a member to a compound's pool; the phone is sealed; a retry with the same id returns the first result. */
export async function createMember(db: Db, ctx: Ctx, input: NewPoolMember): Promise<{ member: PoolMemberView; created: boolean }> {
  const scopes = requireScopes(ctx.actor, 'deliberation.write');
  const id = input.id ?? newId();
  const existing = await repo.findMember(db, id, null);
  if (existing) {
    if (!inScope(existing.scopePath, scopes)) throw new DomainError('ID_CONFLICT');
    return { member: memberView(ctx, existing), created: false };
  }
  const c = await findCompoundRef(db, input.compoundId);
  if (!c) throw invalid([fieldProblem('compoundId', 'NOT_FOUND_REF', { value: input.compoundId })]);
  requireAt(ctx.actor, 'deliberation.write', c.scopePath);
  const check = checkPoolMember(input, { creating: true });
  const problems = [...check.problems, ...(await linkProblems(db, ctx, c.scopePath, input))];
  if (problems.length) throw invalid(problems);
  const phone = check.phone ? sealPhone(ctx.keys, check.phone) : null;
  const rec: repo.MemberInsert = {
    id, compoundId: c.id, scopePath: c.scopePath, kind: input.kind!, name: input.name!.trim(), title: input.title?.trim() || null,
    userId: input.userId ?? null, orgId: input.orgId ?? null, phone, expertise: check.expertise ?? [], note: input.note?.trim() || null,
  };
  return inTx(db, async (tx) => {
    await repo.insertMember(tx, rec, nowIso(ctx), ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'pool_member.create', objectType: 'pool_member', objectId: id, scopePath: c.scopePath,
      detail: { kind: rec.kind, name: rec.name, userId: rec.userId, orgId: rec.orgId, expertise: rec.expertise, phone: phone ? phone.mask : null },
    });
    return { member: memberView(ctx, (await repo.findMember(tx, id, null))!), created: true };
  });
}

/** Fields a PATCH may change; members are deactivated (active: false), never deleted, so past participation stays readable. */
export type PoolMemberChanges = PoolMemberFields & { version: number };

/** Changes a pool member with compare-and-set on version. */
export async function updateMember(db: Db, ctx: Ctx, id: string, input: PoolMemberChanges): Promise<PoolMemberView> {
  const m = await repo.findMember(db, id, requireScopes(ctx.actor, 'deliberation.read'));
  if (!m) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'deliberation.write', m.scopePath);
  const { version, ...f } = input;
  const check = checkPoolMember(f, { creating: false });
  const problems = [...check.problems, ...(await linkProblems(db, ctx, m.scopePath, f))];
  if (problems.length) throw invalid(problems);
  const patch: repo.MemberPatch = {};
  const changed: Record<string, unknown> = {};
  const set = <K extends keyof repo.MemberPatch>(field: string, col: K, v: repo.MemberPatch[K]) => {
    patch[col] = v;
    changed[field] = v;
  };
  if (f.kind !== undefined) set('kind', 'kind', f.kind);
  if (f.name !== undefined) set('name', 'name', f.name.trim());
  if (f.title !== undefined) set('title', 'title', f.title?.trim() || null);
  if (f.userId !== undefined) set('userId', 'user_id', f.userId || null);
  if (f.orgId !== undefined) set('orgId', 'org_id', f.orgId || null);
  if (f.note !== undefined) set('note', 'note', f.note?.trim() || null);
  if (f.active !== undefined) set('active', 'active', f.active ? 1 : 0);
  if (check.expertise !== undefined) {
    patch.expertise = JSON.stringify(check.expertise);
    changed.expertise = check.expertise;
  }
  if (check.phone !== undefined) {
    const s = check.phone ? sealPhone(ctx.keys, check.phone) : null;
    patch.phone_enc = s?.enc ?? null;
    patch.phone_mask = s?.mask ?? null;
    changed.phone = s?.mask ?? null;
  }
  return inTx(db, async (tx) => {
    const n = await repo.updateMember(tx, id, patch, nowIso(ctx), version);
    if (n === 0) {
      const cur = await repo.findMember(tx, id, null);
      throw new DomainError('STALE', { currentVersion: cur?.version ?? 0 }, [], { currentVersion: cur?.version ?? 0 });
    }
    const action = f.active === false && m.active ? 'pool_member.deactivate' : 'pool_member.update';
    await recordAudit(tx, ctx, { action, objectType: 'pool_member', objectId: id, scopePath: m.scopePath, detail: { fields: Object.keys(changed), ...changed } });
    return memberView(ctx, (await repo.findMember(tx, id, null))!);
  });
}
