import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { DateStr, Opt, Ref, Text } from './orgs.schemas.ts';
import * as svc from './pairing.service.ts';

const tags = ['orgs'];
const PairingBody = {
  kind: Text(40, 'co_building 结对共建 | responsible_leader 包联责任领导 | contact_unit 联系单位 | department_guidance 职能部门包联指导'),
  partnerKind: Type.Optional(Text(20, 'unit | leader | department（缺省按 kind）')),
  partnerOrgId: Opt(Ref('结对单位或部门（组织）')),
  partnerPersonId: Opt(Ref('包联领导（人员）')),
  partnerName: Opt(Text(100, '对象名称（选了组织或人员时可缺省）')),
  startOn: Opt(DateStr),
  endOn: Opt(DateStr),
  note: Opt(Text(2000)),
};
const NewPairing = Type.Object({
  id: ClientId,
  ...PairingBody,
  targetCompoundId: Opt(Ref('结对小区（与 targetRegionId 二选一）')),
  targetRegionId: Opt(Ref('结对社区')),
});
const PairingPatch = Type.Object({ version: Version, ...PairingBody, kind: Type.Optional(PairingBody.kind) });
const PairingQuery = Type.Intersect([PageQuery, Type.Object({
  compoundId: Type.Optional(Ref()),
  regionId: Type.Optional(Ref('该区域及其下级')),
  kind: Type.Optional(Text(40)),
  active: Type.Optional(Type.Boolean({ description: 'true 仅在期，false 仅已到期或未开始' })),
})]);
const SummaryQuery = Type.Object({ regionId: Type.Optional(Ref()) });

/** Pairing routes (结对共建 / 包联 / 联系单位). */
export function pairingRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/pairings', { schema: { tags, summary: '结对包联列表', querystring: PairingQuery } }, async (req) => {
      const q = req.query as Static<typeof PairingQuery>;
      const p = pageOf(q);
      const r = await svc.listPairings(deps.db, ctxOf(req, deps), q, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/pairings/summary', { schema: { tags, summary: '在期结对包联数与对象数（按类别）', querystring: SummaryQuery } }, async (req) => {
      return svc.pairingSummary(deps.db, ctxOf(req, deps), req.query as Static<typeof SummaryQuery>);
    });
    app.get('/pairings/:id', { schema: { tags, summary: '结对包联详情', params: IdParams } }, async (req) => {
      return svc.getPairing(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/pairings', { schema: { tags, summary: '新建结对包联', body: NewPairing } }, async (req, reply) => {
      const r = await svc.createPairing(deps.db, ctxOf(req, deps), req.body as Static<typeof NewPairing>);
      return reply.status(r.created ? 201 : 200).send(r.pairing);
    });
    app.patch('/pairings/:id', { schema: { tags, summary: '修改或结束结对包联（需 version）', params: IdParams, body: PairingPatch } }, async (req) => {
      return svc.updatePairing(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof PairingPatch>);
    });
    app.delete('/pairings/:id', { schema: { tags, summary: '删除结对包联', params: IdParams } }, async (req) => {
      await svc.deletePairing(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
      return { ok: true };
    });
  };
}
