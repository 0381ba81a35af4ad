import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import {
  isOrgType, orgCategoryOf, orgTypesIn, postLabel, postsAllowedFor, type OrgCategory, type OrgType,
} from '../../../shared/org-types.ts';
import { inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, requireAt, requireScopes } from '../accounts/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findCompoundRef, findRegionRef } from '../registry/index.ts';
import { activeOn } from './dates.ts';
import { checkOrgFields, checkParent, orgActiveOn, problem, type Notice, type Org, type OrgFields } from './org.ts';
import * as repo from './org.repository.ts';
import * as positions from './position.repository.ts';
import { orgWarningsFor } from './term-rules.service.ts';
import type { OrgWarning } from './term-rules.ts';
import { newId } from '../../../shared/ids.ts';

/** Actions the caller may take on an organisation. */
export interface OrgAbilities {
  update: boolean;
  delete: boolean;
  addPosition: boolean;
}

/** An organisation as the API shows it. */
export interface OrgView extends Org {
  category: OrgCategory;
  anchorName: string | null;
  active: boolean;
  positionCount: number;
  abilities: OrgAbilities;
}

function view(ctx: Ctx, o: Org, anchorName: string | null, positionCount: number, blocked: boolean): OrgView {
  const write = can(ctx.actor, 'org.write', o.scopePath);
  return {
    ...o, category: orgCategoryOf(o.type), anchorName, active: orgActiveOn(o, todayCst(ctx.clock)), positionCount,
    abilities: { update: write, delete: write && !blocked && positionCount === 0, addPosition: write },
  };
}

async function fullView(db: Db, ctx: Ctx, o: Org): Promise<OrgView> {
  const refs = await repo.referencesTo(db, o.id);
  return view(ctx, o, await repo.anchorNameOf(db, o), refs.positions, refs.children + refs.pairings > 0);
}

/** Filters of the organisation list as the API takes them. */
export interface OrgListQuery {
  compoundId?: string;
  regionId?: string;
  type?: string;
  category?: string;
  q?: string;
}

/** Lists organisations under the caller's org.read scope. */
export async function listOrgs(db: Db, ctx: Ctx, f: OrgListQuery, limit: number, offset: number): Promise<{ items: OrgView[]; total: number }> {
  const scopes = requireScopes(ctx.actor, 'org.read');
  let underPath: string | undefined;
  if (f.regionId) {
    const region = await findRegionRef(db, f.regionId);
    if (!region) return { items: [], total: 0 };
    underPath = region.scopePath;
  }
  let types: string[] | undefined;
  if (f.type) types = [f.type];
  if (f.category) {
    const inCat = orgTypesIn(f.category as OrgCategory);
    types = types ? types.filter((t) => (inCat as string[]).includes(t)) : inCat;
  }
  const page = await repo.listOrgs(db, scopes, { compoundId: f.compoundId, underPath, types, q: f.q?.trim() || undefined }, limit, offset);
  return { total: page.total, items: page.rows.map((r) => view(ctx, r, r.anchorName, r.positionCount, r.otherRefs > 0)) };
}

/** A position in an organisation's detail. */
export interface OrgPositionView extends positions.PositionWithPerson {
  postLabel: { zh: string; en: string };
  active: boolean;
  abilities: { update: boolean; delete: boolean };
}

/** One organisation with its positions (current and past), parent and warnings. */
export async function getOrg(db: Db, ctx: Ctx, id: string): Promise<OrgView & { parentName: string | null; positions: OrgPositionView[]; warnings: OrgWarning[] }> {
  const scopes = requireScopes(ctx.actor, 'org.read');
  const o = await repo.findOrg(db, id, scopes);
  if (!o) throw new DomainError('NOT_FOUND');
  const today = todayCst(ctx.clock);
  const write = can(ctx.actor, 'org.write', o.scopePath);
  const all = await positions.positionsOfOrgs(db, [o.id]);
  const parent = o.parentOrgId ? await repo.findOrg(db, o.parentOrgId, null) : null;
  return {
    ...(await fullView(db, ctx, o)),
    parentName: parent?.name ?? null,
    positions: all.map((p) => ({ ...p, postLabel: postLabel(p.post, o.type), active: activeOn(p.startOn, p.endOn, today), abilities: { update: write, delete: write } })),
    warnings: await orgWarningsFor(db, ctx, { orgId: o.id }),
  };
}

