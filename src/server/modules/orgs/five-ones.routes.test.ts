import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { fiveOnesFor } from './index.ts';
import { mkOrg, mkPairing, mkPerson } from './testing/api.ts';
import { insertCompound, insertDocument, insertRegion, seedPlaces } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof seedPlaces>>;
let street: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await seedPlaces(env.db);
  street = await env.user([{ roleKey: 'street_admin', scopePath: places.street.scopePath }]);
});
afterAll(async () => { await env?.close(); });

const score = async (c: Client, compoundId: string) => (await c.get(`/api/compounds/${compoundId}/five-ones`)).json();

describe('five ones (五个一)', () => {
  it('goes from 0/5 to 5/5 as a branch, a work plan, a responsible leader, a contact unit and a volunteer team are added', async () => {
    const a1 = places.a1.id;
    const start = await score(street, a1);
    expect(start.score).toBe(0);
    expect(start.missing).toEqual(['party_org', 'work_plan', 'responsible_leader', 'contact_unit', 'volunteer_team']);
    expect(start.communityName).toBe('甲社区');

    await mkOrg(street, { type: 'branch', name: '甲一小区党支部', compoundId: a1, foundedOn: '2025-06-01' });
    expect((await score(street, a1)).items.partyOrg).toEqual({ ok: true, detail: '甲一小区党支部' });

    await insertDocument(env.db, { compound: places.a1, kind: 'work_plan', title: '甲一小区2026年工作方案', adoptedOn: '2026-01-10', validTo: '2026-12-31' });
    expect((await score(street, a1)).score).toBe(2);

    const leader = await mkPerson(street, { name: '刘副区长', politicalStatus: '01', regionId: places.street.id });
    await mkPairing(street, { kind: 'responsible_leader', partnerPersonId: leader.id, targetCompoundId: a1, startOn: '2026-01-01' });
    const three = await score(street, a1);
    expect(three.score).toBe(3);
    expect(three.items.responsibleLeader.detail).toBe('刘副区长');

    await mkPairing(street, { kind: 'contact_unit', partnerName: '市住建局', targetCompoundId: a1 });
    expect((await score(street, a1)).score).toBe(4);

    await mkOrg(street, { type: 'volunteer_team', name: '甲一党员志愿服务队', compoundId: a1 });
    const done = await score(street, a1);
    expect(done.score).toBe(5);
    expect(done.missing).toEqual([]);
    expect(done.abilities).toEqual({ addOrg: true, addPairing: true });
  });

  it('lists exactly the compounds of a region that lack a contact unit, paged in SQL', async () => {
    const street2 = await insertRegion(env.db, { code: '511302002', name: '东街道', level: 'street', parent: places.county });
    const comm = await insertRegion(env.db, { code: '511302002001', name: '丙社区', level: 'community', parent: street2 });
    const c1 = await insertCompound(env.db, { community: comm, name: '丙1' });
    const c2 = await insertCompound(env.db, { community: comm, name: '丙2' });
    const c3 = await insertCompound(env.db, { community: comm, name: '丙3' });
    const c4 = await insertCompound(env.db, { community: comm, name: '丙4' });
    const c5 = await insertCompound(env.db, { community: comm, name: '丙5' });
    const county = await env.user([{ roleKey: 'street_admin', scopePath: places.county.scopePath }]);
    await mkPairing(county, { kind: 'contact_unit', partnerName: '区教育局', targetCompoundId: c2.id });
    await mkPairing(county, { kind: 'co_building', partnerName: '区人民医院党委', targetCompoundId: c3.id });
    await mkPairing(county, { kind: 'contact_unit', partnerName: '区税务局', targetCompoundId: c4.id, startOn: '2025-01-01', endOn: '2026-06-30' });
    await mkPairing(county, { kind: 'responsible_leader', partnerName: '陈局长', targetCompoundId: c5.id });

    const lacking = (await county.get(`/api/five-ones?regionId=${comm.id}&missing=contact_unit`)).json();
    expect(lacking.items.map((x: { name: string }) => x.name).sort()).toEqual(['丙1', '丙4', '丙5']);
    expect(lacking.total).toBe(3);
    expect(lacking.summary).toEqual({ total: 5, complete: 0, byItem: { partyOrg: 0, workPlan: 0, responsibleLeader: 1, contactUnit: 2, volunteerTeam: 0 } });

    const page2 = (await county.get(`/api/five-ones?regionId=${comm.id}&missing=contact_unit&page=2&pageSize=2`)).json();
    expect([page2.total, page2.items.length, page2.page]).toEqual([3, 1, 2]);

    const both = (await county.get(`/api/five-ones?regionId=${comm.id}&missing=contact_unit&missing=responsible_leader`)).json();
    expect(both.items.map((x: { compoundId: string }) => x.compoundId).sort()).toEqual([c1.id, c4.id].sort());

    const incomplete = (await county.get(`/api/five-ones?regionId=${comm.id}&complete=false`)).json();
    expect(incomplete.total).toBe(5);
    expect((await county.get(`/api/five-ones?regionId=${comm.id}&complete=true`)).json().total).toBe(0);
    expect((await county.get(`/api/five-ones?complete=true`)).json().items.map((x: { compoundId: string }) => x.compoundId)).toEqual([places.a1.id]);
  });

  it('stops counting a pairing once it has ended', async () => {
    const a2 = places.a2;
    const p = await mkPairing(street, { kind: 'responsible_leader', partnerName: '黄书记', targetCompoundId: a2.id, startOn: '2026-01-01', endOn: '2026-11-26' });
    expect((await score(street, a2.id)).items.responsibleLeader.ok).toBe(true);
    await mkPairing(street, { kind: 'contact_unit', partnerName: '明年单位', targetCompoundId: a2.id, startOn: '2027-01-01' });
    expect((await score(street, a2.id)).items.contactUnit.ok).toBe(false);
    const ended = await street.patch(`/api/pairings/${p.id}`, { version: p.version, endOn: '2026-11-25' });
    expect(ended.json().active).toBe(false);
    expect((await score(street, a2.id)).items.responsibleLeader).toEqual({ ok: false, detail: null });
    const missing = (await street.get(`/api/five-ones?regionId=${places.communityA.id}&missing=responsible_leader`)).json();
    expect(missing.items.map((x: { compoundId: string }) => x.compoundId)).toEqual([a2.id]);
    expect((await street.get(`/api/pairings?compoundId=${a2.id}&active=false`)).json().total).toBe(2);
    expect((await street.get(`/api/pairings?compoundId=${a2.id}&active=true`)).json().total).toBe(0);
  });

  it('counts a joint branch anchored to the community for its compounds, and ignores an expired work plan', async () => {
    const b1 = places.b1;
    await insertDocument(env.db, { compound: b1, kind: 'work_plan', title: '旧方案', adoptedOn: '2024-01-01', validTo: '2025-12-31' });
    expect((await score(street, b1.id)).items.workPlan.ok).toBe(false);
    await mkOrg(street, { type: 'joint_branch', name: '乙社区第一联合党支部', regionId: places.communityB.id });
    expect((await score(street, b1.id)).items.partyOrg).toEqual({ ok: true, detail: '乙社区第一联合党支部' });
    const list = (await street.get(`/api/five-ones?regionId=${places.communityB.id}&missing=party_org`)).json();
    expect(list.total).toBe(0);
  });

  it('hides other communities from a community worker and batches fiveOnesFor', async () => {
    const workerA = await env.user([{ roleKey: 'community_worker', scopePath: places.communityA.scopePath }]);
    expect((await workerA.get(`/api/compounds/${places.b1.id}/five-ones`)).statusCode).toBe(404);
    const list = (await workerA.get('/api/five-ones?pageSize=100')).json();
    expect(list.items.map((x: { name: string }) => x.name).sort()).toEqual(['甲一小区', '甲二院落']);
    expect(list.summary.total).toBe(2);
    const map = await fiveOnesFor(env.db, env.ctx(), [places.a1.id, places.a2.id, places.b1.id, 'no-such-id']);
    expect([...map.keys()].sort()).toEqual([places.a1.id, places.a2.id, places.b1.id].sort());
    expect(map.get(places.a1.id)!.score).toBe(5);
  });
});
