import { sql } from 'kysely';
import { isPostgres, scopeCondition, type Db } from '../../db/database.ts';

// Aggregates for the weekly and monthly reports and the per-region counts; every figure is counted in SQL within the
// caller's scopes (and an optional place), never by loading rows.

/** Where a report looks: the caller's scopes, optionally narrowed to a path or one compound. */
export interface ReportPlace {
  scopes: readonly string[];
  underPath?: string;
  compoundId?: string;
}

/** One compound's opinion figures for a period. */
export interface WeeklyRow {
  compoundId: string;
  compoundName: string;
  collected: number;
  answered: number;
  takenUp: number;
  pending: number;
  answeredWithin7Days: number;
}

function compoundsIn(db: Db, p: ReportPlace) {
  let q = db.selectFrom('compound').where(scopeCondition('compound.scope_path', p.scopes));
  if (p.underPath) q = q.where(scopeCondition('compound.scope_path', [p.underPath]));
  if (p.compoundId) q = q.where('compound.id', '=', p.compoundId);
  return q;
}

/**
 * Per compound in place: opinions received in [fromAt, toAt), how many were answered, taken up into a matter, still
 * pending (neither), and answered within seven days of receipt. Compounds without opinions are listed with zeros.
 */
export async function weeklyRows(db: Db, p: ReportPlace, fromAt: string, toAt: string): Promise<WeeklyRow[]> {
  const within7 = isPostgres(db)
    ? sql<boolean>`(opinion.answered_at::timestamptz - opinion.received_at::timestamptz) <= interval '7 days'`
    : sql<boolean>`(julianday(opinion.answered_at) - julianday(opinion.received_at)) <= 7`;
  const rows = await compoundsIn(db, p)
    .leftJoin('opinion', (j) => j.onRef('opinion.compound_id', '=', 'compound.id').on('opinion.received_at', '>=', fromAt).on('opinion.received_at', '<', toAt))
    .select([
      'compound.id', 'compound.name',
      sql<number>`count(opinion.id)`.as('collected'),
      sql<number>`coalesce(sum(case when opinion.answered_at is not null then 1 else 0 end), 0)`.as('answered'),
      sql<number>`coalesce(sum(case when opinion.status = 'taken_up' then 1 else 0 end), 0)`.as('taken_up'),
      sql<number>`coalesce(sum(case when opinion.status = 'received' then 1 else 0 end), 0)`.as('pending'),
      sql<number>`coalesce(sum(case when opinion.answered_at is not null and ${within7} then 1 else 0 end), 0)`.as('within7'),
    ])
    .groupBy(['compound.id', 'compound.name', 'compound.scope_path']).orderBy('compound.scope_path').orderBy('compound.name').execute();
  return rows.map((r) => ({
    compoundId: r.id, compoundName: r.name, collected: Number(r.collected), answered: Number(r.answered), takenUp: Number(r.taken_up),
    pending: Number(r.pending), answeredWithin7Days: Number(r.within7),
  }));
}

function heldConsultation(fromAt: string, toAt: string) {
  return sql<boolean>`exists (select 1 from meeting where meeting.compound_id = compound.id and meeting.status = 'held'
    and meeting.purpose = 'deliberation' and meeting.starts_at >= ${fromAt} and meeting.starts_at < ${toAt})`;
}

/** Compounds in place, and how many held a deliberation meeting in [fromAt, toAt). */
export async function consultationCounts(db: Db, p: ReportPlace, fromAt: string, toAt: string): Promise<{ inScope: number; withConsultation: number }> {
  const r = await compoundsIn(db, p).select([
    sql<number>`count(*)`.as('n'),
    sql<number>`coalesce(sum(case when ${heldConsultation(fromAt, toAt)} then 1 else 0 end), 0)`.as('held'),
  ]).executeTakeFirstOrThrow();
  return { inScope: Number(r.n), withConsultation: Number(r.held) };
}

