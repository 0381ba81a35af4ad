import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { methodPlaces, problemCodes } from '../methods/testing/fixture.ts';
import { pendingOutbox } from '../outbox/index.ts';
import { addMember, insertMatter, seedPool } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let worker: Client;
let outsider: Client;
let gridUser: Client;
let pool: Awaited<ReturnType<typeof seedPool>>;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await methodPlaces(env);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityC.path }]);
  gridUser = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  pool = await seedPool(env, places.compound.id);
});
afterAll(async () => { await env?.close(); });

const meeting = (extra: Record<string, unknown> = {}) => ({
  compoundId: places.compound.id, purpose: 'deliberation', form: 'bench', title: '东门停车板凳会', startsAt: '2026-11-28T19:30', place: '3 栋楼下', ...extra,
});

async function create(extra: Record<string, unknown> = {}) {
  const r = await worker.post('/api/meetings', meeting(extra));
  if (r.statusCode !== 201) throw new Error(`${r.statusCode} ${r.body}`);
  return r.json();
}

describe('meetings', () => {
  it('schedules a meeting about a matter, inviting its participants by default', async () => {
    const m = await insertMatter(env, { compound: places.compound });
    await worker.put(`/api/matters/${m.id}/participants`, { version: 1, participants: [{ memberId: pool.secretary.id }, { memberId: pool.grid.id }] });
    const mt = await create({ matterId: m.id });
    expect(mt).toMatchObject({
      compound: { id: places.compound.id, name: '锦华小区' }, matterId: m.id, matterTitle: '东门停车位划线', status: 'planned', form: 'bench',
      startsAt: '2026-11-28T11:30:00.000Z', version: 1, abilities: { edit: true, signIn: true, vote: true, markHeld: true },
    });
    expect(mt.attendees.map((a: { name: string; invited: boolean; signedInAt: string | null }) => [a.name, a.invited, a.signedInAt])).toEqual([['陈书记', true, null], ['孙网格', true, null]]);
  });

  it('refuses unknown forms, unreadable times and members of another pool', async () => {
    const r = await worker.post('/api/meetings', meeting({ form: 'banquet', startsAt: 'tomorrow', invitedMemberIds: ['nobody'] }));
    expect(r.statusCode).toBe(400);
    expect(problemCodes(r.json())).toEqual(['form:NOT_IN_LIST', 'startsAt:NOT_A_TIME']);
    const other = await worker.post('/api/meetings', meeting({ invitedMemberIds: [pool.secretary.id, 'nobody'] }));
    expect(problemCodes(other.json())).toEqual(['invitedMemberIds.1:NOT_FOUND_REF']);
  });

  it('signs a member in once however often they sign in, and adds walk-ins once', async () => {
    const mt = await create({ invitedMemberIds: [pool.secretary.id] });
    const first = await worker.post(`/api/meetings/${mt.id}/sign-in`, { memberId: pool.secretary.id });
    expect(first.statusCode).toBe(200);
    const at = first.json().attendees[0].signedInAt;
    env.clock.advance(60_000);
    const again = await worker.post(`/api/meetings/${mt.id}/sign-in`, { memberId: pool.secretary.id });
    expect(again.json().attendees).toEqual(first.json().attendees);
    expect(again.json().attendees[0]).toMatchObject({ signedInAt: at, signInMethod: 'staff' });
    await worker.post(`/api/meetings/${mt.id}/sign-in`, { memberId: pool.police.id });
    await worker.post(`/api/meetings/${mt.id}/sign-in`, { name: '刘大爷', kind: 'resident' });
    const last = await worker.post(`/api/meetings/${mt.id}/sign-in`, { name: ' 刘大爷 ', kind: 'resident' });
    expect(last.json().attendees.map((a: { name: string; invited: boolean; memberId: string | null }) => [a.name, a.invited, !!a.memberId]))
      .toEqual([['陈书记', true, true], ['刘大爷', false, false], ['周民警', false, true]]);
    const audit = await env.db.selectFrom('audit_log').select('action').where('object_id', '=', mt.id).where('action', '=', 'meeting.sign_in').execute();
    expect(audit).toHaveLength(3);
  });

  it('lets a pool member linked to the caller sign themselves in, and nobody else', async () => {
    const me = await addMember(env, places.compound.id, 'resident_rep', '楼长老刘', { userId: gridUser.userId });
    const mt = await create({ invitedMemberIds: [me.id] });
    expect((await gridUser.get(`/api/meetings/${mt.id}`)).json().abilities).toEqual({ edit: false, signIn: true, vote: false, markHeld: false });
    expect((await gridUser.post(`/api/meetings/${mt.id}/sign-in`, { memberId: pool.grid.id })).statusCode).toBe(403);
    const self = await gridUser.post(`/api/meetings/${mt.id}/sign-in`, { memberId: me.id, method: 'staff' });
    expect(self.statusCode).toBe(200);
    expect(self.json().attendees[0]).toMatchObject({ name: '楼长老刘', signInMethod: 'self' });
  });

  it('marks a meeting held only with minutes and a signed-in attendee, writing one attendance event each', async () => {
    const linked = await addMember(env, places.compound.id, 'interested_party', '业主小张', { userId: gridUser.userId });
    const mt = await create({ invitedMemberIds: [pool.secretary.id, linked.id, pool.grid.id] });
    const noMinutes = await worker.post(`/api/meetings/${mt.id}/held`, { version: 1 });
    expect([noMinutes.statusCode, noMinutes.json().error.code]).toEqual([422, 'MEETING_MINUTES_REQUIRED']);
    const edited = (await worker.patch(`/api/meetings/${mt.id}`, { version: 1, minutes: '议定：东门划线 20 个车位', decisions: '物业 12 月底前完成' })).json();
    const nobody = await worker.post(`/api/meetings/${mt.id}/held`, { version: edited.version });
    expect([nobody.statusCode, nobody.json().error.code]).toEqual([422, 'MEETING_NO_ATTENDEES']);
    expect(await pendingOutbox(env.db, ['meeting.attended'], 100)).toEqual([]);
    await worker.post(`/api/meetings/${mt.id}/sign-in`, { memberId: pool.secretary.id });
    await worker.post(`/api/meetings/${mt.id}/sign-in`, { memberId: linked.id });
    await worker.post(`/api/meetings/${mt.id}/sign-in`, { name: '刘大爷', kind: 'resident' });
    const held = await worker.post(`/api/meetings/${mt.id}/held`, { version: edited.version });
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ status: 'held', heldAt: env.clock.now().toISOString(), abilities: { markHeld: false, signIn: false, edit: true } });
    const events = (await pendingOutbox(env.db, ['meeting.attended'], 100)).filter((e) => e.aggregateId === mt.id);
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.scopePath === places.compound.path && e.payload.form === 'bench' && e.payload.purpose === 'deliberation')).toBe(true);
    expect(events.map((e) => e.payload.userId).filter(Boolean)).toEqual([gridUser.userId]);
    expect(events.map((e) => e.payload.memberId).sort()).toEqual([pool.secretary.id, linked.id, null].sort());
    const late = await worker.post(`/api/meetings/${mt.id}/sign-in`, { memberId: pool.grid.id });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'MEETING_NOT_OPEN']);
    const twice = await worker.post(`/api/meetings/${mt.id}/held`, { version: held.json().version });
    expect(twice.json().error.code).toBe('MEETING_NOT_OPEN');
    const minutes = await worker.patch(`/api/meetings/${mt.id}`, { version: held.json().version, minutes: '议定：东门划线 22 个车位' });
    expect(minutes.statusCode).toBe(200);
  });

  it('answers a stale edit with 409 STALE and a retried create with the first meeting', async () => {
    const id = crypto.randomUUID();
    const a = await worker.post('/api/meetings', meeting({ id }));
    const b = await worker.post('/api/meetings', meeting({ id, title: '另一个' }));
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(b.json().title).toBe('东门停车板凳会');
    expect((await worker.get(`/api/meetings?compoundId=${places.compound.id}&pageSize=200`)).json().items.filter((x: { id: string }) => x.id === id)).toHaveLength(1);
    await worker.patch(`/api/meetings/${id}`, { version: 1, place: '活动室' });
    const stale = await worker.patch(`/api/meetings/${id}`, { version: 1, place: '广场' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE', details: { currentVersion: 2 } });
  });

  it('lists by form and date and hides other areas’ meetings (404)', async () => {
    const mt = await create({ form: 'kang', startsAt: '2026-12-02T09:00:00+08:00' });
    const list = (await worker.get(`/api/meetings?form=kang&from=2026-12-02&to=2026-12-02`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([mt.id]);
    expect((await worker.get(`/api/meetings?form=kang&from=2026-12-03`)).json().total).toBe(0);
    expect((await outsider.get(`/api/meetings/${mt.id}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/meetings/${mt.id}/sign-in`, { memberId: pool.secretary.id })).statusCode).toBe(404);
    expect((await outsider.get(`/api/meetings?form=kang`)).json().total).toBe(0);
  });
});
