import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { updateRelations } from '../methods/index.ts';
import { pendingOutbox } from '../outbox/index.ts';
import { cst, methodPlaces, problemCodes } from '../methods/testing/fixture.ts';
import { insertOrg, insertOwnersVoteRow } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let secretary: Client;
let worker: Client;
let executor: Client;
let supervisor: Client;
let participant: Client;
let outsider: Client;
let orgId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-matters-'));
  env.clock.set(cst('2026-11-24T09:00:00'));
  places = await methodPlaces(env);
  secretary = await env.user([{ roleKey: 'compound_secretary', scopePath: places.compound.path }]);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  executor = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  supervisor = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  participant = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityC.path }]);
  orgId = await insertOrg(env, { name: '锦华物业服务有限公司', scopePath: places.compound.path, compoundId: places.compound.id });
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

function newMatter(extra: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(), compoundId: places.compound.id, title: '东门加装夜间照明', description: '居民反映东门夜间太暗', category: 'facilities',
    source: 'resident_opinion', methodKey: 'wuyi', executorOrgId: orgId, executorUserIds: [executor.userId], supervisorUserIds: [supervisor.userId],
    deadline: '2026-12-31', ...extra,
  };
}

async function act(c: Client, id: string, event: string, input: Record<string, unknown> = {}) {
  const cur = (await worker.get(`/api/matters/${id}`)).json();
  return c.post(`/api/matters/${id}/events`, { event, input, version: cur.instanceVersion, comment: `${event} 备注` });
}

