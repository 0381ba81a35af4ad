import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodTemplateBody } from '../../../shared/method-template.ts';
import { makeTestEnv, type Client, type TestEnv } from '../../testing/harness.ts';
import { WUYI } from './presets/index.ts';
import { ensurePresets } from './template.service.ts';
import { methodPlaces, problemCodes } from './testing/fixture.ts';

let env: TestEnv;
let places: Awaited<ReturnType<typeof methodPlaces>>;
let national: Client;
let streetAdmin: Client;
let worker: Client;
let outsider: Client;

beforeAll(async () => {
  env = await makeTestEnv();
  places = await methodPlaces(env);
  national = await env.user([{ roleKey: 'system_admin', scopePath: '/' }]);
  streetAdmin = await env.user([{ roleKey: 'street_admin', scopePath: places.regions.streetA.path }]);
  worker = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityA.path }]);
  outsider = await env.user([{ roleKey: 'community_worker', scopePath: places.regions.communityC.path }]);
});
afterAll(async () => { await env?.close(); });

/** A street's own four-step method for stairwell matters: 提 raise → 议 discuss → 办 handle → 评 review → closed. */
const FOUR_STEP = {
  key: 'louyi_four_step',
  name: { zh: '楼道议事四步法', en: 'Stairwell four-step method' },
  description: '中城街道本地方法：楼栋长提事、楼道议事、物业或志愿者办事、居民评事',
  initial: 'raised',
  stages: [
    { key: 'raised', name: { zh: '提事', en: 'Raised' }, deadline: { amount: 3, unit: 'working_days' }, owner: 'reporter' },
    { key: 'discussed', name: { zh: '议事', en: 'Discussed' }, deadline: { amount: 7, unit: 'natural_days' }, owner: 'talk_leader' },
    { key: 'handled', name: { zh: '办事', en: 'Handled' }, deadline: { amount: 16, unit: 'working_hours' }, owner: 'assignee' },
    { key: 'reviewed', name: { zh: '评事', en: 'Reviewed' }, deadline: { amount: 2, unit: 'working_days' }, owner: 'talk_leader' },
    { key: 'closed', name: { zh: '已完结', en: 'Closed' }, terminal: true },
  ],
  transitions: [
    { event: 'discuss', name: { zh: '楼道议事', en: 'Discuss' }, from: 'raised', to: 'discussed', who: ['talk_leader'], inputs: [{ key: 'minutes', kind: 'minutes', required: true }, { key: 'form', kind: 'choice', required: true, options: ['bench', 'online'] }] },
    { event: 'handle', name: { zh: '办理', en: 'Handle' }, from: 'discussed', to: 'handled', who: ['assignee'], inputs: [{ key: 'result', kind: 'text', required: true }, { key: 'cost', kind: 'number', required: false, min: 0 }] },
    { event: 'review', name: { zh: '评议', en: 'Review' }, from: 'handled', to: 'reviewed', who: ['participant', 'talk_leader'], inputs: [{ key: 'satisfaction', kind: 'satisfaction', required: true }] },
    { event: 'redo', name: { zh: '重办', en: 'Redo' }, from: 'reviewed', to: 'discussed', who: ['talk_leader'], counts: 'rework' },
    { event: 'close', name: { zh: '完结', en: 'Close' }, from: 'reviewed', to: 'closed', who: ['talk_leader', 'community_worker'] },
  ],
} satisfies MethodTemplateBody;

