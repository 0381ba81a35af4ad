import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { methodPlaces, problemCodes } from '../methods/testing/fixture.ts';
import { insertHouseholds, insertMatter } from './testing/fixture.ts';
import { latestOwnersVoteForMatter } from './vote.repository.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let worker: Client;
let outsider: Client;
let leader: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await methodPlaces(env);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityC.path }]);
  leader = await env.user([{ roleKey: 'leader', scopePath: places.regions.communityA.path }]);
});
afterAll(async () => { await env?.close(); });

async function meetingFor(matterId: string | null) {
  const r = await worker.post('/api/meetings', {
    compoundId: places.compound.id, matterId, purpose: 'deliberation', form: 'together', title: '业主大会', startsAt: '2026-11-30T09:00',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.json();
}

const owners = (extra: Record<string, unknown> = {}) => ({
  kind: 'owners', ownersItem: 5, totalArea: '30000.00', totalOwners: 300, participatingArea: '20000.00', participatingOwners: 200,
  yesArea: '15000.50', yesOwners: 150, noArea: '4000', noOwners: 40, ...extra,
});

describe('votes', () => {
  it('records an owners’ vote that passes, areas as two-decimal strings, and the decision gate reads it back', async () => {
    const m = await insertMatter(env, { compound: places.compound, jointDecisionItem: 5 });
    const mt = await meetingFor(m.id);
    const r = await worker.post(`/api/meetings/${mt.id}/votes`, owners());
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      kind: 'owners', matterId: m.id, ownersItem: 5, totalArea: '30000.00', participatingArea: '20000.00', yesArea: '15000.50', noArea: '4000.00', outcome: 'passed',
    });
    expect((await worker.get(`/api/meetings/${mt.id}`)).json().votes.map((v: { id: string }) => v.id)).toEqual([r.json().id]);
    expect(await latestOwnersVoteForMatter(env.db, m.id)).toMatchObject({ id: r.json().id, yesAreaC: 1500050, outcome: 'passed' });
  });

  it('gives quorum_not_met to an owners’ vote that misses the double two-thirds participation', async () => {
    const mt = await meetingFor(null);
    const area = await worker.post(`/api/meetings/${mt.id}/votes`, owners({ participatingArea: '19999.99' }));
    expect(area.json().outcome).toBe('quorum_not_met');
    const heads = await worker.post(`/api/meetings/${mt.id}/votes`, owners({ participatingOwners: 199 }));
    expect(heads.json().outcome).toBe('quorum_not_met');
  });

  it('needs three quarters of area and owners for the special items 6–8', async () => {
    const mt = await meetingFor(null);
    const short = await worker.post(`/api/meetings/${mt.id}/votes`, owners({ ownersItem: 6, yesArea: '14999.99', yesOwners: 160 }));
    expect(short.json().outcome).toBe('rejected');
    const enough = await worker.post(`/api/meetings/${mt.id}/votes`, owners({ ownersItem: 6, yesArea: '15000', yesOwners: 150 }));
    expect(enough.json().outcome).toBe('passed');
    const ordinary = await worker.post(`/api/meetings/${mt.id}/votes`, owners({ ownersItem: 9, yesArea: '10000.01', yesOwners: 101 }));
    expect(ordinary.json().outcome).toBe('passed');
  });

  it('refuses incoherent counts with 422 and the fields, and malformed areas with 400; nothing is stored', async () => {
    const mt = await meetingFor(null);
    const r = await worker.post(`/api/meetings/${mt.id}/votes`, owners({ participatingArea: '30000.01', yesOwners: 170, noOwners: 40 }));
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('VOTE_COUNT_INCOHERENT');
    expect(problemCodes(r.json())).toEqual(['participatingArea:VOTE_COUNT_INCOHERENT', 'yesOwners:VOTE_COUNT_INCOHERENT']);
    const bad = await worker.post(`/api/meetings/${mt.id}/votes`, owners({ yesArea: '1.234', noArea: undefined }));
    expect(bad.statusCode).toBe(400);
    expect(problemCodes(bad.json())).toEqual(['noArea:REQUIRED']);
    const fmt = await worker.post(`/api/meetings/${mt.id}/votes`, owners({ yesArea: '1.234' }));
    expect(problemCodes(fmt.json())).toEqual(['yesArea:AREA_FORMAT']);
    const simple = await worker.post(`/api/meetings/${mt.id}/votes`, { kind: 'simple', eligible: 5, votesFor: 4, votesAgainst: 2, votesAbstain: 0 });
    expect([simple.statusCode, simple.json().error.code]).toEqual([422, 'VOTE_COUNT_INCOHERENT']);
    expect((await worker.get(`/api/meetings/${mt.id}`)).json().votes).toEqual([]);
  });

  it('ties an owners’ vote to the matter’s joint-decision item', async () => {
    const m = await insertMatter(env, { compound: places.compound, jointDecisionItem: 7 });
    const mt = await meetingFor(m.id);
    const r = await worker.post(`/api/meetings/${mt.id}/votes`, owners({ ownersItem: 5 }));
    expect(problemCodes(r.json())).toEqual(['ownersItem:ITEM_MISMATCH']);
  });

  it('records a simple vote and returns the first vote when retried with the same id', async () => {
    const mt = await meetingFor(null);
    const id = crypto.randomUUID();
    const body = { id, kind: 'simple', eligible: 12, votesFor: 9, votesAgainst: 2, votesAbstain: 1 };
    const a = await worker.post(`/api/meetings/${mt.id}/votes`, body);
    const b = await worker.post(`/api/meetings/${mt.id}/votes`, { ...body, votesFor: 1 });
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(b.json()).toEqual(a.json());
    expect(a.json()).toMatchObject({ kind: 'simple', outcome: 'passed', totalArea: null, votesFor: 9 });
    expect((await worker.get(`/api/meetings/${mt.id}`)).json().votes).toHaveLength(1);
  });

  it('keeps votes to writers in scope: 404 elsewhere, 403 read-only', async () => {
    const mt = await meetingFor(null);
    expect((await outsider.post(`/api/meetings/${mt.id}/votes`, owners())).statusCode).toBe(404);
    expect((await leader.post(`/api/meetings/${mt.id}/votes`, owners())).statusCode).toBe(403);
  });
});

describe('owner totals', () => {
  it('counts the compound’s households and sums their area exactly', async () => {
    await insertHouseholds(env, places.compound, [89.15, 120.3, 75.05, null]);
    await insertHouseholds(env, places.compoundC, [100]);
    const r = await worker.get(`/api/compounds/${places.compound.id}/owner-totals`);
    expect(r.json()).toEqual({ households: 4, areaM2: '284.50', householdsWithoutArea: 1 });
    expect((await outsider.get(`/api/compounds/${places.compound.id}/owner-totals`)).statusCode).toBe(404);
  });
});
