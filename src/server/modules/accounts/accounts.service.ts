import crypto from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { DomainError } from '../../../shared/errors.ts';
import { inTx, type Db } from '../../db/database.ts';
import type { Keyring } from '../../lib/crypto.ts';
import type { Clock } from '../../lib/clock.ts';
import { nowIso, type Ctx } from '../../lib/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { can, hasPermission, requireAt, requireScopes, SYSTEM_ACTOR, type Actor } from './actor.ts';
import { afterFailure, BUILTIN_ROLES, MAX_FAILED_LOGINS, PASSWORD_HISTORY, PASSWORD_MAX_AGE_DAYS, passwordStrongEnough, sessionExpired } from './accounts.ts';
import * as repo from './accounts.repository.ts';
import { currentGeneration, forgetActors, recall, remember } from './actor-cache.ts';
import { newId } from '../../../shared/ids.ts';

const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('base64url');
}

/** A transaction that changes accounts: the callers cached from before it are forgotten, before and after it. */
async function changeTx<T>(db: Db, fn: Parameters<typeof inTx<T>>[1]): Promise<T> {
  forgetActors();
  try {
    return await inTx(db, fn);
  } finally {
    forgetActors();
  }
}

/** A random password meeting the policy, for initial and reset passwords. */
export function generatePassword(): string {
  const alpha = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(14);
  let s = '';
  for (const b of bytes) s += alpha[b % alpha.length];
  return s.slice(0, 4) + '-' + s.slice(4, 9) + '-' + s.slice(9) + '7a';
}

/** Creates or refreshes the built-in roles. */
export async function ensureBuiltinRoles(db: Db, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  await changeTx(db, async (tx) => {
    for (const r of BUILTIN_ROLES) {
      await repo.upsertRole(tx, { id: newId(), key: r.key, nameZh: r.nameZh, nameEn: r.nameEn, permissions: r.permissions, adminClass: r.adminClass, builtin: true, now, by: null });
    }
  });
}

/** Loads a user's actor with grants. */
export async function actorFor(db: Db, userId: string, kind: 'user' | 'token', ip: string | null, sessionId: string | null): Promise<Actor | null> {
  const u = await repo.findUserById(db, userId);
  if (!u || u.disabled) return null;
  const grants = await repo.grantsOf(db, userId);
  return { kind, userId: u.id, username: u.username, displayName: u.displayName, grants, ip, sessionId };
}

/** Outcome of a successful sign-in. */
export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  userId: string;
  mustChangePassword: boolean;
}

/** Signs in: checks lockout and password, counts failures, locks after five, audits both outcomes. */
export async function login(db: Db, deps: { keys: Keyring; clock: Clock }, input: { username: string; password: string; ip: string | null; userAgent: string | null }): Promise<LoginResult> {
  const now = deps.clock.now();
  const nowS = now.toISOString();
  const anon: Actor = { ...SYSTEM_ACTOR, kind: 'user', username: input.username.slice(0, 64), displayName: input.username.slice(0, 64), grants: [], ip: input.ip };
  const failure = await inTx(db, async (tx) => {
    const u = await repo.findUserByName(tx, input.username);
    if (!u) {
      await argonHash('timing-equaliser', ARGON);
      await recordAudit(tx, { actor: anon, ...deps }, { action: 'auth.login', result: 'failure', detail: { why: 'unknown_user' } });
      return new DomainError('BAD_CREDENTIALS', { remaining: MAX_FAILED_LOGINS });
    }
    const actor: Actor = { ...anon, userId: u.id, username: u.username };
    if (u.lockedUntil && u.lockedUntil > nowS) {
      await recordAudit(tx, { actor, ...deps }, { action: 'auth.login', objectType: 'user', objectId: u.id, result: 'failure', detail: { why: 'locked' } });
      return new DomainError('ACCOUNT_LOCKED', { until: u.lockedUntil }, [], { lockedUntil: u.lockedUntil });
    }
    if (u.disabled) {
      await recordAudit(tx, { actor, ...deps }, { action: 'auth.login', objectType: 'user', objectId: u.id, result: 'failure', detail: { why: 'disabled' } });
      return new DomainError('ACCOUNT_DISABLED');
    }
    const ok = await argonVerify(u.passwordHash, input.password);
    if (!ok) {
      const prior = u.lockedUntil && u.lockedUntil <= nowS ? 0 : u.failedAttempts;
      const next = afterFailure(prior, now);
      await repo.updateUser(tx, u.id, { failed_attempts: next.failed, locked_until: next.lockedUntil }, nowS);
      await recordAudit(tx, { actor, ...deps }, { action: next.lockedUntil ? 'auth.lock' : 'auth.login', objectType: 'user', objectId: u.id, result: 'failure', detail: { why: 'bad_password', failedAttempts: next.failed } });
      return next.lockedUntil
        ? new DomainError('ACCOUNT_LOCKED', { until: next.lockedUntil }, [], { lockedUntil: next.lockedUntil })
        : new DomainError('BAD_CREDENTIALS', { remaining: MAX_FAILED_LOGINS - next.failed });
    }
    return null;
  });
  if (failure) throw failure;
  return inTx(db, async (tx) => {
    const u = (await repo.findUserByName(tx, input.username))!;
    const token = crypto.randomBytes(32).toString('base64url');
    const csrf = crypto.randomBytes(24).toString('base64url');
    const expired = now.getTime() - new Date(u.passwordChangedAt).getTime() > PASSWORD_MAX_AGE_DAYS * 86_400_000;
    await repo.updateUser(tx, u.id, { failed_attempts: 0, locked_until: null, last_login_at: nowS, ...(expired ? { must_change_password: 1 } : {}) }, nowS);
    await repo.insertSession(tx, { id: sha256(token), userId: u.id, csrf, now: nowS, ip: input.ip, ua: input.userAgent });
    const actor = (await actorFor(tx, u.id, 'user', input.ip, sha256(token)))!;
    await recordAudit(tx, { actor, ...deps }, { action: 'auth.login', objectType: 'user', objectId: u.id });
    return { sessionToken: token, csrfToken: csrf, userId: u.id, mustChangePassword: u.mustChangePassword || expired };
  });
}

