import { sql, type Selectable } from 'kysely';
import { containsText, insertMany, prepared, scopeCondition, type Db } from '../../db/database.ts';
import type { IncidentsTables } from './incidents.table.ts';

type Row = Selectable<IncidentsTables['incident']>;

/** A stored incident (the method instance holds its timeline). */
export interface IncidentRecord {
  id: string;
  caseNo: string | null;
  categorySetId: string;
  categoryVersion: number;
  categoryCode: string;
  majorCode: string;
  urgency: string;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  communityId: string;
  compoundId: string | null;
  gridId: string | null;
  scopePath: string;
  sourceChannel: string;
  externalOrderNo: string | null;
  reporterKind: 'user' | 'anonymous';
  reporterUserId: string | null;
  reporterDisplay: string | null;
  reporterNameEnc: string | null;
  reporterNameMask: string | null;
  reporterPhoneEnc: string | null;
  reporterPhoneMask: string | null;
  reporterTokenHash: string | null;
  needsConfirmation: boolean;
  instanceId: string | null;
  templateId: string | null;
  instanceVersion: number;
  stage: string;
  stageDueAt: string | null;
  outcome: string | null;
  handlerKind: 'org' | 'community' | null;
  handlerId: string | null;
  handlerName: string | null;
  possibleDuplicate: boolean;
  duplicateCandidates: string[];
  duplicateOf: string | null;
  deadlineAt: string | null;
  originalDeadlineAt: string | null;
  pendingUntil: string | null;
  reworkCount: number;
  returnCount: number;
  extensionCount: number;
  feedbackCount: number;
  suspendedAt: string | null;
  satisfaction: number | null;
  reportedAt: string;
  acceptedAt: string | null;
  registeredAt: string | null;
  firstDispatchedAt: string | null;
  dispatchedAt: string | null;
  signedAt: string | null;
  feedbackAt: string | null;
  verifiedAt: string | null;
  confirmedAt: string | null;
  closedAt: string | null;
  endedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

// Column names are few and fixed: convert each once, not once per row.
const snakeNames = new Map<string, string>();
const snake = (k: string) => {
  let s = snakeNames.get(k);
  if (s === undefined) snakeNames.set(k, (s = k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())));
  return s;
};
const BOOLS = new Set(['needsConfirmation', 'possibleDuplicate']);

// Every field written out: one object shape for all records, which later reads of the record are faster on.
function toRecord(r: Row): IncidentRecord {
  return {
    id: r.id, caseNo: r.case_no, categorySetId: r.category_set_id, categoryVersion: Number(r.category_version), categoryCode: r.category_code, majorCode: r.major_code,
    urgency: r.urgency, description: r.description, address: r.address, lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng), communityId: r.community_id, compoundId: r.compound_id, gridId: r.grid_id, scopePath: r.scope_path,
    sourceChannel: r.source_channel, externalOrderNo: r.external_order_no, reporterKind: r.reporter_kind as IncidentRecord['reporterKind'],
    reporterUserId: r.reporter_user_id, reporterDisplay: r.reporter_display, reporterNameEnc: r.reporter_name_enc,
    reporterNameMask: r.reporter_name_mask, reporterPhoneEnc: r.reporter_phone_enc, reporterPhoneMask: r.reporter_phone_mask,
    reporterTokenHash: r.reporter_token_hash, needsConfirmation: Number(r.needs_confirmation) === 1, instanceId: r.instance_id,
    templateId: r.template_id, instanceVersion: Number(r.instance_version), stage: r.stage, stageDueAt: r.stage_due_at, outcome: r.outcome,
    handlerKind: r.handler_kind as IncidentRecord['handlerKind'], handlerId: r.handler_id, handlerName: r.handler_name,
    possibleDuplicate: Number(r.possible_duplicate) === 1, duplicateCandidates: JSON.parse(String(r.duplicate_candidates)) as string[],
    duplicateOf: r.duplicate_of, deadlineAt: r.deadline_at, originalDeadlineAt: r.original_deadline_at, pendingUntil: r.pending_until,
    reworkCount: Number(r.rework_count), returnCount: Number(r.return_count), extensionCount: Number(r.extension_count),
    feedbackCount: Number(r.feedback_count), suspendedAt: r.suspended_at, satisfaction: r.satisfaction === null ? null : Number(r.satisfaction),
    reportedAt: r.reported_at, acceptedAt: r.accepted_at, registeredAt: r.registered_at, firstDispatchedAt: r.first_dispatched_at,
    dispatchedAt: r.dispatched_at, signedAt: r.signed_at, feedbackAt: r.feedback_at, verifiedAt: r.verified_at, confirmedAt: r.confirmed_at,
    closedAt: r.closed_at, endedAt: r.ended_at, version: Number(r.version), createdAt: r.created_at, updatedAt: r.updated_at,
    createdBy: r.created_by,
  };
}

