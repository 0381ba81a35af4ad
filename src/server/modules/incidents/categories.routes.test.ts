import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { act, cst, incidentPlaces, problemCodes } from './testing/fixture.ts';

let env: TestEnv;
let p: Awaited<ReturnType<typeof incidentPlaces>>;

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-incident-categories-'));
  env.clock.set(cst('2026-10-22T09:00:00'));
  p = await incidentPlaces(env);
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

async function report(c: Client, body: Record<string, unknown>) {
  return c.post('/api/incidents', { description: '绿地种菜', compoundId: p.compound.id, sourceChannel: 'patrol', ...body });
}

describe('category versions', () => {
  it('publishes a new version with routing rules; incidents keep the version they were reported under', async () => {
    env.clock.set(cst('2026-10-22T09:00:00'));
    const old = (await report(p.gridWorker, { categoryCode: '0107', description: '绿地种菜' })).json();
    const v1 = (await p.desk.get('/api/incident-categories')).json();
    expect([v1.version, v1.categories.length, v1.abilities.publish]).toEqual([1, 31, false]);
    const categories = v1.categories.map(({ parentCode: _p, ...c }: { parentCode: string }) => c);
    const refused = await p.desk.post('/api/incident-categories/versions', { categories, rules: [] });
    expect(refused.statusCode).toBe(403);
    const bad = await p.admin.post('/api/incident-categories/versions', {
      categories: [...categories, { code: '0901', name: { zh: '新', en: 'New' }, deadline: { amount: 1, unit: 'working_days' }, urgency: 'normal' }],
      rules: [{ categoryCode: '01', scopePath: '/nowhere/', orgId: 'nope' }],
    });
    expect([bad.statusCode, problemCodes(bad.json())]).toEqual([400, ['categories.31.code:CATEGORY_PARENT_MISSING', 'rules.0.scopePath:PLACE_UNKNOWN', 'rules.0.orgId:HANDLER_ORG_UNKNOWN']]);
    const v2 = await p.admin.post('/api/incident-categories/versions', {
      note: '绿地种菜改为 3 个工作日，市容环境类派物业', rules: [{ categoryCode: '01', scopePath: p.compound.path, orgId: p.property.id }],
      categories: categories.map((c: { code: string }) => (c.code === '0107' ? { ...c, deadline: { amount: 3, unit: 'working_days' } } : c)),
    });
    expect([v2.statusCode, v2.json().version]).toEqual([201, 2]);
    const fresh = (await report(p.gridWorker, { categoryCode: '0107', description: '又种上了' })).json();
    expect([old.categoryVersion, fresh.categoryVersion]).toEqual([1, 2]);
    for (const i of [old, fresh]) { await act(p.desk, i.id, 'accept'); await act(p.desk, i.id, 'register'); }
    const [o, f] = [(await act(p.desk, old.id, 'dispatch')).json(), (await act(p.desk, fresh.id, 'dispatch')).json()];
    // Thursday 22 October: 5 working days → end of Thursday 29 October under v1; 3 → end of Tuesday 27 October under v2.
    expect([o.deadlineAt, f.deadlineAt]).toEqual([cst('2026-10-30T00:00:00').toISOString(), cst('2026-10-28T00:00:00').toISOString()]);
    expect([o.handler.kind, f.handler]).toEqual(['community', { kind: 'org', id: p.property.id, name: '锦华物业' }]);
    expect((await p.desk.get('/api/incident-categories?version=1')).json().categories.find((c: { code: string }) => c.code === '0107').deadline).toEqual({ amount: 5, unit: 'working_days' });
    expect((await p.desk.get('/api/incident-categories/versions')).json().items.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['2:published', '1:retired']);
  });
});
