import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { DateStr, Opt, Ref, Text } from './orgs.schemas.ts';
import * as svc from './position.service.ts';

const tags = ['orgs'];
const NewPosition = Type.Object({
  id: ClientId,
  personId: Ref('任职人员'),
  post: Text(40, '职务，见 src/shared/org-types.ts POSTS'),
  membership: Opt(Text(20, 'full | probationary（仅党组织；缺省按政治面貌）')),
  partTime: Type.Optional(Type.Boolean({ description: '兼职委员' })),
  startOn: Opt(DateStr),
  endOn: Opt(DateStr),
});
const PositionPatch = Type.Object({
  version: Version,
  post: Type.Optional(NewPosition.properties.post),
  membership: NewPosition.properties.membership,
  partTime: NewPosition.properties.partTime,
  startOn: NewPosition.properties.startOn,
  endOn: Opt(Type.String({ maxLength: 10, description: '填写即结束任职（YYYY-MM-DD）' })),
});

/** Position routes: appoint, change or end, delete. */
export function positionRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.post('/orgs/:id/positions', { schema: { tags, summary: '任职（职务须符合组织类型）', params: IdParams, body: NewPosition } }, async (req, reply) => {
      const r = await svc.createPosition(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof NewPosition>);
      return reply.status(r.created ? 201 : 200).send(r.position);
    });
    app.patch('/positions/:id', { schema: { tags, summary: '修改或结束任职（需 version）', params: IdParams, body: PositionPatch } }, async (req) => {
      return svc.updatePosition(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof PositionPatch>);
    });
    app.delete('/positions/:id', { schema: { tags, summary: '删除误录的任职（正常离任请填写 endOn）', params: IdParams } }, async (req) => {
      await svc.deletePosition(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
      return { ok: true };
    });
  };
}
