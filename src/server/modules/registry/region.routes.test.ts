import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { seedRegions, type RegionFixture } from './registry.fixtures.ts';

let env: TestEnv;
let fx: RegionFixture;
let sysAdmin: Client;
let streetAdmin: Client;
let workerA: Client;

type Node = { id: string; name: string; ancestorOnly: boolean; children: Node[] };

beforeAll(async () => {
  env = await makeTestEnv();
  fx = await seedRegions(env.db, env.ctx());
  sysAdmin = await env.user([{ roleKey: 'system_admin', scopePath: '/' }]);
  streetAdmin = await env.user([{ roleKey: 'street_admin', scopePath: fx.streetA.path }]);
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityA.path }]);
});
afterAll(async () => { await env?.close(); });

describe('regions', () => {
  it('creates a root with region.write at / and builds the path from the codes', async () => {
    const r = await sysAdmin.post('/api/regions', { code: '330000', name: '浙江省' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ level: 'province', scopePath: '/330000/', parentId: null, ancestorOnly: false });
    const city = await sysAdmin.post('/api/regions', { code: '330100', name: '杭州市', parentId: r.json().id });
    expect(city.json()).toMatchObject({ level: 'city', scopePath: '/330000/330100/' });
  });

  it('lets a street administrator add a community under the street but not under another street', async () => {
    const ok = await streetAdmin.post('/api/regions', { code: '511302001003', name: '新建社区', parentId: fx.streetA.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().scopePath).toBe(`${fx.streetA.path}511302001003/`);
    const other = await streetAdmin.post('/api/regions', { code: '511302002009', name: '越界社区', parentId: fx.streetB.id });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    const root = await streetAdmin.post('/api/regions', { code: '440000', name: '广东省' });
    expect(root.statusCode).toBe(403);
  });

  it('checks the code against the parent (DIVISION_PARENT) and the level under the parent', async () => {
    const wrong = await streetAdmin.post('/api/regions', { code: '511302002004', name: '错挂社区', parentId: fx.streetA.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0]).toMatchObject({ field: 'code', code: 'DIVISION_PARENT' });
    const dup = await streetAdmin.post('/api/regions', { code: '511302001001', name: '重复', parentId: fx.streetA.id });
    expect(dup.json().error.fields[0]).toMatchObject({ field: 'code', code: 'DUPLICATE_VALUE' });
  });

  it('shows a community worker only their community, with the ancestors flagged ancestorOnly', async () => {
    const r = await workerA.get('/api/regions');
    expect(r.statusCode).toBe(200);
    const tree = r.json().items as Node[];
    expect(tree.map((n) => n.name)).toEqual(['南充市']);
    expect(tree[0].ancestorOnly).toBe(true);
    const county = tree[0].children[0];
    expect(county).toMatchObject({ name: '顺庆区', ancestorOnly: true });
    expect(county.children.map((n) => n.name)).toEqual(['中城街道']);
    const street = county.children[0];
    expect(street.children.map((n) => [n.name, n.ancestorOnly])).toEqual([['北街社区', false]]);
    expect((await workerA.get(`/api/regions/${fx.communityB.id}`)).statusCode).toBe(404);
    expect((await workerA.get(`/api/regions/${fx.streetA.id}`)).json().ancestorOnly).toBe(true);
  });

  it('lists the children of one region', async () => {
    const r = (await streetAdmin.get(`/api/regions?parentId=${fx.streetA.id}`)).json();
    expect(r.items.map((n: { name: string }) => n.name)).toEqual(expect.arrayContaining(['北街社区', '南街社区']));
    expect(r.items.every((n: { ancestorOnly: boolean }) => !n.ancestorOnly)).toBe(true);
  });

  it('renames with compare-and-set and refuses a stale version', async () => {
    const c = (await streetAdmin.get(`/api/regions/${fx.communityB.id}`)).json();
    expect(c.abilities.update).toBe(true);
    const ok = await streetAdmin.patch(`/api/regions/${fx.communityB.id}`, { version: c.version, name: '南街新社区', validTo: '2030-12-31' });
    expect(ok.json()).toMatchObject({ name: '南街新社区', validTo: '2030-12-31', version: c.version + 1 });
    const stale = await streetAdmin.patch(`/api/regions/${fx.communityB.id}`, { version: c.version, name: 'x' });
    expect(stale.statusCode).toBe(409);
    const own = await streetAdmin.patch(`/api/regions/${fx.streetA.id}`, { version: 1, name: '改自己' });
    expect(own.json().error.code).toBe('OUT_OF_SCOPE');
  });
});
