import type { EscalationKind, LadderLevel } from '../../../shared/escalation.ts';
import type { Db } from '../../db/database.ts';
import type { ThresholdRow } from './escalation.ts';

// Reads of the incident, region and incident_handler tables here are read-only lookups of facts those modules own
// (deadline, stage, place, handling organisation); only the incidents module ever writes an incident.

/** Every stored threshold row (a short table: one row per level per place that overrides). */
export async function thresholdRows(db: Db): Promise<ThresholdRow[]> {
  const rows = await db.selectFrom('escalation_threshold').select(['scope_path', 'level', 'amount', 'unit']).execute();
  return rows.map((r) => ({ scopePath: r.scope_path, level: r.level, amount: Number(r.amount), unit: r.unit }));
}

/** Replaces one place's threshold rows. */
export async function replaceThresholds(db: Db, scopePath: string, levels: readonly { level: string; amount: number; unit: string }[], now: string, by: string | null): Promise<void> {
  await db.deleteFrom('escalation_threshold').where('scope_path', '=', scopePath).execute();
  if (levels.length) await db.insertInto('escalation_threshold').values(levels.map((l) => ({ scope_path: scopePath, level: l.level, amount: l.amount, unit: l.unit, updated_at: now, updated_by: by }))).execute();
}

/** The regions whose paths are given (an incident's ancestors). */
export async function regionsAt(db: Db, paths: readonly string[]): Promise<{ id: string; name: string; level: string; scopePath: string }[]> {
  if (!paths.length) return [];
  const rows = await db.selectFrom('region').select(['id', 'name', 'level', 'scope_path']).where('scope_path', 'in', [...paths]).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, scopePath: r.scope_path }));
}

/** A place a joint meeting may sit at: a region or a compound, by id. */
export async function placeById(db: Db, id: string): Promise<{ id: string; name: string; level: string; scopePath: string } | null> {
  const r = await db.selectFrom('region').select(['id', 'name', 'level', 'scope_path']).where('id', '=', id).executeTakeFirst();
  if (r) return { id: r.id, name: r.name, level: r.level, scopePath: r.scope_path };
  const c = await db.selectFrom('compound').select(['id', 'name', 'scope_path']).where('id', '=', id).executeTakeFirst();
  return c ? { id: c.id, name: c.name, level: 'compound', scopePath: c.scope_path } : null;
}

/** What the ladder needs to know about an incident. */
export interface IncidentFacts {
  id: string;
  categorySetId: string;
  categoryCode: string;
  description: string;
  stage: string;
  deadlineAt: string | null;
  endedAt: string | null;
  compoundId: string | null;
  communityId: string;
  scopePath: string;
  handlerKind: string | null;
  handlerId: string | null;
  handlerName: string | null;
  reportedAt: string;
  version: number;
}

const FACT_COLS = [
  'incident.id', 'incident.category_set_id', 'incident.category_code', 'incident.description', 'incident.stage', 'incident.deadline_at',
  'incident.ended_at', 'incident.compound_id', 'incident.community_id', 'incident.scope_path', 'incident.handler_kind', 'incident.handler_id',
  'incident.handler_name', 'incident.reported_at', 'incident.version',
] as const;

type FactRow = {
  id: string; category_set_id: string; category_code: string; description: string; stage: string; deadline_at: string | null; ended_at: string | null;
  compound_id: string | null; community_id: string; scope_path: string; handler_kind: string | null; handler_id: string | null; handler_name: string | null;
  reported_at: string; version: number;
};

function toFacts(r: FactRow): IncidentFacts {
  return {
    id: r.id, categorySetId: r.category_set_id, categoryCode: r.category_code, description: r.description, stage: r.stage, deadlineAt: r.deadline_at,
    endedAt: r.ended_at, compoundId: r.compound_id, communityId: r.community_id, scopePath: r.scope_path, handlerKind: r.handler_kind,
    handlerId: r.handler_id, handlerName: r.handler_name, reportedAt: r.reported_at, version: Number(r.version),
  };
}

/** Facts of some incidents, by id. */
export async function incidentFacts(db: Db, ids: readonly string[]): Promise<Map<string, IncidentFacts>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('incident').select(FACT_COLS).where('incident.id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, toFacts(r as FactRow)]));
}

/** An incident's ladder state; absent until its first rise. */
export interface StateRow {
  incidentId: string;
  level: LadderLevel;
  placeId: string;
  scopePath: string;
  version: number;
}

/** The ladder states of some incidents, by id. */
export async function statesOf(db: Db, ids: readonly string[]): Promise<Map<string, StateRow>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('incident_escalation').selectAll().where('incident_id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.incident_id, { incidentId: r.incident_id, level: r.level as LadderLevel, placeId: r.place_id, scopePath: r.scope_path, version: Number(r.version) }]));
}

/**
 * Moves an incident's ladder state from the version read (1 = never risen, no row yet) to the next: inserts the first row,
 * or compare-and-sets a later one. Returns false when someone else moved it first.
 */
