import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { seedCompound } from '../registry/index.ts';
import { cst, methodPlaces } from '../methods/testing/fixture.ts';
import { insertMatter, insertMeetingRow, insertOpinionRow, type FxPlace } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let county: Client;
let worker: Client;
let a1: FxPlace;
let a2: FxPlace;
let b1: FxPlace;
let c1: FxPlace;

const at = (s: string) => cst(s).toISOString();

async function resolvedMatter(compound: FxPlace, closedAt: string, outcome = 'resolved') {
  const m = await insertMatter(env, { compound, methodKey: 'wuyi' });
  await env.db.updateTable('matter').set({ outcome, closed_at: at(closedAt), decided_at: outcome === 'resolved' ? at(closedAt) : null }).where('id', '=', m.id).execute();
}

// A hand-made fixture: street A has community A (compounds a1, a2) and community B (b1); street B has community C (c1).
beforeAll(async () => {
  env = await makeTestEnv();
  env.clock.set(cst('2026-12-02T09:00:00'));
  places = await methodPlaces(env);
  const ctx = env.ctx();
  a1 = places.compound;
  a2 = await seedCompound(env.db, ctx, places.regions.communityA.id, '锦绣院落');
  b1 = await seedCompound(env.db, ctx, places.regions.communityB.id, '南街小区');
  c1 = places.compoundC;
  county = await env.user([{ roleKey: 'street_admin', scopePath: places.regions.county.path }]);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);

  // Opinions: week 2026-W48 runs Monday 23 to Sunday 29 November, China time.
  await insertOpinionRow(env, { compound: a1, receivedAt: at('2026-11-23T09:00:00'), answeredAt: at('2026-11-25T10:00:00') });
  await insertOpinionRow(env, { compound: a1, receivedAt: at('2026-11-24T09:00:00'), status: 'taken_up' });
  await insertOpinionRow(env, { compound: a1, receivedAt: at('2026-11-29T23:30:00') });
  await insertOpinionRow(env, { compound: a1, receivedAt: at('2026-11-22T23:59:00'), answeredAt: at('2026-11-23T08:00:00') });
  await insertOpinionRow(env, { compound: a1, receivedAt: at('2026-11-30T00:00:00') });
  await insertOpinionRow(env, { compound: a2, receivedAt: at('2026-11-26T12:00:00'), answeredAt: at('2026-12-05T12:00:00') });
  await insertOpinionRow(env, { compound: c1, receivedAt: at('2026-11-24T09:00:00') });
  await insertOpinionRow(env, { compound: c1, receivedAt: at('2026-10-24T09:00:00') });

  // Meetings: only held deliberation meetings in the month count as consultations.
  await insertMeetingRow(env, { compound: a1, startsAt: at('2026-11-10T19:00:00'), form: 'together' });
  await insertMeetingRow(env, { compound: a2, startsAt: at('2026-11-12T19:00:00'), purpose: 'policy_promotion', form: 'seminar' });
  await insertMeetingRow(env, { compound: a2, startsAt: at('2026-10-15T19:00:00'), form: 'kang' });
  await insertMeetingRow(env, { compound: b1, startsAt: at('2026-11-20T19:00:00'), status: 'planned' });
  await insertMeetingRow(env, { compound: b1, startsAt: at('2026-12-01T00:30:00'), form: 'online' });
  await insertMeetingRow(env, { compound: c1, startsAt: at('2026-11-30T23:00:00'), form: 'bench' });

  await resolvedMatter(a1, '2026-11-20T10:00:00');
  await resolvedMatter(c1, '2026-10-20T10:00:00');
  await resolvedMatter(b1, '2026-11-05T10:00:00', 'not_taken_up');
});
afterAll(async () => {
  await env?.close();
});

const byName = (rows: { compound: { name: string } }[]) => Object.fromEntries(rows.map(({ compound, ...r }) => [compound.name, r]));

