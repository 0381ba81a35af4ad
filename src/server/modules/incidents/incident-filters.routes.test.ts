import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { act, cst, incidentPlaces } from './testing/fixture.ts';

// The list filters the console's incident list offers beyond stage and place: urgency, handling organisation, text and
// reporting period; and the organisation names the category version carries for dispatchers' pickers.

let env: TestEnv;
let p: Awaited<ReturnType<typeof incidentPlaces>>;

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-incident-filters-'));
  // Time only goes back from here, so the sessions opened now never pass the idle timeout.
  env.clock.set(cst('2026-10-21T10:00:00'));
  p = await incidentPlaces(env);
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

async function report(c: Client, body: Record<string, unknown>): Promise<string> {
  const r = await c.post('/api/incidents', { compoundId: p.compound.id, sourceChannel: 'patrol', ...body });
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

const ids = async (query: string) => (await p.desk.get(`/api/incidents?${query}`)).json().items.map((i: { id: string }) => i.id).sort();

describe('incident list filters', () => {
  it('filters by urgency, handler, text and reporting period', async () => {
    const stairs = await report(p.gridWorker, { categoryCode: '0106', description: '3 栋楼道堆物' });
    for (const e of ['accept', 'register']) await act(p.desk, stairs, e);
    expect((await act(p.desk, stairs, 'dispatch', { handler_org_id: p.property.id })).json().handler.id).toBe(p.property.id);
    env.clock.set(cst('2026-10-20T09:00:00'));
    const fireLane = await report(p.gridWorker, { categoryCode: '0505', description: '北门消防通道被占用', address: '北门 100% 堵塞_' });

    expect(await ids('urgency=urgent')).toEqual([fireLane]);
    expect(await ids(`handlerId=${p.property.id}`)).toEqual([stairs]);
    expect(await ids(`q=${encodeURIComponent('消防通道')}`)).toEqual([fireLane]);
    // Wildcards in the text match literally.
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([fireLane]);
    expect(await ids(`q=${encodeURIComponent('%')}&urgency=normal`)).toEqual([]);
    const day = (s: string) => encodeURIComponent(cst(s).toISOString());
    expect(await ids(`reportedFrom=${day('2026-10-21T00:00:00')}&reportedTo=${day('2026-10-22T00:00:00')}`)).toEqual([stairs]);
    expect(await ids(`reportedTo=${day('2026-10-21T00:00:00')}`)).toEqual([fireLane]);
    const bad = await p.desk.get('/api/incidents?reportedFrom=yesterday');
    expect(bad.statusCode).toBe(400);
  });

  it('names the organisations of the routing rules for dispatchers who cannot look them up', async () => {
    const v1 = (await p.admin.get('/api/incident-categories')).json();
    const categories = v1.categories.map(({ parentCode: _p, ...c }: { parentCode: string }) => c);
    const v2 = await p.admin.post('/api/incident-categories/versions', { categories, rules: [{ categoryCode: '01', scopePath: p.compound.path, orgId: p.property.id }] });
    expect(v2.statusCode).toBe(201);
    const seen = (await p.gridWorker.get('/api/incident-categories')).json();
    expect(seen.rules).toEqual([{ categoryCode: '01', scopePath: p.compound.path, orgId: p.property.id, note: null, orgName: '锦华物业' }]);
  });
});
