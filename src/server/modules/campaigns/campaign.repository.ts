import { sql } from 'kysely';
import type { CampaignStatus, InspectionResult, TaskOrigin, TaskStatus } from '../../../shared/campaigns.ts';
import { containsText, insertMany, scopeCondition, type Db } from '../../db/database.ts';
import { ancestorPaths } from './campaign.ts';
import { newId } from '../../../shared/ids.ts';

/** A campaign row with its region's name and level. */
export interface CampaignRow {
  id: string;
  name: string;
  description: string | null;
  regionId: string;
  regionName: string;
  regionLevel: string;
  scopePath: string;
  problemTypes: string[];
  startsOn: string;
  endsOn: string;
  status: CampaignStatus;
  startedAt: string | null;
  finishedAt: string | null;
  version: number;
}

const CAMPAIGN_COLS = [
  'campaign.id', 'campaign.name', 'campaign.description', 'campaign.region_id', 'region.name as region_name', 'region.level as region_level',
  'campaign.scope_path', 'campaign.problem_types', 'campaign.starts_on', 'campaign.ends_on', 'campaign.status', 'campaign.started_at',
  'campaign.finished_at', 'campaign.version',
] as const;

type CRow = {
  id: string; name: string; description: string | null; region_id: string; region_name: string; region_level: string; scope_path: string;
  problem_types: string; starts_on: string; ends_on: string; status: string; started_at: string | null; finished_at: string | null; version: number;
};

function toCampaign(r: CRow): CampaignRow {
  return {
    id: r.id, name: r.name, description: r.description, regionId: r.region_id, regionName: r.region_name, regionLevel: r.region_level, scopePath: r.scope_path,
    problemTypes: JSON.parse(r.problem_types) as string[], startsOn: r.starts_on, endsOn: r.ends_on, status: r.status as CampaignStatus,
    startedAt: r.started_at, finishedAt: r.finished_at, version: Number(r.version),
  };
}

/** Campaigns a caller with these scopes sees: those under their scopes, and those over a region containing them (a street campaign covers its communities). */
export function visibleCampaigns(prefixes: readonly string[]) {
  const above = [...new Set(prefixes.flatMap(ancestorPaths))];
  return sql<boolean>`(${scopeCondition('campaign.scope_path', prefixes)} OR ${above.length ? sql`campaign.scope_path in (${sql.join(above)})` : sql`1 = 0`})`;
}

function selectCampaigns(db: Db) {
  return db.selectFrom('campaign').innerJoin('region', 'region.id', 'campaign.region_id').select(CAMPAIGN_COLS);
}

/** One campaign; with prefixes, one the caller cannot see is not found. */
export async function findCampaign(db: Db, id: string, prefixes: readonly string[] | null): Promise<CampaignRow | null> {
  let q = selectCampaigns(db).where('campaign.id', '=', id);
  if (prefixes) q = q.where(visibleCampaigns(prefixes));
  const r = await q.executeTakeFirst();
  return r ? toCampaign(r as CRow) : null;
}

/** Filters of the campaign list. */
export interface CampaignFilter {
  prefixes: readonly string[];
  /** Campaigns over this place: at it, under it, or above it. */
  placePath?: string;
  status?: string;
  q?: string;
}

/** One page of campaigns, latest start date first. */
export async function listCampaigns(db: Db, f: CampaignFilter, limit: number, offset: number): Promise<{ rows: CampaignRow[]; total: number }> {
  let q = db.selectFrom('campaign').innerJoin('region', 'region.id', 'campaign.region_id').where(visibleCampaigns(f.prefixes));
  if (f.placePath) q = q.where(sql<boolean>`(${scopeCondition('campaign.scope_path', [f.placePath])} OR campaign.scope_path in (${sql.join(ancestorPaths(f.placePath))}))`);
  if (f.status) q = q.where('campaign.status', '=', f.status);
  if (f.q) q = q.where(containsText('campaign.name', f.q));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select(CAMPAIGN_COLS).orderBy('campaign.starts_on', 'desc').orderBy('campaign.id').limit(limit).offset(offset).execute();
  return { rows: rows.map((r) => toCampaign(r as CRow)), total };
}

/** A new campaign's columns. */
export interface CampaignInsert {
  id: string; name: string; description: string | null; regionId: string; scopePath: string; problemTypes: string[]; startsOn: string; endsOn: string;
}

/** Inserts a planned campaign. */
export async function insertCampaign(db: Db, c: CampaignInsert, now: string, by: string | null): Promise<void> {
  await db.insertInto('campaign').values({
    id: c.id, name: c.name, description: c.description, region_id: c.regionId, scope_path: c.scopePath, problem_types: JSON.stringify(c.problemTypes),
    starts_on: c.startsOn, ends_on: c.endsOn, status: 'planned', created_at: now, updated_at: now, created_by: by,
  }).execute();
}

