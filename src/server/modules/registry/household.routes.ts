import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { Opt, Text } from './registry.schemas.ts';
import * as svc from './household.service.ts';

const tags = ['registry'];
const Fields = {
  buildingId: Opt(Type.String({ maxLength: 64, description: '同一小区的楼栋' })),
  unit: Opt(Text(10, '单元')),
  room: Type.Optional(Text(20, '必填：室号')),
  status: Type.Optional(Type.String({ maxLength: 20, description: 'resident 常住 | away 人户分离 | vacant 空置' })),
  gridId: Opt(Type.String({ maxLength: 64, description: '同一社区的网格' })),
  area: Opt(Type.Number({ description: '建筑面积（平方米）' })),
};
const NewHousehold = Type.Object({ id: ClientId, ...Fields, buildingName: Opt(Text(30, '按楼栋名称指定（无 buildingId 时）')) });
const HouseholdPatch = Type.Object({ version: Version, ...Fields, headResidentId: Opt(Type.String({ maxLength: 64, description: '户主：本户在册居民' })) });
const HouseholdQuery = Type.Intersect([PageQuery, Type.Object({
  buildingId: Type.Optional(Type.String({ maxLength: 64 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ maxLength: 20, description: '室号片段' })),
})]);

/** Household routes. */
export function householdRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/compounds/:id/households', { schema: { tags, summary: '小区的房屋（户）', params: IdParams, querystring: HouseholdQuery } }, async (req) => {
      const { page, pageSize, ...f } = req.query as Static<typeof HouseholdQuery>;
      return svc.listHouseholds(deps.db, ctxOf(req, deps), (req.params as IdParams).id, f, pageOf({ page, pageSize }));
    });
    app.post('/compounds/:id/households', { schema: { tags, summary: '新建户', params: IdParams, body: NewHousehold } }, async (req, reply) => {
      const r = await svc.createHousehold(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof NewHousehold>);
      return reply.status(r.created ? 201 : 200).send(r.household);
    });
    app.get('/households/:id', { schema: { tags, summary: '户详情', params: IdParams } }, async (req) => {
      return svc.getHousehold(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.patch('/households/:id', { schema: { tags, summary: '修改户（带 version）', params: IdParams, body: HouseholdPatch } }, async (req) => {
      return svc.updateHousehold(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof HouseholdPatch>);
    });
    app.delete('/households/:id', { schema: { tags, summary: '删除户（无居民时）', params: IdParams } }, async (req) => {
      await svc.deleteHousehold(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
      return { ok: true };
    });
  };
}