/** Resolves a session cookie to its actor, enforcing the idle timeout; moves the idle clock. */
export async function resolveSession(db: Db, deps: { clock: Clock; idleMinutes: number }, token: string, ip: string | null): Promise<{ actor: Actor; csrfToken: string; mustChangePassword: boolean }> {
  const id = sha256(token);
  const key = `session:${id}`;
  const generation = currentGeneration();
  let hit = recall<{ s: NonNullable<Awaited<ReturnType<typeof repo.findSessionWithUser>>>; grants: Actor['grants'] }>(key);
  if (!hit) {
    const s = await repo.findSessionWithUser(db, id);
    if (!s) throw new DomainError('UNAUTHENTICATED');
    hit = { s, grants: s.disabled ? [] : await repo.grantsOf(db, s.user_id) };
  }
  const { s } = hit;
  const now = deps.clock.now();
  if (sessionExpired(s.last_seen_at, now, deps.idleMinutes)) {
    await repo.endSession(db, id, now.toISOString());
    throw new DomainError('SESSION_EXPIRED');
  }
  if (s.disabled) throw new DomainError('ACCOUNT_DISABLED');
  const actor: Actor = { kind: 'user', userId: s.user_id, username: s.username, displayName: s.display_name, grants: hit.grants, ip, sessionId: id };
  // The idle clock moves at most every 15 s, so reads do not each write.
  if (now.getTime() - new Date(s.last_seen_at).getTime() > 15_000) {
    await repo.touchSession(db, id, now.toISOString());
    hit = { ...hit, s: { ...s, last_seen_at: now.toISOString() } };
  }
  remember(key, hit, generation);
  return { actor, csrfToken: s.csrf_token, mustChangePassword: !!s.must_change_password };
}

/** Resolves a bearer API token to its owner's actor. */
export async function resolveToken(db: Db, clock: Clock, token: string, ip: string | null): Promise<Actor> {
  const key = `token:${sha256(token)}`;
  const generation = currentGeneration();
  let hit = recall<{ t: NonNullable<Awaited<ReturnType<typeof repo.findToken>>>; actor: Actor | null }>(key);
  if (!hit) {
    const t = await repo.findToken(db, key.slice(6));
    if (!t) throw new DomainError('UNAUTHENTICATED');
    hit = { t, actor: await actorFor(db, t.user_id, 'token', null, null) };
  }
  const { t, actor } = hit;
  const nowS = clock.now().toISOString();
  if (t.expires_at && t.expires_at < nowS) throw new DomainError('UNAUTHENTICATED');
  if (!actor) throw new DomainError('ACCOUNT_DISABLED');
  if (!t.last_used_at || clock.now().getTime() - new Date(t.last_used_at).getTime() > 60_000) {
    await repo.touchToken(db, t.id, nowS);
    hit = { ...hit, t: { ...t, last_used_at: nowS } };
  }
  remember(key, hit, generation);
  return { ...actor, ip };
}

