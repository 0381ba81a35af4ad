import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { appoint, mkOrg, mkPerson } from './testing/api.ts';
import { insertResident, seedPlaces } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof seedPlaces>>;
let workerA: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await seedPlaces(env.db);
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: places.communityA.scopePath }]);
  const c = places.a1.id;
  const branch = await mkOrg(workerA, { type: 'branch', name: '甲一小区党支部', compoundId: c });
  const committee = await mkOrg(workerA, { type: 'owners_committee', name: '甲一小区业委会', compoundId: c });
  const property = await mkOrg(workerA, { type: 'property_company', name: '安居物业甲一项目部', compoundId: c });
  const board = await mkOrg(workerA, { type: 'supervisory_board', name: '甲一小区监事会', compoundId: c });
  const person = (name: string, politicalStatus: string, isOwner: boolean, extra: Record<string, unknown> = {}) =>
    mkPerson(workerA, { name, politicalStatus, isOwner, compoundId: c, ...extra });

  const secretary = await person('张书记', '01', true);
  await appoint(workerA, branch.id, secretary.id, 'secretary');
  await appoint(workerA, committee.id, secretary.id, 'chair');
  const probationaryOwner = await person('李预备', '02', true);
  await appoint(workerA, committee.id, probationaryOwner.id, 'member');
  const massesOwner = await person('王群众', '13', true);
  await appoint(workerA, committee.id, massesOwner.id, 'vice_chair');
  const manager = await person('赵经理', '01', false);
  await appoint(workerA, property.id, manager.id, 'project_manager');
  await appoint(workerA, branch.id, manager.id, 'committee_member', { partTime: true });
  const former = await person('钱前任', '01', true);
  await appoint(workerA, committee.id, former.id, 'member', { startOn: '2021-01-01', endOn: '2026-10-31' });
  await appoint(workerA, branch.id, former.id, 'member');
  const rid = await insertResident(env.db, { compound: places.a1, name: '孙同人', politicalStatus: '01' });
  const asMember = await mkPerson(workerA, { residentId: rid });
  const asSupervisor = await mkPerson(workerA, { residentId: rid });
  await appoint(workerA, branch.id, asMember.id, 'member');
  await appoint(workerA, board.id, asSupervisor.id, 'supervisor');
});
afterAll(async () => { await env?.close(); });

describe('cross-appointments (交叉任职)', () => {
  it('counts party-member owners on the committee, property heads on the branch and secretaries chairing the committee', async () => {
    const r = await workerA.get(`/api/compounds/${places.a1.id}/cross-appointments`);
    expect(r.statusCode).toBe(200);
    expect(r.json().counts).toEqual({ partyMemberOwnersOnCommittees: 2, propertyHeadsOnPartyOrg: 1, secretariesChairingCommittee: 1 });
  });

  it('lists people holding current posts in two or more bodies, merging records of the same resident', async () => {
    const body = (await workerA.get(`/api/compounds/${places.a1.id}/cross-appointments`)).json();
    const people = body.people.map((p: { name: string; bodies: string[]; personIds: string[] }) => [p.name, p.bodies, p.personIds.length]);
    expect(people.sort()).toEqual([
      ['孙同人', ['party', 'supervisory'], 2],
      ['张书记', ['committee', 'party'], 1],
      ['赵经理', ['party', 'property'], 1],
    ].sort());
    const zhang = body.people.find((p: { name: string }) => p.name === '张书记');
    expect(zhang.posts.map((p: { orgType: string; post: string }) => `${p.orgType}:${p.post}`).sort()).toEqual(['branch:secretary', 'owners_committee:chair']);
  });

  it('sums the same three counts over a region in one SQL query, and nothing for another community', async () => {
    const sum = (await workerA.get(`/api/cross-appointments/summary?regionId=${places.communityA.id}`)).json();
    expect(sum.counts).toEqual({ partyMemberOwnersOnCommittees: 2, propertyHeadsOnPartyOrg: 1, secretariesChairingCommittee: 1 });
    expect([sum.crossAppointedPeople, sum.compoundsWithCrossAppointments]).toEqual([3, 1]);
    const whole = (await workerA.get('/api/cross-appointments/summary')).json();
    expect(whole.counts).toEqual(sum.counts);
    const workerB = await env.user([{ roleKey: 'community_worker', scopePath: places.communityB.scopePath }]);
    expect((await workerB.get('/api/cross-appointments/summary')).json().counts).toEqual({ partyMemberOwnersOnCommittees: 0, propertyHeadsOnPartyOrg: 0, secretariesChairingCommittee: 0 });
    expect((await workerB.get(`/api/compounds/${places.a1.id}/cross-appointments`)).statusCode).toBe(404);
  });
});
