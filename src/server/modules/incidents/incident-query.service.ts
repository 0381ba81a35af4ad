import { DomainError } from '../../../shared/errors.ts';
import { CLOSED_LOOP_KEY, type IncidentDetail, type IncidentView } from '../../../shared/incidents.ts';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../lib/context.ts';
import { scopesFor } from '../accounts/index.ts';
import { eventsOf, startableTemplate, type EventRecord } from '../methods/index.ts';
import { findRegionRef } from '../registry/index.ts';
import { actionsFor, actorParties, loadVisible, standingOn, templateBody, toView, type Standing } from './incident.context.ts';
import { resolveHandler } from './incident.events.ts';
import { stagesOwnedBy } from './incident.ts';
import * as repo from './incident.repository.ts';

/** One incident with its timeline, the actions the caller may take, its verifiers and, for a dispatcher about to dispatch, the suggested handler. */
export async function getIncident(db: Db, ctx: Ctx, id: string, reporterSecret?: string): Promise<IncidentDetail> {
  const { inc, parties, standing } = await loadVisible(db, ctx, id, reporterSecret);
  // The timeline only: the instance's own view (its template, its abilities) is this module's business, already known.
  const timeline = inc.instanceId ? await eventsOf(db, inc.instanceId) : [];
  return detailOf(db, ctx, inc, parties, standing, timeline);
}

/** An incident's detail from what the caller already holds (a use case that has just written it need not read it back). */
export async function detailOf(
  db: Db, ctx: Ctx, inc: repo.IncidentRecord, parties: readonly { role: string; partyId: string }[], standing: Standing, timeline: readonly EventRecord[],
): Promise<IncidentDetail> {
  const t = inc.templateId ? await templateBody(db, ctx, inc.templateId) : null;
  const events = t ? actionsFor(t, inc, standing.actor, ctx.clock.now()) : [];
  const dispatching = standing.actor.relations.includes('dispatcher') && events.some((e) => e.event === 'dispatch');
  const suggested = dispatching ? await resolveHandler(db, ctx, inc) : null;
  return {
    ...(await toView(db, ctx, inc, events)),
    timeline: timeline.map((e) => ({
      seq: e.seq, event: e.event, fromStage: e.fromStage, toStage: e.toStage, actorName: e.actorName, at: e.at, input: e.input, comment: e.comment,
      attachments: e.attachments, oldDueAt: e.oldDueAt, newDueAt: e.newDueAt,
    })),
    suggestedHandler: suggested ? { kind: suggested.kind, id: suggested.id, name: suggested.name, via: suggested.via } : null,
    verifiers: parties.filter((p) => p.role === 'verifier').map((p) => p.partyId.replace(/^user:/, '')),
  };
}

async function views(db: Db, ctx: Ctx, rows: repo.IncidentRecord[], mine: string[]): Promise<IncidentView[]> {
  const parties = await repo.partiesOfMany(db, rows.map((r) => r.id));
  const now = ctx.clock.now();
  const out: IncidentView[] = [];
  for (const r of rows) {
    const standing = standingOn(ctx, r, parties.get(r.id) ?? [], mine);
    const t = r.templateId ? await templateBody(db, ctx, r.templateId) : null;
    out.push(await toView(db, ctx, r, t ? actionsFor(t, r, standing.actor, now) : []));
  }
  return out;
}

/** Filters of the incident list as the API takes them. */
export type IncidentQuery = Omit<repo.IncidentFilter, 'underPath' | 'overdueAt'> & { regionId?: string; overdue?: boolean };

/** Incidents the caller sees (their incident.read places, plus those they report, handle or verify), filtered. */
export async function listIncidents(db: Db, ctx: Ctx, q: IncidentQuery, limit: number, offset: number): Promise<{ items: IncidentView[]; total: number }> {
  const scopes = scopesFor(ctx.actor, 'incident.read');
  const mine = await actorParties(db, ctx.actor);
  if (!scopes.length && !mine.length) throw new DomainError('FORBIDDEN', { permission: 'incident.read' });
  const { regionId, overdue, ...f } = q;
  let underPath: string | undefined;
  if (regionId) {
    const r = await findRegionRef(db, regionId);
    if (!r) return { items: [], total: 0 };
    underPath = r.scopePath;
  }
  const page = await repo.listIncidents(db, { scopes, partyIds: mine }, { ...f, underPath, overdueAt: overdue ? ctx.clock.now().toISOString() : undefined }, limit, offset);
  return { total: page.total, items: await views(db, ctx, page.rows, mine) };
}

/** The current closed-loop template: which stages wait for whom. */
async function currentLoop(db: Db, ctx: Ctx): Promise<MethodTemplateBody> {
  const cur = await startableTemplate(db, CLOSED_LOOP_KEY, '/');
  if (!cur) throw new DomainError('TEMPLATE_NOT_AVAILABLE', { key: CLOSED_LOOP_KEY });
  return cur.body;
}

/**
 * The caller's task list, by the template's stage owners: cases dispatched to them or their organisation or community to
 * sign and handle, cases they verify (and those whose reporter let the confirmation period pass), cases waiting for their
 * confirmation as reporter, and, for dispatchers, the desk stages in their places; earliest step or case deadline first.
 */
export async function listTasks(db: Db, ctx: Ctx, limit: number, offset: number): Promise<{ items: IncidentView[]; total: number }> {
  const mine = await actorParties(db, ctx.actor);
  const dispatchScopes = scopesFor(ctx.actor, 'incident.dispatch');
  if (!mine.length && !dispatchScopes.length) throw new DomainError('FORBIDDEN', { permission: 'incident.read' });
  const t = await currentLoop(db, ctx);
  const page = await repo.listTasks(db, {
    partyIds: mine,
    roleStages: (['assignee', 'verifier', 'reporter'] as const).map((role) => ({ role, stages: stagesOwnedBy(t, role) })),
    dispatchScopes, dispatchStages: stagesOwnedBy(t, 'dispatcher'), now: ctx.clock.now().toISOString(),
  }, limit, offset);
  return { total: page.total, items: await views(db, ctx, page.rows, mine) };
}
