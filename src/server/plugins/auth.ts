import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import type { Keyring } from '../lib/crypto.ts';
import type { Ctx } from '../lib/context.ts';
import type { Actor } from '../modules/accounts/actor.ts';
import { resolveSession, resolveToken } from '../modules/accounts/accounts.service.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'gz_session';
/** Header carrying the CSRF token on unsafe requests made with the cookie. */
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** Reachable while a password change is pending. */
    allowPendingPasswordChange?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Resolves the caller from the session cookie or a bearer token, checks CSRF on cookie writes, refuses anonymous calls. */
export function registerAuth(app: FastifyInstance, deps: { db: Db; clock: Clock; idleMinutes: number }): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('preHandler', async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.url.startsWith('/api/')) return;
    const cfg = req.routeOptions.config ?? {};
    const auth = req.headers.authorization;
    const cookie = req.cookies?.[SESSION_COOKIE];
    try {
      if (auth?.startsWith('Bearer ')) {
        req.actor = await resolveToken(deps.db, deps.clock, auth.slice(7).trim(), req.ip);
      } else if (cookie) {
        const unsigned = req.unsignCookie(cookie);
        if (!unsigned.valid || !unsigned.value) throw new DomainError('UNAUTHENTICATED');
        const s = await resolveSession(deps.db, deps, unsigned.value, req.ip);
        req.actor = s.actor;
        req.csrfToken = s.csrfToken;
        if (UNSAFE.has(req.method) && !cfg.public && req.headers[CSRF_HEADER] !== s.csrfToken) throw new DomainError('CSRF_INVALID');
        if (s.mustChangePassword && !cfg.allowPendingPasswordChange && !cfg.public) throw new DomainError('PASSWORD_CHANGE_REQUIRED');
      }
    } catch (e) {
      if (cfg.public && e instanceof DomainError && (e.code === 'UNAUTHENTICATED' || e.code === 'SESSION_EXPIRED')) return;
      throw e;
    }
    if (!req.actor && !cfg.public) throw new DomainError('UNAUTHENTICATED');
  });
}

/** The use-case context of an authenticated request. */
export function ctxOf(req: FastifyRequest, deps: { keys: Keyring; clock: Clock }): Ctx {
  if (!req.actor) throw new DomainError('UNAUTHENTICATED');
  return { actor: req.actor, keys: deps.keys, clock: deps.clock };
}
