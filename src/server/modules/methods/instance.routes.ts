import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version, Opt } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import type { Relations } from './method.ts';
import * as svc from './instance.service.ts';

const tags = ['methods'];
const Ref = Type.String({ minLength: 1, maxLength: 64 });
const NewInstance = Type.Object({
  id: ClientId,
  templateKey: Type.String({ minLength: 1, maxLength: 64, description: '方法标识，如 wuyi、lianshou' }),
  subjectType: Type.String({ minLength: 1, maxLength: 40, description: '办理对象类型，如 matter' }),
  subjectId: Ref,
  relations: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: '关系角色：{ proposer: 用户id, talk_leader: 用户id, executor: [组织id, 用户id…], … }' })),
  scopePath: Type.String({ minLength: 1, maxLength: 300, description: '所在区划或小区路径' }),
});
const FireBody = Type.Object({
  event: Type.String({ minLength: 1, maxLength: 40 }),
  input: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: '本操作的填写项' })),
  comment: Opt(Type.String({ maxLength: 2000 })),
  attachments: Type.Optional(Type.Array(Ref, { maxItems: 50, description: '附件 id（先 POST /api/attachments）' })),
  version: Version,
});
const ListQuery = Type.Intersect([PageQuery, Type.Object({
  templateKey: Type.Optional(Type.String({ maxLength: 64 })),
  subjectType: Type.Optional(Type.String({ maxLength: 40 })),
  subjectId: Type.Optional(Ref),
  stage: Type.Optional(Type.String({ maxLength: 40 })),
  regionId: Type.Optional(Ref),
  open: Type.Optional(Type.Boolean({ description: 'true 仅进行中，false 仅已结束' })),
})]);
const OverdueQuery = Type.Intersect([PageQuery, Type.Object({
  regionId: Type.Optional(Ref),
  templateKey: Type.Optional(Type.String({ maxLength: 64 })),
})]);

/** Method instance routes: start, list, overdue, detail with timeline and abilities, fire an event. */
export function instanceRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/method-instances', { schema: { tags, summary: '流程实例列表', querystring: ListQuery } }, async (req) => {
      const q = req.query as Static<typeof ListQuery>;
      const p = pageOf(q);
      const { page: _p, pageSize: _s, ...f } = q;
      const r = await svc.listInstances(deps.db, ctxOf(req, deps), f, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/method-instances/overdue', { schema: { tags, summary: '超期未办结的流程（按超期时间排序）', querystring: OverdueQuery } }, async (req) => {
      const q = req.query as Static<typeof OverdueQuery>;
      const p = pageOf(q);
      const r = await svc.listOverdue(deps.db, ctxOf(req, deps), { regionId: q.regionId, templateKey: q.templateKey }, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/method-instances/:id', { schema: { tags, summary: '流程详情：阶段、时限、时间线、当前可执行操作', params: IdParams } }, async (req) => {
      return svc.getInstance(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/method-instances', { schema: { tags, summary: '按方法的当前发布版本启动流程', body: NewInstance } }, async (req, reply) => {
      const b = req.body as Static<typeof NewInstance>;
      const r = await svc.startInstance(deps.db, ctxOf(req, deps), { ...b, relations: b.relations as Relations | undefined });
      return reply.status(r.created ? 201 : 200).send(r.instance);
    });
    app.post('/method-instances/:id/events', { schema: { tags, summary: '执行一个操作（需 version，过期返回 409）', params: IdParams, body: FireBody } }, async (req) => {
      return svc.fireEvent(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof FireBody>);
    });
  };
}
