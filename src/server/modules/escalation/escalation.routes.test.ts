import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.ts';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { act, cst, incidentPlaces, problemCodes } from '../incidents/testing/fixture.ts';
import { EXAMPLE_CALENDAR_2026 } from '../methods/index.ts';
import { createOrg } from '../orgs/index.ts';
import { pendingOutbox } from '../outbox/index.ts';
import { runEscalations } from './escalation.service.ts';

let env: TestEnv;
let p: Awaited<ReturnType<typeof incidentPlaces>>;
const org: Record<string, string> = {};
const who: Record<string, Client> = {};
const inc: Record<string, string> = {};
const body: Record<string, string> = {};

/** Moves the clock and signs everyone in again (a jump forward would end their idle sessions). */
async function at(time: string) {
  env.clock.set(cst(time));
  for (const k of Object.keys(who)) who[k] = await env.signIn(who[k].username);
}

/** Runs the automatic rule as the scheduler would at that instant (the app's clock stays where it is). */
async function runAt(time: string) {
  const now = cst(time);
  return runEscalations(env.db, { ...env.ctx(), clock: new FakeClock(now) }, now);
}

async function report(c: Client, categoryCode: string, extra: Record<string, unknown> = {}) {
  const r = await c.post('/api/incidents', { categoryCode, description: `事件 ${categoryCode}`, compoundId: p.compound.id, sourceChannel: 'patrol', ...extra });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
}

const ladderOf = async (c: Client, id: string) => (await c.get(`/api/incidents/${id}/escalation`)).json();
const agendaRefs = async (c: Client, id: string) => (await c.get(`/api/joint-bodies/${id}/agenda`)).json().items.map((i: { ref: string }) => i.ref);
const err = (r: { statusCode: number; json(): { error: { code: string } } }) => [r.statusCode, r.json().error.code];

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-escalation-'));
  env.clock.set(cst('2026-09-29T09:00:00'));
  p = await incidentPlaces(env);
  expect((await p.admin.put('/api/calendar?year=2026', { days: EXAMPLE_CALENDAR_2026.days })).statusCode).toBe(200);
  const ctx = env.ctx();
  org.party = (await createOrg(env.db, ctx, { type: 'party_committee', name: '北街社区党委', regionId: p.regions.communityA.id })).org.id;
  org.city = (await createOrg(env.db, ctx, { type: 'government_department', name: '中城街道综合执法队', regionId: p.regions.streetA.id })).org.id;
  org.police = (await createOrg(env.db, ctx, { type: 'government_department', name: '中城派出所', regionId: p.regions.streetA.id })).org.id;
  org.property = p.property.id;
  Object.assign(who, { desk: p.desk, handler: p.handler, outsider: p.outsider, admin: p.admin, grid: p.gridWorker });
  who.street = await env.user([{ roleKey: 'street_admin', scopePath: p.regions.streetA.path }]);
  who.county = await env.user([{ roleKey: 'street_admin', scopePath: p.regions.county.path }]);
  // A person of the street's enforcement team acts on the tasks sent to it, without any place of their own.
  who.enforcer = await env.user([]);
  expect((await p.admin.post('/api/incident-handlers', { orgId: org.city, userId: who.enforcer.userId })).statusCode).toBe(201);

  // I1: dispatched to the property company, which signs for it; I2: registered, 1 working day; I4: registered, waiting for dispatch;
  // I3: no compound, starts at the community.
  inc.i1 = await report(who.grid, '0106');
  inc.i2 = await report(who.grid, '0104');
  inc.i4 = await report(who.grid, '0108');
  inc.i3 = await report(who.desk, '0101', { compoundId: null, communityId: p.regions.communityA.id, sourceChannel: 'staff' });
  for (const id of Object.values(inc)) for (const e of ['accept', 'register']) expect((await act(who.desk, id, e)).statusCode).toBe(200);
  expect((await act(who.desk, inc.i1, 'dispatch', { handler_org_id: org.property })).statusCode).toBe(200);
  expect((await act(who.handler, inc.i1, 'sign')).statusCode).toBe(200);
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

