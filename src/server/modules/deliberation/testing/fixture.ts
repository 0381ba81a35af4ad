import { checkOwnersVote } from '../../../../shared/deliberation.ts';
import type { TestEnv } from '../../../testing/harness.ts';
import { startInstance, type Relations } from '../../methods/index.ts';
import { createMember } from '../pool.service.ts';
import { newId } from '../../../../shared/ids.ts';

// Fixture builders for the deliberation tests. Small and additive: each builds one thing.

/** A compound as the registry fixtures return it. */
export interface FxPlace {
  id: string;
  path: string;
}

/** A matter made for a test, bypassing the matter service: a row plus a running method instance. */
export interface FxMatter {
  id: string;
  instanceId: string;
  scopePath: string;
}

/** Inserts a matter of a compound with a started method instance (system actor). */
export async function insertMatter(env: TestEnv, o: {
  compound: FxPlace; title?: string; category?: string; methodKey?: string; executorOrgId?: string | null; jointDecisionItem?: number | null;
  conflictMemberIds?: string[]; conflictOrgIds?: string[]; relations?: Relations;
}): Promise<FxMatter> {
  const id = newId();
  const now = env.clock.now().toISOString();
  const started = await startInstance(env.db, env.ctx(), {
    templateKey: o.methodKey ?? 'lianshou', subjectType: 'matter', subjectId: id, scopePath: o.compound.path, relations: o.relations,
  });
  await env.db.insertInto('matter').values({
    id, compound_id: o.compound.id, scope_path: o.compound.path, title: o.title ?? '东门停车位划线', description: null, category: o.category ?? 'parking',
    source: 'resident_opinion', method_key: o.methodKey ?? 'lianshou', instance_id: started.instance.id, executor_org_id: o.executorOrgId ?? null,
    deadline: null, joint_decision_item: o.jointDecisionItem ?? null, conflict_org_ids: JSON.stringify(o.conflictOrgIds ?? []),
    conflict_member_ids: JSON.stringify(o.conflictMemberIds ?? []), decision: null, decided_at: null, result: null, outcome: null, closed_at: null,
    published_at: null, created_at: now, updated_at: now, created_by: null,
  }).execute();
  return { id, instanceId: started.instance.id, scopePath: o.compound.path };
}

/** Adds a pool member through the pool service (system actor). */
export async function addMember(env: TestEnv, compoundId: string, kind: string, name: string, extra: { expertise?: string[]; orgId?: string; userId?: string; phone?: string } = {}) {
  return (await createMember(env.db, env.ctx(), { compoundId, kind, name, expertise: extra.expertise ?? [], orgId: extra.orgId, userId: extra.userId, phone: extra.phone })).member;
}

/** A full 1+5+N pool for one compound; returns the members by a short key. */
export async function seedPool(env: TestEnv, compoundId: string) {
  const add = (kind: string, name: string, expertise: string[] = []) => addMember(env, compoundId, kind, name, { expertise });
  return {
    secretary: await add('community_secretary', '陈书记', ['policy']),
    cadre: await add('community_cadre', '李干部', ['parking']),
    cadre2: await add('community_cadre', '王干部'),
    partyRep: await add('party_member_rep', '赵党员', ['greening']),
    residentRep: await add('resident_rep', '钱居民', ['parking', 'safety']),
    grid: await add('grid_worker', '孙网格'),
    police: await add('police_officer', '周民警', ['safety']),
    retired: await add('retired_cadre', '吴老干部'),
    party: await add('interested_party', '郑业主', ['parking']),
    department: await add('department', '城管中队', ['parking', 'environment']),
    unrelated: await add('interested_party', '冯业主', ['elevator']),
  };
}

/** Inserts households of a compound with the given areas in m² (null: unknown), bypassing the registry service. */
export async function insertHouseholds(env: TestEnv, compound: FxPlace, areas: (number | null)[]): Promise<void> {
  const now = env.clock.now().toISOString();
  for (const [i, area] of areas.entries()) {
    await env.db.insertInto('household').values({
      id: newId(), compound_id: compound.id, building_id: null, scope_path: compound.path, unit: null, room: `${101 + i}`, status: 'resident',
      head_resident_id: null, grid_id: null, area, created_at: now, updated_at: now, created_by: null,
    }).execute();
  }
}

/** Inserts an organisation (e.g. the property company that executes), bypassing the orgs service. */
export async function insertOrg(env: TestEnv, o: { name: string; scopePath: string; compoundId?: string; type?: string }): Promise<string> {
  const id = newId();
  const now = env.clock.now().toISOString();
  await env.db.insertInto('org').values({
    id, type: o.type ?? 'property_company', name: o.name, region_id: null, compound_id: o.compoundId ?? null, parent_org_id: null, scope_path: o.scopePath,
    uscc: null, term_start: null, term_end: null, founded_on: null, dissolved_on: null, filed_on: null, note: null, created_at: now, updated_at: now, created_by: null,
  }).execute();
  return id;
}

