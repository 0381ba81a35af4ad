import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { EXAMPLE_CALENDAR_2026 } from './presets/index.ts';
import { methodPlaces, problemCodes } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let admin: Client;
let streetAdmin: Client;
let worker: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await methodPlaces(env);
  admin = await env.user([{ roleKey: 'system_admin', scopePath: '/' }]);
  streetAdmin = await env.user([{ roleKey: 'street_admin', scopePath: places.regions.streetA.path }]);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
});
afterAll(async () => { await env?.close(); });

describe('working-day calendar through the API', () => {
  it('lets an administrator replace a year, audited, and everyone read it', async () => {
    const put = await admin.put('/api/calendar?year=2026', { days: EXAMPLE_CALENDAR_2026.days });
    expect(put.statusCode).toBe(200);
    expect(put.json().days.length).toBe(EXAMPLE_CALENDAR_2026.days.length);
    const read = (await worker.get('/api/calendar?year=2026')).json();
    expect(read.days.filter((d: { date: string }) => d.date.startsWith('2026-10')).map((d: { date: string; kind: string }) => `${d.date.slice(5)}:${d.kind}`))
      .toEqual(['10-01:holiday', '10-02:holiday', '10-03:holiday', '10-04:holiday', '10-05:holiday', '10-06:holiday', '10-07:holiday', '10-10:workday']);
    expect(read.abilities).toEqual({ update: false });
    // Replacing again records what was added and removed.
    const fewer = EXAMPLE_CALENDAR_2026.days.filter((d) => d.date !== '2026-10-10');
    await admin.put('/api/calendar?year=2026', { days: [...fewer, { date: '2026-12-31', kind: 'holiday', name: '测试' }] });
    const audit = await env.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'calendar.update').orderBy('seq').execute();
    expect(audit.length).toBe(2);
    expect(JSON.parse(audit[1].detail)).toMatchObject({ year: 2026, added: ['2026-12-31:holiday'], removed: ['2026-10-10:workday'] });
  });

  it('lets a street mark its own days over the national ones, only inside its area', async () => {
    const path = places.regions.streetA.path;
    const r = await streetAdmin.put(`/api/calendar?year=2026&scopePath=${encodeURIComponent(path)}`, { days: [{ date: '2026-10-12', kind: 'holiday', name: '地方补休' }] });
    expect(r.statusCode).toBe(200);
    const there = (await worker.get(`/api/calendar?year=2026&scopePath=${encodeURIComponent(places.regions.communityA.path)}`)).json();
    expect(there.days).toEqual([]);
    expect(there.effective.find((d: { date: string }) => d.date === '2026-10-12')).toMatchObject({ kind: 'holiday', scopePath: path });
    const national = await streetAdmin.put('/api/calendar?year=2026', { days: [] });
    expect([national.statusCode, national.json().error.code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect((await worker.put('/api/calendar?year=2026', { days: [] })).statusCode).toBe(403);
  });

  it('refuses bad days, naming each one', async () => {
    const r = await admin.put('/api/calendar?year=2026', { days: [{ date: '2026-13-01', kind: 'holiday' }, { date: '2025-10-01', kind: 'holiday' }, { date: '2026-05-01', kind: 'vacation' }] });
    expect(r.statusCode).toBe(400);
    expect(problemCodes(r.json())).toEqual(['days.0.date:NOT_A_DATE', 'days.1.date:OUT_OF_RANGE', 'days.2.kind:NOT_IN_LIST']);
    const nowhere = await admin.put('/api/calendar?year=2026', { scopePath: '/999999/', days: [] });
    expect(problemCodes(nowhere.json())).toEqual(['scopePath:NOT_FOUND_REF']);
  });
});