/** Input of a create: the fields plus an optional client id. */
export type NewOrg = OrgFields & { id?: string };

async function checkRefs(db: Db, ctx: Ctx, self: { id: string | null; type: string }, parentOrgId: string | null | undefined): Promise<FieldProblem[]> {
  if (!parentOrgId || !isOrgType(self.type)) return [];
  const parent = await repo.findOrg(db, parentOrgId, requireScopes(ctx.actor, 'org.read'));
  if (!parent) return [fieldProblem('parentOrgId', 'NOT_FOUND_REF', { value: parentOrgId })];
  const ancestors = self.id ? await repo.ancestorIds(db, parent.id) : [];
  return checkParent({ id: self.id, type: self.type }, parent, ancestors);
}

/** Creates an organisation anchored to one region or compound; a retry with the same id returns the first result. */
export async function createOrg(db: Db, ctx: Ctx, input: NewOrg): Promise<{ org: OrgView; created: boolean; notices: Notice[] }> {
  requireScopes(ctx.actor, 'org.write');
  const id = input.id ?? newId();
  const existing = await repo.findOrg(db, id, null);
  if (existing) {
    if (!can(ctx.actor, 'org.read', existing.scopePath)) throw new DomainError('ID_CONFLICT');
    return { org: await fullView(db, ctx, existing), created: false, notices: [] };
  }
  const check = checkOrgFields(input, { creating: true });
  const problems = [...check.problems];
  let scopePath: string | null = null;
  if (input.compoundId && !input.regionId) {
    const c = await findCompoundRef(db, input.compoundId);
    if (!c) problems.push(fieldProblem('compoundId', 'NOT_FOUND_REF', { value: input.compoundId }));
    else scopePath = c.scopePath;
  } else if (input.regionId && !input.compoundId) {
    const r = await findRegionRef(db, input.regionId);
    if (!r) problems.push(fieldProblem('regionId', 'NOT_FOUND_REF', { value: input.regionId }));
    else scopePath = r.scopePath;
  }
  if (scopePath) requireAt(ctx.actor, 'org.write', scopePath);
  problems.push(...(await checkRefs(db, ctx, { id: null, type: input.type }, input.parentOrgId)));
  if (problems.length || !scopePath) throw invalid(problems);
  const now = nowIso(ctx);
  const org: Org = {
    id, type: input.type as OrgType, name: input.name.trim(), regionId: input.compoundId ? null : input.regionId!, compoundId: input.compoundId ?? null,
    parentOrgId: input.parentOrgId ?? null, scopePath, uscc: check.uscc, termStart: input.termStart ?? null, termEnd: input.termEnd ?? null,
    foundedOn: input.foundedOn ?? null, dissolvedOn: input.dissolvedOn ?? null, filedOn: input.filedOn ?? null, note: input.note ?? null,
    version: 1, createdAt: now, updatedAt: now,
  };
  return inTx(db, async (tx) => {
    await repo.insertOrg(tx, org, ctx.actor.userId);
    await recordAudit(tx, ctx, { action: 'org.create', objectType: 'org', objectId: id, scopePath, detail: { type: org.type, name: org.name, compoundId: org.compoundId, regionId: org.regionId, uscc: org.uscc } });
    return { org: await fullView(tx, ctx, (await repo.findOrg(tx, id, null))!), created: true, notices: check.notices };
  });
}

/** Fields a PATCH may change (the anchor is fixed once created). */
export type OrgChanges = Partial<Omit<OrgFields, 'regionId' | 'compoundId'>> & { version: number };

