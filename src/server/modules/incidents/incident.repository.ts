import { sql, type Selectable } from 'kysely';
import { containsText, scopeCondition, type Db } from '../../db/database.ts';
import type { IncidentsTables } from './incidents.table.ts';

type Row = Selectable<IncidentsTables['incident']>;

/** A stored incident (the method instance holds its timeline). */
export interface IncidentRecord {
  id: string;
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
const camelNames = new Map<string, string>();
const camel = (k: string) => {
  let c = camelNames.get(k);
  if (c === undefined) camelNames.set(k, (c = k.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase())));
  return c;
};
const snakeNames = new Map<string, string>();
const snake = (k: string) => {
  let s = snakeNames.get(k);
  if (s === undefined) snakeNames.set(k, (s = k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())));
  return s;
};
const BOOLS = new Set(['needsConfirmation', 'possibleDuplicate']);
const NUMS = new Set(['categoryVersion', 'lat', 'lng', 'reworkCount', 'returnCount', 'extensionCount', 'feedbackCount', 'satisfaction', 'version', 'instanceVersion']);

function toRecord(r: Row): IncidentRecord {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    const c = camel(k);
    if (BOOLS.has(c)) out[c] = Number(v) === 1;
    else if (NUMS.has(c)) out[c] = v === null ? null : Number(v);
    else if (c === 'duplicateCandidates') out[c] = JSON.parse(String(v)) as string[];
    else out[c] = v;
  }
  return out as unknown as IncidentRecord;
}

function toRow(rec: Partial<IncidentRecord>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (v === undefined) continue;
    out[snake(k)] = BOOLS.has(k) ? (v ? 1 : 0) : k === 'duplicateCandidates' ? JSON.stringify(v) : v;
  }
  return out;
}

/** Inserts an incident. */
export async function insertIncident(db: Db, rec: IncidentRecord): Promise<void> {
  await db.insertInto('incident').values(toRow(rec) as never).execute();
}

/** One incident by id (the service checks who may see it). */
export async function findIncident(db: Db, id: string): Promise<IncidentRecord | null> {
  const r = await db.selectFrom('incident').selectAll().where('id', '=', id).executeTakeFirst();
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

/** The parties of an incident. */
export async function partiesOf(db: Db, incidentId: string): Promise<{ role: string; partyId: string }[]> {
  const rows = await db.selectFrom('incident_party').select(['role', 'party_id']).where('incident_id', '=', incidentId).execute();
  return rows.map((r) => ({ role: r.role, partyId: r.party_id }));
}

/** Replaces the holders of one party role on an incident; `openStage` is the incident's stage as it now stands, null if it has ended. */
export async function setParties(db: Db, incidentId: string, role: string, partyIds: readonly string[], openStage: string | null): Promise<void> {
  await db.deleteFrom('incident_party').where('incident_id', '=', incidentId).where('role', '=', role).execute();
  const ids = [...new Set(partyIds)];
  if (ids.length) await db.insertInto('incident_party').values(ids.map((p) => ({ incident_id: incidentId, role, party_id: p, stage: openStage }))).execute();
}

/** Recent incidents of a 小类 in a compound or a box around a point, not ended as invalid or cancelled: duplicate candidates. */
export async function recentOfCategory(
  db: Db, f: { categoryCode: string; since: string; compoundId: string | null; box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | null; excludeId: string },
): Promise<{ id: string; compoundId: string | null; lat: number | null; lng: number | null }[]> {
  if (!f.compoundId && !f.box) return [];
  const rows = await db.selectFrom('incident').select(['id', 'compound_id', 'lat', 'lng'])
    .where('category_code', '=', f.categoryCode).where('reported_at', '>=', f.since).where('id', '<>', f.excludeId)
    .where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', 'not in', ['invalid', 'cancelled'])]))
    .where((eb) => {
      const any = [];
      if (f.compoundId) any.push(eb('compound_id', '=', f.compoundId));
      if (f.box) any.push(eb.and([eb('lat', '>=', f.box.minLat), eb('lat', '<=', f.box.maxLat), eb('lng', '>=', f.box.minLng), eb('lng', '<=', f.box.maxLng)]));
      return eb.or(any);
    })
    .orderBy('reported_at', 'desc').limit(50).execute();
  return rows.map((r) => ({ id: r.id, compoundId: r.compound_id, lat: r.lat === null ? null : Number(r.lat), lng: r.lng === null ? null : Number(r.lng) }));
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
    q = q.where(sql<boolean>`(${containsText('incident.description', text)} OR ${containsText('incident.address', text)} OR ${containsText('incident.external_order_no', text)})`);
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
    .orderBy(sql`COALESCE(stage_due_at, deadline_at, reported_at)`).orderBy('id').limit(limit).offset(offset).execute();
  const total = rows.length ? Number(rows[0].total_count)
    : offset > 0 ? Number((await db.selectFrom('incident').select((eb) => eb.fn.countAll<number>().as('n')).where('ended_at', 'is', null).where(mine).executeTakeFirstOrThrow()).n) : 0;
  return { total, rows: rows.map(({ total_count: _n, ...r }) => toRecord(r)) };
}

/** Organisations the user acts for as handler. */
export async function orgsOfUser(db: Db, userId: string): Promise<string[]> {
  return (await db.selectFrom('incident_handler').select('org_id').where('user_id', '=', userId).execute()).map((r) => r.org_id);
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
