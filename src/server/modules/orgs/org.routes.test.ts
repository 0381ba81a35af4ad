import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { appoint, mkOrg, mkPerson } from './testing/api.ts';
import { seedPlaces } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof seedPlaces>>;
let street: Client;
let workerA: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await seedPlaces(env.db);
  street = await env.user([{ roleKey: 'street_admin', scopePath: places.street.scopePath }]);
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: places.communityA.scopePath }]);
});
afterAll(async () => { await env?.close(); });

describe('organisations', () => {
  it('creates a branch anchored to a compound with the compound scope and abilities', async () => {
    const org = await mkOrg(workerA, { type: 'branch', name: '甲一小区党支部', compoundId: places.a1.id, termStart: '2025-01-01', termEnd: '2027-12-31' });
    expect(org.scopePath).toBe(places.a1.scopePath);
    expect(org.category).toBe('party');
    expect(org.regionId).toBeNull();
    expect(org.abilities).toEqual({ update: true, delete: true, addPosition: true });
    expect(org.anchorName).toBe('甲一小区');
    const audit = await env.db.selectFrom('audit_log').select(['action', 'scope_path']).where('object_id', '=', org.id).execute();
    expect(audit).toEqual([{ action: 'org.create', scope_path: places.a1.scopePath }]);
  });

  it('refuses an invalid credit code with USCC_CHECK_CHAR and writes nothing', async () => {
    const r = await workerA.post('/api/orgs', { type: 'property_company', name: '某物业', compoundId: places.a1.id, uscc: '91350100M000100Y44' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields.map((f: { field: string; code: string }) => [f.field, f.code])).toEqual([['uscc', 'USCC_CHECK_CHAR']]);
    const bad = await workerA.post('/api/orgs', { type: 'property_company', name: '某物业', compoundId: places.a1.id, uscc: '91350100M00O100Y43' });
    expect(bad.json().error.fields[0].code).toBe('USCC_FORMAT');
    expect((await workerA.get(`/api/orgs?compoundId=${places.a1.id}&type=property_company`)).json().total).toBe(0);
  });

  it('accepts a credit code whose inner organisation-code check fails, with a notice', async () => {
    const org = await mkOrg(workerA, { type: 'property_company', name: '安居物业甲一项目部', compoundId: places.a1.id, uscc: '91330106ma2h0b7k5m' });
    expect(org.uscc).toBe('91330106MA2H0B7K5M');
    expect(org.notices.map((n: { code: string }) => n.code)).toEqual(['USCC_INNER_CHECK']);
  });

  it('refuses an organisation anchored to both a region and a compound, or to neither', async () => {
    const both = await workerA.post('/api/orgs', { type: 'volunteer_team', name: '队', compoundId: places.a1.id, regionId: places.communityA.id });
    expect(both.json().error.fields.map((f: { code: string }) => f.code)).toContain('ANCHOR_ONE');
    const none = await workerA.post('/api/orgs', { type: 'volunteer_team', name: '队' });
    expect(none.json().error.fields.map((f: { code: string }) => f.code)).toContain('ANCHOR_ONE');
  });

  it('returns the first result with 200 when a create is retried with the same id', async () => {
    const id = crypto.randomUUID();
    const body = { id, type: 'volunteer_team', name: '甲一志愿服务队', compoundId: places.a1.id };
    const first = await workerA.post('/api/orgs', body);
    const again = await workerA.post('/api/orgs', body);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(id);
    const list = (await workerA.get(`/api/orgs?compoundId=${places.a1.id}&q=${encodeURIComponent('甲一志愿服务队')}`)).json();
    expect(list.total).toBe(1);
  });

  it('answers a stale update with 409 STALE and the current version', async () => {
    const org = await mkOrg(workerA, { type: 'courtyard_committee', name: '甲二院委会', compoundId: places.a2.id });
    const ok = await workerA.patch(`/api/orgs/${org.id}`, { version: 1, name: '甲二院落院委会', filedOn: '2026-03-01' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await workerA.patch(`/api/orgs/${org.id}`, { version: 1, name: '旧名字' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE');
    expect(stale.json().error.details.currentVersion).toBe(2);
    expect((await workerA.get(`/api/orgs/${org.id}`)).json().name).toBe('甲二院落院委会');
  });

  it('keeps a community worker of community A away from community B organisations', async () => {
    const orgB = await mkOrg(street, { type: 'branch', name: '乙一小区党支部', compoundId: places.b1.id });
    const list = (await workerA.get('/api/orgs?pageSize=200')).json();
    expect(list.items.every((o: { scopePath: string }) => o.scopePath.startsWith(places.communityA.scopePath))).toBe(true);
    expect(list.items.some((o: { id: string }) => o.id === orgB.id)).toBe(false);
    expect((await workerA.get(`/api/orgs?regionId=${places.communityB.id}`)).json().total).toBe(0);
    expect((await workerA.get(`/api/orgs/${orgB.id}`)).statusCode).toBe(404);
    expect((await workerA.patch(`/api/orgs/${orgB.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await workerA.delete(`/api/orgs/${orgB.id}`)).statusCode).toBe(404);
    const into = await workerA.post('/api/orgs', { type: 'volunteer_team', name: '越界', compoundId: places.b1.id });
    expect(into.statusCode).toBe(403);
    expect(into.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await street.get(`/api/orgs/${orgB.id}`)).statusCode).toBe(200);
  });

  it('filters the list by region, category, type and name', async () => {
    const county = await env.user([{ roleKey: 'street_admin', scopePath: places.county.scopePath }]);
    await mkOrg(county, { type: 'government_department', name: '区住建局', regionId: places.county.id });
    const party = (await street.get(`/api/orgs?regionId=${places.communityA.id}&category=party`)).json();
    expect(party.items.map((o: { type: string }) => o.type)).toEqual(['branch']);
    const units = (await street.get('/api/orgs?category=unit')).json();
    expect(units.total).toBe(0);
    const city = await env.user([{ roleKey: 'leader', scopePath: places.city.scopePath }]);
    const dept = (await city.get('/api/orgs?category=unit&q=住建')).json();
    expect(dept.items.map((o: { name: string }) => o.name)).toEqual(['区住建局']);
    expect(dept.items[0].abilities.update).toBe(false);
  });
});

describe('people and positions', () => {
  it('stores ID number and phone encrypted and answers with masks only', async () => {
    const p = await mkPerson(workerA, { name: '王建国', politicalStatus: '01', isOwner: true, compoundId: places.a1.id, idNumber: '11010519491231002X', phone: '138 0013 8000' });
    expect(p.idNumberMask).toBe('110***********002X');
    expect(p.phoneMask).toBe('138****8000');
    expect(JSON.stringify(p)).not.toContain('13800138000');
    const row = await env.db.selectFrom('person').select(['id_number_enc', 'phone_enc']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain('1101051949');
    const dup = await workerA.post('/api/people', { name: '重复', compoundId: places.a1.id, idNumber: '11010519491231002X' });
    expect(dup.json().error.fields[0].code).toBe('ID_DUPLICATE');
  });

  it('refuses a post that does not fit the organisation type and a non-member in a party post', async () => {
    const branch = await mkOrg(workerA, { type: 'branch', name: '甲二院落党支部', compoundId: places.a2.id });
    const masses = await mkPerson(workerA, { name: '李群众', politicalStatus: '13', compoundId: places.a2.id });
    const member = await mkPerson(workerA, { name: '赵党员', politicalStatus: '01', compoundId: places.a2.id });
    const wrongPost = await workerA.post(`/api/orgs/${branch.id}/positions`, { personId: member.id, post: 'project_manager' });
    expect(wrongPost.statusCode).toBe(400);
    expect(wrongPost.json().error.fields[0].code).toBe('POST_NOT_ALLOWED');
    const notMember = await workerA.post(`/api/orgs/${branch.id}/positions`, { personId: masses.id, post: 'secretary' });
    expect(notMember.json().error.fields[0].code).toBe('NOT_PARTY_MEMBER');
    const badDates = await workerA.post(`/api/orgs/${branch.id}/positions`, { personId: member.id, post: 'secretary', startOn: '2026-05-01', endOn: '2026-04-01' });
    expect(badDates.json().error.fields[0].code).toBe('DATE_ORDER');
  });

  it('derives membership from the political status and ends a position by setting endOn', async () => {
    const branch = (await workerA.get(`/api/orgs?compoundId=${places.a2.id}&type=branch`)).json().items[0];
    const probationary = await mkPerson(workerA, { name: '钱预备', politicalStatus: '02', compoundId: places.a2.id });
    const pos = await appoint(workerA, branch.id, probationary.id, 'member', { startOn: '2026-01-01' });
    expect(pos.membership).toBe('probationary');
    expect(pos.postLabel.zh).toBe('党员');
    expect(pos.active).toBe(true);
    const ended = await workerA.patch(`/api/positions/${pos.id}`, { version: pos.version, endOn: '2026-11-01' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().active).toBe(false);
    const stale = await workerA.patch(`/api/positions/${pos.id}`, { version: pos.version, partTime: true });
    expect(stale.statusCode).toBe(409);
    const person = (await workerA.get(`/api/people/${probationary.id}`)).json();
    expect(person.positions.map((p: { orgName: string; active: boolean }) => [p.orgName, p.active])).toEqual([['甲二院落党支部', false]]);
  });

  it('refuses to delete an organisation that still has positions', async () => {
    const team = await mkOrg(workerA, { type: 'volunteer_team', name: '甲二志愿队', compoundId: places.a2.id });
    const v = await mkPerson(workerA, { name: '孙志愿', compoundId: places.a2.id });
    const pos = await appoint(workerA, team.id, v.id, 'volunteer');
    const detail = (await workerA.get(`/api/orgs/${team.id}`)).json();
    expect(detail.abilities.delete).toBe(false);
    expect(detail.positions).toHaveLength(1);
    const r = await workerA.delete(`/api/orgs/${team.id}`);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('IN_USE');
    expect((await workerA.delete(`/api/positions/${pos.id}`)).statusCode).toBe(200);
    expect((await workerA.delete(`/api/orgs/${team.id}`)).statusCode).toBe(200);
    expect((await workerA.get(`/api/orgs/${team.id}`)).statusCode).toBe(404);
  });

  it('links a person to a resident and takes the resident scope, name and status', async () => {
    const { insertResident } = await import('./testing/fixture.ts');
    const rid = await insertResident(env.db, { compound: places.a1, name: '周居民', politicalStatus: '01' });
    const p = await mkPerson(workerA, { residentId: rid, isOwner: true });
    expect([p.name, p.politicalStatus, p.scopePath, p.residentId]).toEqual(['周居民', '01', places.a1.scopePath, rid]);
    const ridB = await insertResident(env.db, { compound: places.b1, name: '吴乙', politicalStatus: '13' });
    const out = await workerA.post('/api/people', { residentId: ridB });
    expect(out.json().error.fields[0].code).toBe('NOT_FOUND_REF');
    const people = (await workerA.get('/api/people?isOwner=true&politicalStatus=01')).json();
    expect(people.items.map((x: { name: string }) => x.name).sort()).toEqual(['周居民', '王建国']);
  });
});
