import { sql } from 'kysely';
import { containsText, scopeCondition, type Db } from '../../db/database.ts';
import type { OrgType } from '../../../shared/org-types.ts';
import type { Org } from './org.ts';

type OrgRow = {
  id: string; type: string; name: string; region_id: string | null; compound_id: string | null; parent_org_id: string | null;
  scope_path: string; uscc: string | null; term_start: string | null; term_end: string | null; founded_on: string | null;
  dissolved_on: string | null; filed_on: string | null; note: string | null; version: number; created_at: string; updated_at: string;
};

/** Maps a row to the domain shape. */
export function toOrg(r: OrgRow): Org {
  return {
    id: r.id, type: r.type as OrgType, name: r.name, regionId: r.region_id, compoundId: r.compound_id, parentOrgId: r.parent_org_id,
    scopePath: r.scope_path, uscc: r.uscc, termStart: r.term_start, termEnd: r.term_end, foundedOn: r.founded_on,
    dissolvedOn: r.dissolved_on, filedOn: r.filed_on, note: r.note, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const COLS = [
  'org.id', 'org.type', 'org.name', 'org.region_id', 'org.compound_id', 'org.parent_org_id', 'org.scope_path', 'org.uscc',
  'org.term_start', 'org.term_end', 'org.founded_on', 'org.dissolved_on', 'org.filed_on', 'org.note', 'org.version', 'org.created_at', 'org.updated_at',
] as const;

/** Finds an organisation by id; with scopes, one outside them is not found. */
export async function findOrg(db: Db, id: string, scopes: readonly string[] | null): Promise<Org | null> {
  let q = db.selectFrom('org').select(COLS).where('org.id', '=', id);
  if (scopes) q = q.where(scopeCondition('org.scope_path', scopes));
  const r = await q.executeTakeFirst();
  return r ? toOrg(r as OrgRow) : null;
}

/** Filters for the organisation list. */
export interface OrgFilter {
  compoundId?: string;
  /** Only organisations whose scope lies under this path (a region and everything in it). */
  underPath?: string;
  types?: readonly string[];
  q?: string;
}

/** An organisation in a list, with its anchor's name and how many positions it has. */
export interface OrgListRow extends Org {
  anchorName: string | null;
  positionCount: number;
  /** Child organisations and pairings naming it as partner (both block a delete). */
  otherRefs: number;
}

/** Lists organisations in scope, newest anchor first by name. */
export async function listOrgs(db: Db, scopes: readonly string[], f: OrgFilter, limit: number, offset: number): Promise<{ rows: OrgListRow[]; total: number }> {
  let q = db.selectFrom('org').where(scopeCondition('org.scope_path', scopes));
  if (f.compoundId) q = q.where('org.compound_id', '=', f.compoundId);
  if (f.underPath) q = q.where(scopeCondition('org.scope_path', [f.underPath]));
  if (f.types) q = f.types.length ? q.where('org.type', 'in', f.types as string[]) : q.where(sql<boolean>`1 = 0`);
  if (f.q) q = q.where(containsText('org.name', f.q));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('compound', 'compound.id', 'org.compound_id')
    .leftJoin('region', 'region.id', 'org.region_id')
    .select(COLS)
    .select((eb) => [
      eb.fn.coalesce('compound.name', 'region.name').as('anchor_name'),
      eb.selectFrom('position').whereRef('position.org_id', '=', 'org.id').select((e2) => e2.fn.countAll<number>().as('c')).as('position_count'),
      eb.selectFrom('org as child').whereRef('child.parent_org_id', '=', 'org.id').select((e2) => e2.fn.countAll<number>().as('c')).as('child_count'),
      eb.selectFrom('pairing').whereRef('pairing.partner_org_id', '=', 'org.id').select((e2) => e2.fn.countAll<number>().as('c')).as('pairing_count'),
    ])
    .orderBy('org.scope_path')
    .orderBy('org.name')
    .orderBy('org.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      ...toOrg(r as OrgRow), anchorName: r.anchor_name ?? null, positionCount: Number(r.position_count ?? 0),
      otherRefs: Number(r.child_count ?? 0) + Number(r.pairing_count ?? 0),
    })),
  };
}

/** The anchor names of some organisations (compound or region name). */
export async function anchorNameOf(db: Db, o: Org): Promise<string | null> {
  if (o.compoundId) return (await db.selectFrom('compound').select('name').where('id', '=', o.compoundId).executeTakeFirst())?.name ?? null;
  if (o.regionId) return (await db.selectFrom('region').select('name').where('id', '=', o.regionId).executeTakeFirst())?.name ?? null;
  return null;
}

/** Inserts an organisation. */
export async function insertOrg(db: Db, o: Omit<Org, 'version' | 'updatedAt'>, by: string | null): Promise<void> {
  await db.insertInto('org').values({
    id: o.id, type: o.type, name: o.name, region_id: o.regionId, compound_id: o.compoundId, parent_org_id: o.parentOrgId,
    scope_path: o.scopePath, uscc: o.uscc, term_start: o.termStart, term_end: o.termEnd, founded_on: o.foundedOn,
    dissolved_on: o.dissolvedOn, filed_on: o.filedOn, note: o.note, created_at: o.createdAt, updated_at: o.createdAt, created_by: by,
  }).execute();
}

/** Column patch for an organisation update. */
export type OrgPatch = Partial<{
  type: string; name: string; parent_org_id: string | null; uscc: string | null; term_start: string | null; term_end: string | null;
  founded_on: string | null; dissolved_on: string | null; filed_on: string | null; note: string | null;
}>;

/** Compare-and-set update; returns rows changed (0 when the version moved on). */
export async function updateOrg(db: Db, id: string, patch: OrgPatch, now: string, expectVersion: number): Promise<number> {
  const r = await db.updateTable('org').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes an organisation row. */
export async function deleteOrg(db: Db, id: string): Promise<void> {
  await db.deleteFrom('org').where('id', '=', id).execute();
}

/** What still refers to an organisation: positions, child organisations and pairings. */
export async function referencesTo(db: Db, id: string): Promise<{ positions: number; children: number; pairings: number }> {
  const [p, c, g] = await Promise.all([
    db.selectFrom('position').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('org').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_org_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('pairing').select((eb) => eb.fn.countAll<number>().as('n')).where('partner_org_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { positions: Number(p.n), children: Number(c.n), pairings: Number(g.n) };
}

/** Ids of an organisation's ancestors, nearest first (stops at 50 levels). */
export async function ancestorIds(db: Db, id: string): Promise<string[]> {
  const out: string[] = [];
  let cur: string | null = id;
  while (cur && out.length < 50) {
    const r: { parent_org_id: string | null } | undefined = await db.selectFrom('org').select('parent_org_id').where('id', '=', cur).executeTakeFirst();
    cur = r?.parent_org_id ?? null;
    if (cur) {
      if (out.includes(cur)) break;
      out.push(cur);
    }
  }
  return out;
}

/** Organisations with the given ids (no scope check). */
export async function orgsByIds(db: Db, ids: readonly string[]): Promise<Org[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('org').select(COLS).where('org.id', 'in', ids as string[]).execute();
  return rows.map((r) => toOrg(r as OrgRow));
}
