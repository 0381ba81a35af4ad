import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { MATTER_CATEGORIES, OPINION_CHANNELS, OPINION_STATUSES } from '../../../shared/deliberation.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { ClientId, IdParams, PageQuery, pageOf, Version } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import * as svc from './opinion.service.ts';
import { DateStr, Opt, Ref, Text } from './route-schemas.ts';

const tags = ['deliberation'];
const NewOpinion = Type.Object({
  id: ClientId,
  compoundId: Ref('小区'),
  content: Type.String({ minLength: 1, maxLength: 2000 }),
  category: Text(40, `类别：${MATTER_CATEGORIES.join(' | ')}`),
  channel: Text(40, `渠道：${OPINION_CHANNELS.join(' | ')}（走访、电话、微信群、线上、敲门）`),
  residentName: Opt(Text(50, '居民姓名（加密保存，显示时脱敏）')),
  phone: Opt(Text(20, '联系电话（加密保存，显示时脱敏）')),
  residentId: Opt(Ref('关联的登记居民')),
  receivedAt: Opt(Text(40, '收到时间（ISO 8601），缺省为现在')),
});
const ListQuery = Type.Intersect([PageQuery, Type.Object({
  regionId: Type.Optional(Ref('该区域及其下级')),
  compoundId: Type.Optional(Ref()),
  status: Type.Optional(Text(20, OPINION_STATUSES.join(' | '))),
  channel: Type.Optional(Text(40)),
  category: Type.Optional(Text(40)),
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
  q: Type.Optional(Text(100, '内容包含')),
})]);
const Answer = Type.Object({ answer: Type.String({ minLength: 1, maxLength: 2000 }), version: Version });
const Reveal = Type.Object({ reason: Type.String({ maxLength: 200, description: '查看事由（至少 4 个字，记入审计）' }) });

/** Opinion routes for staff: proxy entry, list (masked), answer, audited reveal. */
export function opinionRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/opinions', { schema: { tags, summary: '居民意见列表（姓名、电话脱敏）', querystring: ListQuery } }, async (req) => {
      const q = req.query as Static<typeof ListQuery>;
      const p = pageOf(q);
      const { page: _p, pageSize: _s, ...f } = q;
      const r = await svc.listOpinions(deps.db, ctxOf(req, deps), f, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/opinions/:id', { schema: { tags, summary: '居民意见详情（脱敏）', params: IdParams } }, async (req) => {
      return svc.getOpinion(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.post('/opinions', { schema: { tags, summary: '代居民录入意见（走访、电话、微信群等）', body: NewOpinion } }, async (req, reply) => {
      const r = await svc.createOpinion(deps.db, ctxOf(req, deps), req.body as Static<typeof NewOpinion>);
      return reply.status(r.created ? 201 : 200).send(r.opinion);
    });
    app.post('/opinions/:id/answer', { schema: { tags, summary: '答复意见（需 version）', params: IdParams, body: Answer } }, async (req) => {
      return svc.answerOpinion(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof Answer>);
    });
    app.post('/opinions/:id/reveal', { schema: { tags, summary: '查看提交人姓名和电话明文（需事由，记入审计）', params: IdParams, body: Reveal } }, async (req) => {
      return svc.revealOpinion(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof Reveal>);
    });
  };
}