/** Column patch of a campaign change. */
export type CampaignPatch = Partial<{
  name: string; description: string | null; region_id: string; scope_path: string; problem_types: string; starts_on: string; ends_on: string;
  status: string; started_at: string; started_by: string | null; finished_at: string; finished_by: string | null;
}>;

/** Compare-and-set update; returns rows changed (0 when the version moved on). */
export async function updateCampaign(db: Db, id: string, expectVersion: number, patch: CampaignPatch, now: string): Promise<number> {
  const r = await db.updateTable('campaign').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Every compound under a region now (the snapshot a start takes). */
export async function compoundsUnder(db: Db, path: string): Promise<{ id: string; communityId: string; scopePath: string }[]> {
  const rows = await db.selectFrom('compound').select(['id', 'community_id', 'scope_path']).where(scopeCondition('compound.scope_path', [path]))
    .orderBy('scope_path').execute();
  return rows.map((r) => ({ id: r.id, communityId: r.community_id, scopePath: r.scope_path }));
}

/** A new task's columns. */
export interface TaskInsert {
  id: string; campaignId: string; compoundId: string; communityId: string; scopePath: string; origin: TaskOrigin;
}

/** Inserts open tasks. */
export async function insertTasks(db: Db, tasks: readonly TaskInsert[], now: string, by: string | null): Promise<void> {
  await insertMany(db, 'campaign_task', tasks.map((t) => ({
    id: t.id, campaign_id: t.campaignId, compound_id: t.compoundId, community_id: t.communityId, scope_path: t.scopePath, origin: t.origin,
    status: 'open', version: 1, created_at: now, updated_at: now, created_by: by,
  })));
}

/** A task row with its compound's and community's names. */
export interface TaskRow {
  id: string; campaignId: string; compoundId: string; compoundName: string; communityId: string; communityName: string; scopePath: string;
  origin: TaskOrigin; status: TaskStatus; inspectionId: string | null; inspectedAt: string | null; inspectedByName: string | null;
  result: InspectionResult | null; note: string | null; waivedAt: string | null; waivedByName: string | null; waiveReason: string | null; version: number;
}

const TASK_COLS = [
  'campaign_task.id', 'campaign_task.campaign_id', 'campaign_task.compound_id', 'compound.name as compound_name', 'campaign_task.community_id',
  'community.name as community_name', 'campaign_task.scope_path', 'campaign_task.origin', 'campaign_task.status', 'campaign_task.inspection_id',
  'campaign_task.inspected_at', 'campaign_task.inspected_by_name', 'campaign_task.result', 'campaign_task.note', 'campaign_task.waived_at',
  'campaign_task.waived_by_name', 'campaign_task.waive_reason', 'campaign_task.version',
] as const;

type TRow = {
  id: string; campaign_id: string; compound_id: string; compound_name: string; community_id: string; community_name: string; scope_path: string;
  origin: string; status: string; inspection_id: string | null; inspected_at: string | null; inspected_by_name: string | null; result: string | null;
  note: string | null; waived_at: string | null; waived_by_name: string | null; waive_reason: string | null; version: number;
};

function toTask(r: TRow): TaskRow {
  return {
    id: r.id, campaignId: r.campaign_id, compoundId: r.compound_id, compoundName: r.compound_name, communityId: r.community_id, communityName: r.community_name,
    scopePath: r.scope_path, origin: r.origin as TaskOrigin, status: r.status as TaskStatus, inspectionId: r.inspection_id, inspectedAt: r.inspected_at,
    inspectedByName: r.inspected_by_name, result: r.result as InspectionResult | null, note: r.note, waivedAt: r.waived_at, waivedByName: r.waived_by_name,
    waiveReason: r.waive_reason, version: Number(r.version),
  };
}

function selectTasks(db: Db) {
  return db.selectFrom('campaign_task').innerJoin('compound', 'compound.id', 'campaign_task.compound_id')
    .innerJoin('region as community', 'community.id', 'campaign_task.community_id').select(TASK_COLS);
}

/** One task; with prefixes, one outside them is not found. */
export async function findTask(db: Db, id: string, prefixes: readonly string[] | null): Promise<TaskRow | null> {
  let q = selectTasks(db).where('campaign_task.id', '=', id);
  if (prefixes) q = q.where(scopeCondition('campaign_task.scope_path', prefixes));
  const r = await q.executeTakeFirst();
  return r ? toTask(r as TRow) : null;
}

/** Tasks of a campaign by id (for waivers given with a finish). */
export async function tasksByIds(db: Db, campaignId: string, ids: readonly string[]): Promise<TaskRow[]> {
  if (!ids.length) return [];
  return (await selectTasks(db).where('campaign_task.campaign_id', '=', campaignId).where('campaign_task.id', 'in', [...ids]).execute()).map((r) => toTask(r as TRow));
}

/** The task of a compound in a campaign, if any. */
export async function taskOfCompound(db: Db, campaignId: string, compoundId: string): Promise<TaskRow | null> {
  const r = await selectTasks(db).where('campaign_task.campaign_id', '=', campaignId).where('campaign_task.compound_id', '=', compoundId).executeTakeFirst();
  return r ? toTask(r as TRow) : null;
}

/** One page of a campaign's tasks under the prefixes, by community then compound. */
export async function listTasks(db: Db, campaignId: string, f: { prefixes: readonly string[]; status?: string; communityId?: string; origin?: string }, limit: number, offset: number): Promise<{ rows: TaskRow[]; total: number }> {
  let q = db.selectFrom('campaign_task').innerJoin('compound', 'compound.id', 'campaign_task.compound_id')
    .innerJoin('region as community', 'community.id', 'campaign_task.community_id')
    .where('campaign_task.campaign_id', '=', campaignId).where(scopeCondition('campaign_task.scope_path', f.prefixes));
  if (f.status) q = q.where('campaign_task.status', '=', f.status);
  if (f.communityId) q = q.where('campaign_task.community_id', '=', f.communityId);
  if (f.origin) q = q.where('campaign_task.origin', '=', f.origin);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select(TASK_COLS).orderBy('community.code').orderBy('compound.name').orderBy('campaign_task.id').limit(limit).offset(offset).execute();
  return { rows: rows.map((r) => toTask(r as TRow)), total };
}

/** Column patch of a task change. */
export type TaskPatch = Partial<{
  status: string; inspection_id: string | null; inspected_at: string; inspected_by: string | null; inspected_by_name: string; result: string;
  note: string | null; waived_at: string; waived_by_name: string; waive_reason: string;
}>;

/** Compare-and-set update of an open task; returns rows changed (0 when the version moved on or it is no longer open). */
export async function updateOpenTask(db: Db, id: string, expectVersion: number, patch: TaskPatch, now: string): Promise<number> {
  const r = await db.updateTable('campaign_task').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectVersion).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

const taskCountCols = [
  sql<number>`count(*)`.as('in_scope'),
  sql<number>`coalesce(sum(case when campaign_task.status = 'inspected' then 1 else 0 end), 0)`.as('inspected'),
  sql<number>`coalesce(sum(case when campaign_task.status = 'waived' then 1 else 0 end), 0)`.as('waived'),
  sql<number>`coalesce(sum(case when campaign_task.result = 'problems_found' then 1 else 0 end), 0)`.as('problems_found'),
];

/** Task counts of a campaign. */
export interface TaskCounts {
  inScope: number;
  inspected: number;
  waived: number;
  problemsFound: number;
}

type CountRow = { in_scope: number; inspected: number; waived: number; problems_found: number };
const counts = (r: CountRow): TaskCounts => ({ inScope: Number(r.in_scope), inspected: Number(r.inspected), waived: Number(r.waived), problemsFound: Number(r.problems_found) });

/** Task counts of some campaigns over the tasks under the prefixes. */
export async function taskCounts(db: Db, campaignIds: readonly string[], prefixes: readonly string[]): Promise<Map<string, TaskCounts>> {
  if (!campaignIds.length) return new Map();
  const rows = await db.selectFrom('campaign_task').select('campaign_task.campaign_id').select(taskCountCols)
    .where('campaign_task.campaign_id', 'in', [...campaignIds]).where(scopeCondition('campaign_task.scope_path', prefixes))
    .groupBy('campaign_task.campaign_id').execute();
  return new Map(rows.map((r) => [r.campaign_id, counts(r as unknown as CountRow)]));
}

/** Task counts of a campaign per community, over the tasks under the prefixes. */
export async function countsByCommunity(db: Db, campaignId: string, prefixes: readonly string[]): Promise<(TaskCounts & { communityId: string; communityName: string })[]> {
  const rows = await db.selectFrom('campaign_task').innerJoin('region as community', 'community.id', 'campaign_task.community_id')
    .select(['community.id', 'community.name', 'community.code']).select(taskCountCols)
    .where('campaign_task.campaign_id', '=', campaignId).where(scopeCondition('campaign_task.scope_path', prefixes))
    .groupBy(['community.id', 'community.name', 'community.code']).orderBy('community.code').execute();
  return rows.map((r) => ({ communityId: r.id, communityName: r.name, ...counts(r as unknown as CountRow) }));
}

/** Open tasks of a whole campaign. */
export async function openTaskCount(db: Db, campaignId: string): Promise<number> {
  const r = await db.selectFrom('campaign_task').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId).where('status', '=', 'open').executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Compounds under the campaign's region (and the prefixes) that have no task: registered after the start snapshot. */
export async function unlistedCompounds(db: Db, c: { id: string; scopePath: string }, prefixes: readonly string[]) {
  const rows = await db.selectFrom('compound').innerJoin('region as community', 'community.id', 'compound.community_id')
    .select(['compound.id', 'compound.name', 'community.id as community_id', 'community.name as community_name'])
    .where(scopeCondition('compound.scope_path', [c.scopePath])).where(scopeCondition('compound.scope_path', prefixes))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('campaign_task as t').select(sql.lit(1).as('x')).where('t.campaign_id', '=', c.id).whereRef('t.compound_id', '=', 'compound.id'))))
    .orderBy('community.code').orderBy('compound.name').execute();
  return rows.map((r) => ({ compoundId: r.id, compoundName: r.name, communityId: r.community_id, communityName: r.community_name }));
}

