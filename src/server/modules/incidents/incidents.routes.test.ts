import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { EXAMPLE_CALENDAR_2026 } from '../methods/index.ts';
import { reportIncident } from './incident.service.ts';
import { anonymousActor } from './incident.context.ts';
import { act, cst, incidentPlaces, photo, problemCodes } from './testing/fixture.ts';

let env: TestEnv;
let p: Awaited<ReturnType<typeof incidentPlaces>>;

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-incidents-'));
  // Tests run from the latest date back, so the sessions opened here never pass the idle timeout.
  env.clock.set(cst('2026-10-21T09:00:00'));
  p = await incidentPlaces(env);
  expect((await p.admin.put('/api/calendar?year=2026', { days: EXAMPLE_CALENDAR_2026.days })).statusCode).toBe(200);
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

async function report(c: Client, body: Record<string, unknown>) {
  return c.post('/api/incidents', { categoryCode: '0106', description: '3 栋 2 单元楼道堆放杂物', compoundId: p.compound.id, sourceChannel: 'patrol', ...body });
}

/** Expects the wrong actor to be refused and the right one to succeed; returns the incident after the event. */
async function step(id: string, wrong: Client, right: Client, event: string, input: Record<string, unknown> = {}) {
  const no = await act(wrong, id, event, input);
  expect([event, no.statusCode, no.json().error.code]).toEqual([event, 403, 'ROLE_NOT_ALLOWED']);
  const yes = await act(right, id, event, input);
  expect([event, yes.statusCode, yes.body.slice(0, 300)]).toEqual([event, 200, expect.any(String)]);
  return yes.json();
}

const events = (i: { abilities: { events: { event: string }[] } }) => i.abilities.events.map((e) => e.event);

