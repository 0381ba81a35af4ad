import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { seedCompound, seedRegions, type RegionFixture } from './registry.fixtures.ts';

let env: TestEnv;
let fx: RegionFixture;
let workerA: Client;
let street: Client;
let compoundA: { id: string; path: string };
let compoundB: { id: string; path: string };
let compoundC: { id: string; path: string };

beforeAll(async () => {
  env = await makeTestEnv();
  fx = await seedRegions(env.db, env.ctx());
  compoundA = await seedCompound(env.db, env.ctx(), fx.communityA.id, '北街一号院', { buildYear: 1995, householdCount: 120 });
  compoundB = await seedCompound(env.db, env.ctx(), fx.communityB.id, '南街花园', { buildYear: 2008, householdCount: 300 });
  compoundC = await seedCompound(env.db, env.ctx(), fx.communityC.id, '舞凤小区', { buildYear: 2001, householdCount: 80 });
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityA.path }]);
  street = await env.user([{ roleKey: 'street_admin', scopePath: fx.streetA.path }]);
});
afterAll(async () => { await env?.close(); });

const valid = (communityId: string, extra: Record<string, unknown> = {}) => ({
  communityId, name: '测试小区', housingType: 'reformed', propertyMode: 'community_run', buildYear: 1992, buildingCount: 6, householdCount: 210,
  floorArea: 18500.5, enclosed: true, feeCollectionRate: 0.82, renovationYear: 2021, lat: 30.8, lng: 106.08, ...extra,
});

describe('compound data scope', () => {
  it('lists only the compounds of the community worker’s own community', async () => {
    const r = await workerA.get('/api/compounds');
    expect(r.statusCode).toBe(200);
    const ids = r.json().items.map((c: { id: string }) => c.id);
    expect(ids).toContain(compoundA.id);
    expect(ids).not.toContain(compoundB.id);
    expect(ids).not.toContain(compoundC.id);
    expect(r.json().total).toBe(ids.length);
  });

  it('refuses to read, update or delete a compound of another community with 404', async () => {
    expect((await workerA.get(`/api/compounds/${compoundB.id}`)).statusCode).toBe(404);
    const p = await workerA.patch(`/api/compounds/${compoundB.id}`, { version: 1, name: '改名' });
    expect(p.statusCode).toBe(404);
    expect(p.json().error.code).toBe('NOT_FOUND');
    expect((await workerA.delete(`/api/compounds/${compoundB.id}`)).statusCode).toBe(404);
    expect((await workerA.get(`/api/compounds?communityId=${fx.communityB.id}`)).json().total).toBe(0);
  });

  it('refuses to create a compound in another community (OUT_OF_SCOPE)', async () => {
    const r = await workerA.post('/api/compounds', valid(fx.communityB.id));
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('OUT_OF_SCOPE');
  });

  it('shows a street user the compounds of all its communities and none of the other street', async () => {
    const ids = (await street.get('/api/compounds?pageSize=100')).json().items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([compoundA.id, compoundB.id]));
    expect(ids).not.toContain(compoundC.id);
    expect((await street.get(`/api/compounds/${compoundB.id}`)).statusCode).toBe(200);
  });

  it('filters by a region at any level, intersected with the caller’s scope', async () => {
    const byStreet = (await street.get(`/api/compounds?regionId=${fx.streetA.id}`)).json();
    expect(byStreet.total).toBeGreaterThanOrEqual(2);
    const otherStreet = (await street.get(`/api/compounds?regionId=${fx.streetB.id}`)).json();
    expect(otherStreet.total).toBe(0);
    const byCommunity = (await street.get(`/api/compounds?communityId=${fx.communityB.id}`)).json();
    expect(byCommunity.items.map((c: { id: string }) => c.id)).toEqual([compoundB.id]);
  });

  it('refuses a caller without compound.read with FORBIDDEN', async () => {
    const auditor = await env.user([{ roleKey: 'audit_admin', scopePath: '/' }]);
    const r = await auditor.get('/api/compounds');
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
  });
});

