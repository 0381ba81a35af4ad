import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { mkOrg, mkPairing, mkPerson } from './testing/api.ts';
import { seedPlaces } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof seedPlaces>>;
let county: Client;
let workerA: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await seedPlaces(env.db);
  county = await env.user([{ roleKey: 'street_admin', scopePath: places.county.scopePath }]);
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: places.communityA.scopePath }]);
});
afterAll(async () => { await env?.close(); });

describe('pairings (结对共建 / 包联)', () => {
  it('pairs a unit party organisation with a compound and a leader with a community, taking the partner names', async () => {
    const unit = await mkOrg(county, { type: 'party_committee', name: '区人民医院党委', regionId: places.county.id });
    const leader = await mkPerson(county, { name: '周副区长', politicalStatus: '01', regionId: places.county.id });
    const a = await mkPairing(county, { kind: 'co_building', partnerOrgId: unit.id, targetCompoundId: places.a1.id, startOn: '2026-03-01' });
    expect([a.partnerKind, a.partnerName, a.targetName, a.scopePath, a.active]).toEqual(['unit', '区人民医院党委', '甲一小区', places.a1.scopePath, true]);
    const b = await mkPairing(county, { kind: 'responsible_leader', partnerPersonId: leader.id, targetRegionId: places.communityB.id });
    expect([b.partnerKind, b.partnerName, b.targetName]).toEqual(['leader', '周副区长', '乙社区']);
    const dept = await mkOrg(county, { type: 'government_department', name: '区住建局', regionId: places.county.id });
    await mkPairing(county, { kind: 'department_guidance', partnerOrgId: dept.id, targetCompoundId: places.a1.id });
    await mkPairing(county, { kind: 'department_guidance', partnerOrgId: dept.id, targetCompoundId: places.b1.id });
    const sum = (await county.get('/api/pairings/summary')).json();
    expect(sum.byKind.department_guidance).toEqual({ pairings: 2, partners: 1, targets: 2 });
    expect(sum.byKind.co_building).toEqual({ pairings: 1, partners: 1, targets: 1 });
  });

  it('refuses a partner of the wrong kind, a street as target and a missing partner', async () => {
    const r = await county.post('/api/pairings', { kind: 'responsible_leader', partnerKind: 'unit', partnerName: 'x', targetRegionId: places.street.id });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`).sort()).toEqual(['partnerKind:PARTNER_KIND_MISMATCH', 'targetRegionId:TARGET_NOT_COMMUNITY']);
    const none = await county.post('/api/pairings', { kind: 'contact_unit', targetCompoundId: places.a1.id });
    expect(none.json().error.fields.map((f: { code: string }) => f.code)).toEqual(['REQUIRED']);
  });

  it('keeps community A workers to their own pairings and retries without duplicates', async () => {
    const list = (await workerA.get('/api/pairings')).json();
    expect(list.items.every((p: { scopePath: string }) => p.scopePath.startsWith(places.communityA.scopePath))).toBe(true);
    expect(list.total).toBe(2);
    const other = (await county.get(`/api/pairings?regionId=${places.communityB.id}`)).json().items[0];
    expect((await workerA.get(`/api/pairings/${other.id}`)).statusCode).toBe(404);
    const into = await workerA.post('/api/pairings', { kind: 'contact_unit', partnerName: '某单位', targetCompoundId: places.b1.id });
    expect(into.statusCode).toBe(403);
    const id = crypto.randomUUID();
    const body = { id, kind: 'contact_unit', partnerName: '区教育局', targetCompoundId: places.a2.id };
    expect((await workerA.post('/api/pairings', body)).statusCode).toBe(201);
    expect((await workerA.post('/api/pairings', body)).statusCode).toBe(200);
    expect((await workerA.get(`/api/pairings?compoundId=${places.a2.id}`)).json().total).toBe(1);
  });

  it('updates with a version check and deletes', async () => {
    const p = (await workerA.get(`/api/pairings?compoundId=${places.a2.id}`)).json().items[0];
    const ok = await workerA.patch(`/api/pairings/${p.id}`, { version: p.version, note: '每季度走访一次' });
    expect(ok.json().version).toBe(p.version + 1);
    const stale = await workerA.patch(`/api/pairings/${p.id}`, { version: p.version, note: '旧' });
    expect(stale.statusCode).toBe(409);
    expect((await workerA.delete(`/api/pairings/${p.id}`)).statusCode).toBe(200);
    expect((await workerA.get(`/api/pairings/${p.id}`)).statusCode).toBe(404);
    const actions = await env.db.selectFrom('audit_log').select('action').where('object_id', '=', p.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['pairing.create', 'pairing.update', 'pairing.delete']);
  });
});
