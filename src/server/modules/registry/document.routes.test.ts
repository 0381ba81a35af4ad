import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { listCompoundDocuments } from './index.ts';
import { seedCompound, seedRegions, type RegionFixture } from './registry.fixtures.ts';

let env: TestEnv;
let fx: RegionFixture;
let workerA: Client;
let compoundA: { id: string; path: string };
let compoundB: { id: string; path: string };

beforeAll(async () => {
  env = await makeTestEnv();
  fx = await seedRegions(env.db, env.ctx());
  compoundA = await seedCompound(env.db, env.ctx(), fx.communityA.id, '北街一号院');
  compoundB = await seedCompound(env.db, env.ctx(), fx.communityB.id, '南街花园');
  workerA = await env.user([{ roleKey: 'community_worker', scopePath: fx.communityA.path }]);
});
afterAll(async () => { await env?.close(); });

describe('compound documents', () => {
  it('keeps work plans, owners’ rules and meeting rules per compound, flagging the current ones', async () => {
    const plan = await workerA.post(`/api/compounds/${compoundA.id}/documents`, { kind: 'work_plan', title: '2026 年度工作计划', adoptedOn: '2026-01-10', validTo: '2026-12-31', body: '一、目标…' });
    expect(plan.statusCode).toBe(201);
    expect(plan.json()).toMatchObject({ kind: 'work_plan', current: true, abilities: { update: true, delete: true } });
    await workerA.post(`/api/compounds/${compoundA.id}/documents`, { kind: '管理规约', title: '业主管理规约', adoptedOn: '2020-05-01' });
    await workerA.post(`/api/compounds/${compoundA.id}/documents`, { kind: 'work_plan', title: '2025 年度工作计划', adoptedOn: '2025-01-10', validTo: '2025-12-31' });
    const list = (await workerA.get(`/api/compounds/${compoundA.id}/documents?kind=work_plan`)).json();
    expect(list.items.map((d: { title: string; current: boolean }) => [d.title, d.current])).toEqual([['2026 年度工作计划', true], ['2025 年度工作计划', false]]);
    expect(list.items[0]).not.toHaveProperty('body');
    expect((await workerA.get(`/api/compounds/${compoundA.id}/documents/${plan.json().id}`)).json().body).toBe('一、目标…');
  });

  it('refuses a bad kind, a missing title and an end before the adoption date, all at once', async () => {
    const r = await workerA.post(`/api/compounds/${compoundA.id}/documents`, { kind: 'memo', adoptedOn: '2026-05-01', validTo: '2026-01-01' });
    expect(r.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['kind', 'title', 'validTo']);
  });

  it('hides another community’s documents and updates with version', async () => {
    expect((await workerA.get(`/api/compounds/${compoundB.id}/documents`)).statusCode).toBe(404);
    const d = (await workerA.get(`/api/compounds/${compoundA.id}/documents?kind=owners_rules`)).json().items[0];
    const ok = await workerA.patch(`/api/compounds/${compoundA.id}/documents/${d.id}`, { version: d.version, title: '业主管理规约（修订）' });
    expect(ok.json().title).toBe('业主管理规约（修订）');
    expect((await workerA.patch(`/api/compounds/${compoundA.id}/documents/${d.id}`, { version: d.version, title: 'x' })).statusCode).toBe(409);
    expect((await workerA.delete(`/api/compounds/${compoundA.id}/documents/${d.id}`)).statusCode).toBe(200);
  });

  it('serves document headers of many compounds to other modules', async () => {
    const rows = await listCompoundDocuments(env.db, [compoundA.id, compoundB.id], 'work_plan');
    expect(rows.map((r) => r.title)).toEqual(['2026 年度工作计划', '2025 年度工作计划']);
    expect(rows[0]).toEqual({ id: expect.any(String), compoundId: compoundA.id, kind: 'work_plan', title: '2026 年度工作计划', adoptedOn: '2026-01-10', validTo: '2026-12-31' });
  });
});
