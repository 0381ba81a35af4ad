import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { createRegion, seedCompound, seedRegions, type RegionFixture } from '../registry/index.ts';

const cst = (s: string) => new Date(s + '+08:00');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('campaign-photo')]);

let env: TestEnv;
let fx: RegionFixture;
const c: Record<string, { id: string; path: string }> = {};
let street: Client;
let workerA: Client;
let gridA: Client;
let leader: Client;
let outsider: Client;

const codes = (r: { json(): { error: { fields: { field: string; code: string }[] } } }) => r.json().error.fields.map((f) => `${f.field}:${f.code}`);

async function tasksOf(client: Client, id: string, q = '') {
  const r = await client.get(`/api/campaigns/${id}/tasks?pageSize=100${q}`);
  expect(r.statusCode).toBe(200);
  return r.json().items as { id: string; compound: { id: string; name: string }; status: string; version: number; origin: string; findings: { incidentId: string }[] }[];
}

const taskAt = async (id: string, compoundId: string) => (await tasksOf(street, id)).find((t) => t.compound.id === compoundId)!;
const current = async (id: string) => (await street.get(`/api/campaigns/${id}`)).json();

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-campaigns-'));
  env.clock.set(cst('2026-11-10T09:00:00'));
  fx = await seedRegions(env.db, env.ctx());
  c.a1 = await seedCompound(env.db, env.ctx(), fx.communityA.id, '锦华小区');
  c.a2 = await seedCompound(env.db, env.ctx(), fx.communityA.id, '北街一号院');
  c.b1 = await seedCompound(env.db, env.ctx(), fx.communityB.id, '南街花园');
  c.c1 = await seedCompound(env.db, env.ctx(), fx.communityC.id, '舞凤小区');
  street = await env.user([{ roleKey: 'street_admin', scopePath: fx.streetA.path }]);
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityA.path }]);
  gridA = await env.user([{ roleKey: 'grid_worker', scopePath: fx.communityA.path }]);
  leader = await env.user([{ roleKey: 'leader', scopePath: fx.streetA.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityC.path }]);
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