/** A finding row with its compound. */
export interface FindingRow {
  id: string; incidentId: string; taskId: string; compoundId: string; compoundName: string; categoryCode: string; description: string;
  createdAt: string; createdByName: string;
}

/** Links a finding to the incident it became. */
export async function insertFinding(db: Db, f: { campaignId: string; taskId: string; incidentId: string; seq: number; categoryCode: string; description: string }, now: string, by: string | null, byName: string): Promise<void> {
  await db.insertInto('campaign_finding').values({
    id: newId(), campaign_id: f.campaignId, task_id: f.taskId, incident_id: f.incidentId, seq: f.seq, category_code: f.categoryCode,
    description: f.description, created_at: now, created_by: by, created_by_name: byName,
  }).execute();
}

function selectFindings(db: Db) {
  return db.selectFrom('campaign_finding').innerJoin('campaign_task', 'campaign_task.id', 'campaign_finding.task_id')
    .innerJoin('compound', 'compound.id', 'campaign_task.compound_id')
    .select([
      'campaign_finding.id', 'campaign_finding.incident_id', 'campaign_finding.task_id', 'campaign_task.compound_id', 'compound.name as compound_name',
      'campaign_finding.category_code', 'campaign_finding.description', 'campaign_finding.created_at', 'campaign_finding.created_by_name',
    ]);
}