/** Ends the caller's session. */
export async function logout(db: Db, ctx: Ctx): Promise<void> {
  if (!ctx.actor.sessionId) return;
  await changeTx(db, async (tx) => {
    await repo.endSession(tx, ctx.actor.sessionId!, nowIso(ctx));
    await recordAudit(tx, ctx, { action: 'auth.logout', objectType: 'user', objectId: ctx.actor.userId });
  });
}

/** Changes the caller's own password after checking the current one, the policy and the history. */
export async function changePassword(db: Db, ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const u = await repo.findUserById(db, ctx.actor.userId ?? '');
  if (!u) throw new DomainError('UNAUTHENTICATED');
  if (!(await argonVerify(u.passwordHash, input.currentPassword))) {
    throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'currentPassword', code: 'WRONG_PASSWORD', zh: '当前密码不正确', en: 'The current password is wrong' }]);
  }
  if (!passwordStrongEnough(input.newPassword)) throw new DomainError('WEAK_PASSWORD');
  for (const h of await repo.recentPasswordHashes(db, u.id, PASSWORD_HISTORY)) {
    if (await argonVerify(h, input.newPassword)) throw new DomainError('PASSWORD_REUSED');
  }
  const hashed = await argonHash(input.newPassword, ARGON);
  await changeTx(db, async (tx) => {
    const now = nowIso(ctx);
    await repo.updateUser(tx, u.id, { password_hash: hashed, password_changed_at: now, must_change_password: 0 }, now);
    await repo.pushPasswordHistory(tx, u.id, hashed, now);
    await repo.endUserSessions(tx, u.id, now, ctx.actor.sessionId ?? undefined);
    await recordAudit(tx, ctx, { action: 'user.password_change', objectType: 'user', objectId: u.id });
  });
}

/** A user as the API shows it. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
  grants: { id: string; roleKey: string; roleNameZh: string; roleNameEn: string; scopePath: string }[];
  abilities: { update: boolean; grant: boolean };
}

async function viewUser(db: Db, ctx: Ctx, u: repo.UserRecord): Promise<UserView> {
  const grants = await repo.grantsOf(db, u.id);
  return {
    id: u.id, username: u.username, displayName: u.displayName, disabled: u.disabled,
    locked: !!u.lockedUntil && u.lockedUntil > nowIso(ctx), mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt, version: u.version,
    grants: grants.map((g) => ({ id: g.grantId, roleKey: g.roleKey, roleNameZh: g.roleNameZh, roleNameEn: g.roleNameEn, scopePath: g.scopePath })),
    abilities: { update: hasPermission(ctx.actor, 'user.manage'), grant: hasPermission(ctx.actor, 'grant.manage') },
  };
}

/** The signed-in user's own profile with grants. */
export async function me(db: Db, ctx: Ctx): Promise<UserView> {
  const u = await repo.findUserById(db, ctx.actor.userId ?? '');
  if (!u) throw new DomainError('UNAUTHENTICATED');
  return viewUser(db, ctx, u);
}

/** Lists users for administrators. */
export async function listUsers(db: Db, ctx: Ctx, q: string | null, limit: number, offset: number) {
  if (!hasPermission(ctx.actor, 'user.manage') && !hasPermission(ctx.actor, 'grant.manage') && !hasPermission(ctx.actor, 'audit.read')) {
    throw new DomainError('FORBIDDEN', { permission: 'user.manage' });
  }
  const page = await repo.listUsers(db, q, limit, offset);
  return { total: page.total, items: await Promise.all(page.items.map((u) => viewUser(db, ctx, u))) };
}

