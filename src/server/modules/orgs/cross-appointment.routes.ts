import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { IdParams } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { Ref } from './orgs.schemas.ts';
import * as svc from './cross-appointment.service.ts';

const tags = ['orgs'];
const SummaryQuery = Type.Object({ regionId: Type.Optional(Ref('缺省为本人全部权限范围')) });

/** Cross-appointment (交叉任职) routes. */
export function crossAppointmentRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/compounds/:id/cross-appointments', { schema: { tags, summary: '小区交叉任职人员与三项统计', params: IdParams } }, async (req) => {
      return svc.compoundCrossAppointments(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });
    app.get('/cross-appointments/summary', { schema: { tags, summary: '交叉任职三项统计（区域汇总）', querystring: SummaryQuery } }, async (req) => {
      return svc.crossAppointmentSummary(deps.db, ctxOf(req, deps), req.query as Static<typeof SummaryQuery>);
    });
  };
}