describe('method templates through the API', () => {
  it('ships 五议 and 联手说事 as published version 1 at the national scope, loaded once', async () => {
    expect(await ensurePresets(env.db, env.clock)).toEqual([]);
    const wuyi = (await worker.get('/api/method-templates/wuyi')).json();
    expect([wuyi.current.version, wuyi.current.status, wuyi.current.scopePath, wuyi.current.nameZh, wuyi.versions.length]).toEqual([1, 'published', '/', '五议工作法', 1]);
    expect(wuyi.current.body.stages.map((s: { key: string }) => s.key)).toEqual(WUYI.stages.map((s) => s.key));
    const lianshou = (await worker.get('/api/method-templates/lianshou')).json();
    expect(lianshou.current.body.stages.map((s: { name: { zh: string } }) => s.name.zh.slice(0, 1))).toEqual(['集', '商', '解', '评', '晒', '已', '不']);
    expect(wuyi.current.abilities).toEqual({ publish: false, newVersion: false });
  });

  it('refuses an invalid template with a code and a path for every problem', async () => {
    const bad = {
      ...FOUR_STEP, key: 'broken',
      stages: [...FOUR_STEP.stages, { key: 'raised', name: { zh: '重复', en: 'Dup' } }, { key: 'limbo', name: { zh: '孤岛', en: 'Limbo' }, terminal: true }],
      transitions: [
        ...FOUR_STEP.transitions,
        { event: 'discuss', from: 'raised', to: 'closed', who: ['mayor'], inputs: [{ key: 'clip', kind: 'video', required: true }] },
        { event: 'revive', from: 'closed', to: 'nowhere', who: ['talk_leader'] },
      ],
      scopePath: places.regions.streetA.path,
    };
    const r = await streetAdmin.post('/api/method-templates', bad);
    expect([r.statusCode, r.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(problemCodes(r.json())).toEqual([
      'stages.5.key:TEMPLATE_DUPLICATE_STAGE',
      'transitions.5.event:TEMPLATE_DUPLICATE_EVENT_FROM',
      'transitions.5.who.0:TEMPLATE_UNKNOWN_ROLE',
      'transitions.5.inputs.0.kind:TEMPLATE_UNKNOWN_INPUT_KIND',
      'transitions.6.to:TEMPLATE_UNKNOWN_STAGE',
      'transitions.6.from:TEMPLATE_TERMINAL_HAS_EXIT',
      'stages.6.key:TEMPLATE_UNREACHABLE_STAGE',
    ]);
    const field = r.json().error.fields[2];
    expect([field.zh, field.en]).toEqual(['没有这个角色：mayor', 'No such role: mayor']);
    expect((await streetAdmin.get('/api/method-templates?key=broken')).json().total).toBe(0);
  });

  it('lets a street add a local four-step method and run it without a code change', async () => {
    expect((await worker.post('/api/method-templates', { ...FOUR_STEP, scopePath: places.regions.streetA.path })).statusCode).toBe(403);
    const id = crypto.randomUUID();
    const draft = await streetAdmin.post('/api/method-templates', { id, ...FOUR_STEP, scopePath: places.regions.streetA.path });
    expect([draft.statusCode, draft.json().version, draft.json().status, draft.json().abilities]).toEqual([201, 1, 'draft', { publish: true, newVersion: true }]);
    expect((await streetAdmin.post('/api/method-templates', { id, ...FOUR_STEP, scopePath: places.regions.streetA.path })).statusCode).toBe(200);
    expect((await streetAdmin.get(`/api/method-templates/${id}/validate`)).json()).toEqual({ ok: true, problems: [] });
    const early = await worker.post('/api/method-instances', { templateKey: FOUR_STEP.key, subjectType: 'matter', subjectId: 's1', scopePath: places.compound.path });
    expect(early.json().error.code).toBe('TEMPLATE_NOT_AVAILABLE');
    expect((await streetAdmin.post(`/api/method-templates/${id}/publish`)).json().status).toBe('published');
    const twice = await streetAdmin.post(`/api/method-templates/${id}/publish`);
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'TEMPLATE_NOT_DRAFT']);
    // Community C lies in another street: the method neither shows nor starts there.
    expect((await outsider.get(`/api/method-templates/${FOUR_STEP.key}`)).statusCode).toBe(404);

    const leader = await env.user([{ roleKey: 'compound_secretary', scopePath: places.compound.path }]);
    const handyman = await env.user([{ roleKey: 'grid_worker', scopePath: places.compound.path }]);
    const start = await worker.post('/api/method-instances', {
      templateKey: FOUR_STEP.key, subjectType: 'stairwell_matter', subjectId: 'b3-u2', scopePath: places.compound.path,
      relations: { talk_leader: leader.userId, assignee: handyman.userId, participant: [worker.userId] },
    });
    expect(start.statusCode).toBe(201);
    let i = start.json();
    expect([i.templateName.zh, i.stageName.zh, i.templateVersion]).toEqual(['楼道议事四步法', '提事', 1]);
    const fireAs = async (c: Client, event: string, input: Record<string, unknown>) => {
      const r = await c.post(`/api/method-instances/${i.id}/events`, { event, input, version: i.version });
      expect([event, r.statusCode]).toEqual([event, 200]);
      i = r.json();
    };
    expect(i.abilities.events).toEqual([]); // the worker is neither talk leader nor assignee here
    await fireAs(leader, 'discuss', { minutes: '板凳会：楼道堆物清理，周六集中清运', form: 'bench' });
    const wrongChoice = await handyman.post(`/api/method-instances/${i.id}/events`, { event: 'handle', input: { result: '已清运', cost: -5 }, version: i.version });
    expect(problemCodes(wrongChoice.json())).toEqual(['input.cost:INPUT_OUT_OF_RANGE']);
    await fireAs(handyman, 'handle', { result: '已清运杂物3车', cost: 300 });
    await fireAs(worker, 'review', { satisfaction: 3 });
    await fireAs(leader, 'redo', {});
    await fireAs(handyman, 'handle', { result: '补清剩余杂物' });
    await fireAs(worker, 'review', { satisfaction: 5 });
    await fireAs(worker, 'close', {});
    expect([i.stage, i.terminal, i.counters]).toEqual(['closed', true, { rework: 1 }]);
    expect(i.timeline.map((e: { event: string }) => e.event)).toEqual(['start', 'discuss', 'handle', 'review', 'redo', 'handle', 'review', 'close']);
  });

  it('keeps an instance on version 1 running after version 2 is published', async () => {
    const start = (subjectId: string) => worker.post('/api/method-instances', {
      templateKey: 'wuyi', subjectType: 'matter', subjectId, scopePath: places.compound.path, relations: { proposer: worker.userId },
    });
    const old = (await start('v1-matter')).json();
    expect(old.templateVersion).toBe(1);
    // Version 2: 把关提议 is renamed to 收集提议 with a new event, and gets 3 working days instead of 7 natural days.
    const v2: MethodTemplateBody = structuredClone(WUYI);
    v2.stages[0] = { ...v2.stages[0], name: { zh: '收集提议', en: 'Collection' }, deadline: { amount: 3, unit: 'working_days' } };
    v2.transitions[0] = { ...v2.transitions[0], event: 'submit' };
    expect((await streetAdmin.post('/api/method-templates', { ...v2, scopePath: places.regions.streetA.path })).statusCode).toBe(403);
    const draft = (await national.post('/api/method-templates', { ...v2, scopePath: '/' })).json();
    expect(draft.version).toBe(2);
    await national.post(`/api/method-templates/${draft.id}/publish`);
    const byKey = (await worker.get('/api/method-templates/wuyi')).json();
    expect([byKey.current.version, byKey.versions.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)]).toEqual([2, ['2:published', '1:retired']]);

    const fresh = (await start('v2-matter')).json();
    expect([fresh.templateVersion, fresh.stageName.zh, fresh.abilities.events.map((e: { event: string }) => e.event)]).toEqual([2, '收集提议', ['submit', 'withdraw']]);
    const still = (await worker.get(`/api/method-instances/${old.id}`)).json();
    expect([still.templateVersion, still.stageName.zh, still.template.version]).toEqual([1, '把关提议', 1]);
    const moved = await worker.post(`/api/method-instances/${old.id}/events`, { event: 'propose', input: { proposal: '按旧版本继续' }, version: still.version });
    expect([moved.statusCode, moved.json().stage]).toEqual([200, 'consulting']);
    const refused = await worker.post(`/api/method-instances/${old.id}/events`, { event: 'submit', input: {}, version: moved.json().version });
    expect(refused.json().error.code).toBe('EVENT_NOT_ALLOWED_IN_STAGE');
  });

  it('audits template creation and publication', async () => {
    const actions = await env.db.selectFrom('audit_log').select('action').where('object_type', '=', 'method_template').orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['method_template.create', 'method_template.publish', 'method_template.create', 'method_template.publish']);
  });
});
