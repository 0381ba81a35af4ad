import type { FastifyInstance } from 'fastify';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CAMPAIGN_STATUSES, INSPECTION_RESULTS, TASK_ORIGINS, TASK_STATUSES } from '../../../shared/campaigns.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import * as campaigns from './campaign.service.ts';
import * as tasks from './task.service.ts';

const tags = ['campaigns'];
/** A nullable field as `type: [t, 'null']`, so Ajv's type coercion keeps null as null. */
const Nullable = <T extends TSchema>(s: T) => Type.Unsafe<Static<T> | null>({ ...s, type: [(s as unknown as { type: string }).type, 'null'] });
const Opt = <T extends TSchema>(s: T) => Type.Optional(Nullable(s));
const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });
const Ref = (description?: string) => Type.String({ minLength: 1, maxLength: 64, ...(description ? { description } : {}) });
const DateStr = Type.String({ maxLength: 10, description: 'YYYY-MM-DD（中国时间）' });
const list = (values: readonly string[]) => `：${values.join(' | ')}`;
const Codes = Type.Array(Type.String({ maxLength: 4 }), { maxItems: 50, description: '事件分类代码：大类（2 位，含其全部小类）或小类（4 位）' });

const NewCampaign = Type.Object({
  id: ClientId, name: Text(100, '整治名称'), description: Opt(Text(2000)), regionId: Ref('整治区域（区县、街道或社区）'),
  problemTypes: Codes, startsOn: DateStr, endsOn: DateStr,
});
const CampaignPatch = Type.Object({
  version: Version, name: Type.Optional(Text(100)), description: Opt(Text(2000)), regionId: Type.Optional(Ref('仅计划中可改')),
  problemTypes: Type.Optional(Codes), startsOn: Type.Optional(DateStr), endsOn: Type.Optional(DateStr),
});
const CampaignQuery = Type.Intersect([PageQuery, Type.Object({
  regionId: Type.Optional(Ref('覆盖该区划的整治（本级、上级和下级）')),
  status: Type.Optional(Type.String({ maxLength: 20, description: `状态${list(CAMPAIGN_STATUSES)}` })),
  q: Type.Optional(Type.String({ maxLength: 50, description: '名称片段' })),
})]);
const VersionBody = Type.Object({ version: Version });
const Waiver = Type.Object({ taskId: Ref(), reason: Text(500, '免检理由（至少 4 个字）') });
const FinishBody = Type.Object({ version: Version, waive: Type.Optional(Type.Array(Waiver, { maxItems: 2000, description: '结束时一并免检的任务及理由' })) });
const TaskQuery = Type.Intersect([PageQuery, Type.Object({
  status: Type.Optional(Type.String({ maxLength: 20, description: `任务状态${list(TASK_STATUSES)}；open 即尚未检查的小区` })),
  communityId: Type.Optional(Ref()),
  origin: Type.Optional(Type.String({ maxLength: 20, description: `来源${list(TASK_ORIGINS)}` })),
})]);
const FindingQuery = Type.Intersect([PageQuery, Type.Object({ categoryCode: Type.Optional(Type.String({ maxLength: 4 })) })]);
const Finding = Type.Object({
  id: ClientId, categoryCode: Type.String({ maxLength: 4, description: '问题小类（须在本次整治的问题类别内）' }), description: Text(2000),
  photos: Type.Optional(Type.Array(Ref(), { maxItems: 9, description: '先上传到 /api/attachments 的照片 id' })),
  lat: Opt(Type.Number({ minimum: -90, maximum: 90 })), lng: Opt(Type.Number({ minimum: -180, maximum: 180 })), address: Opt(Text(200)),
});
const Inspection = Type.Object({
  id: ClientId, version: Version,
  result: Type.String({ maxLength: 20, description: `检查结果${list(INSPECTION_RESULTS)}` }),
  inspectedAt: Type.Optional(Type.String({ maxLength: 40, description: '检查时间（ISO 8601，默认现在）' })),
  note: Opt(Text(2000)),
  findings: Type.Optional(Type.Array(Finding, { maxItems: 50, description: '发现的问题；每个问题生成一个网格事件并关联本次整治' })),
});
const WaiveBody = Type.Object({ version: Version, reason: Text(500, '免检理由（至少 4 个字）') });

