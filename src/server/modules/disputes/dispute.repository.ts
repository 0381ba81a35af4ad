import { sql } from 'kysely';
import type { DisputeCounts, DisputeStatus, DisputeType, ElderKind, FollowUpResult, MediatorKind, PartySide } from '../../../shared/disputes.ts';
import { containsText, insertMany, scopeCondition, type Db } from '../../db/database.ts';
import { newId } from '../../../shared/ids.ts';

/** A dispute row as the service reads it, with its compound's name. */
export interface DisputeRow {
  id: string;
  compoundId: string;
  compoundName: string;
  communityId: string;
  gridId: string | null;
  sourceIncidentId: string | null;
  scopePath: string;
  type: DisputeType;
  summary: string;
  occurredOn: string | null;
  status: DisputeStatus;
  outcome: string | null;
  agreementText: string | null;
  referredTo: string | null;
  referralNote: string | null;
  withdrawReason: string | null;
  outcomeAt: string | null;
  followUpOn: string | null;
  followUpResult: FollowUpResult | null;
  followUpNote: string | null;
  followedUpAt: string | null;
  reopenCount: number;
  sessionCount: number;
  registeredAt: string;
  registeredByName: string;
  version: number;
}

const COLS = [
  'dispute.id', 'dispute.compound_id', 'compound.name as compound_name', 'dispute.community_id', 'dispute.grid_id', 'dispute.source_incident_id',
  'dispute.scope_path', 'dispute.type', 'dispute.summary', 'dispute.occurred_on', 'dispute.status', 'dispute.outcome', 'dispute.agreement_text',
  'dispute.referred_to', 'dispute.referral_note', 'dispute.withdraw_reason', 'dispute.outcome_at', 'dispute.follow_up_on', 'dispute.follow_up_result',
  'dispute.follow_up_note', 'dispute.followed_up_at', 'dispute.reopen_count', 'dispute.session_count', 'dispute.registered_at',
  'dispute.registered_by_name', 'dispute.version',
] as const;

type Row = {
  id: string; compound_id: string; compound_name: string; community_id: string; grid_id: string | null; source_incident_id: string | null;
  scope_path: string; type: string; summary: string; occurred_on: string | null; status: string; outcome: string | null; agreement_text: string | null;
  referred_to: string | null; referral_note: string | null; withdraw_reason: string | null; outcome_at: string | null; follow_up_on: string | null;
  follow_up_result: string | null; follow_up_note: string | null; followed_up_at: string | null; reopen_count: number; session_count: number;
  registered_at: string; registered_by_name: string; version: number;
};

function toRow(r: Row): DisputeRow {
  return {
    id: r.id, compoundId: r.compound_id, compoundName: r.compound_name, communityId: r.community_id, gridId: r.grid_id, sourceIncidentId: r.source_incident_id,
    scopePath: r.scope_path, type: r.type as DisputeType, summary: r.summary, occurredOn: r.occurred_on, status: r.status as DisputeStatus, outcome: r.outcome,
    agreementText: r.agreement_text, referredTo: r.referred_to, referralNote: r.referral_note, withdrawReason: r.withdraw_reason, outcomeAt: r.outcome_at,
    followUpOn: r.follow_up_on, followUpResult: r.follow_up_result as FollowUpResult | null, followUpNote: r.follow_up_note, followedUpAt: r.followed_up_at,
    reopenCount: Number(r.reopen_count), sessionCount: Number(r.session_count), registeredAt: r.registered_at, registeredByName: r.registered_by_name,
    version: Number(r.version),
  };
}

function select(db: Db) {
  return db.selectFrom('dispute').innerJoin('compound', 'compound.id', 'dispute.compound_id').select(COLS);
}

/** One dispute; with prefixes, one outside them is not found. */
export async function findDispute(db: Db, id: string, prefixes: readonly string[] | null): Promise<DisputeRow | null> {
  let q = select(db).where('dispute.id', '=', id);
  if (prefixes) q = q.where(scopeCondition('dispute.scope_path', prefixes));
  const r = await q.executeTakeFirst();
  return r ? toRow(r as Row) : null;
}

/** Filters of the dispute list; dates as instants [fromAt, toAt) of registration. */
export interface DisputeFilter {
  prefixes: readonly string[];
  underPath?: string;
  compoundId?: string;
  gridId?: string;
  type?: string;
  status?: string;
  fromAt?: string;
  toAt?: string;
  q?: string;
  /** Disputes raised from this incident. */
  sourceIncidentId?: string;
}

