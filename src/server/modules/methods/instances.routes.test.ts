import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { EXAMPLE_CALENDAR_2026 } from './presets/index.ts';
import { cst, methodPlaces, problemCodes } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let admin: Client;
let secretary: Client;
let worker: Client;
let executor: Client;
let supervisor: Client;
let outsider: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-methods-'));
  env.clock.set(cst('2026-09-28T09:00:00'));
  places = await methodPlaces(env);
  admin = await env.user([{ roleKey: 'system_admin', scopePath: '/' }]);
  secretary = await env.user([{ roleKey: 'compound_secretary', scopePath: places.compound.path }]);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  executor = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  supervisor = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityC.path }]);
  expect((await admin.put('/api/calendar?year=2026', { days: EXAMPLE_CALENDAR_2026.days })).statusCode).toBe(200);
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

/** Signs everyone in again after the clock jumped past the idle timeout. */
async function resignIn() {
  [secretary, worker, executor, supervisor, outsider] = await Promise.all([secretary, worker, executor, supervisor, outsider].map((c) => env.signIn(c.username)));
}

async function startWuyi(id = crypto.randomUUID()) {
  const res = await worker.post('/api/method-instances', {
    id, templateKey: 'wuyi', subjectType: 'matter', subjectId: crypto.randomUUID(), scopePath: places.compound.path,
    relations: { proposer: secretary.userId, executor: ['org-property-1', executor.userId], supervisor: supervisor.userId },
  });
  return res;
}

async function act(c: Client, id: string, event: string, input: Record<string, unknown> = {}) {
  const cur = (await c.get(`/api/method-instances/${id}`)).json();
  return c.post(`/api/method-instances/${id}/events`, { event, input, version: cur.version, comment: `${event} 备注` });
}

