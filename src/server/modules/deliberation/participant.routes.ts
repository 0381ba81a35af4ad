import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { IdParams, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { Opt, Ref, Text } from './route-schemas.ts';
import * as svc from './participant.service.ts';

const tags = ['deliberation'];
const Choice = Type.Object({
  participants: Type.Array(Type.Object({ memberId: Ref('成员库成员'), reason: Opt(Text(200, '说事长调整的理由')) }), { maxItems: 60 }),
  version: Version,
});

/** Participant routes: a matter's chosen participants, a computed 1+5+N proposal, and the talk leader's final list. */
export function participantRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/matters/:id/participants', { schema: { tags, summary: '议题的说事成员', params: IdParams } }, async (req) => {
      return svc.listParticipants(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/matters/:id/participants/proposal', { schema: { tags, summary: '按“1+5+N”和擅长领域推荐说事成员（不保存），附理由与回避名单', params: IdParams } }, async (req) => {
      return svc.proposeForMatter(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.put('/matters/:id/participants', { schema: { tags, summary: '确定说事成员（说事长调整；需议题 version；有利害关系者拒绝）', params: IdParams, body: Choice } }, async (req) => {
      return svc.setParticipants(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof Choice>);
    });
  };
}
