import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { seedCompound, seedRegions, type RegionFixture } from './registry.fixtures.ts';

const ID_MAN = '330102199003071230';
const PHONE = '13800138000';
const ID_BOY_2016 = '511302201605201237';
const ID_WOMAN_1985 = '511302198503124563';

let env: TestEnv;
let fx: RegionFixture;
let workerA: Client;
let workerB: Client;
let gridWorker: Client;
let leader: Client;
let auditor: Client;
let compoundA: { id: string; path: string };
let compoundB: { id: string; path: string };
let householdId: string;
let man: { id: string; version: number };

async function auditEntries(q: string) {
  const r = await auditor.get(`/api/audit?${q}`);
  expect(r.statusCode).toBe(200);
  return r.json().items as { action: string; result: string; reason: string | null; detail: Record<string, unknown> }[];
}

beforeAll(async () => {
  env = await makeTestEnv();
  fx = await seedRegions(env.db, env.ctx());
  compoundA = await seedCompound(env.db, env.ctx(), fx.communityA.id, '北街一号院');
  compoundB = await seedCompound(env.db, env.ctx(), fx.communityB.id, '南街花园');
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityA.path }]);
  workerB = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityB.path }]);
  gridWorker = await env.user([{ roleKey: 'grid_worker', scopePath: fx.communityA.path }]);
  leader = await env.user([{ roleKey: 'leader', scopePath: fx.streetA.path }]);
  auditor = await env.user([{ roleKey: 'audit_admin', scopePath: '/' }]);
  const b = (await workerA.post(`/api/compounds/${compoundA.id}/buildings`, { name: '3幢', floors: 6, units: 2 })).json();
  householdId = (await workerA.post(`/api/compounds/${compoundA.id}/households`, { buildingId: b.id, unit: '2', room: '301' })).json().id;
  const r = await workerA.post('/api/residents', {
    householdId, name: '张建国', idNumber: ID_MAN, phone: PHONE, politicalStatus: '01', relation: '02', protectedTags: ['hardship:subsistence', 'disabled'],
  });
  expect(r.statusCode).toBe(201);
  man = r.json();
});
afterAll(async () => { await env?.close(); });

