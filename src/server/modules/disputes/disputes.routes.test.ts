import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { createBody } from '../escalation/index.ts';
import { createOrg } from '../orgs/index.ts';
import { seedCompound, seedRegions, type RegionFixture } from '../registry/index.ts';

const ID_A = '11010519491231002X';
const ID_B = '330102199003071230';
const cst = (s: string) => new Date(s + '+08:00');

let env: TestEnv;
let fx: RegionFixture;
let compoundA: { id: string; path: string };
let compoundB: { id: string; path: string };
let compoundC: { id: string; path: string };
let workerA: Client;
let gridA: Client;
let street: Client;
let leader: Client;
let outsider: Client;
let auditor: Client;
const pool: Record<string, { id: string; version: number }> = {};

const codes = (r: { json(): { error: { fields: { field: string; code: string }[] } } }) => r.json().error.fields.map((f) => `${f.field}:${f.code}`);

async function auditEntries(q: string) {
  const r = await auditor.get(`/api/audit?${q}`);
  expect(r.statusCode).toBe(200);
  return r.json().items as { action: string; result: string; reason: string | null; detail: Record<string, unknown> }[];
}

function register(c: Client, body: Record<string, unknown> = {}) {
  return c.post('/api/disputes', {
    compoundId: compoundA.id, type: 'road_occupation', summary: '3 栋门前车辆长期占道，两户发生争执', occurredOn: '2026-10-01',
    parties: [{ name: '张三丰', phone: '13800138000', idNumber: ID_A, side: 'applicant' }, { name: '欧阳娜娜', idNumber: ID_B, side: 'respondent' }],
    ...body,
  });
}

async function fire(c: Client, id: string, event: string, input: Record<string, unknown> = {}) {
  const cur = await workerA.get(`/api/disputes/${id}`);
  return c.post(`/api/disputes/${id}/events`, { event, version: cur.json().version, input });
}

beforeAll(async () => {
  env = await makeTestEnv();
  // The clock only ever moves back from here, so the sessions opened now never pass the idle timeout.
  env.clock.set(cst('2026-10-28T09:00:00'));
  fx = await seedRegions(env.db, env.ctx());
  compoundA = await seedCompound(env.db, env.ctx(), fx.communityA.id, '北街一号院');
  compoundB = await seedCompound(env.db, env.ctx(), fx.communityB.id, '南街花园');
  compoundC = await seedCompound(env.db, env.ctx(), fx.communityC.id, '舞凤小区');
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityA.path }]);
  gridA = await env.user([{ roleKey: 'grid_worker', scopePath: fx.communityA.path }]);
  street = await env.user([{ roleKey: 'street_admin', scopePath: fx.streetA.path }]);
  leader = await env.user([{ roleKey: 'leader', scopePath: fx.streetA.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityC.path }]);
  auditor = await env.user([{ roleKey: 'audit_admin', scopePath: '/' }]);
});
afterAll(async () => {
  await env?.close();
});

describe('mediator pools', () => {
  it('keeps pools per region, masks phones, and lets a community use the pools above it', async () => {
    const elderless = await street.post('/api/mediators', { regionId: fx.streetA.id, kind: 'elder', name: '李光明' });
    expect([elderless.statusCode, codes(elderless)]).toEqual([400, ['elderKind:ELDER_KIND_REQUIRED']]);
    const id = crypto.randomUUID();
    const elder = await street.post('/api/mediators', { id, regionId: fx.streetA.id, kind: 'elder', elderKind: 'veteran_teacher', name: '李光明', phone: '13900001111', expertise: ['neighbourhood'] });
    expect(elder.statusCode).toBe(201);
    expect(elder.json()).toMatchObject({ kind: 'elder', elderKind: 'veteran_teacher', phoneMasked: '139****1111', region: { id: fx.streetA.id }, active: true });
    expect(elder.body).not.toContain('13900001111');
    expect((await street.post('/api/mediators', { id, regionId: fx.streetA.id, kind: 'elder', elderKind: 'veteran_teacher', name: '李光明' })).statusCode).toBe(200);
    pool.elder = elder.json();
    pool.lawyer = (await street.post('/api/mediators', { regionId: fx.streetA.id, kind: 'lawyer', name: '王律师', phone: '13700002222' })).json();
    pool.local = (await workerA.post('/api/mediators', { regionId: fx.communityA.id, kind: 'people_mediator', name: '赵调解' })).json();
    pool.far = (await outsider.post('/api/mediators', { regionId: fx.communityC.id, kind: 'police', name: '孙警官' })).json();
    const away = await workerA.post('/api/mediators', { regionId: fx.streetA.id, kind: 'lawyer', name: '越权' });
    expect([away.statusCode, away.json().error.code]).toEqual([403, 'OUT_OF_SCOPE']);

    const seen = (await workerA.get('/api/mediators?pageSize=50')).json();
    expect(seen.items.map((m: { name: string }) => m.name).sort()).toEqual(['李光明', '王律师', '赵调解'].sort());
    expect(seen.items.find((m: { name: string }) => m.name === '李光明').abilities).toEqual({ edit: false, reveal: true });
    expect((await outsider.get(`/api/mediators/${pool.elder.id}`)).statusCode).toBe(404);
    const own = (await street.get(`/api/mediators?regionId=${fx.streetA.id}`)).json();
    expect(own.total).toBe(2);

    const stale = await street.patch(`/api/mediators/${pool.lawyer.id}`, { version: 9, note: 'x' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'STALE']);
    const phone = await workerA.post(`/api/mediators/${pool.elder.id}/reveal`, { reason: '联系调解员到场' });
    expect(phone.json()).toEqual({ phone: '13900001111' });
  });
});

