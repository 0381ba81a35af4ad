import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { DomainError } from '../../../shared/errors.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { PageQuery, pageOf } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { Ref, Text, WarningCodeSchema } from './orgs.schemas.ts';
import * as svc from './term-rules.service.ts';

const tags = ['orgs'];
const RulesQuery = Type.Object({ scopePath: Type.Optional(Text(512, '范围路径，如 /511300/511302/；缺省 /')) });
const RulesBody = Type.Object({
  scopePath: Type.Optional(Text(512)),
  config: Type.Record(Type.String(), Type.Unknown(), { description: '只写要覆盖的项，如 { "ownersCommitteeSizeMax": 9 }' }),
  version: Type.Optional(Type.Integer({ minimum: 1, description: '已有覆盖时必填' })),
});
const WarningQuery = Type.Intersect([PageQuery, Type.Object({
  regionId: Type.Optional(Ref()),
  compoundId: Type.Optional(Ref()),
  orgId: Type.Optional(Ref()),
  code: Type.Optional(WarningCodeSchema),
  severity: Type.Optional(Type.Union([Type.Literal('warning'), Type.Literal('error')])),
})]);

/** Term rules per jurisdiction and the warnings computed from them. */
export function termRuleRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/term-rules', { schema: { tags, summary: '换届与规模规则（默认值、继承值、本级覆盖、生效值）', querystring: RulesQuery } }, async (req) => {
      return svc.getRules(deps.db, ctxOf(req, deps), (req.query as Static<typeof RulesQuery>).scopePath ?? '/');
    });
    app.put('/term-rules', { schema: { tags, summary: '设置本级规则覆盖（需该范围 region.write）', querystring: RulesQuery, body: RulesBody } }, async (req) => {
      const b = req.body as Static<typeof RulesBody>;
      const scopePath = (req.query as Static<typeof RulesQuery>).scopePath ?? b.scopePath;
      if (!scopePath) throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'scopePath', code: 'REQUIRED', zh: '必填', en: 'Required' }]);
      return svc.putRules(deps.db, ctxOf(req, deps), { scopePath, config: b.config, version: b.version });
    });
    app.get('/org-warnings', { schema: { tags, summary: '组织规则提醒（按权限范围）', querystring: WarningQuery } }, async (req) => {
      const q = req.query as Static<typeof WarningQuery>;
      const p = pageOf(q);
      const r = await svc.listWarnings(deps.db, ctxOf(req, deps), q, p.limit, p.offset);
      return { ...r, page: p.page, pageSize: p.pageSize };
    });
  };
}