/** One page of disputes, latest registered first. */
export async function listDisputes(db: Db, f: DisputeFilter, limit: number, offset: number): Promise<{ rows: DisputeRow[]; total: number }> {
  let q = db.selectFrom('dispute').innerJoin('compound', 'compound.id', 'dispute.compound_id').where(scopeCondition('dispute.scope_path', f.prefixes));
  if (f.underPath) q = q.where(scopeCondition('dispute.scope_path', [f.underPath]));
  if (f.compoundId) q = q.where('dispute.compound_id', '=', f.compoundId);
  if (f.gridId) q = q.where('dispute.grid_id', '=', f.gridId);
  if (f.type) q = q.where('dispute.type', '=', f.type);
  if (f.status) q = q.where('dispute.status', '=', f.status);
  if (f.fromAt) q = q.where('dispute.registered_at', '>=', f.fromAt);
  if (f.toAt) q = q.where('dispute.registered_at', '<', f.toAt);
  if (f.q) q = q.where(containsText('dispute.summary', f.q));
  if (f.sourceIncidentId) q = q.where('dispute.source_incident_id', '=', f.sourceIncidentId);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select(COLS).orderBy('dispute.registered_at', 'desc').orderBy('dispute.id').limit(limit).offset(offset).execute();
  return { rows: rows.map((r) => toRow(r as Row)), total };
}

/** A new dispute's columns. */
export interface DisputeInsert {
  id: string; compoundId: string; communityId: string; gridId: string | null; sourceIncidentId: string | null; scopePath: string; type: string;
  summary: string; occurredOn: string | null; registeredAt: string; registeredBy: string | null; registeredByName: string;
}

/** Inserts a registered dispute. */
export async function insertDispute(db: Db, d: DisputeInsert): Promise<void> {
  await db.insertInto('dispute').values({
    id: d.id, compound_id: d.compoundId, community_id: d.communityId, grid_id: d.gridId, source_incident_id: d.sourceIncidentId, scope_path: d.scopePath,
    type: d.type, summary: d.summary, occurred_on: d.occurredOn, status: 'registered', registered_at: d.registeredAt, registered_by_name: d.registeredByName,
    created_at: d.registeredAt, updated_at: d.registeredAt, created_by: d.registeredBy,
  }).execute();
}

/** Column patch of a dispute change. */
export type DisputePatch = Partial<{
  type: string; summary: string; occurred_on: string | null; grid_id: string | null; status: string; outcome: string | null; agreement_text: string | null;
  referred_to: string | null; referral_note: string | null; withdraw_reason: string | null; outcome_at: string | null; follow_up_on: string | null;
  follow_up_result: string | null; follow_up_note: string | null; followed_up_at: string | null;
}>;

