import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { methodPlaces } from '../methods/testing/fixture.ts';
import { addMember, insertMatter, seedPool } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let worker: Client;
let outsider: Client;
let member: Client;
let pool: Awaited<ReturnType<typeof seedPool>>;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await methodPlaces(env);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityC.path }]);
  member = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  pool = await seedPool(env, places.compound.id);
});
afterAll(async () => { await env?.close(); });

describe('participants', () => {
  it('proposes 1+5+N by expertise, leaving out the party complained about with the reason', async () => {
    const m = await insertMatter(env, { compound: places.compound, category: 'parking', conflictMemberIds: [pool.cadre.id] });
    const r = await worker.post(`/api/matters/${m.id}/participants/proposal`);
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p.missingSlots).toEqual([]);
    expect(p.participants.map((x: { name: string }) => x.name)).toEqual(['陈书记', '王干部', '钱居民', '孙网格', '周民警', '吴老干部', '城管中队', '郑业主']);
    expect(p.excluded).toEqual([{ memberId: pool.cadre.id, name: '李干部', kind: 'community_cadre', reasons: [expect.objectContaining({ code: 'CONFLICT' })] }]);
    expect(p.participants.find((x: { name: string }) => x.name === '钱居民').reasons.map((x: { zh: string }) => x.zh)).toEqual(['“5”：党员代表或居民代表', '擅长：停车管理']);
    expect(await env.db.selectFrom('matter_participant').select('member_id').where('matter_id', '=', m.id).execute()).toEqual([]);
  });

  it('saves the leader’s list, records who chose each, bumps the matter version and sets the participant relation', async () => {
    const linked = await addMember(env, places.compound.id, 'interested_party', '楼长老刘', { userId: member.userId });
    const m = await insertMatter(env, { compound: places.compound, category: 'parking' });
    const put = await worker.put(`/api/matters/${m.id}/participants`, {
      version: 1, participants: [{ memberId: pool.secretary.id }, { memberId: pool.residentRep.id }, { memberId: linked.id, reason: '住在东门' }],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().map((p: { name: string; chosenBy: string }) => [p.name, p.chosenBy])).toEqual([['陈书记', 'proposal'], ['钱居民', 'proposal'], ['楼长老刘', 'leader']]);
    expect((await worker.get(`/api/matters/${m.id}/participants`)).json()).toEqual(put.json());
    const row = await env.db.selectFrom('matter').select('version').where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(Number(row.version)).toBe(2);
    const inst = await env.db.selectFrom('method_instance').select(['relations', 'version']).where('id', '=', m.instanceId).executeTakeFirstOrThrow();
    expect(JSON.parse(inst.relations).participant).toEqual([member.userId]);
    expect(Number(inst.version)).toBe(1);
    const timeline = await env.db.selectFrom('method_event').select('event').where('instance_id', '=', m.instanceId).execute();
    expect(timeline.map((e) => e.event)).toEqual(['start']);
    const audit = await env.db.selectFrom('audit_log').select('action').where('object_id', 'in', [m.id, m.instanceId]).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['method_instance.start', 'method_instance.relations', 'matter.participants']);
  });

  it('refuses a member with a conflict of interest, directly or through their organisation, and writes nothing', async () => {
    const m = await insertMatter(env, { compound: places.compound, conflictMemberIds: [pool.department.id] });
    const r = await worker.put(`/api/matters/${m.id}/participants`, { version: 1, participants: [{ memberId: pool.secretary.id }, { memberId: pool.department.id }] });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('CONFLICT_OF_INTEREST');
    expect(r.json().error.zh).toContain('城管中队');
    expect(r.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['participants.1.memberId']);
    expect(await env.db.selectFrom('matter_participant').select('member_id').where('matter_id', '=', m.id).execute()).toEqual([]);
  });

  it('answers a stale matter version with 409 STALE', async () => {
    const m = await insertMatter(env, { compound: places.compound });
    expect((await worker.put(`/api/matters/${m.id}/participants`, { version: 1, participants: [{ memberId: pool.secretary.id }] })).statusCode).toBe(200);
    const stale = await worker.put(`/api/matters/${m.id}/participants`, { version: 1, participants: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE', details: { currentVersion: 2 } });
  });

  it('hides another area’s matter (404) and refuses a read-only caller (403)', async () => {
    const m = await insertMatter(env, { compound: places.compound });
    expect((await outsider.get(`/api/matters/${m.id}/participants`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/matters/${m.id}/participants/proposal`)).statusCode).toBe(404);
    expect((await member.put(`/api/matters/${m.id}/participants`, { version: 1, participants: [] })).statusCode).toBe(403);
  });
});
