import {
  DISPUTE_TYPE_NAMES, disputeProblem,
  type DisputeDetail, type DisputeEvent, type DisputeOutcome, type DisputeView, type PartyRevealField, type ReferralTarget,
} from '../../../shared/disputes.ts';
import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { maskName } from '../../../shared/mask.ts';
import { inScope, inTx, type Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { sealIdNumber, sealPhone } from '../../lib/pii.ts';
import { can, requireAt, requireScopes } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { referDispute } from '../escalation/index.ts';
import { getIncident } from '../incidents/index.ts';
import { findCompoundRef, findRegionRef, type CompoundRef } from '../registry/index.ts';
import {
  availableEvents, checkDisputeFields, checkEventInput, checkParties, eventBlocker, isIsoDate, outcomePatch, statusAfter,
  type ActionEvent, type DisputeState, type EventInput, type PartyInput, type PartyValue,
} from './dispute.ts';
import * as repo from './dispute.repository.ts';
import { mediatorsByIds } from './mediator.repository.ts';
import { newId } from '../../../shared/ids.ts';

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

function stateOf(d: repo.DisputeRow, mediatorCount: number): DisputeState {
  return { status: d.status, mediatorCount, sessionCount: d.sessionCount, followUpResult: d.followUpResult };
}

function view(ctx: Ctx, d: repo.DisputeRow, parties: repo.PartyRow[], mediatorCount: number): DisputeView {
  const write = can(ctx.actor, 'dispute.write', d.scopePath);
  const open = d.status === 'registered' || d.status === 'mediating';
  return {
    id: d.id, compound: { id: d.compoundId, name: d.compoundName }, communityId: d.communityId, gridId: d.gridId, sourceIncidentId: d.sourceIncidentId,
    type: d.type, typeName: DISPUTE_TYPE_NAMES[d.type] ?? { zh: d.type, en: d.type }, summary: d.summary, occurredOn: d.occurredOn, status: d.status,
    outcome: d.outcome as DisputeOutcome | null, agreementText: d.agreementText, referredTo: d.referredTo as ReferralTarget | null, referralNote: d.referralNote,
    withdrawReason: d.withdrawReason, outcomeAt: d.outcomeAt,
    followUp: d.followUpOn && d.followUpResult && d.followedUpAt ? { on: d.followUpOn, result: d.followUpResult, note: d.followUpNote, at: d.followedUpAt } : null,
    reopenCount: d.reopenCount,
    parties: parties.map((p) => ({ id: p.id, seq: p.seq, side: p.side, nameMasked: p.nameMask, phoneMasked: p.phoneMask, idNumberMasked: p.idNumberMask })),
    registeredAt: d.registeredAt, registeredBy: d.registeredByName, version: d.version,
    abilities: { edit: write && open, reveal: can(ctx.actor, 'resident.reveal', d.scopePath), events: write ? availableEvents(stateOf(d, mediatorCount)) : [] },
  };
}

/** A dispute the caller may read; not found otherwise. */
export async function readableDispute(db: Db, ctx: Ctx, id: string): Promise<repo.DisputeRow> {
  const d = await repo.findDispute(db, id, requireScopes(ctx.actor, 'dispute.read'));
  if (!d) throw new DomainError('NOT_FOUND');
  return d;
}

/** One dispute with its masked parties, mediators, sessions and timeline. */
export async function getDispute(db: Db, ctx: Ctx, id: string): Promise<DisputeDetail> {
  return detail(db, ctx, await readableDispute(db, ctx, id));
}

async function detail(db: Db, ctx: Ctx, d: repo.DisputeRow): Promise<DisputeDetail> {
  const [parties, mediators, events] = await Promise.all([repo.partiesOf(db, [d.id]), repo.assignmentsOf(db, [d.id]), repo.eventsOf(db, d.id)]);
  return {
    ...view(ctx, d, parties, mediators.length),
    mediators: mediators.map((m) => ({ id: m.mediatorId, name: m.name, kind: m.kind, elderKind: m.elderKind, phoneMasked: m.phoneMask, assignedAt: m.assignedAt })),
    sessions: events.filter((e) => e.event === 'session').map((e) => ({
      seq: e.seq, heldOn: String(e.data.heldOn), place: String(e.data.place), mediators: (e.data.mediators ?? []) as { id: string; name: string }[],
      notes: String(e.data.notes), recordedAt: e.at, recordedBy: e.actorName,
    })),
    timeline: events.map((e) => ({
      seq: e.seq, event: e.event as DisputeEvent, fromStatus: e.fromStatus as DisputeDetail['status'] | null, toStatus: e.toStatus as DisputeDetail['status'],
      actorName: e.actorName, at: e.at, data: e.data,
    })),
  };
}

/** Filters of the dispute list as the API takes them (dates YYYY-MM-DD in China time, both ends included). */
export interface DisputeQuery {
  regionId?: string;
  compoundId?: string;
  gridId?: string;
  type?: string;
  status?: string;
  from?: string;
  to?: string;
  q?: string;
  sourceIncidentId?: string;
}

/** The instants [fromAt, toAt) of a period given as China-time dates, both ends included. */
export function periodInstants(from: string | undefined, to: string | undefined): { fromAt?: string; toAt?: string } {
  return {
    fromAt: from ? new Date(`${from}T00:00:00+08:00`).toISOString() : undefined,
    toAt: to ? new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString() : undefined,
  };
}

/** One page of disputes in the caller's scope, latest first. */
export async function listDisputes(db: Db, ctx: Ctx, q: DisputeQuery, limit: number, offset: number): Promise<{ items: DisputeView[]; total: number }> {
  const prefixes = requireScopes(ctx.actor, 'dispute.read');
  const problems: FieldProblem[] = [];
  for (const k of ['from', 'to'] as const) if (q[k] && !isIsoDate(q[k]!)) problems.push(fieldProblem(k, 'NOT_A_DATE'));
  if (problems.length) throw invalid(problems);
  let underPath: string | undefined;
  if (q.regionId) {
    const r = await findRegionRef(db, q.regionId);
    if (!r) return { items: [], total: 0 };
    underPath = r.scopePath;
  }
  const page = await repo.listDisputes(db, {
    prefixes, underPath, compoundId: q.compoundId, gridId: q.gridId, type: q.type, status: q.status, q: q.q, sourceIncidentId: q.sourceIncidentId,
    ...periodInstants(q.from, q.to),
  }, limit, offset);
  const ids = page.rows.map((d) => d.id);
  const [parties, mediators] = await Promise.all([repo.partiesOf(db, ids), repo.assignmentsOf(db, ids)]);
  return {
    items: page.rows.map((d) => view(ctx, d, parties.filter((p) => p.disputeId === d.id), mediators.filter((m) => m.disputeId === d.id).length)),
    total: page.total,
  };
}

function sealParties(ctx: Ctx, values: PartyValue[]): repo.SealedParty[] {
  return values.map((p) => ({
    side: p.side, name: { enc: ctx.keys.encrypt(p.name), mask: maskName(p.name) },
    phone: p.phone ? sealPhone(ctx.keys, p.phone) : null, idNumber: p.idNumber ? sealIdNumber(ctx.keys, p.idNumber) : null,
  }));
}

/** Input of a dispute registration. */
export interface NewDispute {
  id?: string;
  compoundId: string;
  gridId?: string | null;
  sourceIncidentId?: string | null;
  type: string;
  summary: string;
  occurredOn?: string | null;
  parties: PartyInput[];
}

async function placeProblems(db: Db, ctx: Ctx, compound: CompoundRef, gridId: string | null | undefined, incidentId: string | null | undefined): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  if (gridId) {
    const community = await repo.gridCommunity(db, gridId);
    if (!community) out.push(fieldProblem('gridId', 'NOT_FOUND_REF', { value: gridId }));
    else if (community !== compound.communityId) out.push(disputeProblem('gridId', 'GRID_MISMATCH'));
  }
  if (incidentId) {
    const seen = await getIncident(db, ctx, incidentId).then(() => true, (e: unknown) => {
      if (e instanceof DomainError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) return false;
      throw e;
    });
    if (!seen) out.push(disputeProblem('sourceIncidentId', 'INCIDENT_UNKNOWN', { value: incidentId }));
  }
  return out;
}

