import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { Opt, Text } from './registry.schemas.ts';
import * as svc from './building.service.ts';

const tags = ['registry'];
const Fields = {
  name: Type.Optional(Text(30, '必填，如“3幢”“3号楼”')),
  floors: Opt(Type.Integer()),
  units: Opt(Type.Integer({ description: '单元数' })),
  builtYear: Opt(Type.Integer()),
};
const NewBuilding = Type.Object({ id: ClientId, ...Fields });
const BuildingPatch = Type.Object({ version: Version, ...Fields });

/** Building routes. */
export function buildingRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/compounds/:id/buildings', { schema: { tags, summary: '小区的楼栋', params: IdParams } }, async (req) => {
      return svc.listBuildings(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/compounds/:id/buildings', { schema: { tags, summary: '新建楼栋', params: IdParams, body: NewBuilding } }, async (req, reply) => {
      const r = await svc.createBuilding(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof NewBuilding>);
      return reply.status(r.created ? 201 : 200).send(r.building);
    });
    app.get('/buildings/:id', { schema: { tags, summary: '楼栋详情', params: IdParams } }, async (req) => {
      return svc.getBuilding(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.patch('/buildings/:id', { schema: { tags, summary: '修改楼栋', params: IdParams, body: BuildingPatch } }, async (req) => {
      return svc.updateBuilding(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof BuildingPatch>);
    });
    app.delete('/buildings/:id', { schema: { tags, summary: '删除楼栋（无房屋时）', params: IdParams } }, async (req) => {
      await svc.deleteBuilding(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
      return { ok: true };
    });
  };
}