function toRow(rec: Partial<IncidentRecord>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (v === undefined) continue;
    out[snake(k)] = BOOLS.has(k) ? (v ? 1 : 0) : k === 'duplicateCandidates' ? JSON.stringify(v) : v;
  }
  return out;
}

const countReport = prepared((db: Db, day: string) => db.insertInto('incident_counter').values({ day, n: 1 })
  .onConflict((oc) => oc.column('day').doUpdateSet({ n: sql<number>`incident_counter.n + 1` })).returning('n'));

/** The next number of a day's reports (1 for its first; the day as 20261127); taken in the report's transaction. */
export async function nextOfDay(db: Db, day: string): Promise<number> {
  const [r] = await countReport(db, day);
  return Number(r.n);
}

/** Inserts an incident. */
export async function insertIncident(db: Db, rec: IncidentRecord): Promise<void> {
  await insertMany(db, 'incident', [toRow(rec) as never]);
}

const incidentById = prepared((db: Db, id: string) => db.selectFrom('incident').selectAll().where('id', '=', id));

/** One incident by id (the service checks who may see it). */
export async function findIncident(db: Db, id: string): Promise<IncidentRecord | null> {
  const [r] = await incidentById(db, id);
  return r ? toRecord(r) : null;
}

/** Compare-and-set update; returns rows changed (0 = someone else changed it first). A stage change reaches the party rows. */
export async function updateIncident(db: Db, id: string, expectVersion: number, patch: Partial<IncidentRecord>, now: string): Promise<number> {
  const r = await db.updateTable('incident').set({ ...toRow(patch), updated_at: now, version: expectVersion + 1 } as never)
    .where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  const n = Number(r.numUpdatedRows);
  if (n && patch.stage !== undefined) await db.updateTable('incident_party').set({ stage: patch.endedAt ? null : patch.stage }).where('incident_id', '=', id).execute();
  return n;
}

const partiesById = prepared((db: Db, incidentId: string) => db.selectFrom('incident_party').select(['role', 'party_id']).where('incident_id', '=', incidentId));

/** The parties of an incident. */
export async function partiesOf(db: Db, incidentId: string): Promise<{ role: string; partyId: string }[]> {
  const rows = await partiesById(db, incidentId);
  return rows.map((r) => ({ role: r.role, partyId: r.party_id }));
}

/** Replaces the holders of one party role on an incident; `openStage` is the incident's stage as it now stands, null if it has ended. */
export async function setParties(db: Db, incidentId: string, role: string, partyIds: readonly string[], openStage: string | null): Promise<void> {
  await db.deleteFrom('incident_party').where('incident_id', '=', incidentId).where('role', '=', role).execute();
  await insertParties(db, incidentId, role, partyIds, openStage);
}

/** Adds the holders of a role on an incident that has none yet (a new report). */
export async function insertParties(db: Db, incidentId: string, role: string, partyIds: readonly string[], openStage: string | null): Promise<void> {
  const ids = [...new Set(partyIds)];
  await insertMany(db, 'incident_party', ids.map((p) => ({ incident_id: incidentId, role, party_id: p, stage: openStage })));
}

const recentOf = (db: Db, f: { categoryCode: string; since: string; excludeId: string }) => db.selectFrom('incident').select(['id', 'compound_id', 'lat', 'lng', 'reported_at'])
  .where('category_code', '=', f.categoryCode).where('reported_at', '>=', f.since).where('id', '<>', f.excludeId)
  .where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', 'not in', ['invalid', 'cancelled'])]));
const recentInCompound = prepared((db: Db, categoryCode: string, since: string, excludeId: string, compoundId: string, limit: number) =>
  recentOf(db, { categoryCode, since, excludeId }).where('compound_id', '=', compoundId).orderBy('compound_id').orderBy('reported_at', 'desc').limit(limit));