async function photo(c: Client): Promise<string> {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png')]);
  const r = await c.upload('/api/attachments', png, 'image/png');
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

describe('matters through the API', () => {
  it('opens a matter with its method instance, takes up linked opinions, and is retry-safe by id', async () => {
    const op = await secretary.post('/api/opinions', { compoundId: places.compound.id, content: '东门晚上太黑', category: 'facilities', channel: 'visit' });
    expect(op.statusCode).toBe(201);
    const body = newMatter({ opinionIds: [op.json().id] });
    const first = await secretary.post('/api/matters', body);
    expect(first.statusCode).toBe(201);
    const m = first.json();
    expect(m).toMatchObject({
      title: '东门加装夜间照明', methodKey: 'wuyi', stage: 'proposing', terminal: false, executorOrg: { id: orgId, name: '锦华物业服务有限公司' },
      compound: { id: places.compound.id, name: '锦华小区' }, decidedAt: null, outcome: null, version: 1, instanceVersion: 1,
      relations: { proposer: secretary.userId, talk_leader: secretary.userId, executor: [orgId, executor.userId], supervisor: [supervisor.userId] },
    });
    expect(m.methodName.zh).toBe('五议工作法');
    expect(m.stages.map((s: { key: string }) => s.key)).toEqual(['proposing', 'consulting', 'deciding', 'executing', 'evaluating', 'evaluated', 'closed', 'withdrawn']);
    expect(m.opinions.map((o: { id: string; status: string; matterId: string }) => [o.id, o.status, o.matterId])).toEqual([[op.json().id, 'taken_up', m.id]]);
    expect(m.abilities).toMatchObject({ edit: true, proposeParticipants: true, setParticipants: true, addMeeting: true, addActionItem: false, evaluate: false });
    expect(m.abilities.events.map((e: { event: string }) => e.event)).toEqual(['propose', 'withdraw']);
    expect((await secretary.post('/api/matters', body)).statusCode).toBe(200);
    expect((await worker.get(`/api/matters?compoundId=${places.compound.id}&q=${encodeURIComponent('夜间照明')}`)).json().total).toBe(1);
    const again = await secretary.post('/api/matters', newMatter({ opinionIds: [op.json().id] }));
    expect([again.statusCode, problemCodes(again.json())]).toEqual([400, ['opinionIds.0:DUPLICATE_VALUE']]);
  });

  it('refuses unknown references, codes out of the lists, and places outside the caller’s scope', async () => {
    const bad = await secretary.post('/api/matters', newMatter({ category: 'food', executorOrgId: 'nope', supervisorUserIds: ['ghost'], conflictMemberIds: ['m0'] }));
    expect([bad.statusCode, ...problemCodes(bad.json())]).toEqual([400, 'category:NOT_IN_LIST', 'executorOrgId:NOT_FOUND_REF', 'conflictMemberIds.0:NOT_FOUND_REF', 'supervisorUserIds.0:NOT_FOUND_REF']);
    const away = await outsider.post('/api/matters', newMatter());
    expect([away.statusCode, away.json().error.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const nomethod = await secretary.post('/api/matters', newMatter({ methodKey: 'nosuch' }));
    expect([nomethod.statusCode, nomethod.json().error.code]).toEqual([409, 'TEMPLATE_NOT_AVAILABLE']);
    const id = (await secretary.post('/api/matters', newMatter())).json().id;
    expect((await outsider.get(`/api/matters/${id}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/matters/${id}/events`, { event: 'propose', input: { proposal: 'x' }, version: 1 })).statusCode).toBe(404);
  });

  it('runs 五议 to the end by the right actors, refusing each stage to a wrong one, and writes the domain events', async () => {
    const m = (await secretary.post('/api/matters', newMatter())).json();
    await updateRelations(env.db, env.ctx(), m.instanceId, { participant: [participant.userId] });
    const step = async (wrong: Client, right: Client, event: string, input: Record<string, unknown>) => {
      const no = await act(wrong, m.id, event, input);
      expect([event, no.statusCode, no.json().error.code]).toEqual([event, 403, 'ROLE_NOT_ALLOWED']);
      env.clock.advance(60_000);
      const yes = await act(right, m.id, event, input);
      expect([event, yes.statusCode, yes.body.slice(0, 0)]).toEqual([event, 200, '']);
      return yes.json();
    };
    await step(executor, secretary, 'propose', { proposal: '东门加装6盏路灯' });
    await step(worker, participant, 'consult', { minutes: '11月24日居民协商会，32户参加，同意加装' });
    const decided = await step(secretary, worker, 'decide', { decision: '由物业公司加装6盏路灯', vote: { for: 28, against: 2, abstain: 2 }, due_date: '2026-12-20' });
    expect(decided).toMatchObject({ stage: 'executing', decision: '由物业公司加装6盏路灯', decidedAt: env.clock.now().toISOString(), version: 2 });
    expect(decided.abilities.addActionItem).toBe(true);
    const shot = await photo(executor);
    const executed = await step(secretary, executor, 'execute', { completion: '已加装6盏路灯并通电', photos: [shot] });
    expect(executed.result).toBe('已加装6盏路灯并通电');
    const evaluated = await step(executor, supervisor, 'evaluate', { satisfaction: 5, opinion: '很满意' });
    expect([evaluated.satisfaction, evaluated.satisfactionCount]).toEqual([5, 1]);
    const closed = await step(executor, worker, 'close', {});
    expect(closed).toMatchObject({ stage: 'closed', terminal: true, outcome: 'resolved', dueAt: null });
    expect(closed.abilities).toMatchObject({ edit: false, events: [] });
    expect(closed.timeline.map((e: { event: string }) => e.event)).toEqual(['start', 'propose', 'consult', 'decide', 'execute', 'evaluate', 'close']);
    const row = await env.db.selectFrom('matter').select(['closed_at', 'outcome']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ closed_at: env.clock.now().toISOString(), outcome: 'resolved' });

    const evs = (await worker.get(`/api/matters/${m.id}/evaluations`)).json();
    expect(evs.map((e: { byKind: string; source: string; satisfaction: number; comment: string }) => [e.byKind, e.source, e.satisfaction, e.comment]))
      .toEqual([['supervisory_board', 'event', 5, '很满意']]);
    const outbox = (await pendingOutbox(env.db, ['matter.decided', 'matter.evaluated'], 100)).filter((e) => e.aggregateId === m.id);
    expect(outbox.map((e) => e.type)).toEqual(['matter.decided', 'matter.evaluated']);
    expect(outbox[0].payload).toMatchObject({ matterId: m.id, compoundId: places.compound.id, decidedAt: decided.decidedAt, participantMemberIds: [] });
    expect(outbox[1].payload).toMatchObject({ matterId: m.id, satisfaction: 5, byKind: 'supervisory_board', source: 'event' });
    const audit = await env.db.selectFrom('audit_log').select('action').where('object_id', '=', m.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['matter.create', 'matter.event', 'matter.event', 'matter.event', 'matter.event']);
  });

  it('refuses a joint decision of owners until a vote meets the double two-thirds quorum and passes, rolling the event back', async () => {
    const m = (await secretary.post('/api/matters', newMatter({ title: '动用维修资金更换电梯', category: 'maintenance_fund', jointDecisionItem: 5 }))).json();
    await act(secretary, m.id, 'propose', { proposal: '动用维修资金' });
    await act(secretary, m.id, 'consult', { minutes: '业主大会筹备' });
    const decision = { decision: '同意动用维修资金 30 万元更换 2 号楼电梯' };
    expect((await act(secretary, m.id, 'decide', decision)).json().error.code).toBe('ROLE_NOT_ALLOWED');
    const none = await act(worker, m.id, 'decide', decision);
    expect([none.statusCode, none.json().error.code]).toEqual([422, 'OWNERS_VOTE_REQUIRED']);
    expect(none.json().error.zh).toContain('第 5 项');

    const base = { compound: { id: places.compound.id, path: places.compound.path }, matterId: m.id, item: 5, totalArea: 30000, totalOwners: 300 };
    await insertOwnersVoteRow(env, { ...base, partArea: 19000, partOwners: 210, yesArea: 18000, yesOwners: 200 });
    const inquorate = await act(worker, m.id, 'decide', decision);
    expect([inquorate.statusCode, inquorate.json().error.code]).toEqual([422, 'OWNERS_QUORUM_NOT_MET']);
    env.clock.advance(60_000);
    await insertOwnersVoteRow(env, { ...base, partArea: 21000, partOwners: 220, yesArea: 10000, yesOwners: 150, noArea: 11000, noOwners: 70 });
    const rejected = await act(worker, m.id, 'decide', decision);
    expect([rejected.statusCode, rejected.json().error.code]).toEqual([422, 'OWNERS_VOTE_REJECTED']);

    const still = (await worker.get(`/api/matters/${m.id}`)).json();
    expect([still.stage, still.decidedAt, still.timeline.length]).toEqual(['deciding', null, 3]);
    expect((await pendingOutbox(env.db, ['matter.decided'], 100)).some((e) => e.aggregateId === m.id)).toBe(false);

    env.clock.advance(60_000);
    await insertOwnersVoteRow(env, { ...base, partArea: 21000, partOwners: 220, yesArea: 16000, yesOwners: 170, noArea: 5000, noOwners: 50 });
    const passed = await act(worker, m.id, 'decide', decision);
    expect([passed.statusCode, passed.json().stage, passed.json().decision]).toEqual([200, 'executing', decision.decision]);
  });

  it('lets a decision not to proceed close the matter as not taken up, without a decided event', async () => {
    const m = (await secretary.post('/api/matters', newMatter({ jointDecisionItem: 7 }))).json();
    await act(secretary, m.id, 'propose', { proposal: '改建车棚' });
    await act(secretary, m.id, 'consult', { minutes: '多数反对' });
    const r = await act(worker, m.id, 'reject', { decision: '多数业主反对，不予实施' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ stage: 'withdrawn', terminal: true, decision: '多数业主反对，不予实施', decidedAt: null, outcome: 'not_taken_up' });
    expect((await pendingOutbox(env.db, ['matter.decided'], 100)).some((e) => e.aggregateId === m.id)).toBe(false);
  });

  it('changes a matter with compare-and-set and moves the executor relation to a new organisation', async () => {
    const m = (await secretary.post('/api/matters', newMatter())).json();
    const org2 = await insertOrg(env, { name: '小区业委会', scopePath: places.compound.path, type: 'owners_committee' });
    const ok = await secretary.patch(`/api/matters/${m.id}`, { title: '东门与北门照明', executorOrgId: org2, conflictOrgIds: [orgId], version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: '东门与北门照明', version: 2, executorOrg: { id: org2 }, conflictOrgs: [{ id: orgId, name: '锦华物业服务有限公司' }], relations: { executor: [org2, executor.userId] } });
    const stale = await secretary.patch(`/api/matters/${m.id}`, { title: '别的标题', version: 1 });
    expect([stale.statusCode, stale.json().error.code, stale.json().error.details]).toEqual([409, 'STALE', { currentVersion: 2 }]);
    const staleEvent = await secretary.post(`/api/matters/${m.id}/events`, { event: 'propose', input: { proposal: 'x' }, version: 7 });
    expect([staleEvent.statusCode, staleEvent.json().error.code]).toEqual([409, 'STALE']);
  });

  it('lists by filters and shows a board by stage', async () => {
    const list = (await worker.get(`/api/matters?regionId=${places.regions.communityA.id}&methodKey=wuyi&pageSize=100`)).json();
    expect(list.total).toBeGreaterThanOrEqual(5);
    expect(list.items.every((x: { methodKey: string; compound: { id: string } }) => x.methodKey === 'wuyi' && x.compound.id === places.compound.id)).toBe(true);
    const closed = (await worker.get('/api/matters?open=false')).json();
    expect(closed.items.map((x: { stage: string }) => x.stage).sort()).toEqual(['closed', 'withdrawn']);
    expect((await worker.get('/api/matters?stage=executing')).json().total).toBe(1);
    const board = (await worker.get(`/api/matters/board?methodKey=wuyi&compoundId=${places.compound.id}`)).json();
    expect(board.method).toEqual({ key: 'wuyi', name: { zh: '五议工作法', en: 'Five-discussions method' } });
    const col = (k: string) => board.columns.find((c: { stage: string }) => c.stage === k);
    expect([col('closed').total, col('withdrawn').total, col('executing').total, col('closed').terminal]).toEqual([1, 1, 1, true]);
    expect(board.columns.reduce((n: number, c: { total: number }) => n + c.total, 0)).toBe(list.total);
    expect((await outsider.get('/api/matters')).json().total).toBe(0);
    expect((await worker.get('/api/matters/board?methodKey=nosuch')).statusCode).toBe(409);
  });

  it('records staff evaluations once decided, retry-safe, keeping the average in step', async () => {
    const fresh = (await secretary.post('/api/matters', newMatter())).json();
    const early = await worker.post(`/api/matters/${fresh.id}/evaluations`, { byKind: 'resident', satisfaction: 4 });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'MATTER_NOT_RATEABLE']);
    const decided = (await worker.get('/api/matters?stage=executing')).json().items[0];
    const id = crypto.randomUUID();
    const r = await worker.post(`/api/matters/${decided.id}/evaluations`, { id, byKind: 'resident', satisfaction: 3, comment: '进度偏慢' });
    expect([r.statusCode, r.json().source, r.json().byKind]).toEqual([201, 'staff', 'resident']);
    expect((await worker.post(`/api/matters/${decided.id}/evaluations`, { id, byKind: 'resident', satisfaction: 3 })).statusCode).toBe(200);
    expect((await executor.post(`/api/matters/${decided.id}/evaluations`, { byKind: 'resident', satisfaction: 3 })).json().error.code).toBe('FORBIDDEN');
    const after = (await worker.get(`/api/matters/${decided.id}`)).json();
    expect([after.satisfaction, after.satisfactionCount]).toEqual([3, 1]);
  });
});