/** Inserts a meeting row of a compound (planned or held), bypassing the meeting service. */
export async function insertMeetingRow(env: TestEnv, o: {
  compound: FxPlace; startsAt: string; status?: string; purpose?: string; form?: string; matterId?: string | null;
}): Promise<string> {
  const id = newId();
  const now = env.clock.now().toISOString();
  await env.db.insertInto('meeting').values({
    id, compound_id: o.compound.id, scope_path: o.compound.path, matter_id: o.matterId ?? null, purpose: o.purpose ?? 'deliberation', form: o.form ?? 'together',
    title: '议事会', starts_at: o.startsAt, place: null, status: o.status ?? 'held', held_at: (o.status ?? 'held') === 'held' ? o.startsAt : null,
    minutes: null, decisions: null, created_at: now, updated_at: now, created_by: null,
  }).execute();
  return id;
}

/** Inserts an owners' vote on a matter (areas in m²), with the outcome the art. 278 rule gives under `item`. */
export async function insertOwnersVoteRow(env: TestEnv, o: {
  compound: FxPlace; matterId: string; item: number; totalArea: number; totalOwners: number; partArea: number; partOwners: number;
  yesArea: number; yesOwners: number; noArea?: number; noOwners?: number; recordedAt?: string;
}): Promise<string> {
  const meetingId = await insertMeetingRow(env, { compound: o.compound, startsAt: env.clock.now().toISOString(), matterId: o.matterId });
  const c = (m2: number) => Math.round(m2 * 100);
  const counts = {
    totalAreaC: c(o.totalArea), totalOwners: o.totalOwners, participatingAreaC: c(o.partArea), participatingOwners: o.partOwners,
    yesAreaC: c(o.yesArea), yesOwners: o.yesOwners, noAreaC: c(o.noArea ?? 0), noOwners: o.noOwners ?? 0,
  };
  const id = newId();
  await env.db.insertInto('meeting_vote').values({
    id, meeting_id: meetingId, matter_id: o.matterId, scope_path: o.compound.path, kind: 'owners', owners_item: o.item,
    total_area_c: counts.totalAreaC, total_owners: counts.totalOwners, part_area_c: counts.participatingAreaC, part_owners: counts.participatingOwners,
    yes_area_c: counts.yesAreaC, yes_owners: counts.yesOwners, no_area_c: counts.noAreaC, no_owners: counts.noOwners,
    eligible: null, votes_for: null, votes_against: null, votes_abstain: null, outcome: checkOwnersVote({ item: o.item, ...counts }),
    recorded_at: o.recordedAt ?? env.clock.now().toISOString(), recorded_by: null,
  }).execute();
  return id;
}

/** Inserts an opinion row of a compound as received (and answered or taken up), bypassing the opinion service. */
export async function insertOpinionRow(env: TestEnv, o: {
  compound: FxPlace; receivedAt: string; answeredAt?: string | null; status?: string; channel?: string; content?: string;
}): Promise<string> {
  const id = newId();
  const now = env.clock.now().toISOString();
  await env.db.insertInto('opinion').values({
    id, compound_id: o.compound.id, scope_path: o.compound.path, content: o.content ?? '楼道灯坏了', category: 'facilities', channel: o.channel ?? 'visit',
    proxy: 1, resident_id: null, name_enc: null, name_mask: null, phone_enc: null, phone_mask: null,
    status: o.status ?? (o.answeredAt ? 'answered' : 'received'), matter_id: null, answer: o.answeredAt ? '已处理' : null, answered_at: o.answeredAt ?? null,
    answered_by: null, received_at: o.receivedAt, ip_hash: null, created_at: now, updated_at: now, created_by: null,
  }).execute();
  return id;
}

/** Inserts a pool member row of a compound, bypassing the pool service. */
export async function insertPoolMemberRow(env: TestEnv, compound: FxPlace, o: { name: string; kind?: string; userId?: string | null }): Promise<string> {
  const id = newId();
  const now = env.clock.now().toISOString();
  await env.db.insertInto('pool_member').values({
    id, compound_id: compound.id, scope_path: compound.path, kind: o.kind ?? 'resident_rep', name: o.name, title: null, user_id: o.userId ?? null,
    org_id: null, phone_enc: null, phone_mask: null, expertise: '[]', note: null, created_at: now, updated_at: now, created_by: null,
  }).execute();
  return id;
}
