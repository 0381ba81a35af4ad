import { sql } from 'kysely';
import type { ElderKind, MediatorKind } from '../../../shared/disputes.ts';
import { containsText, scopeCondition, type Db } from '../../db/database.ts';
import { ancestorPaths, type Mediator } from './mediator.ts';

type Row = {
  id: string; region_id: string; region_name: string | null; scope_path: string; kind: string; elder_kind: string | null; name: string;
  phone_mask: string | null; expertise: string; note: string | null; active: number; version: number;
};

function toMediator(r: Row): Mediator {
  return {
    id: r.id, regionId: r.region_id, regionName: r.region_name ?? '', scopePath: r.scope_path, kind: r.kind as MediatorKind,
    elderKind: r.elder_kind as ElderKind | null, name: r.name, phoneMask: r.phone_mask, expertise: JSON.parse(r.expertise) as string[],
    note: r.note, active: Number(r.active) === 1, version: Number(r.version),
  };
}

function select(db: Db) {
  return db.selectFrom('mediator').leftJoin('region', 'region.id', 'mediator.region_id').select([
    'mediator.id', 'mediator.region_id', 'region.name as region_name', 'mediator.scope_path', 'mediator.kind', 'mediator.elder_kind', 'mediator.name',
    'mediator.phone_mask', 'mediator.expertise', 'mediator.note', 'mediator.active', 'mediator.version',
  ]);
}

/**
 * Mediators a caller with these scopes sees: pools under their scopes, and the pools of the regions above them (a street's
 * pool serves its communities, so a community worker picks from it).
 */
export function visibleMediators(prefixes: readonly string[]) {
  const above = [...new Set(prefixes.flatMap(ancestorPaths))];
  return sql<boolean>`(${scopeCondition('mediator.scope_path', prefixes)} OR ${above.length ? sql`mediator.scope_path in (${sql.join(above)})` : sql`1 = 0`})`;
}

/** One mediator; with prefixes, one the caller cannot see is not found. */
export async function findMediator(db: Db, id: string, prefixes: readonly string[] | null): Promise<Mediator | null> {
  let q = select(db).where('mediator.id', '=', id);
  if (prefixes) q = q.where(visibleMediators(prefixes));
  const r = await q.executeTakeFirst();
  return r ? toMediator(r as Row) : null;
}

/** Mediators by id, any region (callers check where they serve). */
export async function mediatorsByIds(db: Db, ids: readonly string[]): Promise<Mediator[]> {
  if (!ids.length) return [];
  return (await select(db).where('mediator.id', 'in', [...ids]).execute()).map((r) => toMediator(r as Row));
}

/** Filters of the mediator list. */
export interface MediatorFilter {
  prefixes: readonly string[];
  /** Only the pools at exactly these paths (one region's own pool, or the pools serving a place). */
  poolPaths?: readonly string[];
  kind?: string;
  active?: boolean;
  q?: string;
}

/** One page of mediators, by region then kind then name. */
export async function listMediators(db: Db, f: MediatorFilter, limit: number, offset: number): Promise<{ rows: Mediator[]; total: number }> {
  const conds = [visibleMediators(f.prefixes)];
  if (f.poolPaths) conds.push(f.poolPaths.length ? sql<boolean>`mediator.scope_path in (${sql.join([...f.poolPaths])})` : sql<boolean>`1 = 0`);
  if (f.kind) conds.push(sql<boolean>`mediator.kind = ${f.kind}`);
  if (f.active !== undefined) conds.push(sql<boolean>`mediator.active = ${f.active ? 1 : 0}`);
  if (f.q) conds.push(containsText('mediator.name', f.q));
  const where = sql<boolean>`${sql.join(conds, sql` AND `)}`;
  const total = Number((await db.selectFrom('mediator').where(where).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await select(db).where(where).orderBy('mediator.scope_path').orderBy('mediator.kind').orderBy('mediator.name').orderBy('mediator.id')
    .limit(limit).offset(offset).execute();
  return { rows: rows.map((r) => toMediator(r as Row)), total };
}

/** A new mediator's columns; the phone already sealed. */
export interface MediatorInsert {
  id: string; regionId: string; scopePath: string; kind: string; elderKind: string | null; name: string;
  phone: { enc: string; mask: string } | null; expertise: string[]; note: string | null;
}

/** Inserts a mediator. */
export async function insertMediator(db: Db, m: MediatorInsert, now: string, by: string | null): Promise<void> {
  await db.insertInto('mediator').values({
    id: m.id, region_id: m.regionId, scope_path: m.scopePath, kind: m.kind, elder_kind: m.elderKind, name: m.name, phone_enc: m.phone?.enc ?? null,
    phone_mask: m.phone?.mask ?? null, expertise: JSON.stringify(m.expertise), note: m.note, active: 1, created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Column patch of a mediator change. */
export type MediatorPatch = Partial<{
  kind: string; elder_kind: string | null; name: string; phone_enc: string | null; phone_mask: string | null; expertise: string; note: string | null; active: number;
}>;

/** Compare-and-set update; returns rows changed (0 when the version moved on). */
export async function updateMediator(db: Db, id: string, patch: MediatorPatch, now: string, expectVersion: number): Promise<number> {
  const r = await db.updateTable('mediator').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The sealed phone of a mediator, for an audited reveal only. */
export async function sealedPhone(db: Db, id: string): Promise<string | null> {
  return (await db.selectFrom('mediator').select('phone_enc').where('id', '=', id).executeTakeFirst())?.phone_enc ?? null;
}
