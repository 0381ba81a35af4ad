import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { cst, methodPlaces, problemCodes } from '../methods/testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let secretary: Client;
let grid: Client;
let worker: Client;
let outsider: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  env.clock.set(cst('2026-11-24T09:00:00'));
  places = await methodPlaces(env);
  secretary = await env.user([{ roleKey: 'compound_secretary', scopePath: places.compound.path }]);
  grid = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityC.path }]);
});
afterAll(async () => {
  await env?.close();
});

const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });

describe('opinions entered by staff', () => {
  it('records a proxy entry with the name and phone sealed, masked in every answer, retry-safe by id', async () => {
    const id = crypto.randomUUID();
    const body = { id, compoundId: places.compound.id, content: '3 栋楼道灯坏了一周', category: 'facilities', channel: 'phone', residentName: '张三丰', phone: '138 1234 5678' };
    const r = await grid.post('/api/opinions', body);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      id, proxy: true, channel: 'phone', status: 'received', nameMasked: '张*丰', phoneMasked: '138****5678', enteredBy: grid.username,
      compound: { id: places.compound.id, name: '锦华小区' }, abilities: { answer: true, takeUp: false, reveal: false },
    });
    expect(r.body).not.toContain('13812345678');
    expect(r.body).not.toContain('张三丰');
    expect((await grid.post('/api/opinions', body)).statusCode).toBe(200);
    const row = await env.db.selectFrom('opinion').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('13812345678');
    expect(JSON.stringify(row)).not.toContain('张三丰');
    expect(env.keys.decrypt(row.phone_enc!)).toBe('13812345678');
    const list = await worker.get(`/api/opinions?compoundId=${places.compound.id}&channel=phone`);
    expect(list.json().total).toBe(1);
    expect(list.body).not.toContain('13812345678');
    expect(list.json().items[0].abilities).toEqual({ answer: true, takeUp: true, reveal: true });
  });

  it('refuses bad fields and places outside the caller’s scope, and hides opinions from outsiders', async () => {
    const bad = await grid.post('/api/opinions', { compoundId: places.compound.id, content: '好', category: 'x', channel: 'pigeon', phone: '123' });
    expect([bad.statusCode, ...problemCodes(bad.json())]).toEqual([400, 'content:REQUIRED', 'category:NOT_IN_LIST', 'channel:NOT_IN_LIST', 'phone:PHONE_FORMAT']);
    const away = await outsider.post('/api/opinions', { compoundId: places.compound.id, content: '路灯坏了', category: 'facilities', channel: 'visit' });
    expect([away.statusCode, away.json().error.code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect((await outsider.get('/api/opinions')).json().total).toBe(0);
    const dates = await worker.get('/api/opinions?from=2026-13-01&to=2026-11-30');
    expect([dates.statusCode, ...problemCodes(dates.json())]).toEqual([400, 'from:NOT_A_DATE']);
    expect((await worker.get('/api/opinions?from=2026-11-24&to=2026-11-24')).json().total).toBeGreaterThan(0);
  });

  it('answers with compare-and-set', async () => {
    const o = (await grid.post('/api/opinions', { compoundId: places.compound.id, content: '垃圾桶满了没人清', category: 'environment', channel: 'wechat' })).json();
    const ok = await secretary.post(`/api/opinions/${o.id}/answer`, { answer: '已通知物业每日清运两次', version: o.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'answered', answer: '已通知物业每日清运两次', answeredAt: env.clock.now().toISOString(), version: 2 });
    const stale = await secretary.post(`/api/opinions/${o.id}/answer`, { answer: '再答复', version: 1 });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'STALE']);
    expect((await worker.get('/api/opinions?status=answered')).json().total).toBe(1);
  });

  it('reveals name and phone only with resident.reveal and a reason, auditing granted and refused reveals', async () => {
    const o = (await grid.post('/api/opinions', { compoundId: places.compound.id, content: '邻居装修噪音大', category: 'neighbourhood', channel: 'visit', residentName: '李四', phone: '13987654321' })).json();
    const refused = await secretary.post(`/api/opinions/${o.id}/reveal`, { reason: '回访核实情况' });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const short = await worker.post(`/api/opinions/${o.id}/reveal`, { reason: '看' });
    expect([short.statusCode, short.json().error.code]).toEqual([400, 'REASON_REQUIRED']);
    const ok = await worker.post(`/api/opinions/${o.id}/reveal`, { reason: '电话回访处理结果' });
    expect([ok.statusCode, ok.json()]).toEqual([200, { name: '李四', phone: '13987654321' }]);
    const audit = await env.db.selectFrom('audit_log').select(['action', 'result', 'reason', 'detail']).where('object_id', '=', o.id).where('action', '=', 'opinion.reveal').orderBy('seq').execute();
    expect(audit.map((a) => [a.result, a.reason])).toEqual([['failure', '回访核实情况'], ['failure', '看'], ['success', '电话回访处理结果']]);
    expect(audit.map((a) => a.detail).join('')).not.toContain('13987654321');
  });
});