async function resent(db: Db, ctx: Ctx, id: string): Promise<{ dispute: DisputeDetail; created: boolean } | null> {
  const existing = await repo.findDispute(db, id, null);
  if (!existing) return null;
  if (!inScope(existing.scopePath, requireScopes(ctx.actor, 'dispute.read'))) throw new DomainError('ID_CONFLICT');
  return { dispute: await detail(db, ctx, existing), created: false };
}

/**
 * Registers a dispute at a compound (dispute.write there) with its parties, whose name, phone and ID number are sealed and
 * only their masks shown; the grid defaults to the compound's. A retry with the same id returns the first result.
 */
export async function registerDispute(db: Db, ctx: Ctx, input: NewDispute): Promise<{ dispute: DisputeDetail; created: boolean }> {
  const id = input.id?.toLowerCase() ?? newId();
  const again = await resent(db, ctx, id);
  if (again) return again;
  const compound = await findCompoundRef(db, input.compoundId);
  if (!compound) throw invalid([fieldProblem('compoundId', 'NOT_FOUND_REF', { value: input.compoundId })]);
  requireAt(ctx.actor, 'dispute.write', compound.scopePath);
  const today = todayCst(ctx.clock);
  const parties = checkParties(input.parties, today);
  const problems = [
    ...checkDisputeFields(input, today, true), ...parties.problems, ...(input.parties.length ? [] : [fieldProblem('parties', 'REQUIRED')]),
    ...(await placeProblems(db, ctx, compound, input.gridId, input.sourceIncidentId)),
  ];
  if (problems.length) throw invalid(problems);
  const now = nowIso(ctx);
  const gridId = input.gridId ?? compound.gridId ?? null;
  try {
    return await inTx(db, async (tx) => {
      await repo.insertDispute(tx, {
        id, compoundId: compound.id, communityId: compound.communityId, gridId, sourceIncidentId: input.sourceIncidentId ?? null, scopePath: compound.scopePath,
        type: input.type, summary: input.summary.trim(), occurredOn: input.occurredOn ?? null, registeredAt: now, registeredBy: ctx.actor.userId,
        registeredByName: ctx.actor.displayName,
      });
      await repo.insertParties(tx, id, sealParties(ctx, parties.values), now);
      const data = { type: input.type, compoundId: compound.id, gridId, sourceIncidentId: input.sourceIncidentId ?? null, parties: parties.values.length };
      await repo.appendEvent(tx, id, { event: 'register', fromStatus: null, toStatus: 'registered', actorId: ctx.actor.userId, actorName: ctx.actor.displayName, at: now, data });
      await recordAudit(tx, ctx, { action: 'dispute.register', objectType: 'dispute', objectId: id, scopePath: compound.scopePath, detail: data });
      return { dispute: await detail(tx, ctx, (await repo.findDispute(tx, id, null))!), created: true };
    });
  } catch (e) {
    if (repo.isUniqueViolation(e)) {
      const r = await resent(db, ctx, id);
      if (r) return r;
    }
    throw e;
  }
}

