import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { containsText, scopeCondition, type Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { PARTY_ORG_TYPES, type FiveOnesItem, type OrgType } from '../../../shared/org-types.ts';

type CompoundEb = ExpressionBuilder<Database, 'compound'>;

const CONTACT_KINDS = ['contact_unit', 'co_building'];

/**
 * The SQL condition "this compound meets the item today", for a query over `compound`
 * (the registry may use it to filter its own compound lists). Filtering and paging in SQL needs EXISTS over
 * the registry's compound_document table here; everything else about documents goes through registry/index.ts.
 */
export function fiveOnesCondition(item: FiveOnesItem, today: string): (eb: CompoundEb) => Expression<SqlBool> {
  const orgLive = (eb: ExpressionBuilder<any, any>) => eb.and([
    eb.or([eb('o.founded_on', 'is', null), eb('o.founded_on', '<=', today)]),
    eb.or([eb('o.dissolved_on', 'is', null), eb('o.dissolved_on', '>', today)]),
  ]);
  const pairingLive = (eb: ExpressionBuilder<any, any>) => eb.and([
    eb.or([eb('g.start_on', 'is', null), eb('g.start_on', '<=', today)]),
    eb.or([eb('g.end_on', 'is', null), eb('g.end_on', '>=', today)]),
  ]);
  switch (item) {
    case 'party_org':
      return (eb) => eb.or([
        eb.exists(eb.selectFrom('org as o').select(sql.lit(1).as('x')).whereRef('o.compound_id', '=', 'compound.id')
          .where('o.type', 'in', PARTY_ORG_TYPES as OrgType[]).where((e) => orgLive(e))),
        // A joint branch anchored to the compound's community covers its compounds (连片建).
        eb.exists(eb.selectFrom('org as o').select(sql.lit(1).as('x')).whereRef('o.region_id', '=', 'compound.community_id')
          .where('o.type', '=', 'joint_branch').where((e) => orgLive(e))),
      ]);
    case 'work_plan':
      return (eb) => eb.exists(eb.selectFrom('compound_document as d').select(sql.lit(1).as('x')).whereRef('d.compound_id', '=', 'compound.id')
        .where('d.kind', '=', 'work_plan').where('d.adopted_on', 'is not', null).where('d.adopted_on', '<=', today)
        .where((e) => e.or([e('d.valid_to', 'is', null), e('d.valid_to', '>=', today)])));
    case 'responsible_leader':
      return (eb) => eb.exists(eb.selectFrom('pairing as g').select(sql.lit(1).as('x')).whereRef('g.target_compound_id', '=', 'compound.id')
        .where('g.kind', '=', 'responsible_leader').where((e) => pairingLive(e)));
    case 'contact_unit':
      return (eb) => eb.exists(eb.selectFrom('pairing as g').select(sql.lit(1).as('x')).whereRef('g.target_compound_id', '=', 'compound.id')
        .where('g.kind', 'in', CONTACT_KINDS).where((e) => pairingLive(e)));
    case 'volunteer_team':
      return (eb) => eb.exists(eb.selectFrom('org as o').select(sql.lit(1).as('x')).whereRef('o.compound_id', '=', 'compound.id')
        .where('o.type', '=', 'volunteer_team').where((e) => orgLive(e)));
  }
}

/** A SQL condition on `compound`: an organisation of one of the types is anchored to it and not dissolved. */
export function hasActiveOrgCondition(types: readonly OrgType[], today: string): (eb: CompoundEb) => Expression<SqlBool> {
  return (eb) => eb.exists(eb.selectFrom('org as o').select(sql.lit(1).as('x')).whereRef('o.compound_id', '=', 'compound.id')
    .where('o.type', 'in', types as OrgType[])
    .where((e) => e.or([e('o.dissolved_on', 'is', null), e('o.dissolved_on', '>', today)])));
}

/** The five checklist items in order. */
export const ITEMS: FiveOnesItem[] = ['party_org', 'work_plan', 'responsible_leader', 'contact_unit', 'volunteer_team'];

/** Filters of the region-wide checklist list. */
export interface FiveOnesFilter {
  underPath?: string;
  q?: string;
  /** Compounds lacking every listed item. */
  missing?: FiveOnesItem[];
  /** true: all five met; false: at least one missing. */
  complete?: boolean;
}

function filtered(db: Db, scopes: readonly string[], f: FiveOnesFilter, today: string) {
  let q = db.selectFrom('compound').where(scopeCondition('compound.scope_path', scopes));
  if (f.underPath) q = q.where(scopeCondition('compound.scope_path', [f.underPath]));
  if (f.q) q = q.where(containsText('compound.name', f.q));
  for (const m of f.missing ?? []) q = q.where((eb) => eb.not(fiveOnesCondition(m, today)(eb)));
  if (f.complete === true) q = q.where((eb) => eb.and(ITEMS.map((i) => fiveOnesCondition(i, today)(eb))));
  if (f.complete === false) q = q.where((eb) => eb.not(eb.and(ITEMS.map((i) => fiveOnesCondition(i, today)(eb)))));
  return q;
}

/** One page of compound ids matching the filter, ordered by place then name, with the total. */
export async function listFiveOnesIds(db: Db, scopes: readonly string[], f: FiveOnesFilter, today: string, limit: number, offset: number): Promise<{ ids: string[]; total: number }> {
  const q = filtered(db, scopes, f, today);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // By place code then name, so a page reads like the register (the scope path holds the compound's uuid).
  const rows = await q.innerJoin('region as place', 'place.id', 'compound.community_id').select('compound.id')
    .orderBy('place.code').orderBy('compound.name').orderBy('compound.id').limit(limit).offset(offset).execute();
  return { ids: rows.map((r) => r.id), total: Number(total.n) };
}

/** How many compounds match the filter, how many are complete, and how many meet each item. */
export async function fiveOnesCounts(db: Db, scopes: readonly string[], f: FiveOnesFilter, today: string): Promise<{ total: number; complete: number; byItem: Record<FiveOnesItem, number> }> {
  const one = (cond: (eb: CompoundEb) => Expression<SqlBool>) => (eb: CompoundEb) => eb.fn.coalesce(eb.fn.sum<number>(eb.case().when(cond(eb)).then(1).else(0).end()), sql.lit(0));
  const r = await filtered(db, scopes, f, today)
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      one((e) => e.and(ITEMS.map((i) => fiveOnesCondition(i, today)(e))))(eb).as('complete'),
      one(fiveOnesCondition('party_org', today))(eb).as('party_org'),
      one(fiveOnesCondition('work_plan', today))(eb).as('work_plan'),
      one(fiveOnesCondition('responsible_leader', today))(eb).as('responsible_leader'),
      one(fiveOnesCondition('contact_unit', today))(eb).as('contact_unit'),
      one(fiveOnesCondition('volunteer_team', today))(eb).as('volunteer_team'),
    ])
    .executeTakeFirstOrThrow();
  return {
    total: Number(r.total), complete: Number(r.complete),
    byItem: {
      party_org: Number(r.party_org), work_plan: Number(r.work_plan), responsible_leader: Number(r.responsible_leader),
      contact_unit: Number(r.contact_unit), volunteer_team: Number(r.volunteer_team),
    },
  };
}

