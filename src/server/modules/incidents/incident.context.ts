import crypto from 'node:crypto';
import { DomainError } from '../../../shared/errors.ts';
import type { IncidentAction, IncidentView, Outcome, SourceChannel, Urgency } from '../../../shared/incidents.ts';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../lib/context.ts';
import { can, SYSTEM_ACTOR, type Actor } from '../accounts/index.ts';
import { availableEvents, methodActor, pinnedTemplate, type MethodActor } from '../methods/index.ts';
import { categorySet } from './category.service.ts';
import { guard, heldRoles, orgParty, pathParty, TOKEN_PARTY, userParty } from './incident.ts';
import * as repo from './incident.repository.ts';

/** The caller of a public reporter route: nobody signed in. */
export function anonymousActor(ip: string | null): Actor {
  return { kind: 'user', userId: null, username: 'anonymous', displayName: '反映人', grants: [], ip, sessionId: null };
}

/** The same call as the system (reads across modules that check their own permissions; never for writes on the caller's behalf). */
export function systemCtx(ctx: Ctx): Ctx {
  return { ...ctx, actor: SYSTEM_ACTOR };
}

/**
 * The caller as the methods engine sees them once this module has decided they may fire the event: their own identity
 * (the timeline and audit name them) with authority over this one incident's place only. The closed-loop template names
 * only relation roles this module works out, so the generic method endpoints never move an incident by themselves.
 */
export function engineCtx(ctx: Ctx, scopePath: string): Ctx {
  return { ...ctx, actor: { ...ctx.actor, grants: [...ctx.actor.grants, { roleKey: 'incident_engine', adminClass: null, scopePath, permissions: ['*'] }] } };
}

/** A hash of a reporter's secret as stored. */
export function secretHash(secret: string): string {
  return crypto.createHash('sha256').update('incident-reporter:' + secret).digest('hex');
}

/** Everything the caller stands for as a party: their user, the organisations they handle for, the places where they may handle. */
export async function actorParties(db: Db, actor: Actor): Promise<string[]> {
  if (!actor.userId) return [];
  const out = [userParty(actor.userId), ...(await repo.orgsOfUser(db, actor.userId)).map(orgParty)];
  for (const g of actor.grants) if (g.permissions.includes('incident.handle') || g.permissions.includes('*')) out.push(pathParty(g.scopePath));
  return [...new Set(out)];
}

/** A template version's body (kept by the methods module once read: versions are never edited). */
export async function templateBody(db: Db, _ctx: Ctx, templateId: string): Promise<MethodTemplateBody> {
  const t = await pinnedTemplate(db, templateId);
  if (!t) throw new DomainError('NOT_FOUND');
  return t.body;
}

/** How the caller stands towards one incident: what they see, and the engine actor for firing events. */
export interface Standing {
  visible: boolean;
  actor: MethodActor;
}

/** Works out the caller's standing on an incident from their grants, their parties and (for an anonymous reporter) the secret. */
export function standingOn(ctx: Ctx, inc: repo.IncidentRecord, parties: readonly { role: string; partyId: string }[], mine: readonly string[], secret?: string): Standing {
  const ids = new Set(mine);
  if (secret && inc.reporterTokenHash && secretHash(secret) === inc.reporterTokenHash) ids.add(TOKEN_PARTY);
  const relations = heldRoles(parties, ids, can(ctx.actor, 'incident.dispatch', inc.scopePath));
  const roleKeys = methodActor(ctx.actor, inc.scopePath, {}).roleKeys;
  const party = relations.some((r) => r !== 'dispatcher');
  return { visible: party || can(ctx.actor, 'incident.read', inc.scopePath), actor: { userId: ctx.actor.userId, roleKeys, relations } };
}

/** The events the caller may fire now: the template's, minus those the loop's own rules refuse at this moment. */
export function actionsFor(t: MethodTemplateBody, inc: repo.IncidentRecord, actor: MethodActor, now: Date): IncidentAction[] {
  if (inc.endedAt) return [];
  return availableEvents(t, inc, actor).filter((e) => !guard(e.event, inc, now));
}

/** An incident as the API shows it (personal data masked). */
export async function toView(db: Db, ctx: Ctx, inc: repo.IncidentRecord, events: IncidentAction[]): Promise<IncidentView> {
  const set = await categorySet(db, inc.categorySetId);
  const cat = set.categories.find((c) => c.code === inc.categoryCode);
  const t = inc.templateId ? await templateBody(db, ctx, inc.templateId) : null;
  const stage = t?.stages.find((s) => s.key === inc.stage);
  const now = ctx.clock.now().toISOString();
  return {
    id: inc.id, caseNo: inc.caseNo, categoryVersion: inc.categoryVersion, categoryCode: inc.categoryCode, categoryName: cat?.name ?? { zh: inc.categoryCode, en: inc.categoryCode },
    majorCode: inc.majorCode, urgency: inc.urgency as Urgency, description: inc.description, address: inc.address, lat: inc.lat, lng: inc.lng,
    communityId: inc.communityId, compoundId: inc.compoundId, gridId: inc.gridId, sourceChannel: inc.sourceChannel as SourceChannel, externalOrderNo: inc.externalOrderNo,
    reporter: { kind: inc.reporterKind, name: inc.reporterDisplay ?? inc.reporterNameMask, phone: inc.reporterPhoneMask },
    needsConfirmation: inc.needsConfirmation, stage: inc.stage, stageName: stage?.name ?? { zh: inc.stage, en: inc.stage }, stageDueAt: inc.stageDueAt,
    outcome: inc.outcome as Outcome | null,
    handler: inc.handlerKind && inc.handlerId ? { kind: inc.handlerKind, id: inc.handlerId, name: inc.handlerName ?? '' } : null,
    deadlineAt: inc.deadlineAt, overdue: !inc.endedAt && inc.stage !== 'suspended' && inc.deadlineAt !== null && inc.deadlineAt < now,
    possibleDuplicate: inc.possibleDuplicate, duplicateCandidates: inc.duplicateCandidates, duplicateOf: inc.duplicateOf,
    counts: { rework: inc.reworkCount, return: inc.returnCount, extension: inc.extensionCount, feedback: inc.feedbackCount },
    reportedAt: inc.reportedAt, registeredAt: inc.registeredAt, closedAt: inc.closedAt, version: inc.version, abilities: { events },
  };
}

/** Loads an incident the caller may see, with its parties and the caller's standing; NOT_FOUND otherwise. */
export async function loadVisible(db: Db, ctx: Ctx, id: string, secret?: string) {
  const inc = await repo.findIncident(db, id);
  if (!inc) throw new DomainError('NOT_FOUND');
  const parties = await repo.partiesOf(db, id);
  const mine = await actorParties(db, ctx.actor);
  const standing = standingOn(ctx, inc, parties, mine, secret);
  if (!standing.visible) throw new DomainError('NOT_FOUND');
  return { inc, parties, mine, standing };
}
