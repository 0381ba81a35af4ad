import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../../lib/deps.ts';
import { IdParams, PageQuery, pageOf, Version, ClientId } from '../../lib/http.ts';
import { ctxOf, SESSION_COOKIE } from '../../plugins/auth.ts';
import * as svc from './accounts.service.ts';

const Login = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 128 }) });
const PasswordChange = Type.Object({ currentPassword: Type.String({ minLength: 1 }), newPassword: Type.String({ minLength: 1, maxLength: 128 }) });
const NewUser = Type.Object({ id: ClientId, username: Type.String({ minLength: 3, maxLength: 64 }), displayName: Type.String({ minLength: 1, maxLength: 64 }) });
const UserPatch = Type.Object({ version: Version, displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), disabled: Type.Optional(Type.Boolean()), unlock: Type.Optional(Type.Boolean()) });
const NewGrant = Type.Object({ roleKey: Type.String({ minLength: 1 }), scopePath: Type.String({ minLength: 1, maxLength: 512 }) });
const NewToken = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) });
const tags = ['accounts'];

/** Sign-in, sessions, users, grants, roles and API tokens. */
export function accountsRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    const cookieOpts = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.config.secureCookies, signed: true };

    app.post('/auth/login', { config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { tags, summary: '登录', body: Login } }, async (req, reply) => {
      const b = req.body as Static<typeof Login>;
      const r = await svc.login(deps.db, deps, { username: b.username, password: b.password, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, r.sessionToken, cookieOpts);
      return { userId: r.userId, csrfToken: r.csrfToken, mustChangePassword: r.mustChangePassword };
    });

    app.post('/auth/logout', { config: { allowPendingPasswordChange: true }, schema: { tags, summary: '退出登录' } }, async (req, reply) => {
      await svc.logout(deps.db, ctxOf(req, deps));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

    app.get('/auth/me', { config: { allowPendingPasswordChange: true }, schema: { tags, summary: '当前用户、授权与 CSRF 令牌' } }, async (req) => {
      const user = await svc.me(deps.db, ctxOf(req, deps));
      const permissions = [...new Set(req.actor!.grants.flatMap((g) => g.permissions))].sort();
      return { user, permissions, csrfToken: req.csrfToken, idleMinutes: deps.config.sessionIdleMinutes };
    });

    app.post('/auth/password', { config: { allowPendingPasswordChange: true }, schema: { tags, summary: '修改本人密码', body: PasswordChange } }, async (req) => {
      await svc.changePassword(deps.db, ctxOf(req, deps), req.body as Static<typeof PasswordChange>);
      return { ok: true };
    });

    app.get('/users', { schema: { tags, summary: '用户列表', querystring: Type.Intersect([PageQuery, Type.Object({ q: Type.Optional(Type.String()) })]) } }, async (req) => {
      const q = req.query as { q?: string; page?: number; pageSize?: number };
      const p = pageOf(q);
      return svc.listUsers(deps.db, ctxOf(req, deps), q.q ?? null, p.limit, p.offset);
    });

    app.post('/users', { schema: { tags, summary: '新建用户（系统管理员），返回一次性初始密码', body: NewUser } }, async (req, reply) => {
      const r = await svc.createUser(deps.db, ctxOf(req, deps), req.body as Static<typeof NewUser>);
      return reply.status(r.created ? 201 : 200).send(r);
    });

    app.patch('/users/:id', { schema: { tags, summary: '修改、停用或解锁用户', params: IdParams, body: UserPatch } }, async (req) => {
      return svc.updateUser(deps.db, ctxOf(req, deps), (req.params as IdParams).id, req.body as Static<typeof UserPatch>);
    });

    app.post('/users/:id/reset-password', { schema: { tags, summary: '重置密码（一次性显示）', params: IdParams } }, async (req) => {
      return svc.resetPassword(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
    });

    app.post('/users/:id/grants', { schema: { tags, summary: '授予角色及范围（安全管理员）', params: IdParams, body: NewGrant } }, async (req) => {
      return svc.grantRole(deps.db, ctxOf(req, deps), { userId: (req.params as IdParams).id, ...(req.body as Static<typeof NewGrant>) });
    });

    app.delete('/grants/:id', { schema: { tags, summary: '撤销授权', params: IdParams } }, async (req) => {
      await svc.revokeGrant(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
      return { ok: true };
    });

    app.get('/roles', { schema: { tags, summary: '角色与权限' } }, async (req) => ({ items: await svc.listRoles(deps.db, ctxOf(req, deps)) }));

    app.get('/tokens', { schema: { tags, summary: '本人的 API 令牌' } }, async (req) => ({ items: await svc.listApiTokens(deps.db, ctxOf(req, deps)) }));
    app.post('/tokens', { schema: { tags, summary: '创建 API 令牌（仅显示一次）', body: NewToken } }, async (req, reply) => {
      return reply.status(201).send(await svc.createApiToken(deps.db, ctxOf(req, deps), req.body as Static<typeof NewToken>));
    });
    app.delete('/tokens/:id', { schema: { tags, summary: '吊销 API 令牌', params: IdParams } }, async (req) => {
      await svc.revokeApiToken(deps.db, ctxOf(req, deps), (req.params as IdParams).id);
      return { ok: true };
    });
  };
}
