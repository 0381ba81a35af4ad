import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { DateStr, Opt, Text } from './registry.schemas.ts';
import * as svc from './resident.service.ts';

const tags = ['registry'];
const Fields = {
  householdId: Opt(Type.String({ maxLength: 64, description: '同一小区的户' })),
  name: Type.Optional(Text(50, '必填：姓名')),
  gender: Opt(Type.String({ maxLength: 10, description: 'male | female | unknown；有身份证号时由其推出且须一致' })),
  birthDate: Opt(DateStr),
  idNumber: Opt(Text(20, '身份证号（加密存储，仅显示掩码）')),
  phone: Opt(Text(30, '手机号（加密存储，仅显示掩码）')),
  politicalStatus: Opt(Type.String({ maxLength: 20, description: 'GB/T 4762：01 中共党员 … 13 群众' })),
  relation: Opt(Type.String({ maxLength: 20, description: 'GB/T 4761 与户主关系：01 本人 02 户主 10 配偶 20 子 30 女 …' })),
  protectedTags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: '受保护标签（L4，加密存储）：elderly_alone disabled hardship[:subsistence|:extreme_poverty|:marginal] special_care left_behind_child veteran' })),
  movedOutOn: Opt(DateStr),
};
const NewResident = Type.Object({ id: ClientId, compoundId: Opt(Type.String({ maxLength: 64, description: '小区 id（给出 householdId 时可省）' })), ...Fields });
const ResidentPatch = Type.Object({ version: Version, ...Fields });
const ResidentQuery = Type.Intersect([PageQuery, Type.Object({
  compoundId: Type.Optional(Type.String({ maxLength: 64 })),
  regionId: Type.Optional(Type.String({ maxLength: 64, description: '该区划（任意层级）下的居民' })),
  householdId: Type.Optional(Type.String({ maxLength: 64 })),
  q: Type.Optional(Type.String({ maxLength: 50, description: '姓名片段' })),
  politicalStatus: Type.Optional(Type.String({ maxLength: 2 })),
  hasProtectedTags: Type.Optional(Type.Boolean()),
  minor: Type.Optional(Type.Boolean({ description: '未满 14 周岁' })),
  idNumber: Type.Optional(Type.String({ maxLength: 20, description: '按身份证号精确查找（盲索引）' })),
  phone: Type.Optional(Type.String({ maxLength: 30, description: '按手机号精确查找（盲索引）' })),
  includeMovedOut: Type.Optional(Type.Boolean({ description: '含已迁出（精确查找时默认含）' })),
})]);
const Reveal = Type.Object({
  fields: Type.Array(Type.Union(svc.REVEALABLE.map((f) => Type.Literal(f))), { minItems: 1, maxItems: 5 }),
  reason: Type.Optional(Type.String({ maxLength: 200, description: '查看事由，至少 4 个字，记入审计' })),
});

/** Resident routes, including the audited reveal of plain values. */
export function residentRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/residents', { schema: { tags, summary: '居民列表（按 resident.read 范围；默认掩码）', querystring: ResidentQuery } }, async (req) => {
      const { page, pageSize, ...f } = req.query as Static<typeof ResidentQuery>;
      return svc.listResidents(deps.db, ctxOf(req, deps), f, pageOf({ page, pageSize }));
    });
    app.get('/residents/:id', { schema: { tags, summary: '居民详情（掩码）', params: IdParams } }, async (req) => {
      return svc.getResident(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/residents', { schema: { tags, summary: '登记居民（同一 id 重试不重复创建）', body: NewResident } }, async (req, reply) => {
      const r = await svc.createResident(deps.db, ctxOf(req, deps), req.body as Static<typeof NewResident>);
      return reply.status(r.created ? 201 : 200).send(r.resident);
    });
    app.patch('/residents/:id', { schema: { tags, summary: '修改居民或迁出（movedOutOn），带 version', params: IdParams, body: ResidentPatch } }, async (req) => {
      return svc.updateResident(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof ResidentPatch>);
    });
    app.delete('/residents/:id', { schema: { tags, summary: '删除居民记录（建议改用迁出）', params: IdParams } }, async (req) => {
      await svc.deleteResident(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
      return { ok: true };
    });
    app.post('/residents/:id/reveal', { schema: { tags, summary: '查看明文（需 resident.reveal 与事由，记入审计）', params: IdParams, body: Reveal } }, async (req) => {
      return svc.revealResident(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof Reveal>);
    });
  };
}
