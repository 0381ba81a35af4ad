import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { DateStr, Opt, Ref, Text } from './orgs.schemas.ts';
import * as svc from './org.service.ts';

const tags = ['orgs'];
const OrgBody = {
  type: Text(40, '组织类型，见 src/shared/org-types.ts'),
  name: Text(100),
  parentOrgId: Opt(Ref('上级党组织')),
  uscc: Opt(Text(30, '统一社会信用代码（GB 32100）')),
  termStart: Opt(DateStr),
  termEnd: Opt(DateStr),
  foundedOn: Opt(DateStr),
  dissolvedOn: Opt(DateStr),
  filedOn: Opt(DateStr),
  note: Opt(Text(2000)),
};
const NewOrg = Type.Object({
  id: ClientId,
  ...OrgBody,
  regionId: Opt(Ref('所属区域（与 compoundId 二选一）')),
  compoundId: Opt(Ref('所属小区（与 regionId 二选一）')),
});
const OrgPatch = Type.Object({
  version: Version,
  type: Type.Optional(OrgBody.type),
  name: Type.Optional(OrgBody.name),
  parentOrgId: OrgBody.parentOrgId, uscc: OrgBody.uscc, termStart: OrgBody.termStart, termEnd: OrgBody.termEnd,
  foundedOn: OrgBody.foundedOn, dissolvedOn: OrgBody.dissolvedOn, filedOn: OrgBody.filedOn, note: OrgBody.note,
});
const OrgQuery = Type.Intersect([PageQuery, Type.Object({
  compoundId: Type.Optional(Ref()),
  regionId: Type.Optional(Ref('该区域及其下级')),
  type: Type.Optional(Text(40)),
  category: Type.Optional(Text(40, 'party | self_governance | property | unit | team')),
  q: Type.Optional(Text(100, '名称包含')),
})]);

/** Organisation routes: list, detail with positions and warnings, create, update, delete. */
export function orgRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/orgs', { schema: { tags, summary: '组织列表（按权限范围）', querystring: OrgQuery } }, async (req) => {
      const q = req.query as Static<typeof OrgQuery>;
      const p = pageOf(q);
      const r = await svc.listOrgs(deps.db, ctxOf(req, deps), q, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/orgs/:id', { schema: { tags, summary: '组织详情（含任职与提醒）', params: IdParams } }, async (req) => {
      return svc.getOrg(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/orgs', { schema: { tags, summary: '新建组织（锚定区域或小区之一）', body: NewOrg } }, async (req, reply) => {
      const r = await svc.createOrg(deps.db, ctxOf(req, deps), req.body as Static<typeof NewOrg>);
      return reply.status(r.created ? 201 : 200).send({ ...r.org, notices: r.notices });
    });
    app.patch('/orgs/:id', { schema: { tags, summary: '修改组织（需 version）', params: IdParams, body: OrgPatch } }, async (req) => {
      const r = await svc.updateOrg(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof OrgPatch>);
      return { ...r.org, notices: r.notices };
    });
    app.delete('/orgs/:id', { schema: { tags, summary: '删除组织（无任职、下级与结对时）', params: IdParams } }, async (req) => {
      await svc.deleteOrg(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
      return { ok: true };
    });
  };
}
