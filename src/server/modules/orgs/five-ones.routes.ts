import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { IdParams, PageQuery, pageOf } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { FiveOnesItemSchema, Ref, Text } from './orgs.schemas.ts';
import * as svc from './five-ones.service.ts';

const tags = ['orgs'];
const ListQuery = Type.Intersect([PageQuery, Type.Object({
  regionId: Type.Optional(Ref('该区域及其下级')),
  q: Type.Optional(Text(100, '小区名称包含')),
  missing: Type.Optional(Type.Array(FiveOnesItemSchema, { description: '缺少所列全部项的小区（可重复）' })),
  complete: Type.Optional(Type.Boolean({ description: 'true 五项齐全，false 至少缺一项' })),
})]);
const SummaryQuery = Type.Object({ regionId: Type.Optional(Ref()) });

/** Five-ones checklist (五个一) routes. */
export function fiveOnesRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/compounds/:id/five-ones', { schema: { tags, summary: '小区“五个一”', params: IdParams } }, async (req) => {
      return svc.compoundFiveOnes(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.get('/five-ones', { schema: { tags, summary: '区域“五个一”清单（可按缺项筛选）', querystring: ListQuery } }, async (req) => {
      const q = req.query as Static<typeof ListQuery>;
      const p = pageOf(q);
      const r = await svc.listFiveOnes(deps.db, ctxOf(req, deps), q, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
    app.get('/five-ones/summary', { schema: { tags, summary: '区域“五个一”汇总', querystring: SummaryQuery } }, async (req) => {
      return svc.fiveOnesSummary(deps.db, ctxOf(req, deps), req.query as Static<typeof SummaryQuery>);
    });
  };
}
