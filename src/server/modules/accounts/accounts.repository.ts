import type { Db } from '../../db/database.ts';
import type { ActorGrant } from './actor.ts';

/** A user row as the service needs it. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  passwordChangedAt: string;
  mustChangePassword: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
}

type UserRow = {
  id: string; username: string; display_name: string; password_hash: string; password_changed_at: string;
  must_change_password: number; failed_attempts: number; locked_until: string | null; disabled: number;
  last_login_at: string | null; version: number; created_at: string;
};

function toUser(r: UserRow): UserRecord {
  return {
    id: r.id, username: r.username, displayName: r.display_name, passwordHash: r.password_hash,
    passwordChangedAt: r.password_changed_at, mustChangePassword: !!r.must_change_password,
    failedAttempts: r.failed_attempts, lockedUntil: r.locked_until, disabled: !!r.disabled,
    lastLoginAt: r.last_login_at, version: r.version, createdAt: r.created_at,
  };
}

/** Finds a user by login name. */
export async function findUserByName(db: Db, username: string): Promise<UserRecord | null> {
  const r = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? toUser(r as UserRow) : null;
}

/** Finds a user by id. */
export async function findUserById(db: Db, id: string): Promise<UserRecord | null> {
  const r = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toUser(r as UserRow) : null;
}

/** Lists users, optionally filtered by a name fragment. */
export async function listUsers(db: Db, q: string | null, limit: number, offset: number): Promise<{ items: UserRecord[]; total: number }> {
  let sel = db.selectFrom('app_user');
  if (q) sel = sel.where((eb) => eb.or([eb('username', 'like', `%${q}%`), eb('display_name', 'like', `%${q}%`)]));
  const total = await sel.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await sel.selectAll().orderBy('username').limit(limit).offset(offset).execute();
  return { items: rows.map((r) => toUser(r as UserRow)), total: Number(total.n) };
}

/** Inserts a user. */
export async function insertUser(db: Db, u: { id: string; username: string; displayName: string; passwordHash: string; mustChange: boolean; now: string; by: string | null }): Promise<void> {
  await db.insertInto('app_user').values({
    id: u.id, username: u.username, display_name: u.displayName, password_hash: u.passwordHash, password_changed_at: u.now,
    must_change_password: u.mustChange ? 1 : 0, locked_until: null, last_login_at: null, created_at: u.now, updated_at: u.now, created_by: u.by,
  }).execute();
  await db.insertInto('password_history').values({ user_id: u.id, password_hash: u.passwordHash, created_at: u.now }).execute();
}

/** Applies a partial update to a user with compare-and-set on version when given; returns rows changed. */
export async function updateUser(
  db: Db,
  id: string,
  patch: Partial<{ display_name: string; password_hash: string; password_changed_at: string; must_change_password: number; failed_attempts: number; locked_until: string | null; disabled: number; last_login_at: string }>,
  now: string,
  expectVersion?: number,
): Promise<number> {
  let q = db.updateTable('app_user').set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) })).where('id', '=', id);
  if (expectVersion !== undefined) q = q.where('version', '=', expectVersion);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Records a new password in the history and keeps only the newest `keep`. */
export async function pushPasswordHistory(db: Db, userId: string, hash: string, now: string): Promise<void> {
  await db.insertInto('password_history').values({ user_id: userId, password_hash: hash, created_at: now }).execute();
}

/** The newest password hashes of a user. */
export async function recentPasswordHashes(db: Db, userId: string, keep: number): Promise<string[]> {
  const rows = await db.selectFrom('password_history').select('password_hash').where('user_id', '=', userId).orderBy('created_at', 'desc').limit(keep).execute();
  return rows.map((r) => r.password_hash);
}

/** The user's grants with their role's permissions. */
export async function grantsOf(db: Db, userId: string): Promise<(ActorGrant & { grantId: string; roleId: string; roleNameZh: string; roleNameEn: string })[]> {
  const rows = await db
    .selectFrom('role_grant')
    .innerJoin('role', 'role.id', 'role_grant.role_id')
    .select(['role_grant.id as grantId', 'role.id as roleId', 'role.key', 'role.admin_class', 'role.permissions', 'role.name_zh', 'role.name_en', 'role_grant.scope_path'])
    .where('role_grant.user_id', '=', userId)
    .orderBy('role_grant.scope_path')
    .execute();
  return rows.map((r) => ({
    grantId: r.grantId, roleId: r.roleId, roleKey: r.key, adminClass: r.admin_class, scopePath: r.scope_path,
    permissions: JSON.parse(r.permissions) as string[], roleNameZh: r.name_zh, roleNameEn: r.name_en,
  }));
}

/** A role row mapped. */
export interface RoleRecord { id: string; key: string; nameZh: string; nameEn: string; permissions: string[]; adminClass: string | null; builtin: boolean; version: number }

/** All roles. */
export async function listRoles(db: Db): Promise<RoleRecord[]> {
  const rows = await db.selectFrom('role').selectAll().orderBy('key').execute();
  return rows.map((r) => ({ id: r.id, key: r.key, nameZh: r.name_zh, nameEn: r.name_en, permissions: JSON.parse(r.permissions), adminClass: r.admin_class, builtin: !!r.builtin, version: r.version }));
}

