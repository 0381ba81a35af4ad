import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { cst, methodPlaces } from '../methods/testing/fixture.ts';
import { pendingOutbox } from '../outbox/index.ts';
import { bulletinUrl } from './public.service.ts';
import { insertOrg, insertPoolMemberRow } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let secretary: Client;
let worker: Client;
let executor: Client;
let matterId: string;

const ID_NUMBER = '51130219800101123X';
const PHONE = '13812345678';
const RESIDENT = '张三丰';
const MEMBER = '钱多多';

async function act(c: Client, id: string, event: string, input: Record<string, unknown>) {
  const cur = (await worker.get(`/api/matters/${id}`)).json();
  const r = await c.post(`/api/matters/${id}/events`, { event, input, version: cur.instanceVersion });
  expect([event, r.statusCode]).toEqual([event, 200]);
  return r.json();
}

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bulletin-'));
  env.clock.set(cst('2026-11-24T09:00:00'));
  places = await methodPlaces(env);
  secretary = await env.user([{ roleKey: 'compound_secretary', scopePath: places.compound.path }]);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  executor = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  const compound = { id: places.compound.id, path: places.compound.path };
  await insertPoolMemberRow(env, compound, { name: MEMBER });
  const orgId = await insertOrg(env, { name: '锦华物业', scopePath: places.compound.path });
  const op = (await secretary.post('/api/opinions', {
    compoundId: places.compound.id, content: '北门路灯不亮', category: 'facilities', channel: 'visit', residentName: RESIDENT, phone: PHONE,
  })).json();
  const m = (await secretary.post('/api/matters', {
    compoundId: places.compound.id, title: `${RESIDENT}等反映北门路灯不亮`, category: 'facilities', source: 'resident_opinion', methodKey: 'wuyi',
    executorOrgId: orgId, executorUserIds: [executor.userId], opinionIds: [op.id], description: `联系电话 ${PHONE}`,
  })).json();
  matterId = m.id;
  await act(secretary, m.id, 'propose', { proposal: '更换北门路灯' });
  await act(secretary, m.id, 'consult', { minutes: `${MEMBER}主持协商` });
  await act(worker, m.id, 'decide', { decision: `由物业更换路灯，${MEMBER}监督，联系人身份证 ${ID_NUMBER}，电话 ${PHONE.slice(0, 3)} ${PHONE.slice(3, 7)} ${PHONE.slice(7)}` });
  await secretary.post('/api/matters', { compoundId: places.compound.id, title: '尚未定议的议题', category: 'parking', source: 'meeting', methodKey: 'wuyi' });
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

