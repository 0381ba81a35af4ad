import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { methodPlaces, problemCodes } from '../methods/testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let worker: Client;
let leader: Client;
let outsider: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await methodPlaces(env);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  leader = await env.user([{ roleKey: 'leader', scopePath: places.regions.communityA.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityC.path }]);
});
afterAll(async () => { await env?.close(); });

const newMember = (extra: Record<string, unknown> = {}) => ({
  compoundId: places.compound.id, kind: 'resident_rep', name: '钱居民', phone: '138 0013 8000', expertise: [' parking ', '停车收费', 'parking'], ...extra,
});

describe('member pool', () => {
  it('adds a member with the phone sealed and masked, tags normalised, audited', async () => {
    const r = await worker.post('/api/pool-members', newMember({ userId: worker.userId, title: '3 栋楼长' }));
    expect(r.statusCode).toBe(201);
    const m = r.json();
    expect(m).toMatchObject({ kind: 'resident_rep', name: '钱居民', phoneMasked: '138****8000', expertise: ['parking', '停车收费'], userId: worker.userId, active: true, version: 1, abilities: { edit: true } });
    expect(m.phone).toBeUndefined();
    const row = await env.db.selectFrom('pool_member').select(['phone_enc', 'scope_path']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13800138000');
    expect(row.scope_path).toBe(places.compound.path);
    const audit = await env.db.selectFrom('audit_log').select('action').where('object_id', '=', m.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['pool_member.create']);
  });

  it('refuses unknown kinds, bad phones and unknown accounts field by field', async () => {
    const r = await worker.post('/api/pool-members', newMember({ kind: 'mayor', phone: '12345', userId: 'nobody' }));
    expect(r.statusCode).toBe(400);
    expect(problemCodes(r.json())).toEqual(['kind:NOT_IN_LIST', 'phone:PHONE_FORMAT', 'userId:NOT_FOUND_REF']);
  });

  it('returns the first result with 200 when a create is retried with the same id', async () => {
    const id = crypto.randomUUID();
    const first = await worker.post('/api/pool-members', newMember({ id, name: '孙网格', kind: 'grid_worker' }));
    const again = await worker.post('/api/pool-members', newMember({ id, name: '孙网格', kind: 'grid_worker' }));
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    const pool = (await worker.get(`/api/compounds/${places.compound.id}/pool?kind=grid_worker`)).json();
    expect(pool.map((m: { id: string }) => m.id)).toEqual([id]);
  });

  it('deactivates instead of deleting, with 409 STALE on an old version', async () => {
    const m = (await worker.post('/api/pool-members', newMember({ name: '周民警', kind: 'police_officer', phone: null }))).json();
    const off = await worker.patch(`/api/pool-members/${m.id}`, { version: 1, active: false, expertise: ['safety'] });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, expertise: ['safety'], version: 2 });
    const stale = await worker.patch(`/api/pool-members/${m.id}`, { version: 1, name: '旧名' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE', details: { currentVersion: 2 } });
    const active = (await worker.get(`/api/compounds/${places.compound.id}/pool?active=true`)).json();
    expect(active.map((x: { id: string }) => x.id)).not.toContain(m.id);
    const all = (await worker.get(`/api/compounds/${places.compound.id}/pool`)).json();
    expect(all.map((x: { id: string }) => x.id)).toContain(m.id);
    const audit = await env.db.selectFrom('audit_log').select('action').where('object_id', '=', m.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['pool_member.create', 'pool_member.deactivate']);
  });

  it('hides another area’s pool (404) and lets a read-only role look but not write (403)', async () => {
    const m = (await worker.post('/api/pool-members', newMember({ name: '吴老干部', kind: 'retired_cadre' }))).json();
    expect((await outsider.get(`/api/compounds/${places.compound.id}/pool`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/pool-members/${m.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    const seen = await leader.get(`/api/compounds/${places.compound.id}/pool`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().find((x: { id: string }) => x.id === m.id).abilities).toEqual({ edit: false });
    expect((await leader.post('/api/pool-members', newMember())).statusCode).toBe(403);
    expect((await leader.patch(`/api/pool-members/${m.id}`, { version: 1, name: 'x' })).statusCode).toBe(403);
  });
});
