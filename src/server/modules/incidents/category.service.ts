import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { incidentProblem, type CategoryVersionView } from '../../../shared/incidents.ts';
import { inTx, type Db } from '../../db/database.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { can, hasPermission, requireAt, SYSTEM_ACTOR } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { getOrg } from '../orgs/index.ts';
import { findCompoundRef, findRegionByCode } from '../registry/index.ts';
import { checkCategoryVersion, type CategoryVersionInput } from './category.ts';
import * as repo from './category.repository.ts';
import { isForeignKeyViolation } from './incident.repository.ts';
import { newId } from '../../../shared/ids.ts';

// Published versions never change (a change is a new version), so their trees and rules are safe to keep in memory.
const cache = new Map<string, repo.CategorySetRecord>();

/** A category version by id, for lookups inside the module (no permission check). */
export async function categorySet(db: Db, id: string): Promise<repo.CategorySetRecord> {
  let s = cache.get(id);
  if (!s) {
    s = (await repo.findSet(db, id)) ?? undefined;
    if (!s) throw new DomainError('NOT_FOUND');
    cache.set(id, s);
  }
  return s;
}

/** The version new incidents are reported under. */
export async function currentCategorySet(db: Db): Promise<repo.CategorySetRecord> {
  const head = await repo.currentSetId(db);
  if (!head) throw new DomainError('INCIDENT_CATEGORIES_MISSING');
  return categorySet(db, head);
}

function requireReader(ctx: Ctx): void {
  if (!(['incident.read', 'incident.report', 'incident.configure'] as const).some((p) => hasPermission(ctx.actor, p))) throw new DomainError('FORBIDDEN', { permission: 'incident.read' });
}

function view(ctx: Ctx, s: repo.CategorySetRecord): CategoryVersionView {
  return {
    id: s.id, version: s.version, status: s.status, note: s.note, publishedAt: s.publishedAt, publishedBy: s.publishedBy,
    categories: s.categories, rules: s.rules.map(({ id: _id, ...r }) => r), abilities: { publish: can(ctx.actor, 'incident.configure', '/') },
  };
}

/** A version with the names of the organisations its rules route to, which dispatchers may not be able to look up themselves. */
async function withOrgNames(db: Db, ctx: Ctx, v: CategoryVersionView): Promise<CategoryVersionView> {
  const sys = { ...ctx, actor: SYSTEM_ACTOR };
  const names = new Map<string, string | null>();
  for (const id of new Set(v.rules.map((r) => r.orgId))) names.set(id, (await getOrg(db, sys, id).catch(() => null))?.name ?? null);
  return { ...v, rules: v.rules.map((r) => ({ ...r, orgName: names.get(r.orgId) ?? null })) };
}

/** The category tree and routing rules of the current version, or of a given version number. */
export async function getCategoryVersion(db: Db, ctx: Ctx, version?: number): Promise<CategoryVersionView> {
  requireReader(ctx);
  const s = version === undefined ? await repo.currentSet(db) : await repo.findSetByVersion(db, version);
  if (!s) throw new DomainError(version === undefined ? 'INCIDENT_CATEGORIES_MISSING' : 'NOT_FOUND');
  return withOrgNames(db, ctx, view(ctx, s));
}

/** Every version, newest first (headers only). */
export async function listCategoryVersions(db: Db, ctx: Ctx) {
  requireReader(ctx);
  return { items: await repo.listSets(db) };
}

/** Whether a scope path names a real place: the root, a region, or a compound. */
async function placeExists(db: Db, path: string): Promise<boolean> {
  if (path === '/') return true;
  if (!/^\/([^/]+\/)+$/.test(path)) return false;
  const last = path.split('/').filter(Boolean).pop()!;
  if ((await findRegionByCode(db, last))?.scopePath === path) return true;
  return (await findCompoundRef(db, last))?.scopePath === path;
}

/**
 * Publishes a new version of the whole category tree and routing rules (incident.configure at the root). Incidents keep
 * the version they were reported under; new ones use this one. Retry-safe by client id.
 */