describe('the weekly opinion report', () => {
  it('counts per compound the opinions received in the week, answered, taken up, pending and answered within seven days', async () => {
    const r = await county.get(`/api/deliberation/reports/weekly?regionId=${places.regions.streetA.id}&week=2026-W48`);
    expect(r.statusCode).toBe(200);
    const w = r.json();
    expect([w.week, w.from, w.to]).toEqual(['2026-W48', '2026-11-23', '2026-11-29']);
    expect(byName(w.rows)).toEqual({
      锦华小区: { collected: 3, answered: 1, takenUp: 1, pending: 1, answeredWithin7Days: 1 },
      锦绣院落: { collected: 1, answered: 1, takenUp: 0, pending: 0, answeredWithin7Days: 0 },
      南街小区: { collected: 0, answered: 0, takenUp: 0, pending: 0, answeredWithin7Days: 0 },
    });
    expect(w.totals).toEqual({ collected: 4, answered: 2, takenUp: 1, pending: 1, answeredWithin7Days: 1 });
  });

  it('keeps to the caller’s scope, narrows to one compound, and refuses a malformed week', async () => {
    const mine = (await worker.get('/api/deliberation/reports/weekly?week=2026-W48')).json();
    expect(Object.keys(byName(mine.rows)).sort()).toEqual(['锦华小区', '锦绣院落']);
    const one = (await county.get(`/api/deliberation/reports/weekly?compoundId=${a2.id}&week=2026-W48`)).json();
    expect(one.rows.map((x: { compound: { id: string } }) => x.compound.id)).toEqual([a2.id]);
    const now = (await county.get(`/api/deliberation/reports/weekly?compoundId=${a1.id}`)).json();
    expect([now.week, now.totals.collected]).toEqual(['2026-W49', 1]);
    const bad = await county.get('/api/deliberation/reports/weekly?week=2026-W60');
    expect([bad.statusCode, bad.json().error.fields[0].field]).toEqual([400, 'week']);
    expect((await worker.get(`/api/deliberation/reports/weekly?regionId=${places.regions.communityC.id}`)).json().error.code).toBe('OUT_OF_SCOPE');
  });
});

describe('the monthly consultation report', () => {
  it('lists compounds without a held deliberation meeting in the month, with their community and last one', async () => {
    const m = (await county.get('/api/deliberation/reports/monthly?month=2026-11')).json();
    expect([m.month, m.compoundsInScope, m.compoundsWithConsultation]).toEqual(['2026-11', 4, 2]);
    const without = Object.fromEntries(m.withoutConsultation.map((x: { compound: { name: string }; community: { name: string }; lastMeetingAt: string | null }) => [x.compound.name, [x.community.name, x.lastMeetingAt]]));
    expect(without).toEqual({ 锦绣院落: ['北街社区', at('2026-10-15T19:00:00')], 南街小区: ['南街社区', null] });
    const a = (await worker.get('/api/deliberation/reports/monthly?month=2026-11')).json();
    expect([a.compoundsInScope, a.compoundsWithConsultation, a.withoutConsultation.length]).toEqual([2, 1, 1]);
    const dec = (await county.get(`/api/deliberation/reports/monthly?regionId=${places.regions.communityB.id}&month=2026-12`)).json();
    expect([dec.compoundsInScope, dec.compoundsWithConsultation]).toEqual([1, 1]);
    expect((await county.get('/api/deliberation/reports/monthly?month=2026-13')).statusCode).toBe(400);
  });
});

describe('the per-region counts', () => {
  it('counts opinions, resolved matters, policy sessions and meetings by form, with a breakdown per child region', async () => {
    const c = (await county.get(`/api/deliberation/counts?regionId=${places.regions.county.id}&from=2026-11-01&to=2026-11-30`)).json();
    expect(c).toMatchObject({ opinionsCollected: 7, mattersResolved: 1, policySessions: 1, meetingsHeld: 2 });
    expect(c.meetingsByForm).toEqual({ together: 1, seminar: 0, online: 0, bench: 1, kang: 0 });
    expect(c.byChild).toEqual([
      { region: { id: places.regions.streetA.id, name: '中城街道' }, opinionsCollected: 6, mattersResolved: 1, policySessions: 1, meetingsHeld: 1 },
      { region: { id: places.regions.streetB.id, name: '舞凤街道' }, opinionsCollected: 1, mattersResolved: 0, policySessions: 0, meetingsHeld: 1 },
    ]);
    const all = (await county.get('/api/deliberation/counts')).json();
    expect([all.opinionsCollected, all.mattersResolved, all.meetingsHeld, all.byChild.length]).toEqual([8, 2, 4, 2]);
  });

  it('breaks a community down by compound and defaults to the caller’s own place', async () => {
    const c = (await worker.get('/api/deliberation/counts?from=2026-11-01&to=2026-11-30')).json();
    expect([c.opinionsCollected, c.policySessions, c.meetingsHeld]).toEqual([6, 1, 1]);
    expect(Object.fromEntries(c.byChild.map((x: { region: { name: string }; opinionsCollected: number; mattersResolved: number; policySessions: number; meetingsHeld: number }) =>
      [x.region.name, [x.opinionsCollected, x.mattersResolved, x.policySessions, x.meetingsHeld]]))).toEqual({ 锦华小区: [5, 1, 0, 1], 锦绣院落: [1, 0, 1, 0] });
    const bad = await worker.get('/api/deliberation/counts?from=2026-11-30&to=2026-11-01');
    expect([bad.statusCode, bad.json().error.fields[0].code]).toEqual([400, 'DATE_ORDER']);
    expect((await worker.get(`/api/deliberation/counts?regionId=${places.regions.communityC.id}`)).statusCode).toBe(403);
  });
});