describe('joint-meeting bodies and the rota', () => {
  it('sets up one body per place, by an administrator of that place, once per client id', async () => {
    const spec = { placeId: p.regions.communityA.id, members: [org.party, org.property, org.city], rota: [org.party, org.property, org.city], rotaStart: '2026-09' };
    expect(err(await who.desk.post('/api/joint-bodies', spec))).toEqual([403, 'FORBIDDEN']);
    const bad = await who.street.post('/api/joint-bodies', { ...spec, rota: [org.party, org.police], members: [org.party, 'nope'] });
    expect([bad.statusCode, problemCodes(bad.json())]).toEqual([400, ['rota.1:NOT_A_MEMBER', 'members.1:ORG_UNKNOWN']]);
    const id = crypto.randomUUID();
    const r = await who.street.post('/api/joint-bodies', { ...spec, id });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ level: 'community', name: '北街社区联席会议', place: { id: p.regions.communityA.id }, chairThisMonth: { id: org.party }, abilities: { configure: true, record: true } });
    expect((await who.street.post('/api/joint-bodies', { ...spec, id })).statusCode).toBe(200);
    expect(err(await who.street.post('/api/joint-bodies', spec))).toEqual([409, 'JOINT_BODY_EXISTS']);
    body.community = id;
    body.street = (await who.street.post('/api/joint-bodies', { placeId: p.regions.streetA.id, name: '中城街道联席会议', members: [org.city, org.police], rota: [org.city, org.police], rotaStart: '2026-01' })).json().id;
    expect((await who.desk.get(`/api/joint-bodies/${id}`)).json().abilities).toEqual({ configure: false, record: true });
    expect((await who.outsider.get(`/api/joint-bodies/${id}`)).statusCode).toBe(404);
    expect((await who.desk.get(`/api/joint-bodies/${body.street}`)).statusCode).toBe(404);
    expect((await who.street.get('/api/joint-bodies')).json().items.map((b: { level: string }) => b.level)).toEqual(['street', 'community']);
  });

  it('rotates the chair by month and lets an administrator swap two months, with a reason, at the version read', async () => {
    const rota = (await who.desk.get(`/api/joint-bodies/${body.community}/rota?year=2026`)).json();
    expect(rota.months.slice(8).map((m: { chair: { id: string } }) => m.chair.id)).toEqual([org.party, org.property, org.city, org.party]);
    expect(rota.months[0].chair.id).toBe(org.property);
    const swap = { version: rota.version, months: ['2026-10', '2026-11'], reason: '十月物业公司换届' };
    expect(err(await who.desk.post(`/api/joint-bodies/${body.community}/rota/changes`, swap))).toEqual([403, 'FORBIDDEN']);
    expect(err(await who.street.post(`/api/joint-bodies/${body.community}/rota/changes`, { ...swap, version: 9 }))).toEqual([409, 'STALE']);
    const noReason = await who.street.post(`/api/joint-bodies/${body.community}/rota/changes`, { ...swap, reason: '换' });
    expect([noReason.statusCode, problemCodes(noReason.json())]).toEqual([400, ['reason:REASON_TOO_SHORT']]);
    const swapped = (await who.street.post(`/api/joint-bodies/${body.community}/rota/changes`, swap)).json();
    expect(swapped.months.slice(9, 11)).toMatchObject([
      { month: '2026-10', chair: { id: org.city }, scheduled: { id: org.property }, overridden: true, reason: '十月物业公司换届' },
      { month: '2026-11', chair: { id: org.property }, scheduled: { id: org.city }, overridden: true },
    ]);
    expect(err(await who.street.post(`/api/joint-bodies/${body.community}/rota/changes`, swap))).toEqual([409, 'STALE']);
  });
});

