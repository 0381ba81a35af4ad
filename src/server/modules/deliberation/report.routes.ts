import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ctxOf } from '../../plugins/auth.ts';
import * as svc from './report.service.ts';
import { DateStr, Ref, Text } from './route-schemas.ts';

const tags = ['deliberation'];
const WeeklyQuery = Type.Object({
  regionId: Type.Optional(Ref('该区域及其下级')),
  compoundId: Type.Optional(Ref()),
  week: Type.Optional(Text(8, 'ISO 周，如 2026-W48；缺省为本周')),
});
const MonthlyQuery = Type.Object({
  regionId: Type.Optional(Ref('该区域及其下级')),
  month: Type.Optional(Text(7, '月份，如 2026-11；缺省为本月')),
});
const CountsQuery = Type.Object({
  regionId: Type.Optional(Ref('该区域；缺省为本人管辖范围')),
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
});

/** Deliberation reports: weekly opinions per compound, monthly compounds without consultation, counts per region. */
export function reportRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/deliberation/reports/weekly', { schema: { tags, summary: '民情民意周报（按小区：收集、答复、转议题、待办、7 日内答复）', querystring: WeeklyQuery } }, async (req) => {
      return svc.weeklyReport(deps.db, ctxOf(req, deps), req.query as Static<typeof WeeklyQuery>);
    });
    app.get('/deliberation/reports/monthly', { schema: { tags, summary: '议事协商月报：当月未开展协商的小区', querystring: MonthlyQuery } }, async (req) => {
      return svc.monthlyReport(deps.db, ctxOf(req, deps), req.query as Static<typeof MonthlyQuery>);
    });
    app.get('/deliberation/counts', { schema: { tags, summary: '议事协商统计（按区域及下级）', querystring: CountsQuery } }, async (req) => {
      return svc.deliberationCounts(deps.db, ctxOf(req, deps), req.query as Static<typeof CountsQuery>);
    });
  };
}
