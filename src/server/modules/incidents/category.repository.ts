import { prepared, type Db } from '../../db/database.ts';
import type { CategoryDef, RouteRuleDef, Urgency } from '../../../shared/incidents.ts';
import type { DeadlineUnit } from '../../../shared/method-template.ts';

/** A stored category version with its tree and rules. */
export interface CategorySetRecord {
  id: string;
  version: number;
  status: 'published' | 'retired';
  note: string | null;
  publishedAt: string;
  publishedBy: string | null;
  categories: (CategoryDef & { parentCode: string | null })[];
  rules: (RouteRuleDef & { id: string })[];
}

type SetRow = { id: string; version: number; status: string; note: string | null; published_at: string; published_by: string | null };

async function load(db: Db, s: SetRow): Promise<CategorySetRecord> {
  const cats = await db.selectFrom('incident_category').selectAll().where('set_id', '=', s.id).orderBy('sort').execute();
  const rules = await db.selectFrom('incident_route_rule').selectAll().where('set_id', '=', s.id).orderBy('sort').execute();
  return {
    id: s.id, version: Number(s.version), status: s.status as CategorySetRecord['status'], note: s.note, publishedAt: s.published_at, publishedBy: s.published_by,
    categories: cats.map((c) => ({
      code: c.code, parentCode: c.parent_code, name: { zh: c.name_zh, en: c.name_en },
      ...(c.deadline_amount !== null && c.deadline_unit !== null ? { deadline: { amount: Number(c.deadline_amount), unit: c.deadline_unit as DeadlineUnit } } : {}),
      ...(c.urgency ? { urgency: c.urgency as Urgency } : {}),
    })),
    rules: rules.map((r) => ({ id: r.id, categoryCode: r.category_code, scopePath: r.scope_path, orgId: r.org_id, note: r.note })),
  };
}

/** The version new incidents use, if any. */
export async function currentSet(db: Db): Promise<CategorySetRecord | null> {
  const s = await db.selectFrom('incident_category_set').selectAll().where('status', '=', 'published').orderBy('version', 'desc').executeTakeFirst();
  return s ? load(db, s) : null;
}

const newestPublished = prepared((db: Db) => db.selectFrom('incident_category_set').select('id').where('status', '=', 'published').orderBy('version', 'desc').limit(1));

/** The id of the newest published version, if any. */
export async function currentSetId(db: Db): Promise<string | null> {
  const [r] = await newestPublished(db);
  return r?.id ?? null;
}

/** A version by id, with its tree and rules. */
export async function findSet(db: Db, id: string): Promise<CategorySetRecord | null> {
  const s = await db.selectFrom('incident_category_set').selectAll().where('id', '=', id).executeTakeFirst();
  return s ? load(db, s) : null;
}

/** One version by number. */
export async function findSetByVersion(db: Db, version: number): Promise<CategorySetRecord | null> {
  const s = await db.selectFrom('incident_category_set').selectAll().where('version', '=', version).executeTakeFirst();
  return s ? load(db, s) : null;
}

/** Version headers, newest first. */
export async function listSets(db: Db): Promise<Omit<CategorySetRecord, 'categories' | 'rules'>[]> {
  const rows = await db.selectFrom('incident_category_set').selectAll().orderBy('version', 'desc').execute();
  return rows.map((s) => ({ id: s.id, version: Number(s.version), status: s.status as CategorySetRecord['status'], note: s.note, publishedAt: s.published_at, publishedBy: s.published_by }));
}

/** The highest version number. */
export async function maxVersion(db: Db): Promise<number> {
  const r = await db.selectFrom('incident_category_set').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** Stores a published version and retires the one before it. */
export async function insertPublishedSet(db: Db, s: Omit<CategorySetRecord, 'status'>, now: string): Promise<void> {
  await db.updateTable('incident_category_set').set({ status: 'retired' }).where('status', '=', 'published').execute();
  await db.insertInto('incident_category_set').values({ id: s.id, version: s.version, status: 'published', note: s.note, published_at: s.publishedAt, published_by: s.publishedBy, created_at: now }).execute();
  if (s.categories.length) {
    await db.insertInto('incident_category').values(s.categories.map((c, i) => ({
      set_id: s.id, code: c.code, parent_code: c.parentCode, name_zh: c.name.zh.trim(), name_en: c.name.en.trim(),
      deadline_amount: c.deadline?.amount ?? null, deadline_unit: c.deadline?.unit ?? null, urgency: c.urgency ?? null, sort: i,
    }))).execute();
  }
  if (s.rules.length) {
    await db.insertInto('incident_route_rule').values(s.rules.map((r, i) => ({
      id: r.id, set_id: s.id, category_code: r.categoryCode, scope_path: r.scopePath, org_id: r.orgId, note: r.note ?? null, sort: i,
    }))).execute();
  }
}

/** People acting for handling organisations: list, add, remove. */
export async function listHandlers(db: Db, orgId: string): Promise<{ orgId: string; userId: string; createdAt: string }[]> {
  const rows = await db.selectFrom('incident_handler').select(['org_id', 'user_id', 'created_at']).where('org_id', '=', orgId).orderBy('created_at').execute();
  return rows.map((r) => ({ orgId: r.org_id, userId: r.user_id, createdAt: r.created_at }));
}

/** Adds a handler; false when already there. */
export async function addHandler(db: Db, h: { orgId: string; userId: string; scopePath: string; at: string; by: string | null }): Promise<boolean> {
  const exists = await db.selectFrom('incident_handler').select('org_id').where('org_id', '=', h.orgId).where('user_id', '=', h.userId).executeTakeFirst();
  if (exists) return false;
  await db.insertInto('incident_handler').values({ org_id: h.orgId, user_id: h.userId, scope_path: h.scopePath, created_at: h.at, created_by: h.by }).execute();
  return true;
}

/** Removes a handler; returns rows removed. */
export async function removeHandler(db: Db, orgId: string, userId: string): Promise<number> {
  const r = await db.deleteFrom('incident_handler').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