describe('incident closed loop through the API', () => {
  it('keeps reports, places and people apart', async () => {
    env.clock.set(cst('2026-10-21T09:00:00'));
    const away = await report(p.outsider, {});
    expect([away.statusCode, away.json().error.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const badCat = await report(p.gridWorker, { categoryCode: '9999', lat: 30.8 });
    expect([badCat.statusCode, problemCodes(badCat.json())]).toEqual([400, ['categoryCode:CATEGORY_UNKNOWN', 'lat:LOCATION_PAIR']]);
    const id = (await report(p.gridWorker, {})).json().id;
    expect((await p.outsider.get(`/api/incidents/${id}`)).statusCode).toBe(404);
    expect((await p.outsider.get('/api/incidents')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    const stale = await p.desk.post(`/api/incidents/${id}/events`, { event: 'accept', version: 99 });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'STALE']);
  });

  it('flags a possible duplicate, merges it, cancels, and records a problem solved on the spot', async () => {
    env.clock.set(cst('2026-10-20T09:00:00'));
    const first = (await report(p.gridWorker, { categoryCode: '0104', description: '路面油污', lat: 30.8, lng: 106.08, compoundId: null, communityId: p.regions.communityA.id })).json();
    expect(first.possibleDuplicate).toBe(false);
    const second = (await report(p.desk, { categoryCode: '0104', description: '路面有油', lat: 30.80025, lng: 106.08, compoundId: null, communityId: p.regions.communityA.id, sourceChannel: 'staff' })).json();
    expect([second.possibleDuplicate, second.duplicateCandidates]).toEqual([true, [first.id]]);
    const far = (await report(p.desk, { categoryCode: '0104', description: '另一处', lat: 30.81, lng: 106.08, compoundId: null, communityId: p.regions.communityA.id, sourceChannel: 'staff' })).json();
    expect(far.possibleDuplicate).toBe(false);
    const merged = (await act(p.desk, second.id, 'merge', { duplicate_of: first.id })).json();
    expect([merged.stage, merged.outcome, merged.duplicateOf]).toEqual(['invalid', 'invalid', first.id]);
    await act(p.desk, far.id, 'accept');
    expect((await act(p.desk, far.id, 'cancel', { reason: '重复登记' })).json().outcome).toBe('cancelled');
    const before = await photo(p.gridWorker);
    const selfDone = await report(p.gridWorker, { categoryCode: '0201', description: '电线杆小广告', photos: [before], selfHandled: { result: '已清除', photos: [await photo(p.gridWorker)] } });
    expect([selfDone.statusCode, selfDone.json().stage, selfDone.json().outcome]).toEqual([201, 'closed', 'self_handled']);
    expect(selfDone.json().timeline.at(-1).attachments).toEqual([before]);
    const notPatrol = await report(p.desk, { categoryCode: '0201', description: 'x', sourceChannel: 'staff', selfHandled: { result: '已清除', photos: [] } });
    expect([notPatrol.statusCode, notPatrol.json().error.code]).toEqual([409, 'INCIDENT_SELF_HANDLE_NOT_ALLOWED']);
  });

  it('returns a wrong dispatch, re-routes it, extends with approval, suspends and closes it as not fixed', async () => {
    env.clock.set(cst('2026-10-19T09:00:00'));
    const id = (await report(p.desk, { categoryCode: '0108', description: '楼顶违章搭建', sourceChannel: 'staff' })).json().id;
    await act(p.desk, id, 'accept');
    await act(p.desk, id, 'register');
    await act(p.desk, id, 'dispatch', { handler_org_id: p.property.id });
    const ret = await step(id, p.desk, p.handler, 'return', { reason: '违建查处不属物业职责' });
    expect([ret.stage, ret.counts.return]).toEqual(['returned', 1]);
    // The former handler no longer holds it once it is re-routed to the community.
    expect((await act(p.desk, id, 'dispatch')).json().handler.kind).toBe('community');
    expect((await act(p.handler, id, 'sign')).statusCode).toBe(403);
    await act(p.desk, id, 'sign');
    const early = await act(p.desk, id, 'request_extension', { until: '2026-10-01', reason: '需执法部门配合' });
    expect([early.statusCode, problemCodes(early.json())]).toEqual([400, ['input.until:OUT_OF_RANGE']]);
    await act(p.desk, id, 'request_extension', { until: '2026-11-20', reason: '需执法部门配合' });
    const approved = await step(id, p.gridWorker, p.desk, 'approve_extension');
    expect([approved.stage, approved.deadlineAt, approved.counts.extension]).toEqual(['handling', cst('2026-11-21T00:00:00').toISOString(), 1]);
    await act(p.desk, id, 'request_suspension', { reason: '产权纠纷，需法院判决' });
    expect((await step(id, p.gridWorker, p.desk, 'approve_suspension')).stage).toBe('suspended');
    const unfixed = await step(id, p.desk, p.gridWorker, 'close_unfixed', { reason: '法院判决前无法处置' });
    expect([unfixed.stage, unfixed.outcome]).toEqual(['closed_unfixed', 'closed_unfixed']);
  });

  it('closes a case the reporter never answered once the period is over, and then refuses a late answer', async () => {
    env.clock.set(cst('2026-10-14T09:00:00'));
    const r = await reportIncident(env.db, { actor: anonymousActor(null), keys: env.keys, clock: env.clock }, {
      categoryCode: '0502', description: '门口占道摆摊', compoundId: p.compound.id, sourceChannel: 'resident',
    }, {});
    const id = r.incident.id;
    const secret = r.reporterSecret!;
    for (const [c, e, i] of [[p.desk, 'accept', {}], [p.desk, 'register', {}], [p.desk, 'dispatch', {}], [p.desk, 'sign', {}], [p.desk, 'handle', {}],
      [p.desk, 'feedback', { result: '已劝离', photos: [await photo(p.desk)] }], [p.desk, 'forward', {}], [p.gridWorker, 'pass', {}]] as const) {
      expect([e, (await act(c, id, e, i)).statusCode]).toEqual([e, 200]);
    }
    const taskIds = async () => (await p.gridWorker.get('/api/incidents/tasks')).json().items.map((x: { id: string }) => x.id);
    expect(await taskIds()).not.toContain(id);
    env.clock.advance(3 * 24 * 3600_000 + 60_000);
    expect(await taskIds()).toContain(id);
    const late = await env.anon().post(`/api/incidents/${id}/reporter-response`, { secret, event: 'confirm' });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'INCIDENT_CONFIRMATION_OVER']);
    expect(events((await p.gridWorker.get(`/api/incidents/${id}`)).json())).toEqual(['close', 'close_unfixed']);
    expect((await act(p.gridWorker, id, 'close')).json().outcome).toBe('closed');
  });

  it('lets a resident confirm or reopen within the period with their secret, and only then a verifier close', async () => {
    env.clock.set(cst('2026-10-13T09:00:00'));
    const r = await reportIncident(env.db, { actor: anonymousActor('203.0.113.9'), keys: env.keys, clock: env.clock }, {
      categoryCode: '0505', description: '消防通道被车辆堵塞', compoundId: p.compound.id, sourceChannel: 'resident', reporterName: '李小明', reporterPhone: '13800138000',
    }, { reporterSecret: 'resident-secret-123' });
    const id = r.incident.id;
    expect([r.created, r.reporterSecret, r.incident.reporter, r.incident.needsConfirmation]).toEqual([true, 'resident-secret-123', { kind: 'anonymous', name: '李*明', phone: '138****8000' }, true]);
    await act(p.desk, id, 'accept');
    // 消防通道堵塞 is urgent: 4 natural hours.
    expect((await act(p.desk, id, 'register')).json().deadlineAt).toBe(cst('2026-10-13T13:00:00').toISOString());
    // No rule and no choice: the community handles it, i.e. whoever holds incident.handle there.
    expect((await act(p.desk, id, 'dispatch')).json().handler).toEqual({ kind: 'community', id: p.regions.communityA.id, name: '北街社区' });
    const wrongSign = await act(p.handler, id, 'sign');
    expect(wrongSign.statusCode).toBe(403);
    for (const [e, i] of [['sign', {}], ['handle', {}], ['feedback', { result: '已联系车主挪车', photos: [await photo(p.desk)] }], ['forward', {}]] as const) {
      expect((await act(p.desk, id, e, i)).statusCode).toBe(200);
    }
    const direct = await act(p.gridWorker, id, 'close');
    expect([direct.statusCode, direct.json().error.code]).toEqual([409, 'INCIDENT_CONFIRMATION_REQUIRED']);
    expect((await act(p.gridWorker, id, 'pass')).json().stage).toBe('confirming');
    const early = await act(p.gridWorker, id, 'close');
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'INCIDENT_CONFIRMATION_PENDING']);
    const anon = env.anon();
    const bad = await anon.post(`/api/incidents/${id}/reporter-response`, { secret: 'not-the-secret', event: 'reopen', input: { reason: '还是堵' } });
    expect(bad.statusCode).toBe(404);
    const reopened = await anon.post(`/api/incidents/${id}/reporter-response`, { secret: 'resident-secret-123', event: 'reopen', input: { reason: '晚上又被堵了' } });
    expect([reopened.statusCode, reopened.json().stage]).toEqual([200, 'dispatched']);
    for (const [e, i] of [['sign', {}], ['handle', {}], ['feedback', { result: '已设置禁停桩', photos: [await photo(p.desk)] }], ['forward', {}]] as const) await act(p.desk, id, e, i);
    await act(p.gridWorker, id, 'pass');
    const confirmed = await anon.post(`/api/incidents/${id}/reporter-response`, { secret: 'resident-secret-123', event: 'confirm', input: { satisfaction: 5 } });
    expect(confirmed.json().stage).toBe('confirmed');
    const closed = (await act(p.gridWorker, id, 'close')).json();
    expect([closed.stage, closed.outcome, closed.counts.rework]).toEqual(['closed', 'closed', 1]);
    const row = await env.db.selectFrom('incident').select(['satisfaction', 'reporter_phone_enc', 'reporter_name_enc']).where('id', '=', id).executeTakeFirstOrThrow();
    expect([row.satisfaction, row.reporter_phone_enc?.includes('13800138000'), env.keys.decrypt(row.reporter_name_enc!)]).toEqual([5, false, '李小明']);
  });

  it('runs the loop by the right actors, refuses the wrong one at each step, and counts the rework', async () => {
    env.clock.set(cst('2026-10-12T09:00:00'));
    const created = await report(p.gridWorker, { categoryCode: '0101', description: '小区东门私搭雨棚', photos: [await photo(p.gridWorker)] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await step(id, p.gridWorker, p.desk, 'accept');
    const reg = await step(id, p.handler, p.desk, 'register');
    // 私搭乱建: 5 working days from Monday 12 October → end of Monday 19 October.
    expect([reg.stage, reg.deadlineAt, reg.verifiers]).toEqual(['registered', cst('2026-10-20T00:00:00').toISOString(), [p.gridWorker.userId]]);
    expect(reg.suggestedHandler).toEqual({ kind: 'community', id: p.regions.communityA.id, name: '北街社区', via: 'community' });
    const disp = await step(id, p.gridWorker, p.desk, 'dispatch', { handler_org_id: p.property.id });
    expect(disp.handler).toEqual({ kind: 'org', id: p.property.id, name: '锦华物业' });
    // The handler finds it in their task list; the grid worker does not yet.
    expect((await p.handler.get('/api/incidents/tasks')).json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await p.gridWorker.get('/api/incidents/tasks')).json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    await step(id, p.desk, p.handler, 'sign');
    await step(id, p.gridWorker, p.handler, 'handle');
    await step(id, p.desk, p.handler, 'feedback', { result: '已拆除雨棚', photos: [await photo(p.handler)] });
    await step(id, p.handler, p.desk, 'forward');
    expect((await p.gridWorker.get('/api/incidents/tasks')).json().items.map((x: { id: string }) => x.id)).toContain(id);
    const failed = await step(id, p.desk, p.gridWorker, 'fail', { reason: '雨棚支架仍在' });
    expect([failed.stage, failed.counts.rework, failed.handler.id]).toEqual(['dispatched', 1, p.property.id]);
    await act(p.handler, id, 'sign');
    await act(p.handler, id, 'handle');
    await act(p.handler, id, 'feedback', { result: '支架已清除', photos: [await photo(p.handler)] });
    await act(p.desk, id, 'forward');
    // Only verifiers close: the dispatcher cannot; a staff report needs no reporter confirmation, so "pass" is refused too.
    const noPass = await act(p.gridWorker, id, 'pass');
    expect([noPass.statusCode, noPass.json().error.code]).toEqual([409, 'INCIDENT_CONFIRMATION_NOT_NEEDED']);
    const closed = await step(id, p.desk, p.gridWorker, 'close', { note: '现场核查已整改' });
    expect([closed.stage, closed.outcome, closed.counts, closed.abilities.events]).toEqual(['closed', 'closed', { rework: 1, return: 0, extension: 0, feedback: 2 }, []]);
    expect(closed.timeline.map((e: { event: string }) => e.event)).toEqual([
      'start', 'report', 'accept', 'register', 'dispatch', 'sign', 'handle', 'feedback', 'forward', 'fail', 'sign', 'handle', 'feedback', 'forward', 'close',
    ]);
    const audit = await env.db.selectFrom('audit_log').select('action').where('object_id', '=', id).where('action', 'like', 'incident.%').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['incident.report', ...closed.timeline.slice(2).map((e: { event: string }) => `incident.${e.event}`)]);
    // The rework shows in 返工率 for the day the case was due (the only case due that day): 1 rework over 1 handled case.
    const kpi = (await p.desk.get(`/api/incident-kpis?regionId=${p.regions.communityA.id}&from=2026-10-19&to=2026-10-19&groupBy=worker`)).json();
    expect([kpi.total.counts.due, kpi.total.counts.handled, kpi.total.counts.reworks, kpi.total.rates.reworkRate]).toEqual([1, 1, 1, 1]);
    const mine = kpi.rows.find((r: { key: string }) => r.key === p.gridWorker.userId);
    expect([mine.name, mine.counts.closedOnTime, mine.rates.reworkRate]).toEqual([p.gridWorker.username, 1, 1]);
  });

  it('keeps the generic method endpoints from moving an incident', async () => {
    const id = (await report(p.gridWorker, { categoryCode: '0102', description: '垃圾桶满溢' })).json().id;
    const inst = (await p.desk.get(`/api/method-instances/${id}`)).json();
    const r = await p.desk.post(`/api/method-instances/${id}/events`, { event: 'accept', input: {}, version: inst.version });
    expect([r.statusCode, r.json().error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    expect((await p.desk.get(`/api/incidents/${id}`)).json().stage).toBe('reported');
  });

  it('computes a working-day deadline across the National Day holiday from the calendar', async () => {
    env.clock.set(cst('2026-09-30T10:00:00'));
    const id = (await report(p.gridWorker, { categoryCode: '0106', description: '楼道堆放纸箱' })).json().id;
    await act(p.desk, id, 'accept');
    // 楼道堆物: 3 working days from Wednesday 30 September; 1–7 October are holidays, Saturday 10 October is worked.
    expect((await act(p.desk, id, 'register')).json().deadlineAt).toBe(cst('2026-10-11T00:00:00').toISOString());
  });

  it('creates one incident for a report sent twice with the same client id', async () => {
    const id = crypto.randomUUID();
    const first = await report(p.gridWorker, { id, photos: [await photo(p.gridWorker)] });
    expect(first.statusCode).toBe(201);
    const again = await report(p.gridWorker, { id, photos: [] });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(id);
    expect(Number((await env.db.selectFrom('incident').select((eb) => eb.fn.countAll().as('n')).where('id', '=', id).executeTakeFirstOrThrow()).n)).toBe(1);
    const i = first.json();
    expect([i.stage, i.categoryVersion, i.reporter.name, i.needsConfirmation, i.timeline.map((e: { event: string }) => e.event)]).toEqual(['reported', 1, p.gridWorker.username, false, ['start', 'report']]);
    expect(i.timeline[1].attachments.length + (i.timeline[1].input.photos?.length ?? 0)).toBe(1);
    // Someone who cannot see the first incident cannot take its id either.
    expect((await report(p.outsider, { id, compoundId: p.compoundC.id })).json().error.code).toBe('ID_CONFLICT');
  });

  it('numbers each China-time day of reports from 1, keeps a resent report its number, and finds a case by it', async () => {
    env.clock.set(cst('2026-08-03T23:50:00'));
    const day1 = await Promise.all([1, 2, 3].map((n) => report(p.gridWorker, { description: `夜间报告 ${n}` })));
    expect(day1.map((r) => r.json().caseNo).sort()).toEqual(['2026080300001', '2026080300002', '2026080300003']);
    // 00:10 in Beijing is still 3 August in UTC: the number follows the China-time day.
    env.clock.set(cst('2026-08-04T00:10:00'));
    const id = crypto.randomUUID();
    const first = (await report(p.gridWorker, { id })).json();
    expect(first.caseNo).toBe('2026080400001');
    expect((await report(p.gridWorker, { id })).json().caseNo).toBe('2026080400001');
    expect((await report(p.gridWorker, {})).json().caseNo).toBe('2026080400002');
    const found = (await p.desk.get(`/api/incidents?q=${first.caseNo}`)).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([id]);
  });
});