/** Compare-and-set update that may also bump the session and reopen counters; returns rows changed (0 when the version moved on). */
export async function updateDispute(db: Db, id: string, expectVersion: number, patch: DisputePatch, now: string, bump: { session?: boolean; reopen?: boolean } = {}): Promise<number> {
  const r = await db.updateTable('dispute').set((eb) => ({
    ...patch, updated_at: now, version: eb('version', '+', 1),
    ...(bump.session ? { session_count: eb('session_count', '+', 1) } : {}),
    ...(bump.reopen ? { reopen_count: eb('reopen_count', '+', 1) } : {}),
  })).where('id', '=', id).where('version', '=', expectVersion).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A party with its values sealed. */
export interface SealedParty {
  side: PartySide | null;
  name: { enc: string; mask: string };
  phone: { enc: string; bidx: string; mask: string } | null;
  idNumber: { enc: string; bidx: string; mask: string } | null;
}

/** Appends parties after the dispute's last one. */
export async function insertParties(db: Db, disputeId: string, parties: readonly SealedParty[], now: string): Promise<void> {
  if (!parties.length) return;
  const last = await db.selectFrom('dispute_party').select((eb) => eb.fn.max('seq').as('m')).where('dispute_id', '=', disputeId).executeTakeFirst();
  const start = Number(last?.m ?? 0);
  await insertMany(db, 'dispute_party', parties.map((p, i) => ({
    id: newId(), dispute_id: disputeId, seq: start + i + 1, side: p.side, name_enc: p.name.enc, name_mask: p.name.mask,
    phone_enc: p.phone?.enc ?? null, phone_mask: p.phone?.mask ?? null, phone_bidx: p.phone?.bidx ?? null,
    id_number_enc: p.idNumber?.enc ?? null, id_number_mask: p.idNumber?.mask ?? null, id_number_bidx: p.idNumber?.bidx ?? null, created_at: now,
  })));
}

/** A party's masks (and, for reveal, its sealed values). */
export interface PartyRow {
  id: string; disputeId: string; seq: number; side: PartySide | null; nameMask: string; phoneMask: string | null; idNumberMask: string | null;
  nameEnc: string; phoneEnc: string | null; idNumberEnc: string | null;
}

/** The parties of some disputes in order. */
export async function partiesOf(db: Db, disputeIds: readonly string[]): Promise<PartyRow[]> {
  if (!disputeIds.length) return [];
  const rows = await db.selectFrom('dispute_party').selectAll().where('dispute_id', 'in', [...disputeIds]).orderBy('dispute_id').orderBy('seq').execute();
  return rows.map((r) => ({
    id: r.id, disputeId: r.dispute_id, seq: Number(r.seq), side: r.side as PartySide | null, nameMask: r.name_mask, phoneMask: r.phone_mask,
    idNumberMask: r.id_number_mask, nameEnc: r.name_enc, phoneEnc: r.phone_enc, idNumberEnc: r.id_number_enc,
  }));
}

/** A mediator on a dispute. */
export interface AssignmentRow {
  disputeId: string; mediatorId: string; name: string; kind: MediatorKind; elderKind: ElderKind | null; phoneMask: string | null; assignedAt: string;
}

/** The mediators now on some disputes. */
export async function assignmentsOf(db: Db, disputeIds: readonly string[]): Promise<AssignmentRow[]> {
  if (!disputeIds.length) return [];
  const rows = await db.selectFrom('dispute_mediator').innerJoin('mediator', 'mediator.id', 'dispute_mediator.mediator_id')
    .select(['dispute_mediator.dispute_id', 'dispute_mediator.mediator_id', 'mediator.name', 'mediator.kind', 'mediator.elder_kind', 'mediator.phone_mask', 'dispute_mediator.assigned_at'])
    .where('dispute_mediator.dispute_id', 'in', [...disputeIds]).orderBy('dispute_mediator.assigned_at').orderBy('mediator.name').execute();
  return rows.map((r) => ({
    disputeId: r.dispute_id, mediatorId: r.mediator_id, name: r.name, kind: r.kind as MediatorKind, elderKind: r.elder_kind as ElderKind | null,
    phoneMask: r.phone_mask, assignedAt: r.assigned_at,
  }));
}

/** Puts mediators on a dispute. */
export async function addAssignments(db: Db, disputeId: string, mediatorIds: readonly string[], now: string, by: string | null): Promise<void> {
  await insertMany(db, 'dispute_mediator', mediatorIds.map((m) => ({ dispute_id: disputeId, mediator_id: m, assigned_at: now, assigned_by: by })));
}

/** Takes mediators off a dispute (the timeline keeps who was on it and when). */
export async function removeAssignments(db: Db, disputeId: string, mediatorIds: readonly string[]): Promise<void> {
  await db.deleteFrom('dispute_mediator').where('dispute_id', '=', disputeId).where('mediator_id', 'in', [...mediatorIds]).execute();
}

/** One entry of a dispute's timeline. */
export interface EventRow {
  seq: number; event: string; fromStatus: string | null; toStatus: string; actorId: string | null; actorName: string; at: string; data: Record<string, unknown>;
}

/** Appends an entry after the dispute's last one (callers hold the dispute's version, so appends never race). */
export async function appendEvent(db: Db, disputeId: string, e: Omit<EventRow, 'seq'>): Promise<void> {
  const last = await db.selectFrom('dispute_event').select((eb) => eb.fn.max('seq').as('m')).where('dispute_id', '=', disputeId).executeTakeFirst();
  await db.insertInto('dispute_event').values({
    id: newId(), dispute_id: disputeId, seq: Number(last?.m ?? 0) + 1, event: e.event, from_status: e.fromStatus, to_status: e.toStatus,
    actor_id: e.actorId, actor_name: e.actorName, at: e.at, data: JSON.stringify(e.data),
  }).execute();
}

/** A dispute's timeline in order. */
export async function eventsOf(db: Db, disputeId: string): Promise<EventRow[]> {
  const rows = await db.selectFrom('dispute_event').selectAll().where('dispute_id', '=', disputeId).orderBy('seq').execute();
  return rows.map((r) => ({
    seq: Number(r.seq), event: r.event, fromStatus: r.from_status, toStatus: r.to_status, actorId: r.actor_id, actorName: r.actor_name, at: r.at,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}

/** Whether a unique or primary key refused a row (a concurrent create with the same id). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function countCols(alias: string) {
  const on = (cond: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  return [
    sql<number>`count(${c('id')})`.as('total'),
    on(sql`${c('status')} in ('registered', 'mediating')`).as('open'),
    on(sql`${c('outcome')} = 'agreed'`).as('agreed'),
    on(sql`${c('outcome')} = 'referred'`).as('referred'),
    on(sql`${c('outcome')} = 'withdrawn'`).as('withdrawn'),
    on(sql`${c('status')} = 'followed_up'`).as('followed_up'),
    on(sql`${c('follow_up_result')} = 'holding'`).as('holding'),
    on(sql`${c('follow_up_result')} = 'relapsed'`).as('relapsed'),
  ];
}

type CountRow = { total: number; open: number; agreed: number; referred: number; withdrawn: number; followed_up: number; holding: number; relapsed: number };

function counts(r: CountRow): DisputeCounts {
  return {
    total: Number(r.total), open: Number(r.open), agreed: Number(r.agreed), referred: Number(r.referred), withdrawn: Number(r.withdrawn),
    followedUp: Number(r.followed_up), holding: Number(r.holding), relapsed: Number(r.relapsed),
  };
}

/** Where and when the counts look: disputes under underPath (within the caller's prefixes) registered in [fromAt, toAt). */
export interface StatsPlace {
  prefixes: readonly string[];
  underPath: string;
  fromAt: string;
  toAt: string;
}

/** Counts by dispute type (types without disputes are absent). */
export async function countsByType(db: Db, p: StatsPlace): Promise<(DisputeCounts & { type: string })[]> {
  const rows = await db.selectFrom('dispute as d').select('d.type').select(countCols('d'))
    .where(scopeCondition('d.scope_path', p.prefixes)).where(scopeCondition('d.scope_path', [p.underPath]))
    .where('d.registered_at', '>=', p.fromAt).where('d.registered_at', '<', p.toAt)
    .groupBy('d.type').orderBy('d.type').execute();
  return rows.map((r) => ({ type: r.type, ...counts(r as unknown as CountRow) }));
}

/** Counts per child region of a region, every child listed (zeros included). */
export async function countsByChildRegion(db: Db, p: StatsPlace, regionId: string): Promise<(DisputeCounts & { id: string; name: string })[]> {
  const rows = await db.selectFrom('region as r')
    .leftJoin('dispute as d', (j) => j
      .on(sql<boolean>`substr(d.scope_path, 1, length(r.scope_path)) = r.scope_path`)
      .on(scopeCondition('d.scope_path', p.prefixes)).on('d.registered_at', '>=', p.fromAt).on('d.registered_at', '<', p.toAt))
    .select(['r.id', 'r.name', 'r.code']).select(countCols('d'))
    .where('r.parent_id', '=', regionId).groupBy(['r.id', 'r.name', 'r.code']).orderBy('r.code').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, ...counts(r as unknown as CountRow) }));
}

/** Counts per compound of a community, every compound listed (zeros included). */
export async function countsByCompound(db: Db, p: StatsPlace, communityId: string): Promise<(DisputeCounts & { id: string; name: string })[]> {
  const rows = await db.selectFrom('compound as c')
    .leftJoin('dispute as d', (j) => j.onRef('d.compound_id', '=', 'c.id')
      .on(scopeCondition('d.scope_path', p.prefixes)).on('d.registered_at', '>=', p.fromAt).on('d.registered_at', '<', p.toAt))
    .select(['c.id', 'c.name']).select(countCols('d'))
    .where('c.community_id', '=', communityId).groupBy(['c.id', 'c.name']).orderBy('c.name').orderBy('c.id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, ...counts(r as unknown as CountRow) }));
}

/** The community a grid belongs to, or null when there is no such grid. */
export async function gridCommunity(db: Db, gridId: string): Promise<string | null> {
  return (await db.selectFrom('grid').select('community_id').where('id', '=', gridId).executeTakeFirst())?.community_id ?? null;
}
