import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { DateStr, Opt, Text, TwoIds } from './registry.schemas.ts';
import * as svc from './grid.service.ts';

const tags = ['registry'];
const Lines = Type.Array(Type.String({ maxLength: 30 }), { maxItems: 20, description: 'safety | environment | public_order | fire | sanitation | petition | services | other' });
const GridFields = {
  code: Text(14, '14 位：社区 12 位代码 + 2 位序号'),
  name: Text(50),
  businessLines: Lines,
  note: Opt(Text(500)),
};
const NewGrid = Type.Object({ id: ClientId, communityId: Type.String({ maxLength: 64 }), ...GridFields });
const GridPatch = Type.Object({ version: Version, code: Type.Optional(GridFields.code), name: Type.Optional(GridFields.name), businessLines: Type.Optional(Lines), note: GridFields.note });
const GridQuery = Type.Intersect([PageQuery, Type.Object({
  communityId: Type.Optional(Type.String({ maxLength: 64 })),
  regionId: Type.Optional(Type.String({ maxLength: 64, description: '该区划下的全部网格' })),
  q: Type.Optional(Type.String({ maxLength: 50, description: '名称或编码片段' })),
})]);
const WorkerFields = {
  name: Text(50),
  phone: Opt(Text(30, '手机号，加密存储，仅显示掩码')),
  userId: Opt(Type.String({ maxLength: 64, description: '对应的系统账号（可选）' })),
  duty: Type.Optional(Type.String({ description: 'worker（网格员） | leader（网格长）' })),
  startOn: Opt(DateStr),
  endOn: Opt(DateStr),
};
const NewWorker = Type.Object({ id: ClientId, ...WorkerFields });
const WorkerPatch = Type.Object({ version: Version, ...WorkerFields, name: Type.Optional(WorkerFields.name) });

/** Grid and grid-worker routes. */
export function gridRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/grids', { schema: { tags, summary: '网格列表（按 grid.read 范围）', querystring: GridQuery } }, async (req) => {
      const q = req.query as Static<typeof GridQuery>;
      const p = pageOf(q);
      return svc.listGrids(deps.db, ctxOf(req, deps), { communityId: q.communityId, regionId: q.regionId, q: q.q }, p);
    });
    app.get('/grids/:id', { schema: { tags, summary: '网格详情（含网格员）', params: IdParams } }, async (req) => {
      return svc.getGrid(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/grids', { schema: { tags, summary: '新建网格', body: NewGrid } }, async (req, reply) => {
      const r = await svc.createGrid(deps.db, ctxOf(req, deps), req.body as Static<typeof NewGrid>);
      return reply.status(r.created ? 201 : 200).send(r.grid);
    });
    app.patch('/grids/:id', { schema: { tags, summary: '修改网格', params: IdParams, body: GridPatch } }, async (req) => {
      return svc.updateGrid(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof GridPatch>);
    });
    app.delete('/grids/:id', { schema: { tags, summary: '删除网格（无小区、房屋引用时）', params: IdParams } }, async (req) => {
      await svc.deleteGrid(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
      return { ok: true };
    });
    app.get('/grids/:id/workers', { schema: { tags, summary: '网格员列表', params: IdParams } }, async (req) => {
      return svc.listGridWorkers(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/grids/:id/workers', { schema: { tags, summary: '添加网格员', params: IdParams, body: NewWorker } }, async (req, reply) => {
      const r = await svc.addGridWorker(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof NewWorker>);
      return reply.status(r.created ? 201 : 200).send(r.worker);
    });
    app.patch('/grids/:id/workers/:childId', { schema: { tags, summary: '修改网格员', params: TwoIds, body: WorkerPatch } }, async (req) => {
      const p = req.params as TwoIds;
      return svc.updateGridWorker(deps.db, ctxOf(req, deps), p.id, p.childId, req.body as Static<typeof WorkerPatch>);
    });
    app.delete('/grids/:id/workers/:childId', { schema: { tags, summary: '移除网格员', params: TwoIds } }, async (req) => {
      const p = req.params as TwoIds;
      await svc.deleteGridWorker(deps.db, ctxOf(req, deps), p.id, p.childId);
      return { ok: true };
    });
  };
}