/** Creates a user; with no password given, generates one and returns it once. Retried with the same id returns the first result. */
export async function createUser(db: Db, ctx: Ctx, input: { id?: string; username: string; displayName: string; password?: string; mustChangePassword?: boolean }): Promise<{ user: UserView; initialPassword: string | null; created: boolean }> {
  requireScopes(ctx.actor, 'user.manage');
  const id = input.id ?? newId();
  const existing = await repo.findUserById(db, id);
  if (existing) return { user: await viewUser(db, ctx, existing), initialPassword: null, created: false };
  if (!/^[A-Za-z0-9_.@-]{3,64}$/.test(input.username)) {
    throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'username', code: 'USERNAME_FORMAT', zh: '用户名为 3–64 位字母、数字或 _ . @ -', en: 'User names are 3–64 letters, digits or _ . @ -' }]);
  }
  if (await repo.findUserByName(db, input.username)) throw new DomainError('DUPLICATE', { detail: input.username }, [{ field: 'username', code: 'USERNAME_TAKEN', zh: '用户名已被使用', en: 'The user name is taken' }]);
  const password = input.password ?? generatePassword();
  if (!passwordStrongEnough(password)) throw new DomainError('WEAK_PASSWORD');
  const hashed = await argonHash(password, ARGON);
  return inTx(db, async (tx) => {
    await repo.insertUser(tx, { id, username: input.username, displayName: input.displayName, passwordHash: hashed, mustChange: input.mustChangePassword ?? true, now: nowIso(ctx), by: ctx.actor.userId });
    await recordAudit(tx, ctx, { action: 'user.create', objectType: 'user', objectId: id, detail: { username: input.username } });
    return { user: await viewUser(tx, ctx, (await repo.findUserById(tx, id))!), initialPassword: input.password ? null : password, created: true };
  });
}

/** Updates a user's name or disabled flag with compare-and-set; disabling ends their sessions. */
export async function updateUser(db: Db, ctx: Ctx, id: string, input: { version: number; displayName?: string; disabled?: boolean; unlock?: boolean }): Promise<UserView> {
  requireScopes(ctx.actor, 'user.manage');
  return changeTx(db, async (tx) => {
    const u = await repo.findUserById(tx, id);
    if (!u) throw new DomainError('NOT_FOUND');
    const now = nowIso(ctx);
    const n = await repo.updateUser(tx, id, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled ? 1 : 0 } : {}),
      ...(input.unlock ? { failed_attempts: 0, locked_until: null } : {}),
    }, now, input.version);
    if (n === 0) throw new DomainError('STALE', { currentVersion: u.version }, [], { currentVersion: u.version });
    if (input.disabled) await repo.endUserSessions(tx, id, now);
    await recordAudit(tx, ctx, { action: 'user.update', objectType: 'user', objectId: id, detail: { displayName: input.displayName, disabled: input.disabled, unlock: input.unlock } });
    return viewUser(tx, ctx, (await repo.findUserById(tx, id))!);
  });
}

/** Resets a user's password to a generated one that must be changed at next sign-in. */
export async function resetPassword(db: Db, ctx: Ctx, id: string): Promise<{ password: string }> {
  requireScopes(ctx.actor, 'user.manage');
  const password = generatePassword();
  const hashed = await argonHash(password, ARGON);
  await changeTx(db, async (tx) => {
    const u = await repo.findUserById(tx, id);
    if (!u) throw new DomainError('NOT_FOUND');
    const now = nowIso(ctx);
    await repo.updateUser(tx, id, { password_hash: hashed, password_changed_at: now, must_change_password: 1, failed_attempts: 0, locked_until: null }, now);
    await repo.pushPasswordHistory(tx, id, hashed, now);
    await repo.endUserSessions(tx, id, now);
    await recordAudit(tx, ctx, { action: 'user.password_reset', objectType: 'user', objectId: id });
  });
  return { password };
}

/** Grants a role over a scope; refuses to give one account two of the three administrator classes. */
export async function grantRole(db: Db, ctx: Ctx, input: { userId: string; roleKey: string; scopePath: string }): Promise<UserView> {
  requireAt(ctx.actor, 'grant.manage', input.scopePath);
  if (!/^\/(?:[^/]+\/)*$/.test(input.scopePath)) {
    throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'scopePath', code: 'SCOPE_FORMAT', zh: '范围路径格式应为 /511300/511302/', en: 'A scope path looks like /511300/511302/' }]);
  }
  return changeTx(db, async (tx) => {
    const u = await repo.findUserById(tx, input.userId);
    if (!u) throw new DomainError('NOT_FOUND');
    const role = (await repo.listRoles(tx)).find((r) => r.key === input.roleKey);
    if (!role) throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'roleKey', code: 'ROLE_UNKNOWN', zh: '角色不存在', en: 'No such role' }]);
    if (role.adminClass) {
      const held = (await repo.grantsOf(tx, u.id)).map((g) => g.adminClass).filter((c): c is string => !!c && c !== role.adminClass);
      if (held.length) throw new DomainError('SEPARATION_OF_DUTIES');
    }
    if (role.adminClass === 'audit' && u.id === ctx.actor.userId) throw new DomainError('SEPARATION_OF_DUTIES');
    await repo.insertGrant(tx, { id: newId(), userId: u.id, roleId: role.id, scopePath: input.scopePath, now: nowIso(ctx), by: ctx.actor.userId });
    await recordAudit(tx, ctx, { action: 'grant.add', objectType: 'user', objectId: u.id, scopePath: input.scopePath, detail: { role: role.key } });
    return viewUser(tx, ctx, u);
  });
}