describe('dispute register', () => {
  let id: string;

  it('registers a dispute with sealed, masked parties, once per client id', async () => {
    const bad = await register(gridA, { type: 'quarrel', parties: [{ name: '张三', phone: '123', idNumber: '110105194912310021' }] });
    expect([bad.statusCode, codes(bad)]).toEqual([400, ['type:NOT_IN_LIST', 'parties.0.phone:PHONE_FORMAT', 'parties.0.idNumber:ID_CHECK_CHAR']]);
    const clientId = crypto.randomUUID();
    const r = await register(gridA, { id: clientId });
    expect(r.statusCode).toBe(201);
    const d = r.json();
    id = d.id;
    expect(d).toMatchObject({
      status: 'registered', type: 'road_occupation', typeName: { zh: '停车占道纠纷' }, compound: { id: compoundA.id, name: '北街一号院' },
      abilities: { edit: true, reveal: false, events: ['assign', 'refer', 'withdraw'] },
    });
    expect(d.parties).toEqual([
      expect.objectContaining({ seq: 1, side: 'applicant', nameMasked: '张*丰', phoneMasked: '138****8000', idNumberMasked: '110***********002X' }),
      expect.objectContaining({ seq: 2, side: 'respondent', nameMasked: '欧阳**', phoneMasked: null, idNumberMasked: '330***********1230' }),
    ]);
    for (const secret of ['张三丰', '13800138000', ID_A, ID_B, '欧阳娜娜']) expect(r.body).not.toContain(secret);
    const again = await register(gridA, { id: clientId.toUpperCase() });
    expect([again.statusCode, again.json().id]).toEqual([200, id]);
    const stored = await env.db.selectFrom('dispute_party').selectAll().where('dispute_id', '=', id).execute();
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain('张三丰');
    expect(d.timeline).toEqual([expect.objectContaining({ seq: 1, event: 'register', toStatus: 'registered', data: expect.objectContaining({ parties: 2 }) })]);
  });

  it('links a dispute to the incident it came from, which the registrar must be able to see', async () => {
    const unknown = await register(gridA, { sourceIncidentId: crypto.randomUUID() });
    expect([unknown.statusCode, codes(unknown)]).toEqual([400, ['sourceIncidentId:INCIDENT_UNKNOWN']]);
    const lead = await gridA.post('/api/incidents', { categoryCode: '0601', description: '两户因占道停车争吵', compoundId: compoundA.id, sourceChannel: 'patrol' });
    expect(lead.statusCode).toBe(201);
    const r = await register(gridA, { sourceIncidentId: lead.json().id });
    expect([r.statusCode, r.json().sourceIncidentId]).toEqual([201, lead.json().id]);
    expect((await workerA.get(`/api/disputes?sourceIncidentId=${lead.json().id}`)).json().items.map((d: { id: string }) => d.id)).toEqual([r.json().id]);
    const away = await register(outsider, { compoundId: compoundC.id, sourceIncidentId: lead.json().id });
    expect([away.statusCode, codes(away)]).toEqual([400, ['sourceIncidentId:INCIDENT_UNKNOWN']]);
    // Withdrawn so the counts below see only the disputes they expect besides this one.
    expect((await fire(workerA, r.json().id, 'withdraw', { reason: '已由事件处置' })).statusCode).toBe(200);
  });

  it('hides a dispute from users of other places', async () => {
    expect((await outsider.get(`/api/disputes/${id}`)).statusCode).toBe(404);
    expect((await outsider.get('/api/disputes')).json().total).toBe(0);
    expect((await outsider.post(`/api/disputes/${id}/events`, { event: 'assign', version: 1, input: { mediatorIds: [pool.far.id] } })).statusCode).toBe(404);
    expect((await outsider.post(`/api/disputes/${id}/reveal`, { fields: ['name'], reason: '越权查看当事人' })).statusCode).toBe(404);
    const away = await register(outsider);
    expect([away.statusCode, away.json().error.code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect((await leader.get(`/api/disputes/${id}`)).json().abilities).toEqual({ edit: false, reveal: false, events: [] });
  });

  it('reveals parties only with resident.reveal and a reason, and audits both outcomes without the values', async () => {
    const grid = await gridA.post(`/api/disputes/${id}/reveal`, { fields: ['phone'], reason: '联系当事人调解' });
    expect([grid.statusCode, grid.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const noReason = await workerA.post(`/api/disputes/${id}/reveal`, { fields: ['phone'] });
    expect([noReason.statusCode, noReason.json().error.code]).toEqual([400, 'REASON_REQUIRED']);
    const ok = await workerA.post(`/api/disputes/${id}/reveal`, { fields: ['name', 'phone', 'idNumber'], reason: '通知双方到场调解' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().parties).toEqual([
      expect.objectContaining({ seq: 1, name: '张三丰', phone: '13800138000', idNumber: ID_A }),
      expect.objectContaining({ seq: 2, name: '欧阳娜娜', phone: null, idNumber: ID_B }),
    ]);
    const failures = await auditEntries(`action=dispute.reveal&objectId=${id}&result=failure`);
    expect(failures.map((f) => f.detail.refused).sort()).toEqual(['FORBIDDEN', 'REASON_REQUIRED']);
    const [success] = await auditEntries(`action=dispute.reveal&objectId=${id}&result=success`);
    expect(success.reason).toBe('通知双方到场调解');
    expect(JSON.stringify(success)).not.toContain('13800138000');
  });

  it('mediates to an agreement with sessions, then records the return visit', async () => {
    const early = await fire(workerA, id, 'session', { heldOn: '2026-10-20', place: '社区调解室', notes: '双方陈述', mediatorIds: [pool.elder.id] });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'EVENT_NOT_ALLOWED_IN_STAGE']);
    const usable = (await workerA.get(`/api/mediators?usableFor=${id}&active=true`)).json();
    expect(usable.items.map((m: { name: string }) => m.name).sort()).toEqual(['李光明', '王律师', '赵调解'].sort());
    expect((await outsider.get(`/api/mediators?usableFor=${id}`)).statusCode).toBe(404);
    const far = await fire(workerA, id, 'assign', { mediatorIds: [pool.far.id] });
    expect([far.statusCode, codes(far)]).toEqual([400, ['input.mediatorIds.0:MEDIATOR_UNKNOWN']]);
    const assigned = await fire(gridA, id, 'assign', { mediatorIds: [pool.elder.id, pool.lawyer.id] });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'mediating', mediators: [expect.objectContaining({ name: expect.any(String), phoneMasked: expect.stringContaining('****') }), expect.anything()] });
    const noSession = await fire(workerA, id, 'agree', { agreementText: '车辆改停东侧车位' });
    expect([noSession.statusCode, noSession.json().error.code]).toEqual([409, 'DISPUTE_SESSION_REQUIRED']);
    const notOn = await fire(workerA, id, 'session', { heldOn: '2026-10-20', place: '社区调解室', notes: '双方陈述', mediatorIds: [pool.local.id] });
    expect([notOn.statusCode, codes(notOn)]).toEqual([400, ['input.mediatorIds.0:MEDIATOR_NOT_ASSIGNED']]);
    const session = await fire(workerA, id, 'session', { heldOn: '2026-10-20', place: '社区调解室', notes: '双方陈述，五老调解员讲解停车规约', mediatorIds: [pool.elder.id] });
    expect(session.json().sessions).toEqual([expect.objectContaining({ heldOn: '2026-10-20', place: '社区调解室', mediators: [{ id: pool.elder.id, name: '李光明' }] })]);
    const denied = await fire(leader, id, 'agree', { agreementText: '车辆改停东侧车位' });
    expect(denied.statusCode).toBe(403);
    const stale = await workerA.post(`/api/disputes/${id}/events`, { event: 'agree', version: 1, input: { agreementText: '车辆改停东侧车位' } });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'STALE']);
    const agreed = await fire(workerA, id, 'agree', { agreementText: '车辆改停东侧车位，双方互不追究' });
    expect(agreed.json()).toMatchObject({ status: 'agreed', outcome: 'agreed', agreementText: '车辆改停东侧车位，双方互不追究', abilities: { events: ['follow_up'] } });
    const visit = await fire(gridA, id, 'follow_up', { on: '2026-10-27', result: 'holding', note: '已按协议停放' });
    expect(visit.json()).toMatchObject({ status: 'followed_up', outcome: 'agreed', followUp: { on: '2026-10-27', result: 'holding', note: '已按协议停放' } });
    expect(visit.json().timeline.map((e: { event: string; toStatus: string }) => `${e.event}>${e.toStatus}`)).toEqual([
      'register>registered', 'assign>mediating', 'session>mediating', 'agree>agreed', 'follow_up>followed_up',
    ]);
    const trail = await auditEntries(`objectId=${id}&result=success`);
    expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(['dispute.register', 'dispute.assign', 'dispute.session', 'dispute.agree', 'dispute.follow_up']));
    await expect(sql`update dispute_event set actor_name = 'x' where dispute_id = ${id}`.execute(env.db)).rejects.toThrow(/append-only/);
  });

  it('refers, withdraws and reopens a relapse, and adds parties and edits while open', async () => {
    const referred = (await register(workerA, { type: 'labour', summary: '装修工人工资纠纷' })).json();
    const added = await workerA.post(`/api/disputes/${referred.id}/parties`, { version: referred.version, parties: [{ name: '钱师傅', phone: '13600003333' }] });
    expect(added.json().parties.map((p: { seq: number; nameMasked: string }) => `${p.seq}:${p.nameMasked}`)).toEqual(['1:张*丰', '2:欧阳**', '3:钱*傅']);
    const edited = await workerA.patch(`/api/disputes/${referred.id}`, { version: added.json().version, summary: '装修工人工资拖欠纠纷' });
    expect(edited.json().summary).toBe('装修工人工资拖欠纠纷');
    expect((await fire(workerA, referred.id, 'refer', { referredTo: 'arbitration', note: '移交区劳动人事争议仲裁院' })).json()).toMatchObject({ status: 'referred', referredTo: 'arbitration' });
    const late = await workerA.patch(`/api/disputes/${referred.id}`, { version: (await workerA.get(`/api/disputes/${referred.id}`)).json().version, summary: '改' });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'EVENT_NOT_ALLOWED_IN_STAGE']);

    const withdrawn = (await register(workerA, { type: 'noise' })).json();
    expect((await fire(workerA, withdrawn.id, 'withdraw', { reason: '申请人主动撤回' })).json().outcome).toBe('withdrawn');

    const relapse = (await register(workerA, { type: 'neighbourhood' })).json();
    await fire(workerA, relapse.id, 'assign', { mediatorIds: [pool.local.id] });
    await fire(workerA, relapse.id, 'session', { heldOn: '2026-10-27', place: '楼道', notes: '现场调解', mediatorIds: [pool.local.id] });
    await fire(workerA, relapse.id, 'agree', { agreementText: '清理楼道杂物' });
    const holding = await fire(workerA, relapse.id, 'reopen', { reason: '又起争执' });
    expect(holding.json().error.code).toBe('EVENT_NOT_ALLOWED_IN_STAGE');
    await fire(workerA, relapse.id, 'follow_up', { on: '2026-10-27', result: 'relapsed', note: '杂物又堆回' });
    const reopened = await fire(workerA, relapse.id, 'reopen', { reason: '回访发现反复，重新调解' });
    expect(reopened.json()).toMatchObject({ status: 'mediating', outcome: null, followUp: null, reopenCount: 1 });
  });
});

