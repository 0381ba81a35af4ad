import { DomainError, invalid } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { postLabel, type Post } from '../../../shared/org-types.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, requireScopes } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { activeOn } from './dates.ts';
import { findOrg } from './org.repository.ts';
import type { Org } from './org.ts';
import { findPerson } from './person.repository.ts';
import { checkPosition, type Position } from './position.ts';
import * as repo from './position.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** A position as the API shows it. */
export interface PositionView extends Position {
  personName: string;
  postLabel: { zh: string; en: string };
  active: boolean;
  abilities: { update: boolean; delete: boolean };
}

async function view(db: Db, ctx: Ctx, org: Org, id: string): Promise<PositionView> {
  const p = (await repo.findPositionWithPerson(db, id))!;
  const write = can(ctx.actor, 'org.write', p.scopePath);
  return {
    ...p, postLabel: postLabel(p.post, org.type), active: activeOn(p.startOn, p.endOn, todayCst(ctx.clock)),
    abilities: { update: write, delete: write },
  };
}

/** Input of a position create. */
export interface NewPosition {
  id?: string;
  personId: string;
  post: string;
  membership?: string | null;
  partTime?: boolean;
  startOn?: string | null;
  endOn?: string | null;
}

/** Appoints a person to a post in an organisation; the post must fit the type and party posts need a party member. */
export async function createPosition(db: Db, ctx: Ctx, orgId: string, input: NewPosition): Promise<{ position: PositionView; created: boolean }> {
  const readScopes = requireScopes(ctx.actor, 'org.read');
  const org = await findOrg(db, orgId, readScopes);
  if (!org) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'org.write', org.scopePath);
  const id = input.id ?? newId();
  const existing = await repo.findPosition(db, id, null);
  if (existing) {
    if (existing.orgId !== org.id) throw new DomainError('ID_CONFLICT');
    return { position: await view(db, ctx, org, id), created: false };
  }
  const person = await findPerson(db, input.personId, readScopes);
  const checked = checkPosition({
    orgType: org.type, personPoliticalStatus: person?.politicalStatus ?? null, post: input.post,
    membership: input.membership, startOn: input.startOn ?? null, endOn: input.endOn ?? null,
  });
  const problems = person ? checked.problems : [fieldProblem('personId', 'NOT_FOUND_REF', { value: input.personId }), ...checked.problems.filter((p) => p.field !== 'personId')];
  if (problems.length) throw invalid(problems);
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    await repo.insertPosition(tx, {
      id, orgId: org.id, personId: person!.id, scopePath: org.scopePath, post: input.post as Post, membership: checked.membership,
      partTime: !!input.partTime, startOn: input.startOn ?? null, endOn: input.endOn ?? null, createdAt: now,
    }, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'position.create', objectType: 'position', objectId: id, scopePath: org.scopePath,
      detail: { orgId: org.id, personId: person!.id, post: input.post, membership: checked.membership, partTime: !!input.partTime, startOn: input.startOn ?? null, endOn: input.endOn ?? null },
    });
    return { position: await view(tx, ctx, org, id), created: true };
  });
}

/** Fields a PATCH may change; setting endOn ends the position. */
export interface PositionChanges {
  version: number;
  post?: string;
  membership?: string | null;
  partTime?: boolean;
  startOn?: string | null;
  endOn?: string | null;
}

/** Changes or ends a position with compare-and-set. */
export async function updatePosition(db: Db, ctx: Ctx, id: string, input: PositionChanges): Promise<PositionView> {
  const readScopes = requireScopes(ctx.actor, 'org.read');
  const pos = await repo.findPosition(db, id, readScopes);
  if (!pos) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'org.write', pos.scopePath);
  const org = (await findOrg(db, pos.orgId, null))!;
  const person = await findPerson(db, pos.personId, null);
  const next = {
    post: input.post ?? pos.post,
    membership: input.membership !== undefined ? input.membership : pos.membership,
    startOn: input.startOn !== undefined ? input.startOn : pos.startOn,
    endOn: input.endOn !== undefined ? input.endOn : pos.endOn,
  };
  const checked = checkPosition({ orgType: org.type, personPoliticalStatus: person?.politicalStatus ?? null, ...next, membership: next.membership ?? undefined });
  if (checked.problems.length) throw invalid(checked.problems);
  const patch: repo.PositionPatch = {};
  const changed: Record<string, unknown> = {};
  if (input.post !== undefined) patch.post = changed.post = input.post;
  if (input.membership !== undefined || checked.membership !== pos.membership) patch.membership = changed.membership = checked.membership;
  if (input.partTime !== undefined) { patch.part_time = input.partTime ? 1 : 0; changed.partTime = input.partTime; }
  if (input.startOn !== undefined) patch.start_on = changed.startOn = input.startOn;
  if (input.endOn !== undefined) patch.end_on = changed.endOn = input.endOn;
  return inTx(db, async (tx) => {
    if ((await repo.updatePosition(tx, id, patch, nowIso(ctx), input.version)) === 0) {
      const cur = await repo.findPosition(tx, id, null);
      throw new DomainError('STALE', { currentVersion: cur?.version ?? 0 }, [], { currentVersion: cur?.version ?? 0 });
    }
    await recordAudit(tx, ctx, { action: input.endOn && Object.keys(changed).length === 1 ? 'position.end' : 'position.update', objectType: 'position', objectId: id, scopePath: pos.scopePath, detail: { fields: Object.keys(changed), ...changed } });
    return view(tx, ctx, org, id);
  });
}

/** Removes a position recorded by mistake (ending it keeps the history; prefer PATCH endOn). */
export async function deletePosition(db: Db, ctx: Ctx, id: string): Promise<void> {
  const pos = await repo.findPosition(db, id, requireScopes(ctx.actor, 'org.read'));
  if (!pos) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'org.write', pos.scopePath);
  await inTx(db, async (tx) => {
    await repo.deletePosition(tx, id);
    await recordAudit(tx, ctx, { action: 'position.delete', objectType: 'position', objectId: id, scopePath: pos.scopePath, detail: { orgId: pos.orgId, personId: pos.personId, post: pos.post } });
  });
}