describe('the public bulletin', () => {
  it('names the compound with its community and street, and answers 404 for an unknown one', async () => {
    const anon = env.anon();
    const r = await anon.get(`/api/public/compounds/${places.compound.id}`);
    expect([r.statusCode, r.json()]).toEqual([200, { id: places.compound.id, name: '锦华小区', community: '北街社区', street: '中城街道' }]);
    expect((await anon.get('/api/public/compounds/nope')).statusCode).toBe(404);
    expect((await anon.get('/api/public/compounds/nope/bulletin')).statusCode).toBe(404);
  });

  it('lists decided matters only, with no ID numbers, phone numbers or resident full names', async () => {
    const r = await env.anon().get(`/api/public/compounds/${places.compound.id}/bulletin`);
    expect(r.statusCode).toBe(200);
    const b = r.json();
    expect(b.items.map((i: { id: string }) => i.id)).toEqual([matterId]);
    expect(b.items[0]).toMatchObject({
      title: '张*丰等反映北门路灯不亮', stageName: { zh: '执行决议' }, methodName: { zh: '五议工作法' }, executor: '锦华物业', result: null,
      satisfaction: null, satisfactionCount: 0, rateable: false, category: 'facilities',
    });
    expect(b.items[0].decision).toContain('钱*多监督');
    expect([b.opinionsThisMonth, b.meetingsThisMonth]).toEqual([1, 0]);
    for (const secret of [ID_NUMBER, PHONE, '138 1234 5678', RESIDENT, MEMBER, 'phone', 'Masked', 'description']) expect(r.body).not.toContain(secret);
  });

  it('serves a QR code SVG linking to the public page, from the configured base URL or the request host', async () => {
    const anon = env.anon();
    const r = await anon.get(`/api/public/compounds/${places.compound.id}/bulletin/qr.svg`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('image/svg+xml');
    expect(r.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    env.deps.config.publicUrl = 'https://gongzhi.example.gov.cn';
    const configured = await anon.get(`/api/public/compounds/${places.compound.id}/bulletin/qr.svg`);
    env.deps.config.publicUrl = null;
    expect(configured.body).not.toBe(r.body);
    expect(bulletinUrl('https://gongzhi.example.gov.cn/', places.compound.id)).toBe(`https://gongzhi.example.gov.cn/p/${places.compound.id}`);
    expect((await anon.get('/api/public/compounds/nope/bulletin/qr.svg')).statusCode).toBe(404);
  });
});

describe('public ratings', () => {
  it('are refused before the result is reported, then taken once per network and day, retry-safe', async () => {
    const anon = env.anon();
    const rate = (id: string, ip: string, satisfaction = 4) => anon.post(`/api/public/matters/${matterId}/rating`, { id, satisfaction }, { 'x-forwarded-for': ip });
    const early = await rate(crypto.randomUUID(), '10.9.0.1');
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'MATTER_NOT_RATEABLE']);

    const shot = await executor.upload('/api/attachments', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png')]), 'image/png');
    await act(executor, matterId, 'execute', { completion: `已更换 4 盏路灯，${RESIDENT}已确认`, photos: [shot.json().id] });

    const id = crypto.randomUUID();
    const first = await rate(id, '10.9.0.1', 4);
    expect([first.statusCode, first.json().id]).toEqual([201, id]);
    expect((await rate(id, '10.9.0.1', 4)).statusCode).toBe(200);
    const again = await rate(crypto.randomUUID(), '10.9.0.1', 1);
    expect([again.statusCode, again.json().error.code]).toEqual([429, 'RATING_RATE_LIMITED']);
    expect((await rate(crypto.randomUUID(), '10.9.0.2', 5)).statusCode).toBe(201);
    expect((await anon.post('/api/public/matters/nope/rating', { id: crypto.randomUUID(), satisfaction: 3 })).statusCode).toBe(404);

    const b = (await anon.get(`/api/public/compounds/${places.compound.id}/bulletin`));
    expect(b.json().items[0]).toMatchObject({ satisfaction: 4.5, satisfactionCount: 2, rateable: true, result: '已更换 4 盏路灯，张*丰已确认' });
    expect(b.body).not.toContain(RESIDENT);
    const evs = await env.db.selectFrom('evaluation').select(['source', 'by_kind', 'ip_hash']).where('matter_id', '=', matterId).execute();
    expect(evs.map((e) => [e.source, e.by_kind])).toEqual([['public', 'resident'], ['public', 'resident']]);
    expect(JSON.stringify(evs)).not.toContain('10.9.0');
    const outbox = (await pendingOutbox(env.db, ['matter.evaluated'], 100)).filter((e) => e.aggregateId === matterId);
    expect(outbox.map((e) => e.payload.source)).toEqual(['public', 'public']);
  });

  it('are also throttled per address in front of the database (20 writes a minute)', async () => {
    const anon = env.anon();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await anon.post('/api/public/matters/nope/rating', { id: crypto.randomUUID(), satisfaction: 3 }, { 'x-forwarded-for': '10.8.0.1' })).statusCode);
    expect([codes[0], codes[19], codes[20]]).toEqual([404, 404, 429]);
    const other = await anon.post('/api/public/matters/nope/rating', { id: crypto.randomUUID(), satisfaction: 3 }, { 'x-forwarded-for': '10.8.0.2' });
    expect(other.statusCode).toBe(404);
  });
});