describe('escalation ladder', () => {
  it('lets the handler at the compound escalate with a reason, once per client id, keeping the incident in its stage', async () => {
    const before = await ladderOf(who.handler, inc.i1);
    expect(before).toMatchObject({ level: 'compound', version: 1, next: { level: 'community', id: p.regions.communityA.id }, abilities: { escalate: true } });
    expect(before.chain.map((c: { level: string; reached: boolean }) => `${c.level}:${c.reached}`)).toEqual(['compound:true', 'community:false', 'street:false', 'county:false']);
    const url = `/api/incidents/${inc.i1}/escalations`;
    const short = await who.handler.post(url, { version: 1, reason: '解决' });
    expect([short.statusCode, problemCodes(short.json())]).toEqual([400, ['reason:REASON_TOO_SHORT']]);
    expect(err(await who.handler.post(url, { version: 4, reason: '小区无法解决：需拆除违建' }))).toEqual([409, 'STALE']);
    expect((await who.outsider.get(`/api/incidents/${inc.i1}/escalation`)).statusCode).toBe(404);
    expect((await who.outsider.post(url, { version: 1, reason: '小区无法解决' })).statusCode).toBe(404);
    const id = crypto.randomUUID();
    const r = await who.handler.post(url, { id, version: 1, reason: '小区无法解决：需拆除违建' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ level: 'community', version: 2, events: [{ id, kind: 'manual', fromLevel: 'compound', toLevel: 'community', reason: '小区无法解决：需拆除违建' }] });
    expect((await who.handler.post(url, { id, version: 1, reason: '小区无法解决：需拆除违建' })).statusCode).toBe(200);
    expect((await env.db.selectFrom('escalation_event').select('id').where('incident_id', '=', inc.i1).execute()).length).toBe(1);
    expect((await who.desk.get(`/api/incidents/${inc.i1}`)).json().stage).toBe('signed');
    // The property company sits at the compound: the community's matter is no longer theirs to push further.
    expect(err(await who.handler.post(url, { version: 2, reason: '社区也解决不了' }))).toEqual([403, 'ESCALATION_NOT_ALLOWED']);
    const reminders = await pendingOutbox(env.db, ['incident.escalated'], 10);
    expect(reminders.map((o) => [o.aggregateId, o.payload.toLevel, o.payload.jointBodyId, o.scopePath])).toEqual([[inc.i1, 'community', body.community, p.regions.communityA.path]]);
    expect((await env.db.selectFrom('audit_log').select('action').where('object_id', '=', inc.i1).where('action', '=', 'incident.escalate').execute()).length).toBe(1);
  });

  it('climbs to the county by the dispatchers of each level, and no further', async () => {
    env.clock.advance(60_000);
    const url = `/api/incidents/${inc.i3}/escalations`;
    expect((await ladderOf(who.desk, inc.i3)).level).toBe('community');
    expect((await who.desk.post(url, { version: 1, reason: '社区无力协调执法' })).json().level).toBe('street');
    expect(err(await who.desk.post(url, { version: 2, reason: '街道也不行' }))).toEqual([403, 'ESCALATION_NOT_ALLOWED']);
    expect((await who.street.post(url, { version: 2, reason: '需区级部门联合执法' })).json()).toMatchObject({ level: 'county', next: null, abilities: { escalate: false } });
    expect(err(await who.county.post(url, { version: 3, reason: '需要再往上报告' }))).toEqual([409, 'ESCALATION_AT_TOP']);
    expect((await who.desk.post(`/api/incidents/${inc.i4}/escalations`, { version: 1, reason: '小区物业无法处置违建' })).statusCode).toBe(201);
  });

  it('raises an overdue incident after its threshold in working days, onto the next level’s agenda', async () => {
    // I2 was due at the end of 30 September; the National Day holiday means 2 working days over end only with 9 October.
    expect((await runAt('2026-10-09T23:59:00')).risen.filter((r) => r.incidentId === inc.i2)).toEqual([]);
    const run = await runAt('2026-10-10T00:01:00');
    expect(run.risen.filter((r) => r.incidentId === inc.i2)).toEqual([{ incidentId: inc.i2, from: 'compound', to: 'community', placeId: p.regions.communityA.id, dueAt: cst('2026-10-10T00:00:00').toISOString() }]);
    expect((await runAt('2026-10-10T00:05:00')).risen).toEqual([]);
    expect((await ladderOf(who.desk, inc.i2)).events).toMatchObject([{ kind: 'overdue', actorName: '系统', deadlineAt: cst('2026-10-01T00:00:00').toISOString() }]);
    expect(await agendaRefs(who.desk, body.community)).toEqual([inc.i1, inc.i4, inc.i2]);
    // Five working days over (8, 9, the make-up Saturday 10, 12, 13 October): on to the street, off the community's agenda.
    const later = await runAt('2026-10-14T00:01:00');
    expect(later.risen.map((r) => `${r.incidentId === inc.i2 ? 'i2' : r.incidentId}:${r.to}`)).toEqual(['i2:street']);
    expect(await agendaRefs(who.desk, body.community)).toEqual([inc.i1, inc.i4]);
    const street = (await who.street.get(`/api/joint-bodies/${body.street}/agenda`)).json();
    // I3 rose past the street to the county, so only I2 waits for the street's meeting.
    expect(street.items.map((i: { ref: string; incident: { level: string }; escalation: { kind: string } }) => [i.ref, i.incident.level, i.escalation.kind])).toEqual([[inc.i2, 'street', 'overdue']]);
    const listed = (await who.street.get(`/api/joint-bodies/${body.street}/escalations`)).json();
    expect(listed.items.map((i: { incident: { id: string } }) => i.incident.id).sort()).toEqual([inc.i2, inc.i3].sort());
  });
});

