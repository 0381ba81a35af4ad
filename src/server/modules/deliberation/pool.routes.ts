import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { MEMBER_KINDS } from '../../../shared/deliberation.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { Opt, Ref, Text } from './route-schemas.ts';
import * as svc from './pool.service.ts';

const tags = ['deliberation'];
const Kind = Type.String({ maxLength: 40, description: `成员类别：${MEMBER_KINDS.join(' | ')}` });
const MemberBody = {
  title: Opt(Text(100, '职务')),
  userId: Opt(Ref('关联的系统账号')),
  orgId: Opt(Ref('所在单位/组织')),
  phone: Opt(Text(20, '手机号（加密保存，显示为掩码）')),
  expertise: Type.Optional(Type.Array(Text(40), { maxItems: 40, description: '擅长领域：议题类别代码或自定义标签' })),
  note: Opt(Text(500)),
};
const NewMember = Type.Object({ id: ClientId, compoundId: Ref('所属小区'), kind: Kind, name: Text(50), ...MemberBody });
const MemberPatch = Type.Object({
  version: Version, kind: Type.Optional(Kind), name: Type.Optional(Text(50)), ...MemberBody,
  active: Type.Optional(Type.Boolean({ description: 'false 为停用（不删除，保留历史）' })),
});
const PoolQuery = Type.Object({ kind: Type.Optional(Kind), active: Type.Optional(Type.Boolean()) });

/** Member-pool routes: a compound's 1+5+N pool, add a member, change or deactivate one. */
export function poolRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/compounds/:id/pool', { schema: { tags, summary: '小区“1+5+N”说事成员库', params: IdParams, querystring: PoolQuery } }, async (req) => {
      return svc.listPool(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.query as Static<typeof PoolQuery>);
    });
    app.post('/pool-members', { schema: { tags, summary: '添加成员库成员', body: NewMember } }, async (req, reply) => {
      const r = await svc.createMember(deps.db, ctxOf(req, deps), req.body as Static<typeof NewMember>);
      return reply.status(r.created ? 201 : 200).send(r.member);
    });
    app.patch('/pool-members/:id', { schema: { tags, summary: '修改或停用成员（需 version）', params: IdParams, body: MemberPatch } }, async (req) => {
      return svc.updateMember(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof MemberPatch>);
    });
  };
}