/**
 * Recent incidents of a 小类 in a compound or a box around a point, not ended as invalid or cancelled, latest first:
 * duplicate candidates. The compound's are all candidates, so `limit` of them suffice; the box's still need the radius.
 */
export async function recentOfCategory(
  db: Db, f: { categoryCode: string; since: string; compoundId: string | null; box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | null; excludeId: string; limit: number },
): Promise<{ id: string; compoundId: string | null; lat: number | null; lng: number | null }[]> {
  // One query per kind of nearness, each on its own index (compound and time; 小类 and time): as one OR, neither is usable.
  const rows = [
    ...(f.compoundId ? await recentInCompound(db, f.categoryCode, f.since, f.excludeId, f.compoundId, f.limit) : []),
    ...(f.box ? await recentOf(db, f).where('lat', '>=', f.box.minLat).where('lat', '<=', f.box.maxLat).where('lng', '>=', f.box.minLng).where('lng', '<=', f.box.maxLng)
      .orderBy('reported_at', 'desc').limit(50).execute() : []),
  ];
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).sort((a, b) => (a.reported_at < b.reported_at ? 1 : -1)).slice(0, 50)
    .map((r) => ({ id: r.id, compoundId: r.compound_id, lat: r.lat === null ? null : Number(r.lat), lng: r.lng === null ? null : Number(r.lng) }));
}

/** Rows the caller sees: inside their incident.read scopes, or tied to them as a party. */
export function visibleTo(scopes: readonly string[], partyIds: readonly string[]) {
  const parts = [scopeCondition('incident.scope_path', scopes)];
  if (partyIds.length) parts.push(sql<boolean>`EXISTS (SELECT 1 FROM incident_party vp WHERE vp.incident_id = incident.id AND vp.party_id IN (${sql.join([...partyIds])}))`);
  return sql<boolean>`(${sql.join(parts, sql` OR `)})`;
}

/** Filters of the incident list. */
export interface IncidentFilter {
  underPath?: string;
  stage?: string;
  categoryCode?: string;
  majorCode?: string;
  gridId?: string;
  compoundId?: string;
  sourceChannel?: string;
  externalOrderNo?: string;
  open?: boolean;
  /** Only open, registered cases past their deadline at this instant (not suspended). */
  overdueAt?: string;
  reportedFrom?: string;
  reportedTo?: string;
  urgency?: string;
  handlerId?: string;
  /** Text the description, address or external order number contains. */
  q?: string;
}

/** Incidents the caller sees, overdue lists most overdue first, others newest first. */
export async function listIncidents(db: Db, vis: { scopes: readonly string[]; partyIds: readonly string[] }, f: IncidentFilter, limit: number, offset: number): Promise<{ rows: IncidentRecord[]; total: number }> {
  let q = db.selectFrom('incident').where(visibleTo(vis.scopes, vis.partyIds));
  if (f.underPath) q = q.where(scopeCondition('incident.scope_path', [f.underPath]));
  if (f.stage) q = q.where('stage', '=', f.stage);
  if (f.categoryCode) q = q.where('category_code', '=', f.categoryCode);
  if (f.majorCode) q = q.where('major_code', '=', f.majorCode);
  if (f.gridId) q = q.where('grid_id', '=', f.gridId);
  if (f.compoundId) q = q.where('compound_id', '=', f.compoundId);
  if (f.sourceChannel) q = q.where('source_channel', '=', f.sourceChannel);
  if (f.externalOrderNo) q = q.where('external_order_no', '=', f.externalOrderNo);
  if (f.open !== undefined) q = q.where('ended_at', f.open ? 'is' : 'is not', null);
  if (f.reportedFrom) q = q.where('reported_at', '>=', f.reportedFrom);
  if (f.reportedTo) q = q.where('reported_at', '<', f.reportedTo);
  if (f.urgency) q = q.where('urgency', '=', f.urgency);
  if (f.handlerId) q = q.where('handler_id', '=', f.handlerId);
  if (f.q) {
    const text = f.q;
    q = q.where(sql<boolean>`(incident.case_no = ${text} OR ${containsText('incident.description', text)} OR ${containsText('incident.address', text)} OR ${containsText('incident.external_order_no', text)})`);
  }
  if (f.overdueAt) q = q.where('ended_at', 'is', null).where('stage', '<>', 'suspended').where('deadline_at', '<', f.overdueAt);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rows = q.selectAll();
  rows = f.overdueAt ? rows.orderBy('deadline_at').orderBy('id') : rows.orderBy('reported_at', 'desc').orderBy('id');
  return { total: Number(total.n), rows: (await rows.limit(limit).offset(offset).execute()).map(toRecord) };
}