describe('compound create, update, delete', () => {
  it('creates a compound with every field and shows counts and abilities', async () => {
    const r = await workerA.post('/api/compounds', valid(fx.communityA.id, { name: '全字段小区', address: '北街 12 号' }));
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({
      communityId: fx.communityA.id, communityName: '北街社区', name: '全字段小区', address: '北街 12 号', housingType: 'reformed', propertyMode: 'community_run',
      buildYear: 1992, buildingCount: 6, householdCount: 210, floorArea: 18500.5, enclosed: true, feeCollectionRate: 0.82, renovationYear: 2021,
      lat: 30.8, lng: 106.08, version: 1, counts: { buildings: 0, households: 0, residents: 0 }, abilities: { update: true, delete: true },
    });
    expect(c.scopePath).toBe(`${fx.communityA.path}${c.id}/`);
  });

  it('makes no duplicate when a create is retried with the same id (second POST 200, same body)', async () => {
    const id = crypto.randomUUID();
    const before = (await workerA.get('/api/compounds')).json().total;
    const first = await workerA.post('/api/compounds', valid(fx.communityA.id, { id, name: '重试小区' }));
    const second = await workerA.post('/api/compounds', valid(fx.communityA.id, { id, name: '重试小区' }));
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect((await workerA.get('/api/compounds')).json().total).toBe(before + 1);
  });

  it('answers a stale update with 409 STALE and the current version', async () => {
    const c = (await workerA.post('/api/compounds', valid(fx.communityA.id, { name: '并发小区' }))).json();
    const ok = await workerA.patch(`/api/compounds/${c.id}`, { version: 1, feeCollectionRate: 0.9 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await workerA.patch(`/api/compounds/${c.id}`, { version: 1, name: '另一个名字' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE');
    expect(stale.json().error.details.currentVersion).toBe(2);
  });

  it('lists every bad field in one answer and writes nothing', async () => {
    const before = (await workerA.get('/api/compounds')).json().total;
    const r = await workerA.post('/api/compounds', {
      communityId: fx.communityA.id, name: '', housingType: 'villa', propertyMode: 'tenant', lat: 95, lng: 106, feeCollectionRate: 1.5, buildYear: 2099,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
    const fields = r.json().error.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['buildYear', 'feeCollectionRate', 'housingType', 'lat', 'name', 'propertyMode']);
    expect((await workerA.get('/api/compounds')).json().total).toBe(before);
  });

  it('accepts Chinese labels for the code lists', async () => {
    const r = await workerA.post('/api/compounds', valid(fx.communityA.id, { name: '标签小区', housingType: '保障房', propertyMode: '国企兜底' }));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ housingType: 'affordable', propertyMode: 'soe_backstop' });
  });

  it('refuses a street as the community of a compound', async () => {
    const r = await street.post('/api/compounds', valid(fx.streetA.id));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0]).toMatchObject({ field: 'communityId', code: 'NOT_A_COMMUNITY' });
  });

  it('refuses a grid of another community', async () => {
    const g = (await street.post('/api/grids', { communityId: fx.communityB.id, code: `${fx.communityB.code}01`, name: '南街一网格', businessLines: ['safety'] })).json();
    const r = await street.post('/api/compounds', valid(fx.communityA.id, { gridId: g.id }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0]).toMatchObject({ field: 'gridId', code: 'OTHER_COMMUNITY' });
    const ok = await street.post('/api/compounds', valid(fx.communityB.id, { gridId: g.id, name: '网格内小区' }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().gridName).toBe('南街一网格');
    expect((await street.get(`/api/compounds?gridId=${g.id}`)).json().total).toBe(1);
  });

  it('deletes an empty compound and refuses one with buildings (IN_USE)', async () => {
    const empty = (await workerA.post('/api/compounds', valid(fx.communityA.id, { name: '待删小区' }))).json();
    expect((await workerA.delete(`/api/compounds/${empty.id}`)).statusCode).toBe(200);
    expect((await workerA.get(`/api/compounds/${empty.id}`)).statusCode).toBe(404);
    const used = (await workerA.post('/api/compounds', valid(fx.communityA.id, { name: '有楼小区' }))).json();
    expect((await workerA.post(`/api/compounds/${used.id}/buildings`, { name: '1幢' })).statusCode).toBe(201);
    const r = await workerA.delete(`/api/compounds/${used.id}`);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('IN_USE');
  });

  it('gives a read-only leader no update ability and FORBIDDEN on write', async () => {
    const leader = await env.user([{ roleKey: 'leader', scopePath: fx.streetA.path }]);
    const c = (await leader.get(`/api/compounds/${compoundA.id}`)).json();
    expect(c.abilities).toEqual({ update: false, delete: false, writeOrgs: false, writeResidents: false, export: true });
    const r = await leader.patch(`/api/compounds/${compoundA.id}`, { version: c.version, name: 'x' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
  });
});

describe('compound list', () => {
  it('pages, filters and sorts on the server', async () => {
    const admin = await env.user([{ roleKey: 'street_admin', scopePath: fx.streetB.path }]);
    for (let i = 0; i < 5; i++) {
      await admin.post('/api/compounds', valid(fx.communityC.id, { name: `排序${i}号院`, buildYear: 1990 + i, householdCount: 100 - i, housingType: i % 2 ? 'public' : 'commodity' }));
    }
    const page1 = (await admin.get('/api/compounds?q=排序&sort=build_year&dir=desc&pageSize=2')).json();
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.items.map((c: { buildYear: number }) => c.buildYear)).toEqual([1994, 1993]);
    const page3 = (await admin.get('/api/compounds?q=排序&sort=build_year&dir=desc&pageSize=2&page=3')).json();
    expect(page3.items.map((c: { buildYear: number }) => c.buildYear)).toEqual([1990]);
    const byCount = (await admin.get('/api/compounds?q=排序&sort=household_count&dir=asc')).json();
    expect(byCount.items[0].householdCount).toBe(96);
    expect((await admin.get('/api/compounds?q=排序&housingType=public')).json().total).toBe(2);
    expect((await admin.get('/api/compounds?propertyMode=market')).json().items.map((c: { id: string }) => c.id)).toEqual([compoundC.id]);
  });

  it('treats % and _ in the name filter literally', async () => {
    expect((await street.get('/api/compounds?q=%25')).json().total).toBe(0);
  });
});