describe('dispute counts', () => {
  it('counts by type and result per region and period in SQL', async () => {
    await register(street, { compoundId: compoundB.id, type: 'road_occupation', summary: '南街占道', occurredOn: null });
    await register(outsider, { compoundId: compoundC.id, type: 'road_occupation', summary: '别的街道', occurredOn: null });
    env.clock.set(cst('2026-09-15T09:00:00'));
    await register(street, { compoundId: compoundB.id, type: 'family', summary: '九月的家庭纠纷', occurredOn: null });

    const r = await leader.get(`/api/disputes/stats?regionId=${fx.streetA.id}&from=2026-10-01&to=2026-10-31`);
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s.totals).toEqual({ total: 6, open: 2, agreed: 1, referred: 1, withdrawn: 2, followedUp: 1, holding: 1, relapsed: 0 });
    const byType = Object.fromEntries(s.byType.filter((t: { total: number }) => t.total).map((t: { type: string; total: number; agreed: number }) => [t.type, `${t.total}/${t.agreed}`]));
    expect(byType).toEqual({ road_occupation: '3/1', labour: '1/0', noise: '1/0', neighbourhood: '1/0' });
    expect(s.byType).toHaveLength(10);
    expect(s.byPlace.map((p: { kind: string; name: string; total: number }) => `${p.kind}:${p.name}:${p.total}`)).toEqual(['region:北街社区:5', 'region:南街社区:1']);

    const september = (await leader.get(`/api/disputes/stats?regionId=${fx.streetA.id}&from=2026-09-01&to=2026-09-30`)).json();
    expect(september.totals.total).toBe(1);
    const community = (await workerA.get(`/api/disputes/stats?regionId=${fx.communityA.id}&from=2026-10-01&to=2026-10-31`)).json();
    expect(community.byPlace).toEqual([expect.objectContaining({ kind: 'compound', name: '北街一号院', total: 5, agreed: 1, referred: 1, withdrawn: 2, open: 1 })]);
    expect((await workerA.get(`/api/disputes/stats?regionId=${fx.streetA.id}`)).statusCode).toBe(404);
    const list = (await leader.get('/api/disputes?type=road_occupation&from=2026-10-01&to=2026-10-31')).json();
    expect(list.total).toBe(3);
  });
});

