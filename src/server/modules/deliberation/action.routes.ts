import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { DateStr, Opt, Ref, Text } from './route-schemas.ts';
import * as svc from './action.service.ts';

const tags = ['deliberation'];
const Fields = { executorOrgId: Opt(Ref('承办单位；默认议题的承办单位')), dueDate: Opt(DateStr) };
const NewAction = Type.Object({ id: ClientId, title: Text(200), ...Fields });
const ActionPatch = Type.Object({ version: Version, title: Type.Optional(Text(200)), ...Fields });
const CompleteBody = Type.Object({
  completion: Text(5000, '完成情况'),
  evidence: Type.Array(Ref(), { maxItems: 30, description: '佐证附件 id（先 POST /api/attachments），至少一个' }),
  version: Version,
});

/** Action item routes: a matter's items, add, change, complete with evidence. */
export function actionRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/matters/:id/actions', { schema: { tags, summary: '议题的落实事项（含是否超期）', params: IdParams } }, async (req) => {
      return svc.listActions(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/matters/:id/actions', { schema: { tags, summary: '添加落实事项', params: IdParams, body: NewAction } }, async (req, reply) => {
      const r = await svc.createAction(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof NewAction>);
      return reply.status(r.created ? 201 : 200).send(r.action);
    });
    app.patch('/actions/:id', { schema: { tags, summary: '修改落实事项（需 version）', params: IdParams, body: ActionPatch } }, async (req) => {
      return svc.updateAction(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof ActionPatch>);
    });
    app.post('/actions/:id/complete', { schema: { tags, summary: '完成落实事项（需佐证附件）', params: IdParams, body: CompleteBody } }, async (req) => {
      return svc.completeAction(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof CompleteBody>);
    });
  };
}