describe('method instances through the API', () => {
  it('starts a 五议 instance pinned to the published version, retry-safe by client id', async () => {
    const id = crypto.randomUUID();
    const first = await startWuyi(id);
    expect(first.statusCode).toBe(201);
    const i = first.json();
    expect([i.templateKey, i.templateVersion, i.stage, i.stageName.zh, i.version]).toEqual(['wuyi', 1, 'proposing', '把关提议', 1]);
    expect(i.dueAt).toBe(cst('2026-10-05T09:00:00').toISOString());
    expect(i.timeline.map((e: { seq: number; event: string; toStage: string }) => [e.seq, e.event, e.toStage])).toEqual([[1, 'start', 'proposing']]);
    expect(i.abilities.events.map((e: { event: string }) => e.event)).toEqual(['withdraw']);
    expect((await startWuyi(id)).statusCode).toBe(200);
    expect((await worker.get(`/api/method-instances?subjectId=${i.subjectId}`)).json().total).toBe(1);
  });

  it('refuses unknown relation roles, a place that does not exist and a method without a published version', async () => {
    const bad = await worker.post('/api/method-instances', {
      templateKey: 'wuyi', subjectType: 'matter', subjectId: 'm1', scopePath: places.regions.communityA.path + 'nope/', relations: { boss: 'u1', proposer: 5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(problemCodes(bad.json())).toEqual(['relations.boss:INPUT_NOT_IN_LIST', 'relations.proposer:INPUT_NOT_ID_LIST', 'scopePath:NOT_FOUND_REF']);
    const none = await worker.post('/api/method-instances', { templateKey: 'nosuch', subjectType: 'matter', subjectId: 'm1', scopePath: places.compound.path });
    expect([none.statusCode, none.json().error.code]).toEqual([409, 'TEMPLATE_NOT_AVAILABLE']);
    const away = await outsider.post('/api/method-instances', { templateKey: 'wuyi', subjectType: 'matter', subjectId: 'm1', scopePath: places.compound.path });
    expect([away.statusCode, away.json().error.code]).toEqual([403, 'OUT_OF_SCOPE']);
  });

  it('runs 五议 to the end, refusing each stage to the wrong actor', async () => {
    const id = (await startWuyi()).json().id;
    const refusedThenDone = async (wrong: Client, right: Client, event: string, input: Record<string, unknown>) => {
      const no = await act(wrong, id, event, input);
      expect([event, no.statusCode, no.json().error.code]).toEqual([event, 403, 'ROLE_NOT_ALLOWED']);
      const yes = await act(right, id, event, input);
      expect([event, yes.statusCode]).toEqual([event, 200]);
      return yes.json();
    };
    await refusedThenDone(executor, secretary, 'propose', { proposal: '小区东门加装夜间照明' });
    await refusedThenDone(worker, secretary, 'consult', { minutes: '9月29日居民协商会，32户参加，同意加装' });
    const decided = await refusedThenDone(secretary, worker, 'decide', { decision: '由物业公司加装6盏路灯', vote: { for: 28, against: 2, abstain: 2 }, due_date: '2026-10-31' });
    expect([decided.stage, decided.dueAt]).toEqual(['executing', cst('2026-11-01T00:00:00').toISOString()]);
    const photo = await executor.post('/api/attachments', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png')]), { 'content-type': 'image/png', 'x-file-name': encodeURIComponent('路灯.png') });
    expect(photo.statusCode).toBe(201);
    await refusedThenDone(secretary, executor, 'execute', { completion: '已加装6盏路灯', photos: [photo.json().id] });
    const evaluated = await refusedThenDone(executor, supervisor, 'evaluate', { satisfaction: 5, opinion: '满意' });
    expect(evaluated.abilities.events.map((e: { event: string }) => e.event)).toEqual(['close', 'reopen']);
    const closed = await refusedThenDone(executor, worker, 'close', {});
    expect([closed.stage, closed.terminal, closed.dueAt, closed.abilities.events]).toEqual(['closed', true, null, []]);
    const after = await act(worker, id, 'reopen', { reason: 'x' });
    expect([after.statusCode, after.json().error.code]).toEqual([409, 'INSTANCE_CLOSED']);
    expect(closed.timeline.map((e: { event: string }) => e.event)).toEqual(['start', 'propose', 'consult', 'decide', 'execute', 'evaluate', 'close']);
    const audit = await env.db.selectFrom('audit_log').select('action').where('object_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['method_instance.start', ...Array(6).fill('method_instance.event')]);
  });

  it('names the missing and the invalid inputs, and an event the stage does not offer', async () => {
    const id = (await startWuyi()).json().id;
    const missing = await act(secretary, id, 'propose', {});
    expect([missing.statusCode, missing.json().error.code, problemCodes(missing.json())]).toEqual([400, 'INPUT_MISSING', ['input.proposal:REQUIRED']]);
    const wrong = await act(worker, id, 'decide', { decision: 'x' });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([409, 'EVENT_NOT_ALLOWED_IN_STAGE']);
    expect(wrong.json().error.zh).toContain('proposing');
    expect((await act(secretary, id, 'propose', { proposal: '修缮围墙' })).statusCode).toBe(200);
    const photoless = await act(secretary, id, 'consult', { minutes: '纪要', photos: ['no-such-attachment'] });
    expect([photoless.statusCode, photoless.json().error.code, problemCodes(photoless.json())]).toEqual([400, 'INPUT_INVALID', ['input.photos.0:INPUT_ATTACHMENT_UNKNOWN']]);
  });

  it('answers 409 STALE to an event sent with an old version, and moves nothing', async () => {
    const i = (await startWuyi()).json();
    const ok = await secretary.post(`/api/method-instances/${i.id}/events`, { event: 'propose', input: { proposal: '增设充电桩' }, version: i.version });
    expect(ok.json().version).toBe(i.version + 1);
    const stale = await secretary.post(`/api/method-instances/${i.id}/events`, { event: 'withdraw', input: { reason: '重复' }, version: i.version });
    expect([stale.statusCode, stale.json().error.code, stale.json().error.details]).toEqual([409, 'STALE', { currentVersion: i.version + 1 }]);
    const now = (await worker.get(`/api/method-instances/${i.id}`)).json();
    expect([now.stage, now.timeline.length]).toEqual(['consulting', 2]);
  });

  it('hides instances outside the caller’s scope', async () => {
    const i = (await startWuyi()).json();
    expect((await outsider.get(`/api/method-instances/${i.id}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/method-instances/${i.id}/events`, { event: 'withdraw', input: { reason: 'x' }, version: 1 })).statusCode).toBe(404);
    expect((await outsider.get('/api/method-instances')).json().total).toBe(0);
  });

  it('keeps the timeline append-only and in order', async () => {
    const i = (await startWuyi()).json();
    await act(secretary, i.id, 'propose', { proposal: '楼道清理' });
    await act(secretary, i.id, 'consult', { minutes: '纪要' });
    await act(worker, i.id, 'return', { reason: '需再征求意见' });
    const t = (await worker.get(`/api/method-instances/${i.id}`)).json().timeline;
    expect(t.map((e: { seq: number; event: string; fromStage: string | null; toStage: string }) => `${e.seq}:${e.event}:${e.fromStage}>${e.toStage}`))
      .toEqual(['1:start:null>proposing', '2:propose:proposing>consulting', '3:consult:consulting>deciding', '4:return:deciding>consulting']);
    expect(t[2]).toMatchObject({ actorId: secretary.userId, input: { minutes: '纪要' }, comment: 'consult 备注' });
    expect(t[3].oldDueAt).not.toBe(t[3].newDueAt);
    await expect(sql`UPDATE method_event SET event = 'forged' WHERE instance_id = ${i.id}`.execute(env.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM method_event WHERE instance_id = ${i.id}`.execute(env.db)).rejects.toThrow(/append-only/);
  });

  it('lists overdue instances by due time, honouring holidays and make-up working days', async () => {
    // Decided nothing yet: each instance waits in 研究定议 (10 working days). Entered Wednesday 30 September 10:00.
    env.clock.set(cst('2026-09-30T10:00:00'));
    await resignIn();
    const i = (await startWuyi()).json();
    await act(secretary, i.id, 'propose', { proposal: '车棚改造' });
    const d = (await act(secretary, i.id, 'consult', { minutes: '纪要' })).json();
    // 9-30 is the entry day; working days 10-8, 10-9, 10-10 (make-up Saturday), 10-12 … 10-16, 10-19, 10-20 → due 10-21 00:00.
    expect(d.dueAt).toBe(cst('2026-10-21T00:00:00').toISOString());
    env.clock.set(cst('2026-10-20T23:59:00'));
    await resignIn();
    let list = (await worker.get(`/api/method-instances/overdue?regionId=${places.regions.communityA.id}`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(i.id);
    env.clock.set(cst('2026-10-21T00:01:00'));
    await resignIn();
    list = (await worker.get(`/api/method-instances/overdue?regionId=${places.regions.communityA.id}`)).json();
    const row = list.items.find((x: { id: string }) => x.id === i.id);
    expect(row).toMatchObject({ stage: 'deciding', overdue: true, stageOwner: 'community_worker' });
    expect(list.items.every((x: { dueAt: string }, k: number, all: { dueAt: string }[]) => k === 0 || all[k - 1].dueAt <= x.dueAt)).toBe(true);
    expect((await worker.get(`/api/method-instances/overdue?regionId=${places.regions.communityC.id}`)).json().total).toBe(0);
    expect((await outsider.get('/api/method-instances/overdue')).json().total).toBe(0);
    // Closed or terminal instances never count as overdue.
    const w = (await startWuyi()).json();
    await act(secretary, w.id, 'withdraw', { reason: '不属于小区事务' });
    env.clock.set(cst('2026-11-20T00:00:00'));
    await resignIn();
    const ids = (await worker.get('/api/method-instances/overdue?pageSize=200')).json().items.map((x: { id: string }) => x.id);
    expect(ids).toContain(i.id);
    expect(ids).not.toContain(w.id);
  });
});