/** The compounds among `ids` under the scopes, with their community's name. */
export async function compoundsIn(db: Db, ids: readonly string[], scopes: readonly string[]): Promise<{ id: string; name: string; scopePath: string; communityId: string; communityName: string | null }[]> {
  const out: { id: string; name: string; scopePath: string; communityId: string; communityName: string | null }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('compound').leftJoin('region', 'region.id', 'compound.community_id')
      .select(['compound.id', 'compound.name', 'compound.scope_path', 'compound.community_id', 'region.name as community_name'])
      .where('compound.id', 'in', ids.slice(i, i + 500) as string[]).where(scopeCondition('compound.scope_path', scopes)).execute();
    for (const r of rows) out.push({ id: r.id, name: r.name, scopePath: r.scope_path, communityId: r.community_id, communityName: r.community_name ?? null });
  }
  return out;
}

async function chunked<T>(ids: readonly string[], fn: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await fn(ids.slice(i, i + 500) as string[])));
  return out;
}

/** Party organisations in force anchored to the compounds, and joint branches anchored to their communities. */
export async function livePartyOrgs(db: Db, compoundIds: readonly string[], communityIds: readonly string[], today: string) {
  const live = (eb: ExpressionBuilder<Database, 'org'>) => eb.and([
    eb.or([eb('org.founded_on', 'is', null), eb('org.founded_on', '<=', today)]),
    eb.or([eb('org.dissolved_on', 'is', null), eb('org.dissolved_on', '>', today)]),
  ]);
  const own = await chunked(compoundIds, (c) => db.selectFrom('org').select(['compound_id', 'region_id', 'name', 'type'])
    .where('compound_id', 'in', c).where('type', 'in', PARTY_ORG_TYPES as OrgType[]).where(live).orderBy('name').execute());
  const joint = await chunked(communityIds, (c) => db.selectFrom('org').select(['compound_id', 'region_id', 'name', 'type'])
    .where('region_id', 'in', c).where('type', '=', 'joint_branch').where(live).orderBy('name').execute());
  return [...own, ...joint];
}

/** Volunteer teams in force anchored to the compounds. */
export async function liveVolunteerTeams(db: Db, compoundIds: readonly string[], today: string) {
  return chunked(compoundIds, (c) => db.selectFrom('org').select(['compound_id', 'name'])
    .where('compound_id', 'in', c).where('type', '=', 'volunteer_team')
    .where((eb) => eb.and([
      eb.or([eb('founded_on', 'is', null), eb('founded_on', '<=', today)]),
      eb.or([eb('dissolved_on', 'is', null), eb('dissolved_on', '>', today)]),
    ])).orderBy('name').execute());
}

/** Pairings in force of the given kinds targeting the compounds. */
export async function livePairings(db: Db, compoundIds: readonly string[], kinds: readonly string[], today: string) {
  return chunked(compoundIds, (c) => db.selectFrom('pairing').select(['target_compound_id', 'kind', 'partner_name'])
    .where('target_compound_id', 'in', c).where('kind', 'in', kinds as string[])
    .where((eb) => eb.and([
      eb.or([eb('start_on', 'is', null), eb('start_on', '<=', today)]),
      eb.or([eb('end_on', 'is', null), eb('end_on', '>=', today)]),
    ])).orderBy('partner_name').execute());
}