describe('rectification campaign', () => {
  let id: string;

  it('plans a campaign with problem types from the incident categories, once per client id', async () => {
    const bad = await street.post('/api/campaigns', { regionId: fx.streetA.id, name: '绿地种菜整治', problemTypes: ['0107', '9999'], startsOn: '2026-11-10', endsOn: '2026-11-01' });
    expect([bad.statusCode, codes(bad)]).toEqual([400, ['problemTypes.1:PROBLEM_TYPE_UNKNOWN', 'endsOn:DATE_ORDER']]);
    const away = await workerA.post('/api/campaigns', { regionId: fx.streetA.id, name: '越权', problemTypes: ['0107'], startsOn: '2026-11-10', endsOn: '2026-11-30' });
    expect([away.statusCode, away.json().error.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const clientId = crypto.randomUUID();
    const body = { id: clientId, regionId: fx.streetA.id, name: '绿地种菜和消防通道专项整治', problemTypes: ['0107', '05'], startsOn: '2026-11-10', endsOn: '2026-11-30' };
    const r = await street.post('/api/campaigns', body);
    expect(r.statusCode).toBe(201);
    id = r.json().id;
    expect(r.json()).toMatchObject({
      status: 'planned', region: { id: fx.streetA.id, level: 'street' },
      problemTypes: [{ code: '0107', name: { zh: '绿地种菜' } }, { code: '05', name: { zh: '街面秩序' } }],
      coverage: { inScope: 0, inspected: 0, rate: 0 }, abilities: { edit: true, start: true, finish: false, addTask: false },
    });
    expect((await street.post('/api/campaigns', body)).statusCode).toBe(200);
    expect((await env.db.selectFrom('campaign').select('id').execute()).length).toBe(1);
  });

  it('starts with one inspection task per compound in the region, and hides it from other places', async () => {
    const stale = await street.post(`/api/campaigns/${id}/start`, { version: 9 });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'STALE']);
    const notYours = await workerA.post(`/api/campaigns/${id}/start`, { version: 1 });
    expect([notYours.statusCode, notYours.json().error.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const started = await street.post(`/api/campaigns/${id}/start`, { version: 1 });
    expect(started.json()).toMatchObject({ status: 'running', coverage: { inScope: 3, inspected: 0, open: 3, rate: 0 }, abilities: { finish: true, addTask: true } });
    const again = await street.post(`/api/campaigns/${id}/start`, { version: 2 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'CAMPAIGN_NOT_PLANNED']);
    expect((await tasksOf(street, id)).map((t) => `${t.compound.name}:${t.origin}:${t.status}`).sort()).toEqual(['北街一号院:snapshot:open', '南街花园:snapshot:open', '锦华小区:snapshot:open']);

    // A community worker sees the street campaign over their own compounds only.
    const mine = (await workerA.get(`/api/campaigns/${id}`)).json();
    expect(mine.coverage.inScope).toBe(2);
    expect((await tasksOf(workerA, id)).map((t) => t.compound.name).sort()).toEqual(['北街一号院', '锦华小区']);
    expect((await workerA.get(`/api/campaigns?regionId=${fx.communityA.id}`)).json().total).toBe(1);

    const task = await taskAt(id, c.a1.id);
    expect((await outsider.get(`/api/campaigns/${id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/campaigns/${id}/coverage`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/campaign-tasks/${task.id}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/campaign-tasks/${task.id}/inspection`, { version: 1, result: 'no_problem' })).statusCode).toBe(404);
    expect((await outsider.get('/api/campaigns')).json().total).toBe(0);
  });

  it('turns each finding into an incident linked to the campaign, and a resent inspection changes nothing', async () => {
    const task = await taskAt(id, c.a1.id);
    const wrongType = await gridA.post(`/api/campaign-tasks/${task.id}/inspection`, {
      version: task.version, result: 'problems_found', findings: [{ categoryCode: '0201', description: '小广告' }],
    });
    expect([wrongType.statusCode, codes(wrongType)]).toEqual([400, ['findings.0.categoryCode:CATEGORY_NOT_IN_CAMPAIGN']]);
    const empty = await gridA.post(`/api/campaign-tasks/${task.id}/inspection`, { version: task.version, result: 'problems_found' });
    expect(codes(empty)).toEqual(['findings:FINDINGS_REQUIRED']);
    const denied = await leader.post(`/api/campaign-tasks/${task.id}/inspection`, { version: task.version, result: 'no_problem' });
    expect(denied.statusCode).toBe(403);

    const photo = (await gridA.upload('/api/attachments', PNG, 'image/png')).json().id;
    const inspection = {
      id: crypto.randomUUID(), version: task.version, result: 'problems_found', inspectedAt: cst('2026-11-10T08:30:00').toISOString(), note: '东侧绿地两处',
      findings: [
        { id: crypto.randomUUID(), categoryCode: '0107', description: '东侧绿地种菜约 20 平方米', photos: [photo] },
        { id: crypto.randomUUID(), categoryCode: '0505', description: '5 栋消防通道被电动车堵塞' },
      ],
    };
    const r = await gridA.post(`/api/campaign-tasks/${task.id}/inspection`, inspection);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'inspected', result: 'problems_found', inspectedAt: '2026-11-10T00:30:00.000Z', note: '东侧绿地两处', abilities: { inspect: false, waive: false } });
    expect(r.json().findings.map((f: { incidentId: string; categoryCode: string }) => `${f.incidentId}:${f.categoryCode}`))
      .toEqual([`${inspection.findings[0].id}:0107`, `${inspection.findings[1].id}:0505`]);

    const incident = await gridA.get(`/api/incidents/${inspection.findings[0].id}`);
    expect(incident.statusCode).toBe(200);
    expect(incident.json()).toMatchObject({ compoundId: c.a1.id, categoryCode: '0107', description: '东侧绿地种菜约 20 平方米', sourceChannel: 'patrol', stage: 'reported' });
    expect(incident.json().timeline[incident.json().timeline.length - 1].input.photos).toEqual([photo]);

    const resent = await gridA.post(`/api/campaign-tasks/${task.id}/inspection`, inspection);
    expect([resent.statusCode, resent.json().findings.length]).toEqual([200, 2]);
    const incidents = await env.db.selectFrom('incident').select('id').where('compound_id', '=', c.a1.id).execute();
    expect(incidents).toHaveLength(2);
    const twice = await gridA.post(`/api/campaign-tasks/${task.id}/inspection`, { ...inspection, id: crypto.randomUUID(), version: r.json().version });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'CAMPAIGN_TASK_CLOSED']);

    const clean = await taskAt(id, c.a2.id);
    expect((await workerA.post(`/api/campaign-tasks/${clean.id}/inspection`, { version: clean.version, result: 'no_problem' })).json().status).toBe('inspected');
  });

  it('shows coverage per community, the compounds not yet inspected, and findings by type', async () => {
    const cov = (await street.get(`/api/campaigns/${id}/coverage`)).json();
    expect(cov.totals).toEqual({ inScope: 3, inspected: 2, waived: 0, open: 1, problemsFound: 1, rate: 2 / 3, findings: 2 });
    expect(cov.byCommunity.map((x: { communityName: string; inScope: number; inspected: number; rate: number }) => `${x.communityName}:${x.inspected}/${x.inScope}`))
      .toEqual(['北街社区:2/2', '南街社区:0/1']);
    expect(cov.findingsByType).toEqual([
      { categoryCode: '0107', name: { zh: '绿地种菜', en: 'Vegetables grown on green space' }, count: 1 },
      { categoryCode: '0505', name: { zh: '消防通道堵塞', en: 'Blocked fire lane' }, count: 1 },
    ]);
    expect(cov.addedAfterStart).toEqual([]);
    expect((await tasksOf(leader, id, '&status=open')).map((t) => t.compound.name)).toEqual(['南街花园']);
    const findings = (await leader.get(`/api/campaigns/${id}/findings`)).json();
    expect(findings.total).toBe(2);
  });

  it('refuses to finish while a task is open or a compound registered after start has no task, unless each is waived with a reason', async () => {
    c.b2 = await seedCompound(env.db, env.ctx(), fx.communityB.id, '南街新苑');
    const cov = (await street.get(`/api/campaigns/${id}/coverage`)).json();
    expect(cov.addedAfterStart).toEqual([{ compoundId: c.b2.id, compoundName: '南街新苑', communityId: fx.communityB.id, communityName: '南街社区' }]);

    const open = await street.post(`/api/campaigns/${id}/finish`, { version: (await current(id)).version });
    expect([open.statusCode, open.json().error.code, open.json().error.zh]).toEqual([409, 'CAMPAIGN_TASKS_OPEN', expect.stringContaining('1 个小区未检查')]);
    const b1 = await taskAt(id, c.b1.id);
    const noReason = await street.post(`/api/campaigns/${id}/finish`, { version: (await current(id)).version, waive: [{ taskId: b1.id, reason: '不' }] });
    expect([noReason.statusCode, codes(noReason)]).toEqual([400, ['waive.0.reason:REASON_TOO_SHORT']]);
    const unlisted = await street.post(`/api/campaigns/${id}/finish`, { version: (await current(id)).version, waive: [{ taskId: b1.id, reason: '小区整体拆迁，已无住户' }] });
    expect([unlisted.statusCode, unlisted.json().error.code]).toEqual([409, 'CAMPAIGN_COMPOUNDS_UNLISTED']);
    expect((await taskAt(id, c.b1.id)).status).toBe('open');

    const added = await street.post(`/api/campaigns/${id}/tasks`, { compoundId: c.b2.id });
    expect([added.statusCode, added.json().origin, added.json().status]).toEqual([201, 'added', 'open']);
    expect((await street.post(`/api/campaigns/${id}/tasks`, { compoundId: c.b2.id })).statusCode).toBe(200);
    const outside = await street.post(`/api/campaigns/${id}/tasks`, { compoundId: c.c1.id });
    expect(outside.statusCode).toBe(403);
    const waived = await street.post(`/api/campaign-tasks/${added.json().id}/waive`, { version: added.json().version, reason: '新建小区尚未交付入住' });
    expect(waived.json()).toMatchObject({ status: 'waived', waiveReason: '新建小区尚未交付入住' });

    const done = await street.post(`/api/campaigns/${id}/finish`, { version: (await current(id)).version, waive: [{ taskId: b1.id, reason: '小区整体拆迁，已无住户' }] });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'finished', coverage: { inScope: 4, inspected: 2, waived: 2, open: 0, rate: 0.5 }, abilities: { finish: false, edit: false } });
    expect((await taskAt(id, c.b1.id))).toMatchObject({ status: 'waived', waiveReason: '小区整体拆迁，已无住户' });
    const late = await street.post(`/api/campaign-tasks/${b1.id}/inspection`, { version: (await taskAt(id, c.b1.id)).version, result: 'no_problem' });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'CAMPAIGN_NOT_RUNNING']);
  });

  it('refuses to start over a region without compounds: there would be nothing to cover', async () => {
    const empty = (await createRegion(env.db, env.ctx(), { code: '511302001003', name: '新建社区', parentId: fx.streetA.id })).region;
    const planned = (await street.post('/api/campaigns', { regionId: empty.id, name: '新社区整治', problemTypes: ['05'], startsOn: '2026-11-10', endsOn: '2026-11-20' })).json();
    const r = await street.post(`/api/campaigns/${planned.id}/start`, { version: planned.version });
    expect([r.statusCode, r.json().error.code]).toEqual([409, 'CAMPAIGN_NO_COMPOUNDS']);
    expect((await current(planned.id)).status).toBe('planned');
  });
});