/** Inserts or refreshes a role by key (built-ins are refreshed at start so new permissions arrive). */
export async function upsertRole(db: Db, r: { id: string; key: string; nameZh: string; nameEn: string; permissions: string[]; adminClass: string | null; builtin: boolean; now: string; by: string | null }): Promise<void> {
  const existing = await db.selectFrom('role').select(['id', 'name_zh', 'name_en', 'permissions', 'admin_class']).where('key', '=', r.key).executeTakeFirst();
  if (existing) {
    const same = existing.name_zh === r.nameZh && existing.name_en === r.nameEn && existing.permissions === JSON.stringify(r.permissions) && existing.admin_class === r.adminClass;
    // Started instances refresh the built-ins; an unchanged role keeps its version.
    if (same) return;
    await db.updateTable('role').set((eb) => ({ name_zh: r.nameZh, name_en: r.nameEn, permissions: JSON.stringify(r.permissions), admin_class: r.adminClass, updated_at: r.now, version: eb('version', '+', 1) })).where('id', '=', existing.id).execute();
  } else {
    await db.insertInto('role').values({ id: r.id, key: r.key, name_zh: r.nameZh, name_en: r.nameEn, permissions: JSON.stringify(r.permissions), admin_class: r.adminClass, builtin: r.builtin ? 1 : 0, created_at: r.now, updated_at: r.now, created_by: r.by }).execute();
  }
}

/** Inserts a grant; ignores an identical existing one. */
export async function insertGrant(db: Db, g: { id: string; userId: string; roleId: string; scopePath: string; now: string; by: string | null }): Promise<boolean> {
  const dup = await db.selectFrom('role_grant').select('id').where('user_id', '=', g.userId).where('role_id', '=', g.roleId).where('scope_path', '=', g.scopePath).executeTakeFirst();
  if (dup) return false;
  await db.insertInto('role_grant').values({ id: g.id, user_id: g.userId, role_id: g.roleId, scope_path: g.scopePath, created_at: g.now, created_by: g.by }).execute();
  return true;
}

/** Deletes a grant; returns whether one was removed. */
export async function deleteGrant(db: Db, grantId: string): Promise<{ userId: string; scopePath: string } | null> {
  const g = await db.selectFrom('role_grant').select(['user_id', 'scope_path']).where('id', '=', grantId).executeTakeFirst();
  if (!g) return null;
  await db.deleteFrom('role_grant').where('id', '=', grantId).execute();
  return { userId: g.user_id, scopePath: g.scope_path };
}

/** Stores a new session. */
export async function insertSession(db: Db, s: { id: string; userId: string; csrf: string; now: string; ip: string | null; ua: string | null }): Promise<void> {
  await db.insertInto('user_session').values({ id: s.id, user_id: s.userId, csrf_token: s.csrf, created_at: s.now, last_seen_at: s.now, ip: s.ip, user_agent: s.ua, ended_at: null }).execute();
}

/** A live session row. */
export async function findSession(db: Db, id: string) {
  return db.selectFrom('user_session').selectAll().where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
}

/** A live session joined with the fields of its user that every request needs, in one query. */
export async function findSessionWithUser(db: Db, id: string) {
  return db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['user_session.id', 'user_session.user_id', 'user_session.csrf_token', 'user_session.last_seen_at', 'app_user.username', 'app_user.display_name', 'app_user.disabled', 'app_user.must_change_password'])
    .where('user_session.id', '=', id)
    .where('user_session.ended_at', 'is', null)
    .executeTakeFirst();
}

/** Moves a session's idle clock. */
export async function touchSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Ends one session. */
export async function endSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('user_session').set({ ended_at: now }).where('id', '=', id).execute();
}

/** Ends every session of a user (password change, disable, grant change). */
export async function endUserSessions(db: Db, userId: string, now: string, exceptId?: string): Promise<void> {
  let q = db.updateTable('user_session').set({ ended_at: now }).where('user_id', '=', userId).where('ended_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

/** Stores an API token's hash. */
export async function insertToken(db: Db, t: { id: string; userId: string; name: string; hash: string; now: string; expiresAt: string | null }): Promise<void> {
  await db.insertInto('api_token').values({ id: t.id, user_id: t.userId, name: t.name, token_hash: t.hash, created_at: t.now, expires_at: t.expiresAt, last_used_at: null, revoked_at: null }).execute();
}

/** A live token by hash. */
export async function findToken(db: Db, hash: string) {
  return db.selectFrom('api_token').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
}

/** Tokens of a user (no hashes). */
export async function listTokens(db: Db, userId: string) {
  return db.selectFrom('api_token').select(['id', 'name', 'created_at', 'expires_at', 'last_used_at', 'revoked_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

/** Revokes a token. */
export async function revokeToken(db: Db, id: string, userId: string | null, now: string): Promise<number> {
  let q = db.updateTable('api_token').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null);
  if (userId) q = q.where('user_id', '=', userId);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Marks a token used. */
export async function touchToken(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Number of users (first-start detection). */
export async function countUsers(db: Db): Promise<number> {
  const r = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
