import { DomainError } from '../../../shared/errors.ts';
import type { FiveOnesItem } from '../../../shared/org-types.ts';
import type { Db } from '../../db/database.ts';
import { todayCst } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import { can, requireScopes, scopesFor } from '../accounts/actor.ts';
import { findRegionRef, listCompoundDocuments } from '../registry/index.ts';
import { assessFiveOnes, noFacts, type FiveOnes, type FiveOnesFacts } from './five-ones.ts';
import * as repo from './five-ones.repository.ts';

/** A compound's checklist with what the caller may do about it. */
export type FiveOnesView = FiveOnes & { abilities: { addOrg: boolean; addPairing: boolean } };

/**
 * The five-ones checklist of each compound the caller may read (compound.read), in a fixed number of queries
 * whatever the number of ids; ids out of scope or unknown are absent from the map.
 */
export async function fiveOnesFor(db: Db, ctx: Ctx, compoundIds: string[]): Promise<Map<string, FiveOnes>> {
  return new Map([...(await checklists(db, ctx, compoundIds))].map(([id, v]) => [id, v.fiveOnes]));
}

async function checklists(db: Db, ctx: Ctx, compoundIds: string[]): Promise<Map<string, { fiveOnes: FiveOnes; scopePath: string }>> {
  const out = new Map<string, { fiveOnes: FiveOnes; scopePath: string }>();
  const scopes = scopesFor(ctx.actor, 'compound.read');
  const ids = [...new Set(compoundIds)];
  if (ids.length === 0 || scopes.length === 0) return out;
  const today = todayCst(ctx.clock);
  const compounds = await repo.compoundsIn(db, ids, scopes);
  if (compounds.length === 0) return out;
  const cids = compounds.map((c) => c.id);
  const communityIds = [...new Set(compounds.map((c) => c.communityId))];
  const [party, docs, pairings, teams] = await Promise.all([
    repo.livePartyOrgs(db, cids, communityIds, today),
    listCompoundDocuments(db, cids, 'work_plan'),
    repo.livePairings(db, cids, ['responsible_leader', 'contact_unit', 'co_building'], today),
    repo.liveVolunteerTeams(db, cids, today),
  ]);
  const facts = new Map<string, FiveOnesFacts>(cids.map((id) => [id, noFacts()]));
  const byCommunity = new Map<string, string[]>();
  for (const o of party) {
    if (o.compound_id) facts.get(o.compound_id)?.partyOrgs.push(o.name);
    else if (o.region_id) byCommunity.set(o.region_id, [...(byCommunity.get(o.region_id) ?? []), o.name]);
  }
  for (const c of compounds) facts.get(c.id)!.partyOrgs.push(...(byCommunity.get(c.communityId) ?? []));
  for (const d of docs) {
    // Adopted (dated) and not expired, exactly as the list's SQL condition has it.
    if (d.kind === 'work_plan' && d.adoptedOn && d.adoptedOn <= today && (d.validTo === null || d.validTo >= today)) facts.get(d.compoundId)?.workPlans.push(d.title);
  }
  for (const p of pairings) {
    const f = facts.get(p.target_compound_id!);
    if (!f) continue;
    if (p.kind === 'responsible_leader') f.responsibleLeaders.push(p.partner_name);
    else f.contactUnits.push(p.partner_name);
  }
  for (const t of teams) facts.get(t.compound_id!)?.volunteerTeams.push(t.name);
  for (const c of compounds) out.set(c.id, { fiveOnes: assessFiveOnes({ id: c.id, name: c.name, communityName: c.communityName }, facts.get(c.id)!), scopePath: c.scopePath });
  return out;
}

function withAbilities(ctx: Ctx, f: FiveOnes, scopePath: string): FiveOnesView {
  const write = can(ctx.actor, 'org.write', scopePath);
  return { ...f, abilities: { addOrg: write, addPairing: write } };
}

/** One compound's checklist; a compound outside the caller's compound.read scope is not found. */
export async function compoundFiveOnes(db: Db, ctx: Ctx, compoundId: string): Promise<FiveOnesView> {
  requireScopes(ctx.actor, 'compound.read');
  const f = (await checklists(db, ctx, [compoundId])).get(compoundId);
  if (!f) throw new DomainError('NOT_FOUND');
  return withAbilities(ctx, f.fiveOnes, f.scopePath);
}

/** Query of the region-wide checklist list. */
export interface FiveOnesQuery {
  regionId?: string;
  q?: string;
  missing?: FiveOnesItem[];
  complete?: boolean;
}

async function filterOf(db: Db, f: FiveOnesQuery): Promise<repo.FiveOnesFilter | null> {
  let underPath: string | undefined;
  if (f.regionId) {
    const r = await findRegionRef(db, f.regionId);
    if (!r) return null;
    underPath = r.scopePath;
  }
  return { underPath, q: f.q?.trim() || undefined, missing: f.missing, complete: f.complete };
}

/** The region's checklist counts: compounds, complete ones, and how many meet each item. */
export async function fiveOnesSummary(db: Db, ctx: Ctx, f: { regionId?: string }) {
  const scopes = requireScopes(ctx.actor, 'compound.read');
  const filter = await filterOf(db, { regionId: f.regionId });
  if (!filter) return { total: 0, complete: 0, byItem: { partyOrg: 0, workPlan: 0, responsibleLeader: 0, contactUnit: 0, volunteerTeam: 0 } };
  const c = await repo.fiveOnesCounts(db, scopes, filter, todayCst(ctx.clock));
  return {
    total: c.total, complete: c.complete,
    byItem: { partyOrg: c.byItem.party_org, workPlan: c.byItem.work_plan, responsibleLeader: c.byItem.responsible_leader, contactUnit: c.byItem.contact_unit, volunteerTeam: c.byItem.volunteer_team },
  };
}

/** Compounds with their checklists across a region, filtered and paged in SQL; the summary covers the whole region. */
export async function listFiveOnes(db: Db, ctx: Ctx, f: FiveOnesQuery, limit: number, offset: number) {
  const scopes = requireScopes(ctx.actor, 'compound.read');
  const filter = await filterOf(db, f);
  const summary = await fiveOnesSummary(db, ctx, { regionId: f.regionId });
  if (!filter) return { items: [], total: 0, summary };
  const page = await repo.listFiveOnesIds(db, scopes, filter, todayCst(ctx.clock), limit, offset);
  const map = await checklists(db, ctx, page.ids);
  return {
    total: page.total, summary,
    items: page.ids.filter((id) => map.has(id)).map((id) => withAbilities(ctx, map.get(id)!.fiveOnes, map.get(id)!.scopePath)),
  };
}