type FRow = { id: string; incident_id: string; task_id: string; compound_id: string; compound_name: string; category_code: string; description: string; created_at: string; created_by_name: string };
const toFinding = (r: FRow): FindingRow => ({
  id: r.id, incidentId: r.incident_id, taskId: r.task_id, compoundId: r.compound_id, compoundName: r.compound_name, categoryCode: r.category_code,
  description: r.description, createdAt: r.created_at, createdByName: r.created_by_name,
});

/** The findings of some tasks. */
export async function findingsOfTasks(db: Db, taskIds: readonly string[]): Promise<FindingRow[]> {
  if (!taskIds.length) return [];
  return (await selectFindings(db).where('campaign_finding.task_id', 'in', [...taskIds]).orderBy('campaign_finding.created_at').orderBy('campaign_finding.seq').execute()).map((r) => toFinding(r as FRow));
}

/** One page of a campaign's findings under the prefixes, newest first. */
export async function listFindings(db: Db, campaignId: string, f: { prefixes: readonly string[]; categoryCode?: string }, limit: number, offset: number): Promise<{ rows: FindingRow[]; total: number }> {
  let q = selectFindings(db).where('campaign_finding.campaign_id', '=', campaignId).where(scopeCondition('campaign_task.scope_path', f.prefixes));
  if (f.categoryCode) q = q.where('campaign_finding.category_code', '=', f.categoryCode);
  const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.orderBy('campaign_finding.created_at', 'desc').orderBy('campaign_finding.seq').limit(limit).offset(offset).execute();
  return { rows: rows.map((r) => toFinding(r as FRow)), total };
}

/** Findings of a campaign per 小类, over the tasks under the prefixes, most first. */
export async function findingsByType(db: Db, campaignId: string, prefixes: readonly string[]): Promise<{ categoryCode: string; count: number }[]> {
  const rows = await db.selectFrom('campaign_finding').innerJoin('campaign_task', 'campaign_task.id', 'campaign_finding.task_id')
    .select(['campaign_finding.category_code', sql<number>`count(*)`.as('n')])
    .where('campaign_finding.campaign_id', '=', campaignId).where(scopeCondition('campaign_task.scope_path', prefixes))
    .groupBy('campaign_finding.category_code').orderBy(sql`count(*)`, 'desc').orderBy('campaign_finding.category_code').execute();
  return rows.map((r) => ({ categoryCode: r.category_code, count: Number(r.n) }));
}

/** Whether a unique or primary key refused a row (a concurrent create with the same id). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
