import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { DateStr, Opt, Text, TwoIds } from './registry.schemas.ts';
import * as svc from './document.service.ts';

const tags = ['registry'];
const Fields = {
  kind: Type.Optional(Type.String({ maxLength: 30, description: '必填：work_plan 工作计划 | owners_rules 管理规约 | meeting_rules 议事规则 | other 其他' })),
  title: Type.Optional(Text(200, '必填：标题')),
  adoptedOn: Opt(DateStr),
  validTo: Opt(DateStr),
  body: Opt(Text(100_000)),
};
const NewDocument = Type.Object({ id: ClientId, ...Fields });
const DocumentPatch = Type.Object({ version: Version, ...Fields });
const DocumentQuery = Type.Object({ kind: Type.Optional(Type.String({ maxLength: 30 })) });

/** Compound document routes. */
export function documentRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/compounds/:id/documents', { schema: { tags, summary: '小区文件（工作计划、管理规约、议事规则）', params: IdParams, querystring: DocumentQuery } }, async (req) => {
      return svc.listDocuments(deps.db, ctxOf(req, deps), (req.params as IdParams).id, (req.query as Static<typeof DocumentQuery>).kind);
    });
    app.post('/compounds/:id/documents', { schema: { tags, summary: '新增小区文件', params: IdParams, body: NewDocument } }, async (req, reply) => {
      const r = await svc.createDocument(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof NewDocument>);
      return reply.status(r.created ? 201 : 200).send(r.document);
    });
    app.get('/compounds/:id/documents/:childId', { schema: { tags, summary: '小区文件详情（含正文）', params: TwoIds } }, async (req) => {
      const p = req.params as TwoIds;
      return svc.getDocument(deps.db, ctxOf(req, deps), p.id, p.childId);
    });
    app.patch('/compounds/:id/documents/:childId', { schema: { tags, summary: '修改小区文件', params: TwoIds, body: DocumentPatch } }, async (req) => {
      const p = req.params as TwoIds;
      return svc.updateDocument(deps.db, ctxOf(req, deps), p.id, p.childId, req.body as Static<typeof DocumentPatch>);
    });
    app.delete('/compounds/:id/documents/:childId', { schema: { tags, summary: '删除小区文件', params: TwoIds } }, async (req) => {
      const p = req.params as TwoIds;
      await svc.deleteDocument(deps.db, ctxOf(req, deps), p.id, p.childId);
      return { ok: true };
    });
  };
}
