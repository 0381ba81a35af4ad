import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { seedCompound, seedRegions, type RegionFixture } from './registry.fixtures.ts';

let env: TestEnv;
let fx: RegionFixture;
let workerA: Client;
let workerB: Client;
let compoundA: { id: string; path: string };
let compoundB: { id: string; path: string };

beforeAll(async () => {
  env = await makeTestEnv();
  fx = await seedRegions(env.db, env.ctx());
  compoundA = await seedCompound(env.db, env.ctx(), fx.communityA.id, '北街一号院');
  compoundB = await seedCompound(env.db, env.ctx(), fx.communityB.id, '南街花园');
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityA.path }]);
  workerB = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityB.path }]);
});
afterAll(async () => { await env?.close(); });

describe('buildings', () => {
  it('adds buildings with unique names and lists them in natural order with household counts', async () => {
    for (const name of ['10幢', '2幢', '1幢']) expect((await workerA.post(`/api/compounds/${compoundA.id}/buildings`, { name, floors: 6 })).statusCode).toBe(201);
    const dup = await workerA.post(`/api/compounds/${compoundA.id}/buildings`, { name: '2幢' });
    expect(dup.json().error.fields[0]).toMatchObject({ field: 'name', code: 'DUPLICATE_VALUE' });
    const list = (await workerA.get(`/api/compounds/${compoundA.id}/buildings`)).json();
    expect(list.items.map((b: { name: string }) => b.name)).toEqual(['1幢', '2幢', '10幢']);
    expect(list.items[0]).toMatchObject({ householdCount: 0, scopePath: compoundA.path });
    expect((await workerB.get(`/api/compounds/${compoundA.id}/buildings`)).statusCode).toBe(404);
    expect((await workerB.get(`/api/buildings/${list.items[0].id}`)).statusCode).toBe(404);
  });

  it('updates with version and refuses to delete a building with households', async () => {
    const b = (await workerA.get(`/api/compounds/${compoundA.id}/buildings`)).json().items[0];
    expect((await workerA.patch(`/api/buildings/${b.id}`, { version: b.version, units: 3 })).json()).toMatchObject({ units: 3, version: b.version + 1 });
    await workerA.post(`/api/compounds/${compoundA.id}/households`, { buildingId: b.id, unit: '1', room: '101' });
    const r = await workerA.delete(`/api/buildings/${b.id}`);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('IN_USE');
  });
});

describe('households', () => {
  it('creates households with the compound’s scope path and a readable label', async () => {
    const r = await workerA.post(`/api/compounds/${compoundA.id}/households`, { buildingName: '2幢', unit: '2', room: '301', status: '空置', area: 89.5 });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ label: '2幢2单元301室', status: 'vacant', area: 89.5, scopePath: compoundA.path, residentCount: 0, abilities: { update: true, delete: true } });
    const dup = await workerA.post(`/api/compounds/${compoundA.id}/households`, { buildingName: '2幢', unit: '2', room: '301' });
    expect(dup.json().error.fields[0]).toMatchObject({ field: 'room', code: 'DUPLICATE_VALUE' });
  });

  it('refuses a building of another compound and a grid of another community', async () => {
    const otherBuilding = (await workerB.post(`/api/compounds/${compoundB.id}/buildings`, { name: '9幢' })).json();
    const grid = (await workerB.post('/api/grids', { communityId: fx.communityB.id, code: `${fx.communityB.code}01`, name: '南街网格', businessLines: ['other'] })).json();
    const r = await workerA.post(`/api/compounds/${compoundA.id}/households`, { buildingId: otherBuilding.id, room: '1', gridId: grid.id, status: 'rented' });
    expect(r.json().error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`).sort()).toEqual(['buildingId:OTHER_COMPOUND', 'gridId:OTHER_COMMUNITY', 'status:NOT_IN_LIST']);
  });

  it('pages and filters a compound’s households, hidden from other communities', async () => {
    const list = (await workerA.get(`/api/compounds/${compoundA.id}/households?status=vacant`)).json();
    expect(list.total).toBe(1);
    const h = list.items[0];
    expect((await workerB.get(`/api/households/${h.id}`)).statusCode).toBe(404);
    expect((await workerB.patch(`/api/households/${h.id}`, { version: h.version, status: 'resident' })).statusCode).toBe(404);
    const ok = await workerA.patch(`/api/households/${h.id}`, { version: h.version, status: 'resident' });
    expect(ok.json()).toMatchObject({ status: 'resident', version: h.version + 1 });
    expect((await workerA.patch(`/api/households/${h.id}`, { version: h.version, status: 'away' })).statusCode).toBe(409);
  });

  it('deletes an empty household and refuses one with residents', async () => {
    const h = (await workerA.post(`/api/compounds/${compoundA.id}/households`, { room: '平房5号' })).json();
    const full = (await workerA.post(`/api/compounds/${compoundA.id}/households`, { room: '平房6号' })).json();
    await workerA.post('/api/residents', { householdId: full.id, name: '居民甲' });
    expect((await workerA.delete(`/api/households/${h.id}`)).statusCode).toBe(200);
    expect((await workerA.delete(`/api/households/${full.id}`)).json().error.code).toBe('IN_USE');
    const c = (await workerA.get(`/api/compounds/${compoundA.id}`)).json();
    expect(c.counts).toEqual({ buildings: 3, households: 3, residents: 1 });
  });
});