/** Compounds in place that held no deliberation meeting in [fromAt, toAt), with their community and last such meeting before toAt. */
export async function withoutConsultation(db: Db, p: ReportPlace, fromAt: string, toAt: string, limit: number) {
  const rows = await compoundsIn(db, p).leftJoin('region', 'region.id', 'compound.community_id')
    .select([
      'compound.id', 'compound.name', 'region.id as community_id', 'region.name as community_name',
      sql<string | null>`(select max(meeting.starts_at) from meeting where meeting.compound_id = compound.id and meeting.status = 'held'
        and meeting.purpose = 'deliberation' and meeting.starts_at < ${toAt})`.as('last_at'),
    ])
    .where(sql<boolean>`not ${heldConsultation(fromAt, toAt)}`)
    .orderBy('compound.scope_path').orderBy('compound.name').limit(limit).execute();
  return rows.map((r) => ({
    compound: { id: r.id, name: r.name },
    community: r.community_id ? { id: r.community_id, name: r.community_name ?? r.community_id } : null,
    lastMeetingAt: r.last_at ?? null,
  }));
}

/** Figures of the per-region counts. */
export interface CountFigures {
  opinionsCollected: number;
  mattersResolved: number;
  policySessions: number;
  meetingsHeld: number;
  meetingsByForm: Record<string, number>;
}

/** An optional period as instants [fromAt, toAt). */
export interface Period {
  fromAt?: string;
  toAt?: string;
}

function inPeriod(col: string, r: Period) {
  const conds = [
    ...(r.fromAt ? [sql<boolean>`${sql.ref(col)} >= ${r.fromAt}`] : []),
    ...(r.toAt ? [sql<boolean>`${sql.ref(col)} < ${r.toAt}`] : []),
  ];
  return conds.length ? sql<boolean>`(${sql.join(conds, sql` AND `)})` : sql<boolean>`1 = 1`;
}

/**
 * The counts grouped by the first `keyLength` characters of scope_path (a child place's path when all children's paths
 * have that length), or in one group when keyLength is null. Opinions by receipt, matters resolved by closing, meetings
 * held by start time; deliberation meetings count as meetings, policy-promotion meetings as policy sessions.
 */
export async function countFigures(db: Db, p: ReportPlace, r: Period, keyLength: number | null): Promise<Map<string, CountFigures>> {
  // Without a key every row falls in one group named '' (PostgreSQL refuses GROUP BY a constant, so there is none).
  const key = (col: string) => (keyLength === null ? sql<string>`''` : sql<string>`substr(${sql.ref(col)}, 1, ${sql.lit(keyLength)})`);
  const scoped = (table: string) => {
    const col = `${table}.scope_path`;
    const conds = [scopeCondition(col, p.scopes), ...(p.underPath ? [scopeCondition(col, [p.underPath])] : [])];
    return sql<boolean>`(${sql.join(conds, sql` AND `)})`;
  };
  const opinions = await db.selectFrom('opinion').where(scoped('opinion')).where(inPeriod('opinion.received_at', r))
    .select([key('opinion.scope_path').as('k'), sql<number>`count(*)`.as('n')]).$if(keyLength !== null, (q) => q.groupBy(key('opinion.scope_path'))).execute();
  const matters = await db.selectFrom('matter').where(scoped('matter')).where('matter.outcome', '=', 'resolved').where(inPeriod('matter.closed_at', r))
    .select([key('matter.scope_path').as('k'), sql<number>`count(*)`.as('n')]).$if(keyLength !== null, (q) => q.groupBy(key('matter.scope_path'))).execute();
  const meetings = await db.selectFrom('meeting').where(scoped('meeting')).where('meeting.status', '=', 'held').where(inPeriod('meeting.starts_at', r))
    .select([key('meeting.scope_path').as('k'), 'meeting.purpose', 'meeting.form', sql<number>`count(*)`.as('n')])
    .groupBy(['meeting.purpose', 'meeting.form']).$if(keyLength !== null, (q) => q.groupBy(key('meeting.scope_path'))).execute();
  const out = new Map<string, CountFigures>();
  const at = (k: string) => {
    let f = out.get(k);
    if (!f) out.set(k, f = { opinionsCollected: 0, mattersResolved: 0, policySessions: 0, meetingsHeld: 0, meetingsByForm: {} });
    return f;
  };
  for (const o of opinions) at(o.k).opinionsCollected += Number(o.n);
  for (const m of matters) at(m.k).mattersResolved += Number(m.n);
  for (const m of meetings) {
    const f = at(m.k);
    if (m.purpose === 'policy_promotion') f.policySessions += Number(m.n);
    else {
      f.meetingsHeld += Number(m.n);
      f.meetingsByForm[m.form] = (f.meetingsByForm[m.form] ?? 0) + Number(m.n);
    }
  }
  return out;
}

