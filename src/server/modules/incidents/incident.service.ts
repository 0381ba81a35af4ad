import crypto from 'node:crypto';
import { DomainError, invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { CLOSED_LOOP_KEY, CONFIRMING_CHANNELS, incidentProblem, type IncidentDetail, type SourceChannel } from '../../../shared/incidents.ts';
import { maskName } from '../../../shared/mask.ts';
import { normalizeMobile } from '../../../shared/validators/phone.ts';
import { inTx, type Db } from '../../db/database.ts';
import type { Ctx } from '../../lib/context.ts';
import { sealPhone } from '../../lib/pii.ts';
import { requireAt } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { calendarAt, fire, fireEvent, startWithEvent } from '../methods/index.ts';
import { findCompoundRef, findGridRef, findRegionRef } from '../registry/index.ts';
import { minorOf } from './category.ts';
import { currentCategorySet } from './category.service.ts';
import { prepareEvent } from './incident.events.ts';
import { actorParties, engineCtx, loadVisible, secretHash, standingOn, templateBody } from './incident.context.ts';
import { detailOf, getIncident } from './incident-query.service.ts';
import { boundingBox, caseDay, caseNumber, cstDateOf, DUPLICATE_CANDIDATES_MAX, DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_HOURS, guard, patchAfter, pickDuplicates, TOKEN_PARTY, userParty } from './incident.ts';
import * as repo from './incident.repository.ts';
import { newId } from '../../../shared/ids.ts';

/** What a report carries. */
export interface NewIncident {
  id?: string;
  categoryCode: string;
  description: string;
  compoundId?: string | null;
  communityId?: string | null;
  gridId?: string | null;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  photos?: string[];
  sourceChannel: SourceChannel;
  externalOrderNo?: string | null;
  /** A resident's name and phone (hotline, desk): stored encrypted, shown masked. */
  reporterName?: string | null;
  reporterPhone?: string | null;
  /** Solved on the spot by the grid worker who found it (自行处置): what was done, with photos. */
  selfHandled?: { result: string; photos: string[] } | null;
}

/** Options of public channels (resident form, Open311): nobody is signed in; the reporter proves themselves with a secret. */
export interface PublicReport {
  /** The reporter's own secret (a client may generate it, so a resend needs nothing from the first answer); generated when absent. */
  reporterSecret?: string;
}

/** Where an incident lies: its compound, grid and community, and its scope path (the compound's, else the community's). */
async function placeOf(db: Db, ctx: Ctx, input: NewIncident): Promise<{ communityId: string; compoundId: string | null; gridId: string | null; scopePath: string; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const compound = input.compoundId ? await findCompoundRef(db, input.compoundId) : null;
  if (input.compoundId && !compound) problems.push(incidentProblem('compoundId', 'PLACE_UNKNOWN', { value: input.compoundId }));
  const gridId = input.gridId ?? compound?.gridId ?? null;
  const grid = gridId ? await findGridRef(db, gridId) : null;
  if (gridId && !grid) problems.push(incidentProblem('gridId', 'PLACE_UNKNOWN', { value: gridId }));
  const communityId = compound?.communityId ?? grid?.communityId ?? input.communityId ?? null;
  if (grid && communityId !== grid.communityId) problems.push(incidentProblem('gridId', 'PLACE_MISMATCH'));
  const community = communityId ? await findRegionRef(db, communityId) : null;
  const communityOk = !!community && community.level === 'community';
  if (!communityOk && !problems.length) problems.push(communityId ? incidentProblem('communityId', 'PLACE_UNKNOWN', { value: communityId }) : fieldProblem('communityId', 'REQUIRED'));
  return { communityId: communityOk ? communityId! : '', compoundId: compound?.id ?? null, gridId: grid ? gridId : null, scopePath: communityOk ? compound?.scopePath ?? community.scopePath : '', problems };
}

/** The incident a resend names; an id the caller cannot see belongs to something else. */
async function resent(db: Db, ctx: Ctx, id: string, secret?: string): Promise<IncidentDetail> {
  try {
    return await getIncident(db, ctx, id, secret);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') throw new DomainError('ID_CONFLICT');
    throw e;
  }
}

/**
 * Reports an incident (grid worker on patrol, resident, hotline, staff): checks the 小类 against the current category
 * version and the place, flags possible duplicates (same 小类, same compound or within 50 m, within 24 h), and starts its
 * closed-loop instance with the first timeline entries, all in one transaction. A grid worker may report it solved on
 * the spot. Retry-safe by client id: a resend returns the first incident with created=false.
 */
export async function reportIncident(db: Db, ctx: Ctx, input: NewIncident, pub?: PublicReport): Promise<{ incident: IncidentDetail; created: boolean; reporterSecret?: string }> {
  const id = input.id?.toLowerCase() ?? newId();
  try {
    // Checks and writes in one transaction: on SQLite the request then holds the connection once instead of queueing for it per query.
    return await inTx(db, (tx) => report(tx, ctx, id, input, pub));
  } catch (e) {
    // Two sends of the same report at once: the second loses the race on the primary key and answers like a resend.
    if (repo.isUniqueViolation(e) && (await repo.findIncident(db, id))) return { incident: await resent(db, ctx, id, pub?.reporterSecret), created: false };
    throw e;
  }
}

async function report(db: Db, ctx: Ctx, id: string, input: NewIncident, pub?: PublicReport): Promise<{ incident: IncidentDetail; created: boolean; reporterSecret?: string }> {
  if (await repo.findIncident(db, id)) return { incident: await resent(db, ctx, id, pub?.reporterSecret), created: false };
  const place = await placeOf(db, ctx, input);
  if (!pub && place.scopePath) requireAt(ctx.actor, 'incident.report', place.scopePath);
  const set = await currentCategorySet(db);
  const minor = minorOf(set.categories, input.categoryCode);
  const problems = [...place.problems];
  if (!minor) problems.push(incidentProblem('categoryCode', 'CATEGORY_UNKNOWN', { value: input.categoryCode }));
  if ((input.lat == null) !== (input.lng == null)) problems.push(incidentProblem('lat', 'LOCATION_PAIR'));
  const phone = input.reporterPhone ? normalizeMobile(input.reporterPhone) : null;
  if (input.reporterPhone && !phone) problems.push(fieldProblem('reporterPhone', 'PHONE_FORMAT'));
  const selfHandled = input.selfHandled ?? null;
  const g = selfHandled ? guard('self_handle', { stage: 'drafted', sourceChannel: input.sourceChannel, needsConfirmation: false, stageDueAt: null }, ctx.clock.now()) : null;
  if (g) throw new DomainError(g.code, g.params);
  if (problems.length || !minor) throw invalid(problems);

  const now = ctx.clock.now();
  const lat = input.lat ?? null;
  const lng = input.lng ?? null;
  const near = await repo.recentOfCategory(db, {
    categoryCode: minor.code, since: new Date(now.getTime() - DUPLICATE_WINDOW_HOURS * 3600_000).toISOString(), compoundId: place.compoundId,
    box: lat !== null && lng !== null ? boundingBox(lat, lng, DUPLICATE_RADIUS_M) : null, excludeId: id, limit: DUPLICATE_CANDIDATES_MAX,
  });
  const duplicates = pickDuplicates({ compoundId: place.compoundId, lat, lng }, near);
  const secret = pub ? pub.reporterSecret ?? crypto.randomBytes(18).toString('base64url') : undefined;
  const reporterParty = pub ? TOKEN_PARTY : userParty(ctx.actor.userId ?? 'system');
  const name = input.reporterName?.trim() || null;
  const sealed = phone ? sealPhone(ctx.keys, phone) : null;
  const eng = engineCtx(ctx, place.scopePath);
  return inTx(db, async (tx) => {
    const inst = await startWithEvent(tx, eng, { id, templateKey: CLOSED_LOOP_KEY, subjectType: 'incident', subjectId: id, scopePath: place.scopePath, relations: {} }, selfHandled
      // The photos taken before handling ride along as the event's attachments, so both before and after are on record.
      ? { event: 'self_handle', input: { result: selfHandled.result, photos: selfHandled.photos }, attachments: input.photos ?? [] }
      : { event: 'report', input: input.photos?.length ? { photos: input.photos } : {} });
    const at = inst.timeline[inst.timeline.length - 1].at;
    const patch = patchAfter(selfHandled ? 'self_handle' : 'report', at, null, inst.instance, {});
    const day = caseDay(now);
    const rec: repo.IncidentRecord = {
      id, caseNo: caseNumber(day, await repo.nextOfDay(tx, day)), categorySetId: set.id, categoryVersion: set.version, categoryCode: minor.code, majorCode: minor.majorCode, urgency: minor.urgency,
      description: input.description.trim(), address: input.address?.trim() || null, lat, lng, communityId: place.communityId, compoundId: place.compoundId,
      gridId: place.gridId, scopePath: place.scopePath, sourceChannel: input.sourceChannel, externalOrderNo: input.externalOrderNo?.trim() || null,
      reporterKind: pub ? 'anonymous' : 'user', reporterUserId: pub ? null : ctx.actor.userId, reporterDisplay: pub ? null : ctx.actor.displayName,
      reporterNameEnc: name ? ctx.keys.encrypt(name) : null, reporterNameMask: name ? maskName(name) : null,
      reporterPhoneEnc: sealed?.enc ?? null, reporterPhoneMask: sealed?.mask ?? null, reporterTokenHash: secret ? secretHash(secret) : null,
      needsConfirmation: !selfHandled && CONFIRMING_CHANNELS.includes(input.sourceChannel), instanceId: id, templateId: inst.instance.templateId,
      instanceVersion: inst.instance.version, stage: patch.stage, stageDueAt: patch.stageDueAt, outcome: patch.outcome ?? null, handlerKind: null, handlerId: null,
      handlerName: null, possibleDuplicate: duplicates.length > 0, duplicateCandidates: duplicates, duplicateOf: null, deadlineAt: null,
      originalDeadlineAt: null, pendingUntil: null, reworkCount: 0, returnCount: 0, extensionCount: 0, feedbackCount: 0, suspendedAt: null,
      satisfaction: null, reportedAt: at, acceptedAt: null, registeredAt: null, firstDispatchedAt: null, dispatchedAt: null, signedAt: null,
      feedbackAt: null, verifiedAt: null, confirmedAt: null, closedAt: patch.closedAt ?? null, endedAt: patch.endedAt ?? null, version: 1,
      createdAt: at, updatedAt: at, createdBy: ctx.actor.userId,
    };
    await repo.insertIncident(tx, rec);
    await repo.insertParties(tx, id, 'reporter', [reporterParty], rec.endedAt ? null : rec.stage);
    // The one audit row of a report: it names the incident, whose id is its instance's, with the first event.
    await recordAudit(tx, ctx, {
      action: 'incident.report', objectType: 'incident', objectId: id, scopePath: place.scopePath,
      detail: {
        categoryCode: minor.code, categoryVersion: set.version, channel: input.sourceChannel, selfHandled: !!selfHandled, duplicates: duplicates.length,
        templateKey: CLOSED_LOOP_KEY, templateVersion: inst.instance.templateVersion, stage: rec.stage,
      },
    });
    // The answer from what was just written: reading the incident, its parties and timeline back would only repeat it.
    const parties = [{ role: 'reporter', partyId: reporterParty }];
    const standing = standingOn(ctx, rec, parties, await actorParties(tx, ctx.actor), secret);
    return { incident: await detailOf(tx, ctx, rec, parties, standing, inst.timeline), created: true, ...(secret ? { reporterSecret: secret } : {}) };
  });
}

/** What the caller sends to move an incident. */
export interface IncidentEventInput {
  event: string;
  input?: Record<string, unknown>;
  comment?: string | null;
  attachments?: string[];
  /** The incident's version as read; required from the console, optional for a reporter answering with their secret. */
  version?: number;
}

function stale(version: number): DomainError {
  return new DomainError('STALE', { currentVersion: version }, [], { currentVersion: version });
}

/**
 * Fires one closed-loop event on an incident: the pure engine decides on the pinned template with the caller's standing
 * (dispatcher, assignee, verifier, reporter; reporterSecret for an anonymous reporter), the loop's own rules apply
 * (confirmation period, who may close), the event's data is checked (category, route, verifiers, dates), then the
 * methods engine records the move and this incident's raw timestamps, deadline and parties follow in the same
 * transaction, compare-and-set on the incident's version (409 STALE). Later modules (escalation, Open311) call this.
 */
export async function fireIncidentEvent(db: Db, ctx: Ctx, id: string, body: IncidentEventInput, opts: { reporterSecret?: string } = {}): Promise<IncidentDetail> {
  const { inc, standing } = await loadVisible(db, ctx, id, opts.reporterSecret);
  if (body.version !== undefined && body.version !== inc.version) throw stale(inc.version);
  if (!inc.instanceId || !inc.templateId) throw new DomainError('INSTANCE_CLOSED', { stage: inc.stage });
  const template = await templateBody(db, ctx, inc.templateId);
  const now = ctx.clock.now();
  const cal = await calendarAt(db, inc.scopePath, cstDateOf(now));
  const input = { ...(body.input ?? {}) };
  const decided = fire(template, { stage: inc.stage, dueAt: inc.stageDueAt, counters: {} }, body.event, standing.actor, input, now, cal);
  if (!decided.ok) throw new DomainError(decided.code, decided.params, decided.fields);
  const g = guard(body.event, inc, now);
  if (g) throw new DomainError(g.code, g.params);
  const prep = await prepareEvent(db, ctx, inc, body.event, decided.event.input, now, cal);
  const eng = engineCtx(ctx, inc.scopePath);
  return inTx(db, async (tx) => {
    const inst = await fireEvent(tx, eng, inc.instanceId!, {
      event: body.event, input: prep.input, comment: body.comment ?? null, attachments: body.attachments, version: inc.instanceVersion,
    }).catch(async (e: unknown) => {
      // Someone moved it since it was read: answer with the incident's version, the one the client holds.
      if (e instanceof DomainError && e.code === 'STALE') throw stale((await repo.findIncident(tx, id))?.version ?? inc.version);
      throw e;
    });
    const last = inst.timeline[inst.timeline.length - 1];
    const patch = { ...patchAfter(body.event, last.at, inc.firstDispatchedAt, inst, last.input), ...prep.patch, instanceVersion: inst.version };
    if ((await repo.updateIncident(tx, id, inc.version, patch, last.at)) === 0) throw stale((await repo.findIncident(tx, id))?.version ?? 0);
    for (const [role, parties] of Object.entries(prep.parties)) await repo.setParties(tx, id, role, parties, patch.endedAt ? null : patch.stage);
    await recordAudit(tx, ctx, {
      action: `incident.${body.event}`, objectType: 'incident', objectId: id, scopePath: inc.scopePath,
      detail: { from: inc.stage, to: inst.stage, inputs: Object.keys(last.input), deadlineAt: patch.deadlineAt ?? inc.deadlineAt, handler: patch.handlerId ?? undefined },
    });
    return getIncident(tx, ctx, id, opts.reporterSecret);
  });
}
