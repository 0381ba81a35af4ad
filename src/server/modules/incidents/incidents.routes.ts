import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { DEADLINE_UNITS } from '../../../shared/method-template.ts';
import { KPI_GROUPS, SOURCE_CHANNELS, URGENCIES } from '../../../shared/incidents.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version, Opt } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import * as categories from './category.service.ts';
import { anonymousActor } from './incident.context.ts';
import * as query from './incident-query.service.ts';
import * as svc from './incident.service.ts';
import { incidentKpis } from './kpi.service.ts';

const tags = ['incidents'];
const Ref = Type.String({ minLength: 1, maxLength: 64 });
const Name = Type.Object({ zh: Type.String({ minLength: 1, maxLength: 60 }), en: Type.String({ minLength: 1, maxLength: 100 }) });
const lit = <T extends readonly string[]>(xs: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...xs] });
const CategoryVersion = Type.Object({
  id: ClientId,
  note: Opt(Type.String({ maxLength: 500 })),
  categories: Type.Array(Type.Object({
    code: Type.String({ maxLength: 8, description: '2 位大类或 4 位小类代码' }),
    name: Name,
    deadline: Type.Optional(Type.Object({ amount: Type.Integer(), unit: lit(DEADLINE_UNITS) })),
    urgency: Type.Optional(lit(URGENCIES)),
  }), { maxItems: 1000 }),
  rules: Type.Array(Type.Object({
    categoryCode: Type.Union([Type.String({ maxLength: 8 }), Type.Null()], { description: '小类、大类或 null（全部分类）' }),
    scopePath: Type.String({ minLength: 1, maxLength: 300, description: '适用地点（区划或小区路径）' }),
    orgId: Ref,
    note: Opt(Type.String({ maxLength: 200 })),
  }), { maxItems: 5000 }),
});
const Photos = Type.Array(Ref, { maxItems: 20, description: '照片附件 id（先 POST /api/attachments）' });
const NewIncident = Type.Object({
  id: ClientId,
  categoryCode: Type.String({ minLength: 4, maxLength: 4, description: '小类代码' }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  compoundId: Type.Optional(Type.Union([Ref, Type.Null()])),
  communityId: Type.Optional(Type.Union([Ref, Type.Null()])),
  gridId: Type.Optional(Type.Union([Ref, Type.Null()])),
  lat: Opt(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Opt(Type.Number({ minimum: -180, maximum: 180 })),
  address: Opt(Type.String({ maxLength: 200 })),
  photos: Type.Optional(Photos),
  sourceChannel: lit(SOURCE_CHANNELS),
  externalOrderNo: Opt(Type.String({ maxLength: 64, description: '12345 等外部工单号' })),
  reporterName: Opt(Type.String({ maxLength: 40 })),
  reporterPhone: Opt(Type.String({ maxLength: 20 })),
  selfHandled: Type.Optional(Type.Union([Type.Object({ result: Type.String({ minLength: 1, maxLength: 2000 }), photos: Photos }), Type.Null()], { description: '网格员自行处置：处置情况与照片' })),
});
const FireBody = Type.Object({
  event: Type.String({ minLength: 1, maxLength: 40 }),
  input: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  comment: Opt(Type.String({ maxLength: 2000 })),
  attachments: Type.Optional(Type.Array(Ref, { maxItems: 50 })),
  version: Version,
});
const ReporterBody = Type.Object({
  secret: Type.String({ minLength: 8, maxLength: 200, description: '上报时得到的反映人凭证' }),
  event: Type.Union([Type.Literal('confirm'), Type.Literal('reopen')]),
  input: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  comment: Opt(Type.String({ maxLength: 2000 })),
});
const ListQuery = Type.Intersect([PageQuery, Type.Object({
  regionId: Type.Optional(Ref),
  stage: Type.Optional(Type.String({ maxLength: 40 })),
  categoryCode: Type.Optional(Type.String({ maxLength: 4 })),
  majorCode: Type.Optional(Type.String({ maxLength: 2 })),
  gridId: Type.Optional(Ref),
  compoundId: Type.Optional(Ref),
  sourceChannel: Type.Optional(lit(SOURCE_CHANNELS)),
  externalOrderNo: Type.Optional(Type.String({ maxLength: 64 })),
  open: Type.Optional(Type.Boolean({ description: 'true 仅未结束，false 仅已结束' })),
  overdue: Type.Optional(Type.Boolean({ description: 'true 仅超期未处置（按超期时长排序）' })),
  urgency: Type.Optional(lit(URGENCIES)),
  handlerId: Type.Optional(Type.String({ maxLength: 64, description: '处置单位（组织或社区）id' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: '描述、地址或外部工单号包含的文字' })),
  reportedFrom: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T', maxLength: 30, description: '上报时间起（含，UTC ISO 时刻）' })),
  reportedTo: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T', maxLength: 30, description: '上报时间止（不含，UTC ISO 时刻）' })),
})]);
const KpiQuery = Type.Object({
  regionId: Ref,
  from: Type.String({ description: '起始日期 YYYY-MM-DD（含）' }),
  to: Type.String({ description: '截止日期 YYYY-MM-DD（含）' }),
  groupBy: Type.Optional(lit(KPI_GROUPS)),
});
const HandlerBody = Type.Object({ orgId: Ref, userId: Ref });
const HandlerParams = Type.Object({ orgId: Ref, userId: Ref });

/** Incident routes: categories and routing rules, handlers of organisations, report, list, tasks, detail, events, the reporter's answer, KPIs. */
export function incidentsRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/incident-categories', { schema: { tags, summary: '事件分类树与派遣规则（当前版本或指定版本）', querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }) } }, async (req) => {
      return categories.getCategoryVersion(deps.db, ctxOf(req, deps), (req.query as { version?: number }).version);
    });
    app.get('/incident-categories/versions', { schema: { tags, summary: '事件分类的全部版本' } }, async (req) => categories.listCategoryVersions(deps.db, ctxOf(req, deps)));
    app.post('/incident-categories/versions', { schema: { tags, summary: '发布新的分类版本（整棵分类树与派遣规则）', body: CategoryVersion } }, async (req, reply) => {
      const r = await categories.publishCategoryVersion(deps.db, ctxOf(req, deps), req.body as Static<typeof CategoryVersion>);
      return reply.status(r.created ? 201 : 200).send(r.version);
    });
    app.get('/incident-handlers', { schema: { tags, summary: '处置单位的处置人员', querystring: Type.Object({ orgId: Ref }) } }, async (req) => {
      return categories.listHandlers(deps.db, ctxOf(req, deps), (req.query as { orgId: string }).orgId);
    });
    app.post('/incident-handlers', { schema: { tags, summary: '添加处置单位的处置人员', body: HandlerBody } }, async (req, reply) => {
      const r = await categories.addHandler(deps.db, ctxOf(req, deps), req.body as Static<typeof HandlerBody>);
      return reply.status(r.created ? 201 : 200).send(r);
    });
    app.delete('/incident-handlers/:orgId/:userId', { schema: { tags, summary: '移除处置人员', params: HandlerParams } }, async (req, reply) => {
      const p = req.params as Static<typeof HandlerParams>;
      await categories.removeHandler(deps.db, ctxOf(req, deps), p.orgId, p.userId);
      return reply.status(204).send();
    });
    app.post('/incidents', { schema: { tags, summary: '上报事件（客户端 id 幂等，重复发送只建一件）', body: NewIncident } }, async (req, reply) => {
      const r = await svc.reportIncident(deps.db, ctxOf(req, deps), req.body as Static<typeof NewIncident>);
      return reply.status(r.created ? 201 : 200).send(r.incident);
    });
    app.get('/incidents', { schema: { tags, summary: '事件列表（可按超期、阶段、分类、网格筛选）', querystring: ListQuery } }, async (req) => {
      const q = req.query as Static<typeof ListQuery>;
      const p = pageOf(q);
      const { page: _p, pageSize: _s, ...f } = q;
      const r = await query.listIncidents(deps.db, ctxOf(req, deps), f, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/incidents/tasks', { schema: { tags, summary: '我的待办：待签收处置、待核查、待确认、待受理派遣', querystring: PageQuery } }, async (req) => {
      const p = pageOf(req.query as Static<typeof PageQuery>);
      const r = await query.listTasks(deps.db, ctxOf(req, deps), p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/incidents/:id', { schema: { tags, summary: '事件详情：时间线与当前可执行操作', params: IdParams } }, async (req) => {
      return query.getIncident(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/incidents/:id/events', { schema: { tags, summary: '执行闭环操作（需 version，过期返回 409）', params: IdParams, body: FireBody } }, async (req) => {
      return svc.fireIncidentEvent(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof FireBody>);
    });
    app.post('/incidents/:id/reporter-response', {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, summary: '反映人确认已解决或要求返工（凭上报时的凭证，无需登录）', params: IdParams, body: ReporterBody },
    }, async (req) => {
      const b = req.body as Static<typeof ReporterBody>;
      const ctx = req.actor ? ctxOf(req, deps) : { actor: anonymousActor(req.ip), keys: deps.keys, clock: deps.clock };
      const d = await svc.fireIncidentEvent(deps.db, ctx, (req.params as IdParams).id, { event: b.event, input: b.input, comment: b.comment }, { reporterSecret: b.secret });
      return { id: d.id, stage: d.stage, stageName: d.stageName, version: d.version };
    });
    app.get('/incident-kpis', { schema: { tags, summary: '事件考核指标（立案率、按期处置率、结案率、按期结案率、返工率等）', querystring: KpiQuery } }, async (req) => {
      const q = req.query as Static<typeof KpiQuery>;
      return incidentKpis(deps.db, ctxOf(req, deps), { ...q, groupBy: q.groupBy ?? 'region' });
    });
  };
}