const COLUMN: Record<string, keyof repo.OrgPatch> = {
  type: 'type', name: 'name', parentOrgId: 'parent_org_id', uscc: 'uscc', termStart: 'term_start', termEnd: 'term_end',
  foundedOn: 'founded_on', dissolvedOn: 'dissolved_on', filedOn: 'filed_on', note: 'note',
};

/** Changes an organisation with compare-and-set on version; a new type must still fit every position. */
export async function updateOrg(db: Db, ctx: Ctx, id: string, input: OrgChanges): Promise<{ org: OrgView; notices: Notice[] }> {
  const o = await repo.findOrg(db, id, requireScopes(ctx.actor, 'org.read'));
  if (!o) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'org.write', o.scopePath);
  const { version, ...changes } = input;
  const merged: OrgFields = { ...o, ...changes, name: changes.name ?? o.name };
  const check = checkOrgFields(merged, { creating: false });
  const problems = [...check.problems];
  if (changes.type && changes.type !== o.type && isOrgType(changes.type)) {
    const held = await positions.positionsOfOrgs(db, [o.id]);
    const allowed = postsAllowedFor(changes.type);
    const partyChange = (orgCategoryOf(changes.type) === 'party') !== (orgCategoryOf(o.type) === 'party');
    if (held.some((p) => !allowed.includes(p.post)) || (partyChange && held.length > 0)) {
      problems.push(problem('type', 'TYPE_DOES_NOT_FIT_POSITIONS', '现有任职与新的组织类型不符，请先调整或结束这些任职', 'Existing positions do not fit the new type; change or end them first'));
    }
  }
  if (changes.parentOrgId !== undefined) problems.push(...(await checkRefs(db, ctx, { id: o.id, type: merged.type }, changes.parentOrgId)));
  if (problems.length) throw invalid(problems);
  const patch: repo.OrgPatch = {};
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || !(k in COLUMN)) continue;
    const value = k === 'uscc' ? check.uscc : k === 'name' ? String(v).trim() : v;
    (patch as Record<string, unknown>)[COLUMN[k]] = value;
    changed[k] = value;
  }
  return inTx(db, async (tx) => {
    const n = await repo.updateOrg(tx, id, patch, nowIso(ctx), version);
    if (n === 0) {
      const cur = await repo.findOrg(tx, id, null);
      throw new DomainError('STALE', { currentVersion: cur?.version ?? 0 }, [], { currentVersion: cur?.version ?? 0 });
    }
    await recordAudit(tx, ctx, { action: 'org.update', objectType: 'org', objectId: id, scopePath: o.scopePath, detail: { fields: Object.keys(changed), ...changed } });
    return { org: await fullView(tx, ctx, (await repo.findOrg(tx, id, null))!), notices: check.notices };
  });
}

/** Deletes an organisation that has no positions, children or pairings. */
export async function deleteOrg(db: Db, ctx: Ctx, id: string): Promise<void> {
  const o = await repo.findOrg(db, id, requireScopes(ctx.actor, 'org.read'));
  if (!o) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'org.write', o.scopePath);
  await inTx(db, async (tx) => {
    const refs = await repo.referencesTo(tx, id);
    if (refs.positions > 0) throw new DomainError('IN_USE', { detail: `${refs.positions} 条任职 / ${refs.positions} positions` });
    if (refs.children > 0) throw new DomainError('IN_USE', { detail: `${refs.children} 个下级组织 / ${refs.children} child organisations` });
    if (refs.pairings > 0) throw new DomainError('IN_USE', { detail: `${refs.pairings} 条结对包联 / ${refs.pairings} pairings` });
    await repo.deleteOrg(tx, id);
    await recordAudit(tx, ctx, { action: 'org.delete', objectType: 'org', objectId: id, scopePath: o.scopePath, detail: { type: o.type, name: o.name } });
  });
}
