import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { cst, methodPlaces, problemCodes } from '../methods/testing/fixture.ts';
import { insertMatter } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let worker: Client;
let colleague: Client;
let outsider: Client;
let orgId: string;

const PNG = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);
async function upload(c: Client): Promise<string> {
  const r = await c.post('/api/attachments', PNG(), { 'content-type': 'image/png', 'x-file-name': 'done.png' });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.json().id;
}

/** Moves the clock and signs everyone in again (sessions expire when idle). */
async function at(when: string) {
  env.clock.set(cst(when));
  [worker, colleague, outsider] = await Promise.all([worker, colleague, outsider].map((c) => env.signIn(c.username)));
}

beforeAll(async () => {
  env = await makeTestEnv();
  env.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-actions-'));
  places = await methodPlaces(env);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  colleague = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityC.path }]);
  const org = await worker.post('/api/orgs', { type: 'property_company', name: '安居物业', compoundId: places.compound.id });
  orgId = org.json().id;
});
afterAll(async () => {
  if (env) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  await env?.close();
});

describe('action items', () => {
  it('adds items with the matter’s executor by default and flags them overdue the day after the due date', async () => {
    await at('2026-11-26T10:00:00');
    const m = await insertMatter(env, { compound: places.compound, executorOrgId: orgId });
    const r = await worker.post(`/api/matters/${m.id}/actions`, { title: '东门划线', dueDate: '2026-11-30' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ executorOrg: { id: orgId, name: '安居物业' }, status: 'open', overdue: false, evidence: [], abilities: { edit: true, complete: true } });
    await at('2026-11-30T23:00:00');
    expect((await worker.get(`/api/matters/${m.id}/actions`)).json()[0].overdue).toBe(false);
    await at('2026-12-01T08:00:00');
    expect((await worker.get(`/api/matters/${m.id}/actions`)).json()[0].overdue).toBe(true);
    const bad = await worker.post(`/api/matters/${m.id}/actions`, { title: ' ', dueDate: '2026-02-30', executorOrgId: 'nobody' });
    expect(problemCodes(bad.json())).toEqual(['title:REQUIRED', 'dueDate:NOT_A_DATE', 'executorOrgId:NOT_FOUND_REF']);
  });

  it('completes an item only with evidence the caller uploaded, tying it to the matter’s instance', async () => {
    const m = await insertMatter(env, { compound: places.compound });
    const a = (await worker.post(`/api/matters/${m.id}/actions`, { title: '更换路灯' })).json();
    const none = await worker.post(`/api/actions/${a.id}/complete`, { completion: '已更换', evidence: [], version: 1 });
    expect([none.statusCode, none.json().error.code]).toEqual([422, 'ACTION_EVIDENCE_REQUIRED']);
    const theirs = await upload(colleague);
    const foreign = await worker.post(`/api/actions/${a.id}/complete`, { completion: '已更换', evidence: [theirs], version: 1 });
    expect(problemCodes(foreign.json())).toEqual(['evidence.0:NOT_FOUND_REF']);
    const mine = await upload(worker);
    const done = await worker.post(`/api/actions/${a.id}/complete`, { completion: '已更换 4 盏路灯', evidence: [mine], version: 1 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', completion: '已更换 4 盏路灯', evidence: [mine], version: 2, overdue: false, abilities: { edit: false, complete: false } });
    const att = await env.db.selectFrom('attachment').select(['instance_id', 'scope_path']).where('id', '=', mine).executeTakeFirstOrThrow();
    expect(att).toEqual({ instance_id: m.instanceId, scope_path: places.compound.path });
    expect((await colleague.get(`/api/attachments/${mine}`)).statusCode).toBe(200);
    const again = await worker.post(`/api/actions/${a.id}/complete`, { completion: '再次', evidence: [mine], version: 2 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'ACTION_ALREADY_DONE']);
    expect((await worker.patch(`/api/actions/${a.id}`, { version: 2, title: '改名' })).json().error.code).toBe('ACTION_ALREADY_DONE');
  });

  it('answers a stale edit with 409, a retried create with the first item, and another area with 404', async () => {
    const m = await insertMatter(env, { compound: places.compound });
    const id = crypto.randomUUID();
    const first = await worker.post(`/api/matters/${m.id}/actions`, { id, title: '修补路面' });
    const again = await worker.post(`/api/matters/${m.id}/actions`, { id, title: '修补路面' });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect((await worker.get(`/api/matters/${m.id}/actions`)).json()).toHaveLength(1);
    expect((await worker.patch(`/api/actions/${id}`, { version: 1, dueDate: '2026-12-15' })).json()).toMatchObject({ dueDate: '2026-12-15', version: 2 });
    const stale = await worker.patch(`/api/actions/${id}`, { version: 1, dueDate: null });
    expect(stale.json().error).toMatchObject({ code: 'STALE', details: { currentVersion: 2 } });
    expect((await outsider.get(`/api/matters/${m.id}/actions`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/actions/${id}`, { version: 2, title: 'x' })).statusCode).toBe(404);
    expect((await outsider.post(`/api/matters/${m.id}/actions`, { title: 'x' })).statusCode).toBe(404);
  });
});
