import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { Opt, SortDir, Text } from './registry.schemas.ts';
import { COMPOUND_SORTS } from './compound.ts';
import { FIVE_ONES_ITEMS } from '../../../shared/org-types.ts';

const FIVE_ONES_ITEM_CODES = FIVE_ONES_ITEMS.map((i) => i.code);
import * as svc from './compound.service.ts';

const tags = ['registry'];
const Fields = {
  name: Text(100),
  address: Opt(Text(200)),
  housingType: Type.String({ maxLength: 30, description: 'commodity 商品房 | reformed 房改房 | public 公房 | affordable 保障房 | cooperative 集资房' }),
  buildYear: Opt(Type.Integer()),
  buildingCount: Opt(Type.Integer()),
  householdCount: Opt(Type.Integer()),
  floorArea: Opt(Type.Number({ description: '建筑面积（平方米）' })),
  enclosed: Opt(Type.Boolean({ description: '是否封闭式小区' })),
  feeCollectionRate: Opt(Type.Number({ description: '物业费收缴率 0–1' })),
  renovationYear: Opt(Type.Integer({ description: '老旧小区改造年份' })),
  propertyMode: Type.String({ maxLength: 30, description: 'market 公开选聘 | community_run 社区领办 | self_managed 自主管理 | soe_backstop 国企兜底' }),
  lat: Opt(Type.Number()),
  lng: Opt(Type.Number()),
  gridId: Opt(Type.String({ maxLength: 64, description: '同一社区的网格' })),
  note: Opt(Text(1000)),
};
// Required fields are Optional in the schema so the domain validator reports every missing or bad field at once.
const NewCompound = Type.Object({
  id: ClientId,
  communityId: Type.Optional(Type.String({ maxLength: 64, description: '必填：社区级区划 id' })),
  ...Fields,
  name: Type.Optional(Fields.name),
  housingType: Type.Optional(Fields.housingType),
  propertyMode: Type.Optional(Fields.propertyMode),
});
const CompoundPatch = Type.Object({
  version: Version,
  ...Fields,
  name: Type.Optional(Fields.name),
  housingType: Type.Optional(Fields.housingType),
  propertyMode: Type.Optional(Fields.propertyMode),
});
const CompoundQuery = Type.Intersect([PageQuery, Type.Object({
  communityId: Type.Optional(Type.String({ maxLength: 64 })),
  regionId: Type.Optional(Type.String({ maxLength: 64, description: '该区划（任意层级）下的小区' })),
  housingType: Type.Optional(Type.String({ maxLength: 30 })),
  propertyMode: Type.Optional(Type.String({ maxLength: 30 })),
  gridId: Type.Optional(Type.String({ maxLength: 64 })),
  q: Type.Optional(Type.String({ maxLength: 50, description: '名称片段' })),
  fiveOnes: Type.Optional(Type.Union([Type.Literal('complete'), Type.Literal('incomplete')], { description: '五个一：齐全 / 不齐全' })),
  missing: Type.Optional(Type.Array(Type.Union(FIVE_ONES_ITEM_CODES.map((c) => Type.Literal(c))), { description: '缺少所列全部项目' })),
  hasOwnersCommittee: Type.Optional(Type.Boolean({ description: '是否已建业委会（院委会、自管委）' })),
  sort: Type.Optional(Type.Union(COMPOUND_SORTS.map((s) => Type.Literal(s)))),
  dir: SortDir,
})]);

/** Compound routes. */
export function compoundRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/compounds', { schema: { tags, summary: '小区列表（服务端分页，按 compound.read 范围）', querystring: CompoundQuery } }, async (req) => {
      const { page, pageSize, ...filter } = req.query as Static<typeof CompoundQuery>;
      return svc.listCompounds(deps.db, ctxOf(req, deps), filter, pageOf({ page, pageSize }));
    });
    app.get('/compounds/:id', { schema: { tags, summary: '小区详情（含楼栋、户、居民数）', params: IdParams } }, async (req) => {
      return svc.getCompound(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/compounds', { schema: { tags, summary: '新建小区（同一 id 重试不重复创建）', body: NewCompound } }, async (req, reply) => {
      const r = await svc.createCompound(deps.db, ctxOf(req, deps), req.body as Static<typeof NewCompound>);
      return reply.status(r.created ? 201 : 200).send(r.compound);
    });
    app.patch('/compounds/:id', { schema: { tags, summary: '修改小区（带 version）', params: IdParams, body: CompoundPatch } }, async (req) => {
      return svc.updateCompound(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof CompoundPatch>);
    });
    app.delete('/compounds/:id', { schema: { tags, summary: '删除小区（无楼栋、房屋、居民时）', params: IdParams } }, async (req) => {
      await svc.deleteCompound(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
      return { ok: true };
    });
  };
}
