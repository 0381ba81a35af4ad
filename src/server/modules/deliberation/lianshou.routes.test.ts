import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { pendingOutbox } from '../outbox/index.ts';
import { cst, methodPlaces } from '../methods/testing/fixture.ts';
import { addMember, insertOrg } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let leader: Client;
let worker: Client;
let gridman: Client;
let resident: Client;
let parkingCo: string;

beforeAll(async () => {
  env = await makeTestEnv();
  env.clock.set(cst('2026-11-24T09:00:00'));
  places = await methodPlaces(env);
  leader = await env.user([{ roleKey: 'compound_secretary', scopePath: places.compound.path }]);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  gridman = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
  resident = await env.user([{ roleKey: 'leader', scopePath: places.compound.path }]);
  parkingCo = await insertOrg(env, { name: '鑫达停车管理有限公司', scopePath: places.compound.path, compoundId: places.compound.id, type: 'other' });
});
afterAll(async () => { await env?.close(); });

describe('a joint talk (联手说事) through the API', () => {
  it('runs 集 商 解 评 晒 with a 1+5+N panel that leaves out the party complained about, by the right actors only', async () => {
    const c = places.compound.id;
    const add = (kind: string, name: string, expertise: string[], extra: { userId?: string; orgId?: string } = {}) => addMember(env, c, kind, name, { expertise, ...extra });
    await add('community_secretary', '陈书记', ['policy']);
    await add('community_cadre', '李干部', ['parking'], { userId: worker.userId });
    await add('resident_rep', '钱居民', ['parking']);
    await add('grid_worker', '孙网格', ['safety'], { userId: gridman.userId });
    await add('police_officer', '周民警', ['parking', 'safety']);
    await add('retired_cadre', '吴老干部', []);
    const conflicted = await add('interested_party', '郑经理', ['parking'], { orgId: parkingCo });
    await add('department', '城管中队', ['parking']);

    const opinion = (await worker.post('/api/opinions', { id: crypto.randomUUID(), compoundId: c, content: '东门外乱停车堵住消防通道', category: 'parking', channel: 'visit', phone: '13912345678' })).json();
    const created = await leader.post('/api/matters', {
      id: crypto.randomUUID(), compoundId: c, title: '东门停车秩序', category: 'parking', source: 'resident_opinion', methodKey: 'lianshou',
      opinionIds: [opinion.id], conflictOrgIds: [parkingCo],
    });
    expect(created.statusCode).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ stage: 'collecting', methodKey: 'lianshou', relations: { talk_leader: leader.userId } });
    expect((await worker.get(`/api/opinions/${opinion.id}`)).json()).toMatchObject({ status: 'taken_up', matterId: m.id });

    // 1+5 covered; the N picked by expertise; the parking company's manager left out with the reason.
    const proposal = (await leader.post(`/api/matters/${m.id}/participants/proposal`)).json();
    expect(proposal.missingSlots).toEqual([]);
    expect(proposal.participants.map((p: { kind: string }) => p.kind)).toEqual(expect.arrayContaining(['community_secretary', 'community_cadre', 'resident_rep', 'grid_worker', 'police_officer', 'retired_cadre', 'department']));
    expect(proposal.participants.some((p: { memberId: string }) => p.memberId === conflicted.id)).toBe(false);
    expect(proposal.excluded).toEqual([expect.objectContaining({ memberId: conflicted.id, reasons: [expect.objectContaining({ code: 'CONFLICT' })] })]);
    const forced = await leader.put(`/api/matters/${m.id}/participants`, { participants: [...proposal.participants, { memberId: conflicted.id }].map((p: { memberId: string }) => ({ memberId: p.memberId })), version: m.version });
    expect([forced.statusCode, forced.json().error.code]).toEqual([409, 'CONFLICT_OF_INTEREST']);
    const saved = await leader.put(`/api/matters/${m.id}/participants`, { participants: proposal.participants.map((p: { memberId: string }) => ({ memberId: p.memberId })), version: m.version });
    expect(saved.statusCode).toBe(200);
    const withPanel = (await leader.get(`/api/matters/${m.id}`)).json();
    expect(withPanel.relations.participant).toEqual(expect.arrayContaining([worker.userId, gridman.userId]));

    const step = async (who: Client, event: string, input: Record<string, unknown>, wrong?: Client) => {
      const cur = (await leader.get(`/api/matters/${m.id}`)).json();
      if (wrong) {
        const no = await wrong.post(`/api/matters/${m.id}/events`, { event, input, version: cur.instanceVersion });
        expect([event, no.statusCode, no.json().error.code]).toEqual([event, 403, 'ROLE_NOT_ALLOWED']);
      }
      env.clock.advance(60_000);
      const yes = await who.post(`/api/matters/${m.id}/events`, { event, input, version: cur.instanceVersion });
      expect([event, yes.statusCode]).toEqual([event, 200]);
      return yes.json();
    };
    await step(leader, 'collect', { topic: '东门停车秩序：划线、巡查' }, gridman);
    const meeting = (await leader.post('/api/meetings', { id: crypto.randomUUID(), compoundId: c, matterId: m.id, purpose: 'deliberation', form: 'bench', title: '东门停车板凳会', startsAt: '2026-11-24T19:00:00+08:00', place: '东门小广场' })).json();
    expect(meeting.attendees.length).toBe(proposal.participants.length);
    for (const a of meeting.attendees.slice(0, 5)) expect((await leader.post(`/api/meetings/${meeting.id}/sign-in`, { memberId: a.memberId })).statusCode).toBe(200);
    const minuted = (await leader.patch(`/api/meetings/${meeting.id}`, { minutes: '5 人到会，商定划线与巡查。', decisions: '划定 20 个夜间车位', version: meeting.version })).json();
    expect((await leader.post(`/api/meetings/${meeting.id}/held`, { version: minuted.version })).statusCode).toBe(200);
    const discussed = await step(leader, 'discuss', { form: 'bench', minutes: '板凳会商定三项措施', measures: '划定 20 个夜间车位；消防通道设隔离桩；网格员每晚巡查', due_date: '2026-12-20' }, gridman);
    expect(discussed).toMatchObject({ stage: 'resolving', decision: '划定 20 个夜间车位；消防通道设隔离桩；网格员每晚巡查' });
    // A participant may evaluate but not report the resolution; the talk leader reports it.
    await step(leader, 'resolve', { result: '已划线 20 个车位，隔离桩已安装' }, worker);
    const evaluated = await step(gridman, 'evaluate', { satisfaction: 4, opinion: '通道畅通了' }, resident);
    expect([evaluated.stage, evaluated.satisfaction]).toEqual(['publishing', 4]);
    const published = await step(leader, 'publish', { summary: '东门停车秩序整治完成' }, gridman);
    expect(published).toMatchObject({ stage: 'published', terminal: true, outcome: 'resolved', result: '已划线 20 个车位，隔离桩已安装' });
    expect(published.timeline.map((e: { event: string }) => e.event)).toEqual(['start', 'collect', 'discuss', 'resolve', 'evaluate', 'publish']);

    // Published on the bulletin without personal data; the domain events are in the outbox.
    const board = (await env.app.inject({ method: 'GET', url: `/api/public/compounds/${c}/bulletin` })).json();
    expect(board.items.map((i: { title: string }) => i.title)).toEqual(['东门停车秩序']);
    const text = JSON.stringify(board);
    for (const secret of ['13912345678', '陈书记', '孙网格', '郑经理']) expect(text).not.toContain(secret);
    const types = (await pendingOutbox(env.db, null, 200)).filter((e) => e.payload.matterId === m.id || e.aggregateId === meeting.id).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['meeting.attended', 'matter.decided', 'matter.evaluated']));
  });
});