/** A dispute the caller may change: readable, dispute.write at its place. */
async function writableDispute(db: Db, ctx: Ctx, id: string, version: number): Promise<repo.DisputeRow> {
  const d = await readableDispute(db, ctx, id);
  requireAt(ctx.actor, 'dispute.write', d.scopePath);
  if (d.version !== version) throw stale(d.version);
  return d;
}

/** Saves a change of a dispute (compare-and-set), appends its timeline entry and audits it, all in one transaction. */
async function commit(
  db: Db, ctx: Ctx, d: repo.DisputeRow, event: DisputeEvent, patch: repo.DisputePatch, data: Record<string, unknown>,
  extra: (tx: Db, now: string) => Promise<void> = async () => {}, bump: { session?: boolean; reopen?: boolean } = {},
): Promise<DisputeDetail> {
  return inTx(db, async (tx) => {
    const now = nowIso(ctx);
    if ((await repo.updateDispute(tx, d.id, d.version, patch, now, bump)) === 0) throw stale((await repo.findDispute(tx, d.id, null))?.version ?? d.version);
    await extra(tx, now);
    const to = patch.status ?? d.status;
    await repo.appendEvent(tx, d.id, { event, fromStatus: d.status, toStatus: to, actorId: ctx.actor.userId, actorName: ctx.actor.displayName, at: now, data });
    await recordAudit(tx, ctx, { action: `dispute.${event}`, objectType: 'dispute', objectId: d.id, scopePath: d.scopePath, detail: { from: d.status, to, ...auditFacts(data) } });
    return detail(tx, ctx, (await repo.findDispute(tx, d.id, null))!);
  });
}

/** The audit keeps what changed, not free text that may name people. */
function auditFacts(data: Record<string, unknown>): Record<string, unknown> {
  const { notes: _n, agreementText: _a, reason: _r, note: _o, summary: _s, ...rest } = data;
  return { ...rest, fields: Object.keys(data) };
}