describe('sessions, decisions and tasks', () => {
  let caseId: string;
  let sessionId: string;

  it('adds a hard case by hand with a reason', async () => {
    await at('2026-10-20T10:00:00');
    const noReason = await who.desk.post(`/api/joint-bodies/${body.community}/cases`, { title: '北街菜市场占道', reason: '' });
    expect([noReason.statusCode, problemCodes(noReason.json())]).toEqual([400, ['reason:REASON_TOO_SHORT']]);
    const id = crypto.randomUUID();
    const spec = { id, title: '北街菜市场周边占道经营', reason: '涉及市场监管和执法多个部门' };
    expect((await who.desk.post(`/api/joint-bodies/${body.community}/cases`, spec)).statusCode).toBe(201);
    expect((await who.desk.post(`/api/joint-bodies/${body.community}/cases`, spec)).statusCode).toBe(200);
    expect((await who.grid.post(`/api/joint-bodies/${body.community}/cases`, { ...spec, id: crypto.randomUUID() })).statusCode).toBe(403);
    caseId = id;
    expect(await agendaRefs(who.desk, body.community)).toEqual([inc.i1, inc.i4, caseId]);
  });

  it('records a session: attendance, minutes, a decision per item sent down as a task, dispatching what waits for dispatch', async () => {
    const url = `/api/joint-bodies/${body.community}/sessions`;
    const decision = (orgId: string, dueOn: string, text: string) => ({ text, responsibleOrgId: orgId, dueOn });
    const spec = {
      id: crypto.randomUUID(), heldOn: '2026-10-20', place: '北街社区党群服务中心', attendees: [org.party, org.city], minutes: '10 月联席会议，协调 3 件。',
      items: [
        { incidentId: inc.i1, note: '物业已签收，需执法配合', decision: decision(org.city, '2026-10-30', '街道综合执法队 10 日内拆除') },
        { incidentId: inc.i4, decision: decision(org.city, '2026-11-15', '派综合执法队处置违建') },
        { caseId, decision: decision(org.party, '2026-10-25', '社区党委牵头约谈市场方') },
      ],
    };
    const wrong = await who.desk.post(url, { ...spec, attendees: [org.police], items: [{ incidentId: inc.i2 }] });
    expect([wrong.statusCode, problemCodes(wrong.json())]).toEqual([400, ['attendees.0:NOT_A_MEMBER', 'items.0.incidentId:NOT_ON_AGENDA']]);
    expect((await who.grid.post(url, spec)).statusCode).toBe(403);
    const r = await who.desk.post(url, spec);
    expect(r.statusCode).toBe(201);
    const s = r.json();
    sessionId = s.id;
    expect(s).toMatchObject({ level: 'community', month: '2026-10', chair: { id: org.city }, attendees: [{ id: org.party }, { id: org.city }], itemCount: 3, decisionCount: 3 });
    expect(s.items.map((i: { kind: string; effect: string | null; task: { org: { id: string }; state: string } }) => [i.kind, i.effect, i.task.org.id, i.task.state])).toEqual([
      ['escalation', 'recorded', org.city, 'open'], ['escalation', 'dispatched', org.city, 'open'], ['case', null, org.party, 'open'],
    ]);
    expect((await who.desk.post(url, spec)).statusCode).toBe(200);
    expect((await env.db.selectFrom('joint_task').select('id').execute()).length).toBe(3);
    const i4 = (await who.desk.get(`/api/incidents/${inc.i4}`)).json();
    expect([i4.stage, i4.handler.id]).toEqual(['dispatched', org.city]);
    expect((await who.desk.get(`/api/incidents/${inc.i1}`)).json().stage).toBe('signed');
    expect(await agendaRefs(who.desk, body.community)).toEqual([]);
    expect((await ladderOf(who.desk, inc.i4)).decisions).toMatchObject([{ bodyId: body.community, effect: 'dispatched', responsibleOrg: { id: org.city }, dueOn: '2026-11-15', taskState: 'open' }]);
    expect((await who.outsider.get(`/api/joint-sessions/${sessionId}`)).statusCode).toBe(404);
    expect((await pendingOutbox(env.db, ['joint.task_assigned'], 10)).length).toBe(3);
  });

  it('corrects the minutes at the version read', async () => {
    expect(err(await who.desk.patch(`/api/joint-sessions/${sessionId}`, { version: 7, minutes: '更正' }))).toEqual([409, 'STALE']);
    expect((await who.desk.patch(`/api/joint-sessions/${sessionId}`, { version: 1, minutes: '10 月联席会议，协调 3 件（更正）。' })).json()).toMatchObject({ version: 2, minutes: '10 月联席会议，协调 3 件（更正）。' });
  });

  it('lets the responsible organisation close its task with evidence; overdue tasks and the counts show', async () => {
    const mine = (await who.enforcer.get('/api/joint-tasks')).json();
    expect(mine.items.map((t: { org: { id: string }; abilities: { complete: boolean } }) => [t.org.id, t.abilities.complete])).toEqual([[org.city, true], [org.city, true]]);
    const t = mine.items[0];
    expect(err(await who.outsider.post(`/api/joint-tasks/${t.id}/done`, { version: 1, evidence: '已拆除' }))).toEqual([404, 'NOT_FOUND']);
    expect(err(await who.enforcer.post(`/api/joint-tasks/${t.id}/done`, { version: 3, evidence: '违建已于 10 月 28 日拆除' }))).toEqual([409, 'STALE']);
    const done = await who.enforcer.post(`/api/joint-tasks/${t.id}/done`, { version: 1, evidence: '违建已于 10 月 28 日拆除' });
    expect(done.json()).toMatchObject({ state: 'done', version: 2, overdue: false, evidence: '违建已于 10 月 28 日拆除', abilities: { complete: false } });
    expect(err(await who.enforcer.post(`/api/joint-tasks/${t.id}/done`, { version: 2, evidence: '再次' }))).toEqual([409, 'JOINT_TASK_DONE']);

    await at('2026-11-05T10:00:00');
    const overdue = (await who.desk.get(`/api/joint-tasks?bodyId=${body.community}&overdue=true`)).json();
    expect(overdue.items.map((x: { org: { id: string }; overdue: boolean }) => [x.org.id, x.overdue])).toEqual([[org.party, true]]);
    expect((await who.desk.get(`/api/joint-bodies/${body.community}`)).json()).toMatchObject({ lastHeldOn: '2026-10-20', pendingItems: 0, openTasks: 2, overdueTasks: 1, chairThisMonth: { id: org.property } });
    const stats = (await who.street.get(`/api/joint-stats?placeId=${p.regions.streetA.id}&from=2026-01&to=2026-12`)).json();
    expect(stats.byMonth).toEqual([{ level: 'community', month: '2026-10', sessions: 1, items: 3, decisions: 3 }]);
    expect(stats.totals).toEqual({ sessions: 1, items: 3, decisions: 3, tasksDone: 1, tasksOpen: 2, tasksOverdue: 1, escalated: 5 });
    expect((await who.outsider.get(`/api/joint-stats?placeId=${p.regions.streetA.id}`)).json().totals.sessions).toBe(0);
  });
});

