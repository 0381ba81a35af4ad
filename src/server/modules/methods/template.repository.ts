import { sql } from 'kysely';
import { prepared, scopeCondition, type Db } from '../../db/database.ts';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';
import { pathAndAncestors } from './scope.ts';

/** Template lifecycle: a draft is published once; publishing the next version retires the previous one. */
export type TemplateStatus = 'draft' | 'published' | 'retired';

/** A stored template version. */
export interface TemplateRecord {
  id: string;
  key: string;
  version: number;
  status: TemplateStatus;
  nameZh: string;
  nameEn: string;
  body: MethodTemplateBody;
  scopePath: string;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}

type Row = {
  id: string; key: string; version: number; status: string; name_zh: string; name_en: string; body: string; scope_path: string;
  created_at: string; created_by: string | null; updated_at: string; published_at: string | null; published_by: string | null;
};

function toRecord(r: Row): TemplateRecord {
  return {
    id: r.id, key: r.key, version: Number(r.version), status: r.status as TemplateStatus, nameZh: r.name_zh, nameEn: r.name_en,
    body: JSON.parse(r.body) as MethodTemplateBody, scopePath: r.scope_path, createdAt: r.created_at, createdBy: r.created_by,
    publishedAt: r.published_at, publishedBy: r.published_by,
  };
}

/**
 * Templates a caller may see: those placed inside one of their scopes, and those placed above one (a national preset
 * applies everywhere, a county's method in each of its communities).
 */
function visible(scopes: readonly string[]) {
  const above = [...new Set(scopes.flatMap(pathAndAncestors))];
  if (above.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${scopeCondition('scope_path', scopes)} OR scope_path IN (${sql.join(above)}))`;
}

/** One template version by id; with scopes, one the caller cannot see is not found. */
export async function findTemplate(db: Db, id: string, scopes: readonly string[] | null): Promise<TemplateRecord | null> {
  let q = db.selectFrom('method_template').selectAll().where('id', '=', id);
  if (scopes) q = q.where(visible(scopes));
  const r = await q.executeTakeFirst();
  return r ? toRecord(r) : null;
}

/** The parts of a published version that never change: what instances pin and the engine runs on. */
export type PinnedTemplate = Pick<TemplateRecord, 'id' | 'key' | 'version' | 'scopePath' | 'body'>;

// Published and retired versions are never edited and ids are never reused, so their parsed bodies are kept once read.
const pinned = new Map<string, PinnedTemplate>();

/** A version by id for running instances on it, parsed once per process; drafts are read afresh every time. */
export async function pinnedTemplate(db: Db, id: string): Promise<PinnedTemplate | null> {
  const hit = pinned.get(id);
  if (hit) return hit;
  const r = await findTemplate(db, id, null);
  if (!r) return null;
  const t = { id: r.id, key: r.key, version: r.version, scopePath: r.scopePath, body: r.body };
  if (r.status !== 'draft') pinned.set(id, t);
  return t;
}

const published = prepared((db: Db, key: string) => db.selectFrom('method_template').select(['id', 'version', 'scope_path']).where('key', '=', key)
  .where('status', '=', 'published').orderBy('version', 'desc'));

/** The published versions of a key, newest first, without their bodies: which one applies at a place. */
export async function publishedVersions(db: Db, key: string): Promise<{ id: string; version: number; scopePath: string }[]> {
  const rows = await published(db, key);
  return rows.map((r) => ({ id: r.id, version: Number(r.version), scopePath: r.scope_path }));
}

/** Filters of the template list. */
export interface TemplateFilter {
  key?: string;
  status?: TemplateStatus;
}

/** Template versions the caller can see, by key then newest version first. */
export async function listTemplates(db: Db, scopes: readonly string[], f: TemplateFilter, limit: number, offset: number): Promise<{ rows: TemplateRecord[]; total: number }> {
  let q = db.selectFrom('method_template').where(visible(scopes));
  if (f.key) q = q.where('key', '=', f.key);
  if (f.status) q = q.where('status', '=', f.status);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('key').orderBy('version', 'desc').limit(limit).offset(offset).execute();
  return { total: Number(total.n), rows: rows.map(toRecord) };
}

/** Every version of a key the caller can see, newest first (null scopes: all). */
export async function versionsOfKey(db: Db, key: string, scopes: readonly string[] | null): Promise<TemplateRecord[]> {
  let q = db.selectFrom('method_template').selectAll().where('key', '=', key);
  if (scopes) q = q.where(visible(scopes));
  return (await q.orderBy('version', 'desc').execute()).map(toRecord);
}

/** The highest version number of a key (0 when new). */
export async function maxVersion(db: Db, key: string): Promise<number> {
  const r = await db.selectFrom('method_template').select((eb) => eb.fn.max('version').as('v')).where('key', '=', key).executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** Inserts a template version. */
export async function insertTemplate(db: Db, t: TemplateRecord, now: string): Promise<void> {
  await db.insertInto('method_template').values({
    id: t.id, key: t.key, version: t.version, status: t.status, name_zh: t.nameZh, name_en: t.nameEn, body: JSON.stringify(t.body),
    scope_path: t.scopePath, created_at: t.createdAt, created_by: t.createdBy, updated_at: now, published_at: t.publishedAt, published_by: t.publishedBy,
  }).execute();
}

/** Moves a draft to published (only if it still is a draft); returns rows changed. */
export async function markPublished(db: Db, id: string, now: string, by: string | null): Promise<number> {
  const r = await db.updateTable('method_template').set({ status: 'published', published_at: now, published_by: by, updated_at: now })
    .where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Retires the other published versions of a key; returns their ids. */
export async function retireOthers(db: Db, key: string, keepId: string, now: string): Promise<string[]> {
  const rows = await db.selectFrom('method_template').select('id').where('key', '=', key).where('status', '=', 'published').where('id', '<>', keepId).execute();
  if (rows.length) await db.updateTable('method_template').set({ status: 'retired', updated_at: now }).where('id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => r.id);
}