/** Fields a change of a dispute may carry. */
export interface DisputeChanges {
  version: number;
  type?: string;
  summary?: string;
  occurredOn?: string | null;
  gridId?: string | null;
}

/** Changes the type, summary, date or grid of an open dispute (registered or mediating). */
export async function updateDispute(db: Db, ctx: Ctx, id: string, input: DisputeChanges): Promise<DisputeDetail> {
  const d = await writableDispute(db, ctx, id, input.version);
  const b = eventBlocker(stateOf(d, 0), 'update');
  if (b) throw new DomainError(b.code, b.params);
  const compound = (await findCompoundRef(db, d.compoundId))!;
  const problems = [...checkDisputeFields(input, todayCst(ctx.clock), false), ...(await placeProblems(db, ctx, compound, input.gridId, null))];
  if (problems.length) throw invalid(problems);
  const patch: repo.DisputePatch = {};
  if (input.type !== undefined) patch.type = input.type;
  if (input.summary !== undefined) patch.summary = input.summary.trim();
  if (input.occurredOn !== undefined) patch.occurred_on = input.occurredOn;
  if (input.gridId !== undefined) patch.grid_id = input.gridId;
  const { version: _v, ...data } = input;
  return commit(db, ctx, d, 'update', patch, data);
}

/** Adds parties to an open dispute (sealed like the first ones). */
export async function addParties(db: Db, ctx: Ctx, id: string, input: { version: number; parties: PartyInput[] }): Promise<DisputeDetail> {
  const d = await writableDispute(db, ctx, id, input.version);
  const b = eventBlocker(stateOf(d, 0), 'add_parties');
  if (b) throw new DomainError(b.code, b.params);
  const checked = checkParties(input.parties, todayCst(ctx.clock));
  if (checked.problems.length) throw invalid(checked.problems);
  const sealed = sealParties(ctx, checked.values);
  return commit(db, ctx, d, 'add_parties', {}, { count: sealed.length }, (tx, now) => repo.insertParties(tx, d.id, sealed, now));
}

/** Checks the mediators an assign, unassign or session names against the dispute and the pools that serve its place. */
async function mediatorProblems(db: Db, d: repo.DisputeRow, event: ActionEvent, ids: string[], assigned: Set<string>): Promise<{ problems: FieldProblem[]; names: { id: string; name: string }[] }> {
  const found = new Map((await mediatorsByIds(db, ids)).map((m) => [m.id, m]));
  const problems: FieldProblem[] = [];
  ids.forEach((mid, i) => {
    const f = `input.mediatorIds.${i}`;
    const m = found.get(mid);
    if (event === 'assign') {
      if (!m || !d.scopePath.startsWith(m.scopePath)) problems.push(disputeProblem(f, 'MEDIATOR_UNKNOWN', { value: mid }));
      else if (!m.active) problems.push(disputeProblem(f, 'MEDIATOR_INACTIVE', { value: m.name }));
      else if (assigned.has(mid)) problems.push(disputeProblem(f, 'MEDIATOR_ALREADY_ASSIGNED', { value: m.name }));
    } else if (!assigned.has(mid)) problems.push(disputeProblem(f, 'MEDIATOR_NOT_ASSIGNED', { value: m?.name ?? mid }));
  });
  if (new Set(ids).size !== ids.length) problems.push(fieldProblem('input.mediatorIds', 'DUPLICATE_VALUE', { value: ids.join(', ') }));
  return { problems, names: ids.map((mid) => ({ id: mid, name: found.get(mid)?.name ?? mid })) };
}

/**
 * Moves a dispute on: assign or unassign mediators, record a mediation session, record the outcome (agreement, referral,
 * withdrawal), the return visit, or reopen after a relapse. dispute.write at the dispute's place, compare-and-set on
 * version; the entry goes to the append-only timeline and the audit log in the same transaction.
 */
