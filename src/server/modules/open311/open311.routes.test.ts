import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type TestEnv } from '../../testing/harness.ts';
import { EXAMPLE_CALENDAR_2026 } from '../methods/index.ts';
import { act, cst, incidentPlaces, photo } from '../incidents/testing/fixture.ts';

let env: TestEnv;
let p: Awaited<ReturnType<typeof incidentPlaces>>;
const BASE = '/open311/v2';

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-open311-'));
  env.clock.set(cst('2026-10-21T09:00:00'));
  p = await incidentPlaces(env);
  expect((await p.admin.put('/api/calendar?year=2026', { days: EXAMPLE_CALENDAR_2026.days })).statusCode).toBe(200);
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

/** POSTs a request form-encoded, as most Open311 clients do. */
function postForm(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return env.app.inject({ method: 'POST', url: `${BASE}/requests.json`, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(fields).toString() });
}

function postJson(body: Record<string, unknown>) {
  return env.app.inject({ method: 'POST', url: `${BASE}/requests.json`, payload: body });
}

const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url: BASE + url, headers });

describe('Open311 GeoReport v2', () => {
  it('lists the 小类 of the current category version as services, with a definition each', async () => {
    const list = await get('/services.json');
    expect(list.statusCode).toBe(200);
    const s = list.json().find((x: { service_code: string }) => x.service_code === '0106');
    expect(s).toEqual({ service_code: '0106', service_name: '楼道堆物', description: '市容环境：楼道堆物。立案后 3 个工作日内处置。', metadata: true, type: 'realtime', keywords: '楼道堆物,Things piled in stairwells,市容环境,City appearance and environment', group: '市容环境' });
    expect(list.json().map((x: { service_code: string }) => x.service_code)).not.toContain('01');
    const en = (await get('/services.json', { 'accept-language': 'en' })).json().find((x: { service_code: string }) => x.service_code === '0505');
    expect([en.service_name, en.group, en.description]).toEqual(['Blocked fire lane', 'Street order', 'Street order: Blocked fire lane. Handled within 4 hours of registration (urgent).']);
    const def = await get('/services/0106.json');
    expect([def.statusCode, def.json().service_code, def.json().attributes.map((a: { code: string; required: boolean }) => [a.code, a.required])]).toEqual([200, '0106', [['compound', false]]]);
    const unknown = await get('/services/9999.json');
    expect([unknown.statusCode, unknown.json()[0].code, typeof unknown.json()[0].description]).toEqual([404, 404, 'string']);
    const xml = await get('/services.xml');
    expect([xml.statusCode, xml.json()]).toEqual([400, [{ code: 400, description: '本接口只提供 JSON 格式：请把地址中的 .xml 换成 .json' }]]);
    expect((await get('/requests/abc.xml')).statusCode).toBe(400);
    expect((await get('/nothing.json')).json()[0].code).toBe(404);
  });

  it('takes a request, places it in the nearest compound, answers a resend once, and shows its status and history without personal data', async () => {
    env.clock.set(cst('2026-10-12T09:00:00'));
    const clientId = crypto.randomUUID();
    const fields = {
      service_code: '0106', lat: '30.8004', long: '106.0803', address_string: '锦华小区 3 栋 2 单元', description: '楼道堆满纸箱，电话 13912345678',
      first_name: '明', last_name: '张', phone: '13812345678', email: 'zhang@example.org', media_url: 'https://img.example.org/a.jpg', client_id: clientId, jurisdiction_id: 'nanling',
    };
    const first = await postForm(fields);
    expect([first.statusCode, first.json()]).toEqual([201, [{ service_request_id: clientId, service_notice: expect.stringContaining('3 个工作日'), account_id: null }]]);
    // The notice gives the case number a resident can quote on the hotline; a resend answers the same one.
    const caseNo = /事件编号 (\d{13})/.exec(first.json()[0].service_notice)?.[1];
    expect(caseNo).toMatch(/^20261012\d{5}$/);
    const again = await postForm(fields);
    expect([again.statusCode, again.json()[0].service_request_id, again.json()[0].service_notice]).toEqual([200, clientId, first.json()[0].service_notice]);
    const rows = await env.db.selectFrom('incident').selectAll().where('id', '=', clientId).execute();
    expect(rows.length).toBe(1);
    const inc = rows[0];
    expect([inc.compound_id, inc.grid_id, inc.source_channel, inc.reporter_kind, inc.reporter_name_mask, inc.reporter_phone_mask]).toEqual([p.compound.id, p.grid.id, 'resident', 'anonymous', '张*', '138****5678']);
    expect([env.keys.decrypt(inc.reporter_name_enc!), JSON.stringify(inc).includes('13812345678'), JSON.stringify(inc).includes('zhang@example.org')]).toEqual(['张明', false, false]);

    const one = await get(`/requests/${clientId}.json`);
    expect(one.statusCode).toBe(200);
    const r = one.json()[0];
    expect(r).toMatchObject({
      service_request_id: clientId, status: 'open', status_notes: '已上报待受理', service_name: '楼道堆物', service_code: '0106', description: '楼道堆满纸箱，电话 139****5678',
      service_notice: `事件编号 ${caseNo}`,
      agency_responsible: null, expected_datetime: null, address: '锦华小区 3 栋 2 单元', address_id: p.compound.id, lat: 30.8004, long: 106.0803, media_url: 'https://img.example.org/a.jpg',
    });
    expect(r.updates.map((u: { status: string; description: string }) => [u.status, u.description])).toEqual([['OPEN', '上报：已上报待受理']]);

    // The loop by the staff: accept, register, dispatch to the property company, handle, verify, and close after the reporter's period.
    await act(p.desk, clientId, 'accept');
    await act(p.desk, clientId, 'register');
    await act(p.desk, clientId, 'dispatch', { handler_org_id: p.property.id });
    for (const [e, i] of [['sign', {}], ['handle', {}], ['feedback', { result: '已清理纸箱', photos: [await photo(p.handler)] }]] as const) expect((await act(p.handler, clientId, e, i)).statusCode).toBe(200);
    await act(p.desk, clientId, 'forward');
    expect((await act(p.gridWorker, clientId, 'pass')).json().stage).toBe('confirming');
    env.clock.advance(3 * 24 * 3600_000 + 60_000);
    expect((await act(p.gridWorker, clientId, 'close')).json().outcome).toBe('closed');

    const done = await get(`/requests/${clientId}.json`);
    const d = done.json()[0];
    expect([d.status, d.status_notes, d.agency_responsible, d.expected_datetime]).toEqual(['closed', '已结案', '锦华物业', cst('2026-10-16T00:00:00').toISOString()]);
    expect(d.updates.map((u: { status: string }) => u.status)).toEqual(['OPEN', 'INVESTIGATING', 'INVESTIGATING', 'ACTION_SCHEDULED', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'FIXED']);
    expect(d.updates[9]).toMatchObject({ service_request_id: clientId, description: '结案：已结案', media_url: null });
    // Nobody's name, phone, e-mail, comment or handling note is in the answer.
    for (const secret of [p.desk.username, p.handler.username, p.gridWorker.username, '张明', '13812345678', '13912345678', 'zhang@example.org', '备注', '已清理纸箱']) {
      expect([secret, done.body.includes(secret)]).toEqual([secret, false]);
    }
    const en = (await get(`/requests/${clientId}.json`, { 'accept-language': 'en' })).json()[0];
    expect([en.status_notes, en.service_name, en.updates[3].description]).toEqual(['Closed', 'Things piled in stairwells', 'Dispatch: Dispatched']);

    const closedList = (await get('/requests.json?service_code=0106,0505&status=closed&start_date=2026-10-01&end_date=2026-10-31T23:59:59%2B08:00')).json();
    expect(closedList.map((x: { service_request_id: string }) => x.service_request_id)).toEqual([clientId]);
    expect(closedList[0].updates).toBeUndefined();
    expect((await get('/requests.json?status=open&start_date=2026-10-01')).json().map((x: { service_request_id: string }) => x.service_request_id)).not.toContain(clientId);
    const upd = (await get('/servicerequestupdates.json?start_date=2026-10-12T00:00:00%2B08:00&end_date=2026-10-20T00:00:00%2B08:00')).json();
    expect(upd.service_request_updates.filter((u: { service_request_id: string }) => u.service_request_id === clientId).length).toBe(10);
    const bad = await get('/requests.json?start_date=yesterday');
    expect([bad.statusCode, bad.json()[0].code]).toEqual([400, 400]);
  });

  it('places a point away from compounds in the community, a named compound by address_id, and refuses what it cannot place', async () => {
    env.clock.set(cst('2026-10-13T09:00:00'));
    // About 1.1 km north of 锦华小区: inside community A's reach, in no compound.
    const near = await postJson({ service_code: '0104', lat: 30.81, long: 106.08, description: '路面油污', phone: null, address_string: '' });
    expect(near.statusCode).toBe(201);
    const row = await env.db.selectFrom('incident').select(['compound_id', 'community_id', 'grid_id']).where('id', '=', near.json()[0].service_request_id).executeTakeFirstOrThrow();
    expect([row.compound_id, row.community_id, row.grid_id]).toEqual([null, p.regions.communityA.id, null]);
    const named = await postForm({ service_code: '0505', 'attribute[compound]': p.compoundC.id, description: '消防通道被占' });
    expect((await env.db.selectFrom('incident').select('compound_id').where('id', '=', named.json()[0].service_request_id).executeTakeFirstOrThrow()).compound_id).toBe(p.compoundC.id);
    const byName = await postJson({ service_code: '0505', address_string: '舞凤小区北门', description: '消防通道被占' });
    expect((await env.db.selectFrom('incident').select('compound_id').where('id', '=', byName.json()[0].service_request_id).executeTakeFirstOrThrow()).compound_id).toBe(p.compoundC.id);

    const far = await postJson({ service_code: '0104', lat: 0, long: 0 });
    expect([far.statusCode, far.json()[0].description]).toEqual([400, expect.stringContaining('2000 米内')]);
    const nowhere = await postJson({ service_code: '0104', description: '无位置' });
    expect([nowhere.statusCode, nowhere.json()[0].description]).toEqual([400, expect.stringContaining('请给出位置')]);
    const unknown = await postJson({ service_code: '9999', lat: 30.8, long: 106.08 });
    expect([unknown.statusCode, unknown.json()]).toEqual([400, [{ code: 400, description: 'service_code: 当前分类版本中没有小类 9999' }]]);
    const noCompound = await postJson({ service_code: '0104', address_id: crypto.randomUUID() });
    expect([noCompound.statusCode, noCompound.json()[0].description]).toEqual([400, expect.stringMatching(/^address_id: 找不到该地点/)]);
    const badPhone = await postJson({ service_code: '0104', lat: 30.8, long: 106.08, phone: '12345' });
    expect([badPhone.statusCode, badPhone.json()[0].description]).toEqual([400, expect.stringMatching(/^phone: /)]);
    const schema = await postJson({ service_code: '104', lat: 91 });
    expect([schema.statusCode, schema.json().map((e: { description: string }) => e.description.split(':')[0]).sort()]).toEqual([400, ['lat', 'service_code']]);
    const xml = await env.app.inject({ method: 'POST', url: `${BASE}/requests.xml`, payload: { service_code: '0104' } });
    expect([xml.statusCode, xml.json()[0].code]).toEqual([400, 400]);
    expect(Number((await env.db.selectFrom('incident').select((eb) => eb.fn.countAll().as('n')).where('category_code', '=', '9999').executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('makes one incident of two sends of the same request at the same moment', async () => {
    env.clock.set(cst('2026-10-15T09:00:00'));
    const clientId = crypto.randomUUID();
    const body = { service_code: '0201', lat: 30.8, long: 106.08, description: '电线杆上小广告', client_id: clientId };
    const answers = await Promise.all([postJson(body), postJson(body)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    expect(answers.map((a) => a.json()[0].service_request_id)).toEqual([clientId, clientId]);
    expect(Number((await env.db.selectFrom('incident').select((eb) => eb.fn.countAll().as('n')).where('id', '=', clientId).executeTakeFirstOrThrow()).n)).toBe(1);
  });

  it('requires a configured api_key, and serves only requests that came in through Open311', async () => {
    env.clock.set(cst('2026-10-14T09:00:00'));
    env.deps.config.open311ApiKeys = ['key-for-fixmystreet'];
    try {
      const none = await postForm({ service_code: '0102', lat: '30.8', long: '106.08' });
      expect([none.statusCode, none.json()[0].code]).toEqual([403, 403]);
      const wrong = await postForm({ service_code: '0102', lat: '30.8', long: '106.08', api_key: 'guess' });
      expect(wrong.statusCode).toBe(403);
      const ok = await postForm({ service_code: '0102', lat: '30.8', long: '106.08', api_key: 'key-for-fixmystreet' });
      expect(ok.statusCode).toBe(201);
      const stored = await env.db.selectFrom('open311_request').selectAll().where('incident_id', '=', ok.json()[0].service_request_id).executeTakeFirstOrThrow();
      expect([stored.keyed, stored.network_hash]).toEqual([1, null]);
    } finally {
      env.deps.config.open311ApiKeys = [];
    }
    const internal = (await p.gridWorker.post('/api/incidents', { categoryCode: '0102', description: '垃圾桶满溢', compoundId: p.compound.id, sourceChannel: 'patrol' })).json().id;
    expect((await get(`/requests/${internal}.json`)).statusCode).toBe(404);
    expect((await get(`/requests.json?service_request_id=${internal}`)).json()).toEqual([]);
    // An id already taken by an incident from another channel cannot be claimed through Open311.
    const taken = await postJson({ service_code: '0102', lat: 30.8, long: 106.08, client_id: internal });
    expect([taken.statusCode, taken.json()[0].code]).toEqual([409, 409]);
  });
});
