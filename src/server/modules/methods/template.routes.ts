import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import * as svc from './template.service.ts';

const tags = ['methods'];
// The body's parts are checked by validateTemplate (shared with the editor) rather than by the schema, so that every
// problem comes back with its TEMPLATE_* code and path.
const NewDraft = Type.Object({
  id: ClientId,
  scopePath: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: "适用范围：'/' 全国预置，或区划/小区路径（本地方法）" })),
  key: Type.Optional(Type.Unknown({ description: '方法标识，小写字母、数字、下划线' })),
  name: Type.Optional(Type.Unknown({ description: '{ zh, en }' })),
  description: Type.Optional(Type.Unknown()),
  stages: Type.Optional(Type.Unknown({ description: '[{ key, name {zh,en}, terminal?, deadline? { amount, unit }, owner? }]' })),
  initial: Type.Optional(Type.Unknown({ description: '起始阶段 key' })),
  transitions: Type.Optional(Type.Unknown({ description: '[{ event, name?, from, to, who: [角色或关系角色], inputs?: [{ key, kind, required, options? }], resetsDeadline?, deadlineInput?, counts? }]' })),
});
const ListQuery = Type.Intersect([PageQuery, Type.Object({
  key: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('retired')])),
})]);
const KeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 64 }) });

/** Method template routes: list, by key with versions, new draft, publish, validate. */
export function templateRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/method-templates', { schema: { tags, summary: '议事方法模板列表（各版本）', querystring: ListQuery } }, async (req) => {
      const q = req.query as Static<typeof ListQuery>;
      const p = pageOf(q);
      const r = await svc.listTemplates(deps.db, ctxOf(req, deps), { key: q.key, status: q.status }, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/method-templates/:key', { schema: { tags, summary: '按标识查看方法：当前发布版本及全部版本', params: KeyParams } }, async (req) => {
      return svc.getTemplateByKey(deps.db, ctxOf(req, deps), (req.params as Static<typeof KeyParams>).key);
    });
    app.get('/method-templates/:id/validate', { schema: { tags, summary: '重新校验某一版本', params: IdParams } }, async (req) => {
      return svc.validateStoredTemplate(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/method-templates', { schema: { tags, summary: '新建方法草稿（新方法或已有方法的新版本），保存前校验', body: NewDraft } }, async (req, reply) => {
      const r = await svc.createDraft(deps.db, ctxOf(req, deps), req.body as svc.NewDraft);
      return reply.status(r.created ? 201 : 200).send(r.template);
    });
    app.post('/method-templates/:id/publish', { schema: { tags, summary: '发布草稿（旧版本停用，运行中的实例不受影响）', params: IdParams } }, async (req) => {
      return svc.publishTemplate(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
  };
}