export async function publishCategoryVersion(db: Db, ctx: Ctx, input: CategoryVersionInput & { id?: string }): Promise<{ version: CategoryVersionView; created: boolean }> {
  requireAt(ctx.actor, 'incident.configure', '/');
  if (input.id) {
    const existing = await repo.findSet(db, input.id);
    if (existing) return { version: view(ctx, existing), created: false };
  }
  const problems: FieldProblem[] = checkCategoryVersion(input);
  const sys = { ...ctx, actor: SYSTEM_ACTOR };
  for (const [i, r] of input.rules.entries()) {
    if (!(await placeExists(db, r.scopePath))) problems.push(incidentProblem(`rules.${i}.scopePath`, 'PLACE_UNKNOWN', { value: r.scopePath }));
    try { await getOrg(db, sys, r.orgId); } catch { problems.push(incidentProblem(`rules.${i}.orgId`, 'HANDLER_ORG_UNKNOWN', { value: r.orgId })); }
  }
  if (problems.length) throw invalid(problems);
  const now = nowIso(ctx);
  return inTx(db, async (tx) => {
    const rec = {
      id: input.id ?? newId(), version: (await repo.maxVersion(tx)) + 1, note: input.note?.trim() || null, publishedAt: now, publishedBy: ctx.actor.userId,
      categories: input.categories.map((c) => ({ ...c, parentCode: c.code.length === 4 ? c.code.slice(0, 2) : null })),
      rules: input.rules.map((r) => ({ ...r, id: newId() })),
    };
    await repo.insertPublishedSet(tx, rec, now);
    await recordAudit(tx, ctx, {
      action: 'incident_category.publish', objectType: 'incident_category_set', objectId: rec.id, scopePath: '/',
      detail: { version: rec.version, categories: rec.categories.length, rules: rec.rules.length },
    });
    return { version: view(ctx, { ...rec, status: 'published' }), created: true };
  });
}

/** The people acting for a handling organisation on its incidents. */
export async function listHandlers(db: Db, ctx: Ctx, orgId: string) {
  const org = await getOrg(db, { ...ctx, actor: SYSTEM_ACTOR }, orgId).catch(() => null);
  if (!org || !(can(ctx.actor, 'incident.configure', org.scopePath) || can(ctx.actor, 'incident.dispatch', org.scopePath))) throw new DomainError('NOT_FOUND');
  return { orgId, orgName: org.name, items: await repo.listHandlers(db, orgId), abilities: { update: can(ctx.actor, 'incident.configure', org.scopePath) } };
}

/** Lets a user sign for, handle and answer the incidents dispatched to an organisation (incident.configure over it). */
export async function addHandler(db: Db, ctx: Ctx, input: { orgId: string; userId: string }): Promise<{ created: boolean }> {
  const org = await getOrg(db, { ...ctx, actor: SYSTEM_ACTOR }, input.orgId).catch(() => null);
  if (!org) throw invalid([incidentProblem('orgId', 'HANDLER_ORG_UNKNOWN', { value: input.orgId })]);
  requireAt(ctx.actor, 'incident.configure', org.scopePath);
  try {
    return await inTx(db, async (tx) => {
      const created = await repo.addHandler(tx, { orgId: org.id, userId: input.userId, scopePath: org.scopePath, at: nowIso(ctx), by: ctx.actor.userId });
      if (created) await recordAudit(tx, ctx, { action: 'incident_handler.add', objectType: 'org', objectId: org.id, scopePath: org.scopePath, detail: { userId: input.userId } });
      return { created };
    });
  } catch (e) {
    // The user id is checked by the foreign key (the accounts table belongs to another module).
    if (isForeignKeyViolation(e)) throw invalid([incidentProblem('userId', 'USER_UNKNOWN', { value: input.userId })]);
    throw e;
  }
}

/** Removes a user from an organisation's handlers. */
export async function removeHandler(db: Db, ctx: Ctx, orgId: string, userId: string): Promise<void> {
  const org = await getOrg(db, { ...ctx, actor: SYSTEM_ACTOR }, orgId).catch(() => null);
  if (!org) throw new DomainError('NOT_FOUND');
  requireAt(ctx.actor, 'incident.configure', org.scopePath);
  await inTx(db, async (tx) => {
    if ((await repo.removeHandler(tx, orgId, userId)) === 0) throw new DomainError('NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'incident_handler.remove', objectType: 'org', objectId: orgId, scopePath: org.scopePath, detail: { userId } });
  });
}