/** A place a count can be broken down into. */
export interface ChildPlace {
  id: string;
  name: string;
  scopePath: string;
}

/** The child regions of a region (or the top regions for null); a community's children are its compounds. */
export async function childPlaces(db: Db, regionId: string | null, level: string | null): Promise<ChildPlace[]> {
  if (regionId && level === 'community') {
    const rows = await db.selectFrom('compound').select(['id', 'name', 'scope_path']).where('community_id', '=', regionId).orderBy('scope_path').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, scopePath: r.scope_path }));
  }
  let q = db.selectFrom('region').select(['id', 'name', 'scope_path']);
  q = regionId ? q.where('parent_id', '=', regionId) : q.where('parent_id', 'is', null);
  return (await q.orderBy('scope_path').execute()).map((r) => ({ id: r.id, name: r.name, scopePath: r.scope_path }));
}

/** The place a scope path names: a region by its code, or a compound by id. */
export async function placeOfPath(db: Db, path: string): Promise<ChildPlace | null> {
  const last = path.split('/').filter(Boolean).pop();
  if (!last) return null;
  const r = await db.selectFrom('region').select(['id', 'name', 'scope_path']).where('code', '=', last).executeTakeFirst();
  if (r && r.scope_path === path) return { id: r.id, name: r.name, scopePath: r.scope_path };
  const c = await db.selectFrom('compound').select(['id', 'name', 'scope_path']).where('id', '=', last).executeTakeFirst();
  return c && c.scope_path === path ? { id: c.id, name: c.name, scopePath: c.scope_path } : null;
}

/** A compound's opinions received and deliberation meetings held in [fromAt, toAt), for its bulletin. */
export async function compoundPeriodFigures(db: Db, compoundId: string, fromAt: string, toAt: string): Promise<{ opinions: number; meetings: number }> {
  const o = await db.selectFrom('opinion').select(sql<number>`count(*)`.as('n')).where('compound_id', '=', compoundId)
    .where('received_at', '>=', fromAt).where('received_at', '<', toAt).executeTakeFirstOrThrow();
  const m = await db.selectFrom('meeting').select(sql<number>`count(*)`.as('n')).where('compound_id', '=', compoundId).where('status', '=', 'held')
    .where('starts_at', '>=', fromAt).where('starts_at', '<', toAt).executeTakeFirstOrThrow();
  return { opinions: Number(o.n), meetings: Number(m.n) };
}

/** A compound's public identity: its name, community and street. */
export async function compoundPlaceNames(db: Db, compoundId: string): Promise<{ id: string; name: string; community: string | null; street: string | null } | null> {
  const r = await db.selectFrom('compound').leftJoin('region as community', 'community.id', 'compound.community_id')
    .leftJoin('region as street', 'street.id', 'community.parent_id')
    .select(['compound.id', 'compound.name', 'community.name as community_name', 'street.name as street_name'])
    .where('compound.id', '=', compoundId).executeTakeFirst();
  return r ? { id: r.id, name: r.name, community: r.community_name ?? null, street: r.street_name ?? null } : null;
}
