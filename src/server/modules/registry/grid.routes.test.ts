import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { seedCompound, seedRegions, type RegionFixture } from './registry.fixtures.ts';

let env: TestEnv;
let fx: RegionFixture;
let workerA: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  fx = await seedRegions(env.db, env.ctx());
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityA.path }]);
});
afterAll(async () => { await env?.close(); });

describe('grids', () => {
  it('creates a grid whose 14-digit code extends the community code', async () => {
    const r = await workerA.post('/api/grids', { communityId: fx.communityA.id, code: `${fx.communityA.code}01`, name: '北街一网格', businessLines: ['safety', 'fire', '民生服务'] });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ communityName: '北街社区', businessLines: ['safety', 'fire', 'services'], workers: [], abilities: { update: true, delete: true } });
  });

  it('refuses a code of the wrong length or of another community, and unknown business lines', async () => {
    const r = await workerA.post('/api/grids', { communityId: fx.communityA.id, code: `${fx.communityB.code}01`, name: '错码', businessLines: ['traffic'] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`).sort()).toEqual(['businessLines:NOT_IN_LIST', 'code:GRID_CODE_COMMUNITY']);
    const short = await workerA.post('/api/grids', { communityId: fx.communityA.id, code: '5113020010010', name: '短码', businessLines: ['other'] });
    expect(short.json().error.fields[0].code).toBe('GRID_CODE_FORMAT');
    const dup = await workerA.post('/api/grids', { communityId: fx.communityA.id, code: `${fx.communityA.code}01`, name: '重码', businessLines: ['other'] });
    expect(dup.json().error.fields[0].code).toBe('DUPLICATE_VALUE');
  });

  it('keeps grid workers’ phones sealed and shows the mask', async () => {
    const g = (await workerA.post('/api/grids', { communityId: fx.communityA.id, code: `${fx.communityA.code}02`, name: '北街二网格', businessLines: ['sanitation'] })).json();
    const w = await workerA.post(`/api/grids/${g.id}/workers`, { name: '刘网格', phone: '13912345678', duty: 'leader', startOn: '2026-01-01' });
    expect(w.statusCode).toBe(201);
    expect(w.json()).toMatchObject({ name: '刘网格', phoneMask: '139****5678', duty: 'leader', onDuty: true });
    expect(w.body).not.toContain('13912345678');
    const row = await env.db.selectFrom('grid_worker').selectAll().where('id', '=', w.json().id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('13912345678');
    const patched = await workerA.patch(`/api/grids/${g.id}/workers/${w.json().id}`, { version: 1, endOn: '2026-06-30' });
    expect(patched.json()).toMatchObject({ endOn: '2026-06-30', onDuty: false });
    const badUser = await workerA.post(`/api/grids/${g.id}/workers`, { name: '无号', userId: '00000000-0000-4000-8000-000000000000' });
    expect(badUser.json().error.fields[0]).toMatchObject({ field: 'userId', code: 'NOT_FOUND_REF' });
    expect((await workerA.get(`/api/grids/${g.id}/workers`)).json().total).toBe(1);
    expect((await workerA.delete(`/api/grids/${g.id}/workers/${w.json().id}`)).statusCode).toBe(200);
  });

  it('lists grids by scope and refuses to delete a grid a compound still uses', async () => {
    const g = (await workerA.post('/api/grids', { communityId: fx.communityA.id, code: `${fx.communityA.code}03`, name: '北街三网格', businessLines: ['other'] })).json();
    await seedCompound(env.db, env.ctx(), fx.communityA.id, '网格小区', { gridId: g.id });
    const list = (await workerA.get('/api/grids')).json();
    expect(list.total).toBe(3);
    const r = await workerA.delete(`/api/grids/${g.id}`);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('IN_USE');
    const other = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityB.path }]);
    expect((await other.get('/api/grids')).json().total).toBe(0);
    expect((await other.get(`/api/grids/${g.id}`)).statusCode).toBe(404);
  });

  it('updates a grid with compare-and-set', async () => {
    const g = (await workerA.get('/api/grids?q=一网格')).json().items[0];
    const ok = await workerA.patch(`/api/grids/${g.id}`, { version: g.version, name: '北街第一网格', businessLines: ['petition'] });
    expect(ok.json()).toMatchObject({ name: '北街第一网格', businessLines: ['petition'] });
    expect((await workerA.patch(`/api/grids/${g.id}`, { version: g.version, name: 'x' })).statusCode).toBe(409);
  });
});
