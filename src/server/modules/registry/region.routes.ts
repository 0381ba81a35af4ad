import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { DateStr, Opt, Text } from './registry.schemas.ts';
import * as svc from './region.service.ts';

const tags = ['registry'];
const NewRegion = Type.Object({
  id: ClientId,
  parentId: Opt(Type.String({ maxLength: 64, description: '上级区划 id；为空则为根（需在 / 有 region.write）' })),
  code: Text(12, 'GB/T 2260 6 位或统计用 9/12 位区划代码'),
  name: Text(50),
  level: Type.Optional(Type.String({ description: 'province | city | county | street | community；缺省按代码推断' })),
  validFrom: Opt(DateStr),
  validTo: Opt(DateStr),
});
const RegionPatch = Type.Object({ version: Version, name: Type.Optional(Text(50)), validTo: Opt(DateStr) });
const RegionQuery = Type.Object({
  parentId: Type.Optional(Type.String({ maxLength: 64, description: '只列出该区划的下级' })),
  level: Type.Optional(Type.String({ description: '只列出该层级' })),
});

/** Region tree routes. */
export function regionRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/regions', { schema: { tags, summary: '区划树（按权限范围；上级仅作路径，标 ancestorOnly）', querystring: RegionQuery } }, async (req) => {
      return svc.listRegions(deps.db, ctxOf(req, deps), req.query as Static<typeof RegionQuery>);
    });
    app.get('/regions/:id', { schema: { tags, summary: '区划详情', params: IdParams } }, async (req) => {
      return svc.getRegion(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/regions', { schema: { tags, summary: '新建区划（代码按上级校验）', body: NewRegion } }, async (req, reply) => {
      const r = await svc.createRegion(deps.db, ctxOf(req, deps), req.body as Static<typeof NewRegion>);
      return reply.status(r.created ? 201 : 200).send(r.region);
    });
    app.patch('/regions/:id', { schema: { tags, summary: '修改区划名称或失效日期', params: IdParams, body: RegionPatch } }, async (req) => {
      return svc.updateRegion(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof RegionPatch>);
    });
  };
}