describe('thresholds', () => {
  it('reads the defaults and lets an administrator set a place’s own, in order', async () => {
    expect((await who.desk.get('/api/escalation-thresholds')).json().levels).toEqual([
      { level: 'community', amount: 2, unit: 'working_days', definedAt: '/' }, { level: 'street', amount: 5, unit: 'working_days', definedAt: '/' },
      { level: 'county', amount: 10, unit: 'working_days', definedAt: '/' },
    ]);
    const levels = [{ level: 'community', amount: 1, unit: 'working_days' }, { level: 'street', amount: 3, unit: 'working_days' }];
    expect((await who.desk.put('/api/escalation-thresholds', { scopePath: p.regions.streetA.path, levels })).statusCode).toBe(403);
    const bad = await who.street.put('/api/escalation-thresholds', { scopePath: p.regions.streetA.path, levels: [{ level: 'community', amount: 4, unit: 'working_days' }, { level: 'street', amount: 3, unit: 'working_days' }] });
    expect([bad.statusCode, problemCodes(bad.json())]).toEqual([400, ['levels.1.amount:THRESHOLD_ORDER']]);
    const r = (await who.street.put('/api/escalation-thresholds', { scopePath: p.regions.streetA.path, levels })).json();
    expect(r.levels.map((l: { amount: number; definedAt: string }) => `${l.amount}@${l.definedAt}`)).toEqual([`1@${p.regions.streetA.path}`, `3@${p.regions.streetA.path}`, '10@/']);
  });
});
