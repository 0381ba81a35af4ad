import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { Opt, Ref, Text } from './orgs.schemas.ts';
import * as svc from './person.service.ts';

const tags = ['orgs'];
const PersonBody = {
  name: Type.Optional(Text(50, '姓名（关联居民时可缺省）')),
  gender: Opt(Text(1, 'GB/T 2261.1：0 未知 1 男 2 女 9 未说明')),
  politicalStatus: Opt(Text(2, 'GB/T 4762：01 中共党员 02 预备党员 … 13 群众')),
  isOwner: Type.Optional(Type.Boolean({ description: '业主' })),
  idNumber: Opt(Text(20, '身份证号（加密保存，仅显示掩码）')),
  phone: Opt(Text(20, '手机号（加密保存，仅显示掩码）')),
  residentId: Opt(Ref('关联居民')),
};
const NewPerson = Type.Object({
  id: ClientId,
  ...PersonBody,
  compoundId: Opt(Ref('所属小区（未关联居民时与 regionId 二选一）')),
  regionId: Opt(Ref('所属区域')),
});
const PersonPatch = Type.Object({ version: Version, ...PersonBody });
const PeopleQuery = Type.Intersect([PageQuery, Type.Object({
  q: Type.Optional(Text(50, '姓名包含')),
  regionId: Type.Optional(Ref()),
  compoundId: Type.Optional(Ref()),
  politicalStatus: Type.Optional(Text(2)),
  isOwner: Type.Optional(Type.Boolean()),
})]);

/** People routes: search, detail with posts, register, update. */
export function personRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/people', { schema: { tags, summary: '人员查询（按权限范围）', querystring: PeopleQuery } }, async (req) => {
      const q = req.query as Static<typeof PeopleQuery>;
      const p = pageOf(q);
      const r = await svc.listPeople(deps.db, ctxOf(req, deps), q, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/people/:id', { schema: { tags, summary: '人员详情（含任职）', params: IdParams } }, async (req) => {
      return svc.getPerson(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/people', { schema: { tags, summary: '登记人员', body: NewPerson } }, async (req, reply) => {
      const r = await svc.createPerson(deps.db, ctxOf(req, deps), req.body as Static<typeof NewPerson>);
      return reply.status(r.created ? 201 : 200).send(r.person);
    });
    app.patch('/people/:id', { schema: { tags, summary: '修改人员（需 version）', params: IdParams, body: PersonPatch } }, async (req) => {
      return svc.updatePerson(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof PersonPatch>);
    });
  };
}