describe('opinions from the public form', () => {
  it('takes an opinion without an account, once per client id, keeping only a keyed hash of the address', async () => {
    const anon = env.anon();
    const id = crypto.randomUUID();
    const body = { id, content: '小区北门的路灯晚上不亮，走路不安全', name: '王五', phone: '13700001111' };
    const r = await anon.post(`/api/public/compounds/${places.compound.id}/opinions`, body, fromIp('10.1.1.1'));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ id, receivedAt: env.clock.now().toISOString() });
    const retry = await anon.post(`/api/public/compounds/${places.compound.id}/opinions`, body, fromIp('10.1.1.1'));
    expect([retry.statusCode, retry.json()]).toEqual([200, r.json()]);
    const rows = await env.db.selectFrom('opinion').selectAll().where('id', '=', id).execute();
    expect(rows.length).toBe(1);
    expect(rows[0]).toMatchObject({ channel: 'online', proxy: 0, status: 'received', category: 'other', name_mask: '王*', phone_mask: '137****1111' });
    expect(rows[0].ip_hash).toMatch(/^[\w-]{32}$/);
    expect(JSON.stringify(rows)).not.toContain('10.1.1.1');
    expect(JSON.stringify(rows)).not.toContain('13700001111');
    const audit = await env.db.selectFrom('audit_log').select(['actor_name', 'ip']).where('object_id', '=', id).executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_name: 'public', ip: null });
    const staff = (await worker.get(`/api/opinions/${id}`)).json();
    expect([staff.proxy, staff.enteredBy, staff.nameMasked]).toEqual([false, null, '王*']);
  });

  it('limits one network to five opinions an hour per compound, in the database', async () => {
    const anon = env.anon();
    const send = (ip: string) => anon.post(`/api/public/compounds/${places.compound.id}/opinions`, { id: crypto.randomUUID(), content: '希望增加健身器材' }, fromIp(ip));
    for (let i = 0; i < 5; i++) expect((await send('10.2.2.2')).statusCode).toBe(201);
    const limited = await send('10.2.2.2');
    expect([limited.statusCode, limited.json().error.code]).toEqual([429, 'OPINION_RATE_LIMITED']);
    expect(limited.json().error.zh).toContain('5');
    expect((await send('10.3.3.3')).statusCode).toBe(201);
    env.clock.advance(61 * 60_000);
    expect((await send('10.2.2.2')).statusCode).toBe(201);
  });

  it('answers 404 for an unknown compound and 400 for a too-short text', async () => {
    const anon = env.anon();
    expect((await anon.post('/api/public/compounds/nope/opinions', { id: crypto.randomUUID(), content: '路灯不亮了' })).statusCode).toBe(404);
    const short = await anon.post(`/api/public/compounds/${places.compound.id}/opinions`, { id: crypto.randomUUID(), content: '灯' });
    expect(short.statusCode).toBe(400);
    expect((await anon.get('/api/opinions')).statusCode).toBe(401);
  });
});