describe('resident personal data', () => {
  it('answers with masks only: no plain ID number, phone or birth date anywhere in list or detail', async () => {
    const detail = await workerA.get(`/api/residents/${man.id}`);
    const list = await workerA.get(`/api/residents?compoundId=${compoundA.id}`);
    for (const r of [detail, list]) {
      expect(r.statusCode).toBe(200);
      expect(r.body).not.toContain(ID_MAN);
      expect(r.body).not.toContain(PHONE);
      expect(r.body).not.toContain('1990-03-07');
      expect(r.body).not.toContain('hardship');
    }
    expect(detail.json()).toMatchObject({
      name: '张建国', gender: 'male', age: 36, ageBand: '30-39', minor: false, sensitive: true, idNumberMasked: '330***********1230', phoneMasked: '138****8000',
      hasProtectedTags: true, politicalStatus: '01', relation: '02', compoundName: '北街一号院', householdLabel: '3幢2单元301室', buildingName: '3幢',
      abilities: { update: true, delete: true, reveal: true },
    });
    expect(detail.json()).not.toHaveProperty('birthDate');
  });

  it('stores no plain text in the database columns', async () => {
    const row = await env.db.selectFrom('resident').selectAll().where('id', '=', man.id).executeTakeFirstOrThrow();
    const text = JSON.stringify(row);
    expect(text).not.toContain(ID_MAN);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('hardship');
    expect(text).not.toContain('disabled');
    expect(row.id_number_enc).toMatch(/^v1:/);
    expect(row.phone_enc).toMatch(/^v1:/);
    expect(row.tags_enc).toMatch(/^v1:/);
    expect(row.has_protected_tags).toBe(1);
  });

  it('refuses a reveal to a grid worker and to a leader with 403 and audits the failure', async () => {
    for (const c of [gridWorker, leader]) {
      const r = await c.post(`/api/residents/${man.id}/reveal`, { fields: ['idNumber'], reason: '入户走访核对' });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN');
      expect(r.body).not.toContain(ID_MAN);
    }
    const failures = await auditEntries(`action=resident.reveal&objectId=${man.id}&result=failure`);
    expect(failures.length).toBe(2);
    expect(failures[0]).toMatchObject({ reason: '入户走访核对', detail: { fields: ['idNumber'] } });
  });

  it('requires a reason of at least 4 characters (REASON_REQUIRED, audited)', async () => {
    const r = await workerA.post(`/api/residents/${man.id}/reveal`, { fields: ['phone'], reason: '看看' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('REASON_REQUIRED');
    const none = await workerA.post(`/api/residents/${man.id}/reveal`, { fields: ['phone'] });
    expect(none.json().error.code).toBe('REASON_REQUIRED');
    const failures = await auditEntries(`action=resident.reveal&objectId=${man.id}&result=failure`);
    expect(failures.some((f) => f.detail.refused === 'REASON_REQUIRED')).toBe(true);
  });

  it('reveals plain values with resident.reveal and a reason, and audits the reason and field names only', async () => {
    const r = await workerA.post(`/api/residents/${man.id}/reveal`, { fields: ['idNumber', 'phone', 'birthDate', 'protectedTags'], reason: '办理低保复核需核对身份' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ idNumber: ID_MAN, phone: PHONE, birthDate: '1990-03-07', protectedTags: ['disabled', 'hardship:subsistence'] });
    const ok = await auditEntries(`action=resident.reveal&objectId=${man.id}&result=success`);
    expect(ok.length).toBe(1);
    expect(ok[0].reason).toBe('办理低保复核需核对身份');
    expect(ok[0].detail.fields).toEqual(['idNumber', 'phone', 'birthDate', 'protectedTags']);
    expect(JSON.stringify(ok[0])).not.toContain(ID_MAN);
    expect(JSON.stringify(ok[0])).not.toContain(PHONE);
  });

  it('writes no personal data into the audit entry of a create', async () => {
    const entries = await auditEntries(`action=resident.create&objectId=${man.id}`);
    expect(entries.length).toBe(1);
    expect(JSON.stringify(entries[0])).not.toContain(ID_MAN);
    expect(JSON.stringify(entries[0])).not.toContain(PHONE);
  });

  it('finds a resident by exact ID number or phone through the blind index, only within scope', async () => {
    const byId = (await workerA.get(`/api/residents?idNumber=${ID_MAN}`)).json();
    expect(byId.items.map((x: { id: string }) => x.id)).toEqual([man.id]);
    const padded = (await workerA.get(`/api/residents?idNumber=${encodeURIComponent(' 330102199003071230 ')}`)).json();
    expect(padded.total).toBe(1);
    const byPhone = (await workerA.get(`/api/residents?phone=${encodeURIComponent('+86 138-0013-8000')}`)).json();
    expect(byPhone.items.map((x: { id: string }) => x.id)).toEqual([man.id]);
    expect((await workerB.get(`/api/residents?idNumber=${ID_MAN}`)).json().total).toBe(0);
  });

  it('stores an old 15-digit number as 18 digits and finds it by either form', async () => {
    const r = await workerA.post('/api/residents', { compoundId: compoundA.id, name: '周老太', idNumber: '110105491231002' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ idNumberMasked: '110***********002X', gender: 'female', age: 76 });
    for (const q of ['110105491231002', '11010519491231002x']) {
      expect((await workerA.get(`/api/residents?idNumber=${q}`)).json().items.map((x: { id: string }) => x.id)).toEqual([r.json().id]);
    }
  });

  it('refuses a second current resident with the same ID number, naming the compound', async () => {
    const r = await workerA.post('/api/residents', { compoundId: compoundA.id, name: '张冒名', idNumber: ID_MAN });
    expect(r.statusCode).toBe(400);
    const f = r.json().error.fields.find((x: { field: string }) => x.field === 'idNumber');
    expect(f.code).toBe('ID_DUPLICATE');
    expect(f.zh).toContain('北街一号院');
  });

  it('lists every bad field at once: ID check character, phone and political status', async () => {
    const r = await workerA.post('/api/residents', { compoundId: compoundA.id, name: '错误', idNumber: '110105194912310021', phone: '12345678901', politicalStatus: '77', relation: '02' });
    expect(r.statusCode).toBe(400);
    const fields = r.json().error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`).sort();
    expect(fields).toEqual(['idNumber:ID_CHECK_CHAR', 'phone:PHONE_FORMAT', 'politicalStatus:NOT_IN_LIST']);
  });

  it('refuses a gender that disagrees with the ID number', async () => {
    const r = await workerA.post('/api/residents', { compoundId: compoundA.id, name: '李四', idNumber: ID_WOMAN_1985, gender: 'male' });
    expect(r.json().error.fields).toEqual([expect.objectContaining({ field: 'gender', code: 'GENDER_MISMATCH' })]);
  });
});

describe('minors', () => {
  it('flags a resident under 14 as sensitive and masks the name', async () => {
    const r = await workerA.post('/api/residents', { householdId, name: '张小明', idNumber: ID_BOY_2016, relation: '20' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ name: '张*明', minor: true, sensitive: true, age: 10, ageBand: '0-13', gender: 'male' });
    expect(r.body).not.toContain('张小明');
    const list = await workerA.get(`/api/residents?compoundId=${compoundA.id}&minor=true`);
    expect(list.json().items.map((x: { name: string }) => x.name)).toEqual(['张*明']);
    expect(list.body).not.toContain('张小明');
    const revealed = await workerA.post(`/api/residents/${r.json().id}/reveal`, { fields: ['name'], reason: '核对监护人信息' });
    expect(revealed.json()).toEqual({ name: '张小明' });
  });
});

describe('resident scope and updates', () => {
  it('hides residents of another community: list excludes them, GET/PATCH/DELETE answer 404', async () => {
    const other = (await workerB.post('/api/residents', { compoundId: compoundB.id, name: '王五', phone: '13900001111' })).json();
    expect((await workerA.get('/api/residents?pageSize=200')).json().items.map((x: { id: string }) => x.id)).not.toContain(other.id);
    expect((await workerA.get(`/api/residents/${other.id}`)).statusCode).toBe(404);
    expect((await workerA.patch(`/api/residents/${other.id}`, { version: 1, name: '改' })).statusCode).toBe(404);
    expect((await workerA.delete(`/api/residents/${other.id}`)).statusCode).toBe(404);
    expect((await workerA.post(`/api/residents/${other.id}/reveal`, { fields: ['phone'], reason: '越权尝试查看' })).statusCode).toBe(404);
    expect((await workerA.post('/api/residents', { compoundId: compoundB.id, name: '越界' })).statusCode).toBe(403);
  });

  it('re-derives gender and birth date when the ID number changes, and refuses a stale version', async () => {
    const p = (await workerA.post('/api/residents', { compoundId: compoundA.id, name: '赵六', idNumber: '511302197001017894' })).json();
    expect(p).toMatchObject({ gender: 'male', age: 56 });
    const r = await workerA.patch(`/api/residents/${p.id}`, { version: 1, idNumber: '511302199208082465' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ gender: 'female', age: 34, version: 2, idNumberMasked: '511***********2465' });
    const stale = await workerA.patch(`/api/residents/${p.id}`, { version: 1, name: '赵六六' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentVersion).toBe(2);
    const wrongGender = await workerA.patch(`/api/residents/${p.id}`, { version: 2, gender: 'male' });
    expect(wrongGender.json().error.fields[0].code).toBe('GENDER_MISMATCH');
  });

  it('moves a resident out: gone from the default list, the ID number free for a new registration', async () => {
    const p = (await workerA.post('/api/residents', { compoundId: compoundA.id, name: '钱七', idNumber: ID_WOMAN_1985 })).json();
    const out = await workerA.patch(`/api/residents/${p.id}`, { version: 1, movedOutOn: '2026-11-01' });
    expect(out.json().movedOutOn).toBe('2026-11-01');
    expect((await workerA.get('/api/residents?q=钱七')).json().total).toBe(0);
    expect((await workerA.get('/api/residents?q=钱七&includeMovedOut=true')).json().total).toBe(1);
    const again = await workerB.post('/api/residents', { compoundId: compoundB.id, name: '钱七', idNumber: ID_WOMAN_1985 });
    expect(again.statusCode).toBe(201);
    const back = await workerA.patch(`/api/residents/${p.id}`, { version: 2, movedOutOn: null });
    expect(back.json().error.fields[0]).toMatchObject({ field: 'movedOutOn', code: 'ID_DUPLICATE' });
  });

  it('filters by protected tags and political status', async () => {
    const tagged = (await workerA.get(`/api/residents?compoundId=${compoundA.id}&hasProtectedTags=true`)).json();
    expect(tagged.items.map((x: { id: string }) => x.id)).toEqual([man.id]);
    const members = (await workerA.get(`/api/residents?compoundId=${compoundA.id}&politicalStatus=01`)).json();
    expect(members.items.map((x: { id: string }) => x.id)).toEqual([man.id]);
  });

  it('lets a grid worker register residents but not reveal them', async () => {
    const r = await gridWorker.post('/api/residents', { compoundId: compoundA.id, name: '孙八', phone: '13712345678' });
    expect(r.statusCode).toBe(201);
    expect(r.json().abilities).toEqual({ update: true, delete: true, reveal: false });
  });

  it('sets the household head only to a current resident of that household', async () => {
    const h = (await workerA.get(`/api/households/${householdId}`)).json();
    const bad = await workerA.patch(`/api/households/${householdId}`, { version: h.version, headResidentId: (await workerA.get('/api/residents?q=孙八')).json().items[0].id });
    expect(bad.json().error.fields[0].code).toBe('HEAD_NOT_MEMBER');
    const ok = await workerA.patch(`/api/households/${householdId}`, { version: h.version, headResidentId: man.id });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ headResidentId: man.id, headName: '张建国', residentCount: 2 });
  });
});