/** Campaign routes: plan, start, finish; coverage and the compounds not yet inspected; inspections (findings become incidents) and waivers. */
export function campaignsRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/campaigns', { schema: { tags, summary: '专项整治列表（含检查覆盖率）', querystring: CampaignQuery } }, async (req) => {
      const { page, pageSize, ...q } = req.query as Static<typeof CampaignQuery>;
      const p = pageOf({ page, pageSize });
      return { ...(await campaigns.listCampaigns(deps.db, ctxOf(req, deps), q, p.limit, p.offset)), page: p.page, pageSize: p.pageSize };
    });
    app.get('/campaigns/:id', { schema: { tags, summary: '专项整治', params: IdParams } }, async (req) => {
      return campaigns.getCampaign(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/campaigns', { schema: { tags, summary: '计划专项整治（同一 id 重试不重复创建）', body: NewCampaign } }, async (req, reply) => {
      const r = await campaigns.createCampaign(deps.db, ctxOf(req, deps), req.body as Static<typeof NewCampaign>);
      return reply.status(r.created ? 201 : 200).send(r.campaign);
    });
    app.patch('/campaigns/:id', { schema: { tags, summary: '修改专项整治（需 version）', params: IdParams, body: CampaignPatch } }, async (req) => {
      return campaigns.updateCampaign(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof CampaignPatch>);
    });
    app.post('/campaigns/:id/start', { schema: { tags, summary: '启动：为区域内每个小区生成检查任务', params: IdParams, body: VersionBody } }, async (req) => {
      return campaigns.startCampaign(deps.db, ctxOf(req, deps), (req.params as IdParams).id, (req.body as Static<typeof VersionBody>).version);
    });
    app.post('/campaigns/:id/finish', { schema: { tags, summary: '结束：须全部检查或逐一说明理由免检', params: IdParams, body: FinishBody } }, async (req) => {
      return campaigns.finishCampaign(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof FinishBody>);
    });
    app.get('/campaigns/:id/coverage', { schema: { tags, summary: '检查覆盖率（分社区）、启动后新增的小区、问题分类统计', params: IdParams } }, async (req) => {
      return campaigns.campaignCoverage(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.get('/campaigns/:id/tasks', { schema: { tags, summary: '检查任务（status=open 为尚未检查的小区）', params: IdParams, querystring: TaskQuery } }, async (req) => {
      const { page, pageSize, ...q } = req.query as Static<typeof TaskQuery>;
      const p = pageOf({ page, pageSize });
      return { ...(await tasks.listTasks(deps.db, ctxOf(req, deps), (req.params as IdParams).id, q, p.limit, p.offset)), page: p.page, pageSize: p.pageSize };
    });
    app.post('/campaigns/:id/tasks', { schema: { tags, summary: '为启动后登记的小区增加检查任务', params: IdParams, body: Type.Object({ compoundId: Ref() }) } }, async (req, reply) => {
      const r = await tasks.addTask(deps.db, ctxOf(req, deps), (req.params as IdParams).id, (req.body as { compoundId: string }).compoundId);
      return reply.status(r.created ? 201 : 200).send(r.task);
    });
    app.get('/campaigns/:id/findings', { schema: { tags, summary: '整治发现的问题及其网格事件', params: IdParams, querystring: FindingQuery } }, async (req) => {
      const { page, pageSize, ...q } = req.query as Static<typeof FindingQuery>;
      const p = pageOf({ page, pageSize });
      return { ...(await tasks.listFindings(deps.db, ctxOf(req, deps), (req.params as IdParams).id, q, p.limit, p.offset)), page: p.page, pageSize: p.pageSize };
    });
    app.get('/campaign-tasks/:id', { schema: { tags, summary: '检查任务', params: IdParams } }, async (req) => {
      return tasks.getTask(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/campaign-tasks/:id/inspection', { schema: { tags, summary: '登记检查结果（需 incident.report；同一检查 id 重发不重复）', params: IdParams, body: Inspection } }, async (req) => {
      return tasks.inspectTask(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof Inspection>);
    });
    app.post('/campaign-tasks/:id/waive', { schema: { tags, summary: '免检（需理由）', params: IdParams, body: WaiveBody } }, async (req) => {
      return tasks.waiveTask(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof WaiveBody>);
    });
  };
}