export async function moveState(db: Db, s: { incidentId: string; level: LadderLevel; placeId: string; scopePath: string }, expectVersion: number, now: string): Promise<boolean> {
  if (expectVersion === 1) {
    const r = await db.insertInto('incident_escalation').values({ incident_id: s.incidentId, level: s.level, place_id: s.placeId, scope_path: s.scopePath, version: 2, updated_at: now })
      .onConflict((oc) => oc.column('incident_id').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db.updateTable('incident_escalation').set({ level: s.level, place_id: s.placeId, scope_path: s.scopePath, version: expectVersion + 1, updated_at: now })
    .where('incident_id', '=', s.incidentId).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** One rise as stored. */
export interface EventRow {
  id: string;
  incidentId: string;
  fromLevel: LadderLevel;
  toLevel: LadderLevel;
  placeId: string;
  placeName: string;
  scopePath: string;
  kind: EscalationKind;
  reason: string | null;
  dueAt: string | null;
  deadlineAt: string | null;
  actorId: string | null;
  actorName: string;
  at: string;
}

type ERow = {
  id: string; incident_id: string; from_level: string; to_level: string; place_id: string; place_name: string; scope_path: string; kind: string;
  reason: string | null; due_at: string | null; deadline_at: string | null; actor_id: string | null; actor_name: string; at: string;
};

/** Maps a stored rise. */
export function toEvent(r: ERow): EventRow {
  return {
    id: r.id, incidentId: r.incident_id, fromLevel: r.from_level as LadderLevel, toLevel: r.to_level as LadderLevel, placeId: r.place_id, placeName: r.place_name,
    scopePath: r.scope_path, kind: r.kind as EscalationKind, reason: r.reason, dueAt: r.due_at, deadlineAt: r.deadline_at, actorId: r.actor_id,
    actorName: r.actor_name, at: r.at,
  };
}

/** Appends a rise (the unique (incident, level) pair refuses a second rise to the same level). */
export async function insertEvent(db: Db, e: EventRow): Promise<void> {
  await db.insertInto('escalation_event').values({
    id: e.id, incident_id: e.incidentId, from_level: e.fromLevel, to_level: e.toLevel, place_id: e.placeId, place_name: e.placeName, scope_path: e.scopePath,
    kind: e.kind, reason: e.reason, due_at: e.dueAt, deadline_at: e.deadlineAt, actor_id: e.actorId, actor_name: e.actorName, at: e.at,
  }).execute();
}

/** One rise by id. */
export async function findEvent(db: Db, id: string): Promise<EventRow | null> {
  const r = await db.selectFrom('escalation_event').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toEvent(r) : null;
}

/** An incident's rises, oldest first. */
export async function eventsOf(db: Db, incidentId: string): Promise<EventRow[]> {
  const rows = await db.selectFrom('escalation_event').selectAll().where('incident_id', '=', incidentId).orderBy('at').orderBy('id').execute();
  return rows.map(toEvent);
}

/** An open incident the automatic rule looks at, with its ladder state. */
export interface Candidate {
  id: string;
  deadlineAt: string;
  scopePath: string;
  compoundId: string | null;
  level: LadderLevel | null;
  version: number;
}

/**
 * One batch of open, unsuspended incidents whose deadline passed before the cutoff and which are not yet at the top of the
 * ladder, in deadline order after a keyset position.
 */
export async function candidates(db: Db, cutoff: string, after: { deadlineAt: string; id: string } | null, limit: number): Promise<Candidate[]> {
  let q = db.selectFrom('incident').leftJoin('incident_escalation as s', 's.incident_id', 'incident.id')
    .select(['incident.id', 'incident.deadline_at', 'incident.scope_path', 'incident.compound_id', 's.level', 's.version'])
    .where('incident.ended_at', 'is', null).where('incident.stage', '<>', 'suspended').where('incident.deadline_at', '<', cutoff)
    .where((eb) => eb.or([eb('s.level', 'is', null), eb('s.level', '<>', 'county')]));
  if (after) q = q.where((eb) => eb.or([eb('incident.deadline_at', '>', after.deadlineAt), eb.and([eb('incident.deadline_at', '=', after.deadlineAt), eb('incident.id', '>', after.id)])]));
  const rows = await q.orderBy('incident.deadline_at').orderBy('incident.id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, deadlineAt: r.deadline_at!, scopePath: r.scope_path, compoundId: r.compound_id, level: (r.level as LadderLevel | null) ?? null, version: r.version === null ? 1 : Number(r.version) }));
}

/** The organisations a user acts for as an incident handler. */
export async function handlerOrgsOf(db: Db, userId: string | null): Promise<string[]> {
  if (!userId) return [];
  return (await db.selectFrom('incident_handler').select('org_id').where('user_id', '=', userId).execute()).map((r) => r.org_id);
}

/** Whether a database error is a unique or primary-key violation (SQLite or PostgreSQL). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string } | null;
  return !!err && (err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === '23505');
}
