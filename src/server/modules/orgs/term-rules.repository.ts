import { scopeCondition, type Db } from '../../db/database.ts';
import type { Org } from './org.ts';
import { toOrg } from './org.repository.ts';
import type { TermRuleOverride, TermRules } from './term-rules.ts';

/** A stored override with its row identity. */
export interface StoredOverride extends TermRuleOverride {
  id: string;
  version: number;
  updatedAt: string;
}

function parseConfig(text: string): Partial<TermRules> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Partial<TermRules>) : {};
  } catch {
    return {};
  }
}

/** Every override (a small table: one row per jurisdiction that changed something). */
export async function listOverrides(db: Db): Promise<StoredOverride[]> {
  const rows = await db.selectFrom('term_rule').select(['id', 'scope_path', 'config', 'version', 'updated_at']).execute();
  return rows.map((r) => ({ id: r.id, scopePath: r.scope_path, config: parseConfig(r.config), version: r.version, updatedAt: r.updated_at }));
}

/** Inserts an override. */
export async function insertOverride(db: Db, o: { id: string; scopePath: string; config: Partial<TermRules>; now: string; by: string | null }): Promise<void> {
  await db.insertInto('term_rule').values({ id: o.id, scope_path: o.scopePath, config: JSON.stringify(o.config), created_at: o.now, updated_at: o.now, created_by: o.by }).execute();
}

/** Compare-and-set replacement of an override's config; returns rows changed. */
export async function updateOverride(db: Db, id: string, config: Partial<TermRules>, now: string, expectVersion: number): Promise<number> {
  const r = await db.updateTable('term_rule').set((eb) => ({ config: JSON.stringify(config), updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Filters for the warnings page. */
export interface WarningFilter {
  underPath?: string;
  compoundId?: string;
  orgId?: string;
}

/** An organisation with the compound facts the rules need (name, household count). */
export interface OrgWithCompound {
  org: Org;
  compound: { id: string; name: string; householdCount: number | null } | null;
}

/** Organisations in scope that are not dissolved by `today`, with their compound's name and household count. */
export async function orgsForWarnings(db: Db, scopes: readonly string[], f: WarningFilter, today: string): Promise<OrgWithCompound[]> {
  let q = db.selectFrom('org').leftJoin('compound', 'compound.id', 'org.compound_id')
    .selectAll('org').select(['compound.name as compound_name', 'compound.household_count'])
    .where(scopeCondition('org.scope_path', scopes))
    .where((eb) => eb.or([eb('org.dissolved_on', 'is', null), eb('org.dissolved_on', '>', today)]));
  if (f.underPath) q = q.where(scopeCondition('org.scope_path', [f.underPath]));
  if (f.compoundId) q = q.where('org.compound_id', '=', f.compoundId);
  if (f.orgId) q = q.where('org.id', '=', f.orgId);
  const rows = await q.orderBy('org.scope_path').orderBy('org.name').orderBy('org.id').execute();
  return rows.map((r) => ({
    org: toOrg(r),
    compound: r.compound_id ? { id: r.compound_id, name: r.compound_name ?? '', householdCount: r.household_count ?? null } : null,
  }));
}
