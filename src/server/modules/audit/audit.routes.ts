import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainError } from '../../../shared/errors.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { PageQuery, pageOf } from '../../lib/http.ts';
import { ctxOf } from '../../plugins/auth.ts';
import { requireScopes } from '../accounts/actor.ts';
import { searchAudit, verifyChain } from './audit.service.ts';

const AuditQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    actorName: Type.Optional(Type.String()),
    action: Type.Optional(Type.String()),
    actionPrefix: Type.Optional(Type.String()),
    objectType: Type.Optional(Type.String()),
    objectId: Type.Optional(Type.String()),
    result: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure')])),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
  }),
]);
const tags = ['audit'];

/** The auditor's read-only view of the log and the chain check; nothing here writes. */
export function auditRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/audit', { schema: { tags, summary: '审计日志（审计管理员）', querystring: AuditQuery } }, async (req) => {
      const q = req.query as Record<string, string | number | undefined>;
      const p = pageOf(q as { page?: number; pageSize?: number });
      const { page: _p, pageSize: _s, ...filter } = q;
      return searchAudit(deps.db, ctxOf(req, deps), filter as never, p.limit, p.offset);
    });
    app.get('/audit/verify', { schema: { tags, summary: '校验审计日志哈希链' } }, async (req) => {
      requireScopes(ctxOf(req, deps).actor, 'audit.read');
      return verifyChain(deps.db, deps.keys);
    });
    app.all('/audit/:id', { schema: { hide: true } }, async (req) => {
      if (req.method !== 'GET') throw new DomainError('FORBIDDEN', { permission: 'audit.write (none)' });
      requireScopes(ctxOf(req, deps).actor, 'audit.read');
      throw new DomainError('NOT_FOUND');
    });
  };
}