describe('referral to the higher level', () => {
  it('puts a dispute referred up on the agenda of the community joint meeting once, and says so when there is none', async () => {
    // August, after the counts above: the clock only ever moves back, so the sessions stay open.
    env.clock.set(cst('2026-08-20T09:00:00'));
    const last = (d: { timeline: { data: Record<string, unknown> }[] }) => d.timeline[d.timeline.length - 1].data;
    const early = (await register(workerA, { type: 'property_service', summary: '物业费争议多次调解未果', occurredOn: null })).json();
    const none = (await fire(workerA, early.id, 'refer', { referredTo: 'higher_level', note: '涉及多户，提交社区联席会议' })).json();
    expect([none.status, last(none).jointMeeting]).toEqual(['referred', null]);

    const party = (await createOrg(env.db, env.ctx(), { type: 'party_committee', name: '北街社区党委', regionId: fx.communityA.id })).org.id;
    const body = (await createBody(env.db, env.ctx(), { placeId: fx.communityA.id, name: '北街社区联席会议', members: [party], rota: [party], rotaStart: '2026-10' })).body;
    const d = (await register(workerA, { type: 'road_occupation', summary: '消防通道长期被占，调解无果', occurredOn: null })).json();
    const referred = (await fire(workerA, d.id, 'refer', { referredTo: 'higher_level', note: '需街道执法与物业共同处理' })).json();
    expect(last(referred).jointMeeting).toEqual({ bodyId: body.id, bodyName: '北街社区联席会议', level: 'community' });
    const cases = () => street.get(`/api/joint-bodies/${body.id}/agenda`).then((r) => r.json().items.filter((i: { kind: string }) => i.kind === 'case'));
    expect((await cases()).map((i: { title: string; case: { disputeId: string; reason: string } }) => [i.title, i.case.disputeId, i.case.reason]))
      .toEqual([['停车占道纠纷：消防通道长期被占，调解无果', d.id, '需街道执法与物业共同处理']]);

    // Reopened after a relapse and referred again while the case still waits: still one case on the agenda.
    await fire(workerA, d.id, 'follow_up', { on: '2026-08-20', result: 'relapsed', note: '仍有车辆占道' });
    await fire(workerA, d.id, 'reopen', { reason: '回访发现反复' });
    await fire(workerA, d.id, 'refer', { referredTo: 'higher_level', note: '再次提交' });
    expect((await cases()).length).toBe(1);
    // Referring elsewhere does not touch the agenda.
    const court = (await register(workerA, { type: 'labour', summary: '工资纠纷', occurredOn: null })).json();
    expect(last((await fire(workerA, court.id, 'refer', { referredTo: 'court', note: '已起诉' })).json())).not.toHaveProperty('jointMeeting');
  });
});
