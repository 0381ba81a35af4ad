import { invalid, type FieldProblem } from '../../../shared/errors.ts';
import { fieldProblem } from '../../../shared/field-problems.ts';
import { incidentProblem, type HandlerRef } from '../../../shared/incidents.ts';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../lib/context.ts';
import { can } from '../accounts/index.ts';
import { dueAfter, type WorkCalendar } from '../methods/index.ts';
import { getOrg } from '../orgs/index.ts';
import { findRegionRef, getGrid } from '../registry/index.ts';
import { matchRoute, minorOf } from './category.ts';
import { categorySet } from './category.service.ts';
import { systemCtx } from './incident.context.ts';
import { cstDateOf, endOfCstDate, orgParty, pathParty, userParty, type PartyRole } from './incident.ts';
import * as repo from './incident.repository.ts';

/** What an event needs besides the move: the engine input with resolved values, extra columns, and parties to replace. */
export interface PreparedEvent {
  input: Record<string, unknown>;
  patch: Partial<repo.IncidentRecord>;
  parties: Partial<Record<PartyRole, string[]>>;
}

/** A handler plus the party id its people act through. */
export type ResolvedHandler = HandlerRef & { party: string };

/** Who an incident goes to: the organisation chosen, else the routing rule of its category version, else its community. */
export async function resolveHandler(db: Db, ctx: Ctx, inc: repo.IncidentRecord, chosenOrgId?: string | null): Promise<ResolvedHandler | null> {
  const sys = systemCtx(ctx);
  if (chosenOrgId) {
    const org = await getOrg(db, sys, chosenOrgId).catch(() => null);
    return org ? { kind: 'org', id: org.id, name: org.name, via: 'chosen', party: orgParty(org.id) } : null;
  }
  const rule = matchRoute((await categorySet(db, inc.categorySetId)).rules, inc.categoryCode, inc.scopePath);
  const org = rule ? await getOrg(db, sys, rule.orgId).catch(() => null) : null;
  if (org) return { kind: 'org', id: org.id, name: org.name, via: 'rule', party: orgParty(org.id) };
  const community = await findRegionRef(db, inc.communityId);
  return community ? { kind: 'community', id: community.id, name: community.name, via: 'community', party: pathParty(community.scopePath) } : null;
}

/** The grid's workers who have accounts and are on duty: who verifies by default. */
async function gridVerifiers(db: Db, ctx: Ctx, gridId: string | null): Promise<string[]> {
  if (!gridId) return [];
  const grid = await getGrid(db, systemCtx(ctx), gridId).catch(() => null);
  return (grid?.workers ?? []).filter((w) => w.userId && w.onDuty).map((w) => w.userId!);
}

const ids = (s: unknown) => (typeof s === 'string' ? s.split(/[\s,，、;；]+/).filter(Boolean) : []);

/**
 * Checks and completes the data of one event before it is recorded: a merge names a real, live incident; registration
 * sets the 小类 (correctable), its deadline on the working calendar and the verifiers (named grid workers; by default the
 * patrol reporter, else the grid's workers on duty, else the registrar); dispatch resolves the handler; extensions and
 * resumptions set the new deadline from the date.
 */
export async function prepareEvent(db: Db, ctx: Ctx, inc: repo.IncidentRecord, event: string, input: Record<string, unknown>, now: Date, cal: WorkCalendar): Promise<PreparedEvent> {
  const out: PreparedEvent = { input: { ...input }, patch: {}, parties: {} };
  const problems: FieldProblem[] = [];
  const today = cstDateOf(now);
  switch (event) {
    case 'merge': {
      const target = await repo.findIncident(db, String(input.duplicate_of));
      if (!target || target.id === inc.id || target.outcome === 'invalid' || target.outcome === 'cancelled' || !can(ctx.actor, 'incident.read', target.scopePath)) {
        problems.push(incidentProblem('input.duplicate_of', 'DUPLICATE_TARGET', { value: String(input.duplicate_of) }));
      } else out.patch.duplicateOf = target.id;
      break;
    }
    case 'register': {
      const code = typeof input.category_code === 'string' && input.category_code ? input.category_code : inc.categoryCode;
      const minor = minorOf((await categorySet(db, inc.categorySetId)).categories, code);
      if (!minor) { problems.push(incidentProblem('input.category_code', 'CATEGORY_UNKNOWN', { value: code })); break; }
      const deadline = dueAfter(now, minor.deadline, cal).toISOString();
      Object.assign(out.patch, { categoryCode: minor.code, majorCode: minor.majorCode, urgency: minor.urgency, deadlineAt: deadline, originalDeadlineAt: deadline });
      out.input.category_code = minor.code;
      const grid = await gridVerifiers(db, ctx, inc.gridId);
      let verifiers = ids(input.verifier_ids);
      for (const v of verifiers) if (!grid.includes(v) && v !== ctx.actor.userId) problems.push(incidentProblem('input.verifier_ids', 'VERIFIER_NOT_GRID_WORKER', { value: v }));
      if (!verifiers.length) {
        if (inc.sourceChannel === 'patrol' && inc.reporterUserId) verifiers = [inc.reporterUserId];
        else if (grid.length) verifiers = grid;
        else if (ctx.actor.userId) verifiers = [ctx.actor.userId];
      }
      out.input.verifier_ids = verifiers.join(',');
      out.parties.verifier = verifiers.map(userParty);
      break;
    }
    case 'dispatch': {
      const chosen = typeof input.handler_org_id === 'string' && input.handler_org_id ? input.handler_org_id : null;
      const h = await resolveHandler(db, ctx, inc, chosen);
      if (!h) { problems.push(incidentProblem('input.handler_org_id', 'HANDLER_ORG_UNKNOWN', { value: chosen ?? inc.communityId })); break; }
      Object.assign(out.patch, { handlerKind: h.kind, handlerId: h.id, handlerName: h.name });
      if (h.kind === 'org') out.input.handler_org_id = h.id;
      else delete out.input.handler_org_id;
      out.input.handler_name = h.name;
      out.parties.assignee = [h.party];
      break;
    }
    case 'request_extension':
      if (String(input.until) < today) problems.push(fieldProblem('input.until', 'OUT_OF_RANGE', { min: today, max: '…' }));
      break;
    case 'approve_extension':
      if (inc.pendingUntil) out.patch.deadlineAt = endOfCstDate(inc.pendingUntil);
      break;
    case 'resume':
      if (typeof input.until === 'string') {
        if (input.until < today) problems.push(fieldProblem('input.until', 'OUT_OF_RANGE', { min: today, max: '…' }));
        else out.patch.deadlineAt = endOfCstDate(input.until);
      }
      break;
  }
  if (problems.length) throw invalid(problems);
  return out;
}