/** Removes a grant. */
export async function revokeGrant(db: Db, ctx: Ctx, grantId: string): Promise<void> {
  requireScopes(ctx.actor, 'grant.manage');
  await changeTx(db, async (tx) => {
    const g = await tx.selectFrom('role_grant').select(['scope_path', 'user_id']).where('id', '=', grantId).executeTakeFirst();
    if (!g) throw new DomainError('NOT_FOUND');
    if (!can(ctx.actor, 'grant.manage', g.scope_path)) throw new DomainError('OUT_OF_SCOPE');
    await repo.deleteGrant(tx, grantId);
    await recordAudit(tx, ctx, { action: 'grant.remove', objectType: 'user', objectId: g.user_id, scopePath: g.scope_path, detail: { grantId } });
  });
}

/** All roles with their permissions. */
export async function listRoles(db: Db, ctx: Ctx) {
  if (!hasPermission(ctx.actor, 'grant.manage') && !hasPermission(ctx.actor, 'role.manage') && !hasPermission(ctx.actor, 'user.manage')) {
    throw new DomainError('FORBIDDEN', { permission: 'grant.manage' });
  }
  return repo.listRoles(db);
}

/** Issues an API token for the caller; the token text is shown once. */
export async function createApiToken(db: Db, ctx: Ctx, input: { name: string; expiresInDays?: number }): Promise<{ id: string; token: string }> {
  if (!ctx.actor.userId || ctx.actor.kind !== 'user') throw new DomainError('FORBIDDEN', { permission: 'session' });
  const token = 'gzt_' + crypto.randomBytes(32).toString('base64url');
  const id = newId();
  const now = ctx.clock.now();
  await inTx(db, async (tx) => {
    await repo.insertToken(tx, { id, userId: ctx.actor.userId!, name: input.name, hash: sha256(token), now: now.toISOString(), expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null });
    await recordAudit(tx, ctx, { action: 'token.create', objectType: 'api_token', objectId: id, detail: { name: input.name } });
  });
  return { id, token };
}

/** The caller's tokens. */
export async function listApiTokens(db: Db, ctx: Ctx) {
  return repo.listTokens(db, ctx.actor.userId ?? '');
}

/** Revokes one of the caller's tokens. */
export async function revokeApiToken(db: Db, ctx: Ctx, id: string): Promise<void> {
  await changeTx(db, async (tx) => {
    const n = await repo.revokeToken(tx, id, ctx.actor.userId, nowIso(ctx));
    if (n === 0) throw new DomainError('NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'token.revoke', objectType: 'api_token', objectId: id });
  });
}

/** On an empty database, creates the three separated administrators with one-time passwords. */
export async function bootstrapAdmins(db: Db, deps: { keys: Keyring; clock: Clock }): Promise<{ username: string; role: string; password: string }[] | null> {
  await ensureBuiltinRoles(db, deps.clock);
  if ((await repo.countUsers(db)) > 0) return null;
  const ctx: Ctx = { actor: SYSTEM_ACTOR, ...deps };
  const out: { username: string; role: string; password: string }[] = [];
  for (const [username, displayName, role] of [
    ['sysadmin', '系统管理员', 'system_admin'],
    ['secadmin', '安全管理员', 'security_admin'],
    ['auditor', '审计管理员', 'audit_admin'],
  ] as const) {
    const r = await createUser(db, ctx, { username, displayName, mustChangePassword: true });
    await grantRole(db, ctx, { userId: r.user.id, roleKey: role, scopePath: '/' });
    out.push({ username, role, password: r.initialPassword! });
  }
  return out;
}

/** Creates a user with grants directly (demo data and tests), bypassing the one-time password. */
export async function createUserWithGrants(db: Db, deps: { keys: Keyring; clock: Clock }, input: { username: string; displayName: string; password: string; grants: { roleKey: string; scopePath: string }[] }): Promise<string> {
  const ctx: Ctx = { actor: SYSTEM_ACTOR, ...deps };
  const r = await createUser(db, ctx, { username: input.username, displayName: input.displayName, password: input.password, mustChangePassword: false });
  for (const g of input.grants) await grantRole(db, ctx, { userId: r.user.id, ...g });
  return r.user.id;
}
