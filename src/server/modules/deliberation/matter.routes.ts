import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { MATTER_CATEGORIES, MATTER_SOURCES } from '../../../shared/deliberation.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import * as evaluations from './evaluation.service.ts';
import { fireMatterEvent } from './matter-events.service.ts';
import * as svc from './matter.service.ts';
import { DateStr, Opt, Ref, Text } from './route-schemas.ts';

const tags = ['deliberation'];
const Ids = (description: string) => Type.Optional(Type.Array(Ref(), { maxItems: 100, description }));
const Category = Text(40, `议题类别：${MATTER_CATEGORIES.join(' | ')}`);
const Item = Type.Integer({ minimum: 1, maximum: 9, description: '民法典第二百七十八条共同决定事项（1–9）；6–8 项须四分之三多数' });

const NewMatter = Type.Object({
  id: ClientId,
  compoundId: Ref('小区'),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Opt(Text(5000)),
  category: Category,
  source: Text(40, `来源：${MATTER_SOURCES.join(' | ')}`),
  methodKey: Type.String({ minLength: 1, maxLength: 64, description: '议事方法，如 wuyi（五议工作法）、lianshou（联手说事）' }),
  executorOrgId: Opt(Ref('执行单位（组织）')),
  deadline: Opt(DateStr),
  jointDecisionItem: Opt(Item),
  leaderUserId: Opt(Ref('提议人兼说事长（用户），缺省为创建人')),
  executorUserIds: Ids('执行人（用户）'),
  supervisorUserIds: Ids('监督评议人（用户）'),
  opinionIds: Ids('转为议题的居民意见'),
  conflictOrgIds: Ids('利益相关需回避的组织'),
  conflictMemberIds: Ids('需回避的议事成员'),
});
const MatterPatch = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  description: Opt(Text(5000)),
  category: Type.Optional(Category),
  executorOrgId: Opt(Ref('执行单位（组织）')),
  deadline: Opt(DateStr),
  jointDecisionItem: Opt(Item),
  conflictOrgIds: Type.Optional(Type.Array(Ref(), { maxItems: 100 })),
  conflictMemberIds: Type.Optional(Type.Array(Ref(), { maxItems: 100 })),
  version: Version,
});
const ListQuery = Type.Intersect([PageQuery, Type.Object({
  regionId: Type.Optional(Ref('该区域及其下级')),
  compoundId: Type.Optional(Ref()),
  stage: Type.Optional(Text(40)),
  methodKey: Type.Optional(Text(64)),
  category: Type.Optional(Text(40)),
  source: Type.Optional(Text(40)),
  overdue: Type.Optional(Type.Boolean({ description: 'true 仅超期未办结' })),
  open: Type.Optional(Type.Boolean({ description: 'true 仅进行中，false 仅已结束' })),
  q: Type.Optional(Text(100, '标题包含')),
})]);
const BoardQuery = Type.Object({
  methodKey: Type.String({ minLength: 1, maxLength: 64 }),
  regionId: Type.Optional(Ref()),
  compoundId: Type.Optional(Ref()),
});
const FireBody = Type.Object({
  event: Type.String({ minLength: 1, maxLength: 40 }),
  input: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: '本操作的填写项（见 abilities.events[].inputs）' })),
  comment: Opt(Text(2000)),
  attachments: Type.Optional(Type.Array(Ref(), { maxItems: 50, description: '附件 id（先 POST /api/attachments）' })),
  version: Type.Integer({ minimum: 1, description: '流程版本 instanceVersion；不一致则返回 409 STALE' }),
});
const NewEvaluation = Type.Object({
  id: ClientId,
  byKind: Text(40, 'supervisory_board | resident | participant'),
  satisfaction: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Opt(Text(1000)),
});

/** Matter routes: open, list, board, detail, change, fire the method's events, evaluations. */
export function matterRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/matters', { schema: { tags, summary: '议题列表', querystring: ListQuery } }, async (req) => {
      const q = req.query as Static<typeof ListQuery>;
      const p = pageOf(q);
      const { page: _p, pageSize: _s, ...f } = q;
      const r = await svc.listMatters(deps.db, ctxOf(req, deps), f, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/matters/board', { schema: { tags, summary: '议题看板（按阶段分列，每列最多 50 条）', querystring: BoardQuery } }, async (req) => {
      return svc.matterBoard(deps.db, ctxOf(req, deps), req.query as Static<typeof BoardQuery>);
    });
    app.get('/matters/:id', { schema: { tags, summary: '议题详情：阶段、时间线、关联意见、可执行操作', params: IdParams } }, async (req) => {
      return svc.getMatter(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/matters', { schema: { tags, summary: '新建议题并按议事方法启动流程', body: NewMatter } }, async (req, reply) => {
      const r = await svc.createMatter(deps.db, ctxOf(req, deps), req.body as Static<typeof NewMatter>);
      return reply.status(r.created ? 201 : 200).send(r.matter);
    });
    app.patch('/matters/:id', { schema: { tags, summary: '修改议题（需 version）', params: IdParams, body: MatterPatch } }, async (req) => {
      return svc.updateMatter(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof MatterPatch>);
    });
    app.post('/matters/:id/events', { schema: { tags, summary: '执行议事步骤（需 instanceVersion；共同决定事项定议前须业主表决通过）', params: IdParams, body: FireBody } }, async (req) => {
      return fireMatterEvent(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof FireBody>);
    });
    app.get('/matters/:id/evaluations', { schema: { tags, summary: '议题评议记录', params: IdParams } }, async (req) => {
      return evaluations.listEvaluations(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/matters/:id/evaluations', { schema: { tags, summary: '录入评议（满意度 1–5）', params: IdParams, body: NewEvaluation } }, async (req, reply) => {
      const r = await evaluations.createEvaluation(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof NewEvaluation>);
      return reply.status(r.created ? 201 : 200).send(r.evaluation);
    });
  };
}
