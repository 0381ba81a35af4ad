import type { FastifyInstance } from 'fastify';
import { Opt } from '../../lib/http.ts';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { ctxOf } from '../../plugins/auth.ts';
import type { CalendarKind } from './calendar.ts';
import * as svc from './calendar.service.ts';

const tags = ['methods'];
const Query = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  scopePath: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: "默认 '/'（全国）" })),
});
const Body = Type.Object({
  scopePath: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  days: Type.Array(Type.Object({
    date: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
    kind: Type.String({ description: 'holiday 放假 | workday 调休上班' }),
    name: Opt(Type.String({ maxLength: 40 })),
  }), { maxItems: 366 }),
});

/** Working-day calendar routes: read a year, replace a year (calendar.manage). */
export function calendarRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/calendar', { schema: { tags, summary: '工作日历：某年的节假日与调休上班日', querystring: Query } }, async (req) => {
      const q = req.query as Static<typeof Query>;
      return svc.getCalendar(deps.db, ctxOf(req, deps), q.year, q.scopePath);
    });
    app.put('/calendar', { schema: { tags, summary: '整体替换某年某地的节假日与调休上班日', querystring: Query, body: Body } }, async (req) => {
      const q = req.query as Static<typeof Query>;
      const b = req.body as Static<typeof Body>;
      return svc.putCalendar(deps.db, ctxOf(req, deps), q.year, { scopePath: b.scopePath ?? q.scopePath, days: b.days as { date: string; kind: CalendarKind; name?: string | null }[] });
    });
  };
}