export async function fireDisputeEvent(db: Db, ctx: Ctx, id: string, body: { event: ActionEvent; version: number; input?: EventInput }): Promise<DisputeDetail> {
  const d = await writableDispute(db, ctx, id, body.version);
  const input = body.input ?? {};
  const assigned = await repo.assignmentsOf(db, [d.id]);
  const state = stateOf(d, assigned.length);
  const b = eventBlocker(state, body.event);
  if (b) throw new DomainError(b.code, b.params);
  const problems = checkEventInput(body.event, input, todayCst(ctx.clock));
  const ids = input.mediatorIds ?? [];
  const m = ['assign', 'unassign', 'session'].includes(body.event) && ids.length
    ? await mediatorProblems(db, d, body.event, ids, new Set(assigned.map((a) => a.mediatorId)))
    : { problems: [], names: [] };
  problems.push(...m.problems);
  if (problems.length) throw invalid(problems);
  const now = nowIso(ctx);
  const patch: repo.DisputePatch = { ...outcomePatch(body.event, input, now), status: statusAfter(state, body.event) };
  const data: Record<string, unknown> = (() => {
    switch (body.event) {
      case 'assign': case 'unassign': return { mediators: m.names };
      case 'session': return { heldOn: input.heldOn, place: input.place!.trim(), mediators: m.names, notes: input.notes!.trim() };
      case 'agree': return { agreementText: input.agreementText!.trim() };
      case 'refer': return { referredTo: input.referredTo, note: input.note!.trim() };
      case 'withdraw': case 'reopen': return { reason: input.reason!.trim() };
      case 'follow_up': return { on: input.on, result: input.result, note: input.note?.trim() || null };
    }
  })();
  const extra = async (tx: Db, at: string) => {
    if (body.event === 'assign') await repo.addAssignments(tx, d.id, ids, at, ctx.actor.userId);
    if (body.event === 'unassign') await repo.removeAssignments(tx, d.id, ids);
    if (body.event === 'refer' && input.referredTo === 'higher_level') {
      // Referred up: the next level's joint meeting takes it as a hard case; the timeline says which one, or that there is none.
      const to = await referDispute(tx, ctx, { id: d.id, scopePath: d.scopePath, compoundId: d.compoundId, title: `${DISPUTE_TYPE_NAMES[d.type].zh}：${d.summary}`, reason: input.note!.trim() });
      data.jointMeeting = to ? { bodyId: to.bodyId, bodyName: to.bodyName, level: to.level } : null;
    }
  };
  return commit(db, ctx, d, body.event, patch, data, extra, { session: body.event === 'session', reopen: body.event === 'reopen' });
}

/**
 * Reveals plain values of a dispute's parties (all, or the ones named): needs resident.reveal at the dispute's place and a
 * reason of at least 4 characters. Both outcomes are audited with the reason, the party ids and the field names, never the values.
 */
export async function revealParties(db: Db, ctx: Ctx, id: string, input: { fields: PartyRevealField[]; partyIds?: string[]; reason?: string }) {
  const d = await readableDispute(db, ctx, id);
  const fields = [...new Set(input.fields)];
  const reason = (input.reason ?? '').trim();
  const all = await repo.partiesOf(db, [d.id]);
  const chosen = input.partyIds?.length ? all.filter((p) => input.partyIds!.includes(p.id)) : all;
  const audit = { action: 'dispute.reveal', objectType: 'dispute', objectId: id, scopePath: d.scopePath, reason: reason || null };
  const unknown = (input.partyIds ?? []).filter((pid) => !all.some((p) => p.id === pid));
  const refusal = !can(ctx.actor, 'resident.reveal', d.scopePath)
    ? new DomainError('FORBIDDEN', { permission: 'resident.reveal' })
    : [...reason].length < 4 ? new DomainError('REASON_REQUIRED')
      : unknown.length ? invalid(unknown.map((pid) => fieldProblem('partyIds', 'NOT_FOUND_REF', { value: pid }))) : null;
  if (refusal) {
    await inTx(db, (tx) => recordAudit(tx, ctx, { ...audit, result: 'failure', detail: { fields, refused: refusal.code } }));
    throw refusal;
  }
  return inTx(db, async (tx) => {
    const parties = chosen.map((p) => ({
      id: p.id, seq: p.seq,
      ...(fields.includes('name') ? { name: ctx.keys.decrypt(p.nameEnc) } : {}),
      ...(fields.includes('phone') ? { phone: p.phoneEnc ? ctx.keys.decrypt(p.phoneEnc) : null } : {}),
      ...(fields.includes('idNumber') ? { idNumber: p.idNumberEnc ? ctx.keys.decrypt(p.idNumberEnc) : null } : {}),
    }));
    await recordAudit(tx, ctx, { ...audit, detail: { fields, partyIds: chosen.map((p) => p.id) } });
    return { parties };
  });
}