/** What the caller must act on: open incidents where one of their parties holds a role in a stage that role acts in, or desk stages in their dispatch scopes. */
export interface TaskQuery {
  partyIds: readonly string[];
  roleStages: readonly { role: string; stages: readonly string[] }[];
  dispatchScopes: readonly string[];
  dispatchStages: readonly string[];
  /** Verifiers also get cases whose reporter let the confirmation period end before this instant. */
  now: string;
}

/**
 * The caller's task list, most urgent (earliest step or case due time) first. Each way a case can be the caller's is one
 * branch: their party rows at the stages their role acts in (party rows carry the stage while the case is open, so this
 * reads the caller's own open cases only), and for dispatchers the desk stages in their places. The total comes with the
 * page (one pass), and from a count only for a page past the end.
 */
export async function listTasks(db: Db, t: TaskQuery, limit: number, offset: number): Promise<{ rows: IncidentRecord[]; total: number }> {
  const held = (role: string, stages: readonly string[]) => sql`SELECT tp.incident_id FROM incident_party tp
    WHERE tp.party_id IN (${sql.join([...t.partyIds])}) AND tp.role = ${role} AND tp.stage IS NOT NULL AND tp.stage IN (${sql.join([...stages])})`;
  const any = [];
  for (const rs of t.roleStages) if (t.partyIds.length && rs.stages.length) any.push(held(rs.role, rs.stages));
  if (t.partyIds.length) {
    any.push(sql`SELECT c.incident_id FROM (${held('verifier', ['confirming'])}) c JOIN incident ci ON ci.id = c.incident_id WHERE ci.stage_due_at < ${t.now}`);
  }
  if (t.dispatchScopes.length && t.dispatchStages.length) {
    any.push(sql`SELECT d.id FROM incident d WHERE d.ended_at IS NULL AND d.stage IN (${sql.join([...t.dispatchStages])}) AND ${scopeCondition('d.scope_path', t.dispatchScopes)}`);
  }
  if (!any.length) return { rows: [], total: 0 };
  const mine = sql<boolean>`incident.id IN (${sql.join(any, sql` UNION `)})`;
  const rows = await db.selectFrom('incident').selectAll().select(sql<number>`COUNT(*) OVER ()`.as('total_count')).where('ended_at', 'is', null).where(mine)
    // LIMIT and OFFSET as literals: bound, they keep SQLite's planner from bounding the sort, about 5 times slower here.
    .orderBy(sql`COALESCE(stage_due_at, deadline_at, reported_at)`).orderBy('id').limit(sql.lit(Math.trunc(limit))).offset(sql.lit(Math.trunc(offset))).execute();
  const total = rows.length ? Number(rows[0].total_count)
    : offset > 0 ? Number((await db.selectFrom('incident').select((eb) => eb.fn.countAll<number>().as('n')).where('ended_at', 'is', null).where(mine).executeTakeFirstOrThrow()).n) : 0;
  return { total, rows: rows.map(toRecord) };
}

const orgsByUser = prepared((db: Db, userId: string) => db.selectFrom('incident_handler').select('org_id').where('user_id', '=', userId));

/** Organisations the user acts for as handler. */
export async function orgsOfUser(db: Db, userId: string): Promise<string[]> {
  return (await orgsByUser(db, userId)).map((r) => r.org_id);
}

/** Whether a database error is a foreign-key violation (SQLite or PostgreSQL). */
export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string } | null;
  return !!err && (err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || err.code === '23503');
}

/** Whether a database error is a unique or primary-key violation (SQLite or PostgreSQL). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string } | null;
  return !!err && (err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === '23505');
}

/** The parties of several incidents, by incident. */
export async function partiesOfMany(db: Db, incidentIds: readonly string[]): Promise<Map<string, { role: string; partyId: string }[]>> {
  const out = new Map<string, { role: string; partyId: string }[]>(incidentIds.map((i) => [i, []]));
  if (!incidentIds.length) return out;
  const rows = await db.selectFrom('incident_party').select(['incident_id', 'role', 'party_id']).where('incident_id', 'in', [...incidentIds]).execute();
  for (const r of rows) out.get(r.incident_id)?.push({ role: r.role, partyId: r.party_id });
  return out;
}
